"""``factcheck report show`` and ``factcheck report diff``: reviewing saved JSON reports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..baseline import diff, key
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


def diff_text(result: dict[str, list[dict[str, Any]]]) -> str:
    lines = [f"{len(result['fixed'])} fixed, {len(result['new'])} new, {len(result['unchanged'])} unchanged"]
    for state in ("new", "fixed", "unchanged"):
        if not result[state]:
            continue
        lines.append(f"{state}:")
        for f in result[state]:
            where = f"{f['span']['line']}:{f['span']['column']}" if f["span"] else "-"
            quote = " ".join((f.get("quote") or "").split())
            if len(quote) > 80:
                quote = quote[:77] + "…"
            lines.append(f"  {f['path']}:{where}  {f['severity']:<7} {f['code']}  {f['message']}" + (f"  “{quote}”" if quote else ""))
    return "\n".join(lines) + "\n"


def diff_json(result: dict[str, list[dict[str, Any]]]) -> str:
    out = {state: [{"path": f["path"], "code": f["code"], "severity": f["severity"], "span": f["span"], "quote": f["quote"],
                    "message": f["message"], "key": list(key(f["path"], f))} for f in result[state]]
           for state in ("fixed", "new", "unchanged")}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


__all__ = ["load_reports", "article_text", "diff", "diff_text", "diff_json"]
