"""YAML loading that never executes anything and reports errors as one line.

``yaml.safe_load`` refuses ``!!python`` tags; the error is turned into a
:class:`~factcheck.errors.FactcheckError` naming the file and the line.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser with PyYAML's safe constructor: the same safety (no ``!!python``
# tags) and errors with marks, about ten times faster than the pure-Python parser,
# which dominated start-up (the registry and lexicons are parsed on every run).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (for finding the line of a field), parsed safely."""
    return yaml.compose(text, Loader=SafeLoader)


def load_yaml(text: str, where: str, error: type) -> Any:
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if "python" in str(exc).lower() and "tag" in str(exc).lower():
            problem = f"refused a non-standard YAML tag ({problem})"
        raise error(where, f"{line}{problem}") from None
    except yaml.YAMLError as exc:
        raise error(where, f"invalid YAML: {exc}") from None
