"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::message`` with
``warning`` for warnings and ``notice`` for info. As GitHub specifies, ``%``, CR and LF
are escaped (``%25``, ``%0D``, ``%0A``) in the message, and additionally ``:`` and ``,``
(``%3A``, ``%2C``) in property values. ``col``/``endColumn`` are given only when the
finding starts and ends on one line (GitHub ignores them otherwise); ``endColumn`` is
the column of the last character (inclusive). Whole-article findings point at line 1.
When a baseline is used, only new findings are annotated. Suppressed findings never are.
"""

from __future__ import annotations

from . import shown
from .common import claim_of, folded, repo_path, visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """GitHub's escapes, after control characters are made visible (an ESC in a runner's
    log would recolour or rewrite it)."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _line(report: dict, finding: dict) -> str:
    props = [("file", repo_path(report["input"]["path"]))]
    span = finding["span"]
    if span is None:
        props.append(("line", "1"))
    else:
        props += [("line", str(span["line"])), ("endLine", str(span["end_line"]))]
        if span["line"] == span["end_line"]:
            props += [("col", str(span["column"])), ("endColumn", str(max(span["column"], span["end_column"] - 1)))]
    props.append(("title", f"{finding['code']} {finding['rule']}"))
    message = finding["message"]
    claim = claim_of(report, finding)
    if claim and claim.get("suggested_wording"):
        message += f"\nSuggested: {folded(claim['suggested_wording'])}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[finding['severity']]} {head}::{escape_data(message)}"


def render_chunk(report: dict, options, first: bool) -> str:
    lines = [
        _line(report, f)
        for f in shown(report["findings"], options)
        if not (options.baseline and f.get("baseline") == "unchanged")
    ]
    return "".join(line + "\n" for line in lines)


def render(reports: list[dict], options) -> str:
    return "".join(render_chunk(r, options, i == 0) for i, r in enumerate(reports))
