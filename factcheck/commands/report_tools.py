"""``factcheck report show`` and ``factcheck report diff``: reviewing saved JSON reports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..baseline import diff, key, normalise_path, normalise_quote
from ..formats.common import one_line, visible
from ..errors import InputError
from ..validate import report_problems


def load_reports(path: str) -> list[dict[str, Any]]:
    """The reports in a saved ``--format json`` (one report or a set) or ``jsonl`` file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    try:
        data = json.loads(text)
        items = data["reports"] if isinstance(data, dict) and "reports" in data and "claims" not in data else [data]
    except json.JSONDecodeError as exc:
        try:  # JSON Lines
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise InputError(path, f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    for i, report in enumerate(items):
        problems = report_problems(report)
        if problems:
            raise InputError(path, f"report {i} is not a valid factcheck report: {problems[0]}")
    return items


def article_text(report: dict[str, Any], base: Path) -> str | None:
    """The article's text, when its file still exists (as given, or beside the report) and its sha256 matches."""
    name = report["input"]["path"]
    for candidate in (Path(name), base / name):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == report["input"]["sha256"]:
            return data.decode("utf-8-sig")
    return None


VERDICT_CODES = frozenset({"HC101", "HC102", "HC103", "HC104"})


def changed_verdicts(result: dict[str, list[dict[str, Any]]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs (old, new) of verdict findings on the same sentence whose rule changed
    (say HC102 unsupported to HC101 overstated): one change, not a fix and a new finding."""
    fixed = {}
    for f in result["fixed"]:
        if f["code"] in VERDICT_CODES:
            fixed.setdefault((normalise_path(f["path"]), normalise_quote(f.get("quote"))), f)
    pairs = []
    for f in result["new"]:
        if f["code"] not in VERDICT_CODES:
            continue
        old = fixed.pop((normalise_path(f["path"]), normalise_quote(f.get("quote"))), None)
        if old is not None:
            pairs.append((old, f))
    return pairs


def _diff_line(f: dict[str, Any], note: str = "") -> str:
    where = f"{f['span']['line']}:{f['span']['column']}" if f["span"] else "-"
    quote = one_line(f.get("quote"))
    if len(quote) > 80:
        quote = quote[:77] + "…"
    return f"  {visible(f['path'])}:{where}  {f['severity']:<7} {f['code']}  {note}{one_line(f['message'])}" + (f"  “{quote}”" if quote else "")


def diff_text(result: dict[str, list[dict[str, Any]]], show_all: bool = False) -> str:
    """What changed: new findings, fixed ones and changed verdicts; unchanged ones are
    counted, and listed only with ``show_all``."""
    pairs = changed_verdicts(result)
    paired = {id(f) for pair in pairs for f in pair}
    new = [f for f in result["new"] if id(f) not in paired]
    fixed = [f for f in result["fixed"] if id(f) not in paired]
    lines = [f"{len(new)} new, {len(fixed)} fixed, {len(pairs)} changed verdict{'s' if len(pairs) != 1 else ''}, "
             f"{len(result['unchanged'])} unchanged" + ("" if show_all or not result["unchanged"] else " (--all lists them)")]
    sections = [("new", [_diff_line(f) for f in new]), ("fixed", [_diff_line(f) for f in fixed]),
                ("changed verdict", [_diff_line(n, f"was {o['code']} {o['rule']}; now ") for o, n in pairs])]
    if show_all:
        sections.append(("unchanged", [_diff_line(f) for f in result["unchanged"]]))
    for title, entries in sections:
        if entries:
            lines += [f"{title}:"] + entries
    return "\n".join(lines) + "\n"


def diff_json(result: dict[str, list[dict[str, Any]]]) -> str:
    out = {state: [{"path": f["path"], "code": f["code"], "severity": f["severity"], "span": f["span"], "quote": f["quote"],
                    "message": f["message"], "key": list(key(f["path"], f))} for f in result[state]]
           for state in ("fixed", "new", "unchanged")}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


__all__ = ["load_reports", "article_text", "diff", "diff_text", "diff_json"]
