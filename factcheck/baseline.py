"""Baselines: accept today's findings so that only new ones fail the run.

A finding's key is (path, rule code, normalised quote): the path as shown in the
report (POSIX separators), the code, and the quote with white space folded and case
folded. Line numbers are not part of the key, so a baseline survives edits elsewhere
in the article. The file stores each key with a count; when an article has more
findings with a key than the baseline allows, the first ones (in article order) are
``unchanged`` and the rest are ``new``. The same key drives ``report diff`` and the
SARIF ``partialFingerprints``.

File format (JSON, sorted, one entry per key)::

    {"factcheck_baseline": 1, "entries": [{"path": "a.md", "code": "HC102", "quote": "...", "count": 1}]}
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePath
from typing import Any, Iterable

from .errors import FactcheckError

FORMAT_VERSION = 1


class BaselineError(FactcheckError):
    """A baseline file that cannot be read or is not a factcheck baseline."""


def normalise_path(path: str) -> str:
    posix = PurePath(path).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def normalise_quote(quote: str | None) -> str:
    return " ".join((quote or "").split()).casefold()


def key(path: str, finding: dict[str, Any]) -> tuple[str, str, str]:
    return (normalise_path(path), finding["code"], normalise_quote(finding.get("quote")))


def fingerprint(path: str, finding: dict[str, Any]) -> str:
    """A stable hash of the key (for SARIF partialFingerprints)."""
    return hashlib.sha256("\0".join(key(path, finding)).encode("utf-8")).hexdigest()[:32]


def counts(reports: Iterable[dict[str, Any]]) -> Counter:
    tally: Counter = Counter()
    for report in reports:
        for finding in report["findings"]:
            tally[key(report["input"]["path"], finding)] += 1
    return tally


def dump(tally: Counter) -> str:
    entries = [
        {"path": p, "code": c, "quote": q, "count": n} for (p, c, q), n in sorted(tally.items()) if n > 0
    ]
    return json.dumps({"factcheck_baseline": FORMAT_VERSION, "entries": entries}, ensure_ascii=False, indent=2) + "\n"


def load(path: str) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(path, "no such baseline file (create one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("factcheck_baseline") != FORMAT_VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(path, f"not a factcheck baseline (expected {{\"factcheck_baseline\": {FORMAT_VERSION}, \"entries\": [...]}})")
    tally: Counter = Counter()
    for i, entry in enumerate(data["entries"]):
        try:
            where, code, quote, count = entry["path"], entry["code"], entry["quote"], entry["count"]
        except (KeyError, TypeError):
            raise BaselineError(path, f"entry {i} needs path, code, quote and count") from None
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise BaselineError(path, f"entry {i}: count must be a whole number of findings (0 or more), not {count!r}")
        if not all(isinstance(v, str) for v in (where, code)) or not isinstance(quote, (str, type(None))):
            raise BaselineError(path, f"entry {i}: path and code must be strings, quote a string or null")
        tally[(normalise_path(where), code, normalise_quote(quote))] += count
    return tally


def mark(report: dict[str, Any], baseline: Counter) -> dict[str, Any]:
    """Set ``baseline`` on each finding of ``report`` to ``unchanged`` or ``new`` (in place)."""
    used: Counter = Counter()
    for finding in report["findings"]:
        k = key(report["input"]["path"], finding)
        used[k] += 1
        finding["baseline"] = "unchanged" if used[k] <= baseline.get(k, 0) else "new"
    return report


def diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Findings of ``new`` that are new or unchanged against ``old``, and those of ``old`` now fixed."""
    before = counts(old)
    after = counts(new)
    result: dict[str, list[dict[str, Any]]] = {"fixed": [], "new": [], "unchanged": []}
    seen: Counter = Counter()
    for report in new:
        for finding in report["findings"]:
            k = key(report["input"]["path"], finding)
            seen[k] += 1
            state = "unchanged" if seen[k] <= before.get(k, 0) else "new"
            result[state].append({"path": report["input"]["path"], **finding})
    gone: Counter = Counter()
    for report in old:
        for finding in report["findings"]:
            k = key(report["input"]["path"], finding)
            gone[k] += 1
            if gone[k] > after.get(k, 0):
                result["fixed"].append({"path": report["input"]["path"], **finding})
    return result
