"""Access to data shipped inside the package (lexicons, schemas, the bundled registry).

Everything is read through :mod:`importlib.resources`, so an installed wheel works
from any directory. When running from a source checkout without installation, the
bundled registry lives in the top-level ``claims/`` folder instead of
``factcheck/claims``; :func:`bundled_registry_dir` covers both.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def read_text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``factcheck/schemas`` (e.g. ``report``, ``registry``)."""
    return json.loads(read_text("factcheck.schemas", f"{name}.schema.json"))


def lexicon_text(name: str) -> str:
    return read_text("factcheck.lexicons", f"{name}.yaml")


def bundled_registry_dir() -> Path:
    """The directory of the registry that ships with the package."""
    installed = Path(str(resources.files("factcheck"))) / "claims"
    if (installed / "registry.yaml").is_file():
        return installed
    source_checkout = Path(__file__).resolve().parent.parent / "claims"
    return source_checkout
