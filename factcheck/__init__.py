"""factcheck: find the health claims in an article and check them against a curated evidence registry.

The library API::

    from factcheck import Checker
    checker = Checker()                      # builds the pipeline, registry and index once
    report = checker.check_text(text, format="md", path="post.md")
    report.to_json()                         # what `factcheck check post.md --format json` writes

The package is kept light at import time: ``Checker`` and ``Report`` are imported on
first use, so ``import factcheck`` (and ``factcheck --help``) never imports spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
TOOL_NAME = "factcheck"
__all__ = ["Checker", "Report", "__version__"]

if TYPE_CHECKING:
    from .checker import Checker
    from .report import Report


def __getattr__(name: str) -> Any:
    if name == "Checker":
        from .checker import Checker

        return Checker
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
