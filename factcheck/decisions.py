"""Editorial decisions from the review page, applied as a baseline the next check honours.

The review page exports ``decisions.json``::

    {"factcheck_decisions": 1, "decisions": [
      {"path": "posts/a.md", "sha256": "…", "finding": "F003", "code": "HC201",
       "quote": "groundbreaking", "decision": "dismissed", "reason": "quoted from a critic"}]}

``decision`` is ``accepted`` (the finding is right; the text will change), ``dismissed``
(the finding does not apply here; a reason is required) or ``fixed`` (the text was
changed). Applying them adds each dismissed finding to a baseline file, keyed as
baselines are by (path, rule code, normalised quote), so ``factcheck check
--baseline FILE`` no longer fails on it while any new finding still does; the reason is
kept beside the entry. Accepted and fixed findings are left to fail until the text
changes. A decision is recorded once, in the baseline under version control.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from .baseline import key, read_json
from .errors import FactcheckError

DECISIONS_VERSION = 1
DECISIONS = ("accepted", "dismissed", "fixed")


class DecisionsError(FactcheckError):
    """A decisions file that cannot be read or is not one the review page writes."""


def load_decisions(path: str) -> list[dict[str, Any]]:
    data = read_json(path, DecisionsError, "no such decisions file (export one from the review page)")
    if not isinstance(data, dict) or data.get("factcheck_decisions") != DECISIONS_VERSION or not isinstance(data.get("decisions"), list):
        raise DecisionsError(path, f'not a factcheck decisions file (expected {{"factcheck_decisions": {DECISIONS_VERSION}, "decisions": [...]}})')
    out = []
    for i, item in enumerate(data["decisions"]):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("path", "code", "decision")):
            raise DecisionsError(path, f"decision {i} needs path, code and decision")
        if item["decision"] not in DECISIONS:
            raise DecisionsError(path, f"decision {i}: {item['decision']!r} is not one of {', '.join(DECISIONS)}")
        if not isinstance(item.get("quote", ""), str) or not isinstance(item.get("reason", ""), str):
            raise DecisionsError(path, f"decision {i}: quote and reason must be strings")
        if item["decision"] == "dismissed" and not item.get("reason", "").strip():
            raise DecisionsError(path, f"decision {i} dismisses {item['code']} in {item['path']} without a reason")
        out.append(item)
    return out


def read_baseline(path: str) -> tuple[Counter, dict[tuple[str, str, str], str]]:
    """An existing baseline's counts and reasons (empty when the file does not exist yet)."""
    from .baseline import load

    if not Path(path).exists():
        return Counter(), {}
    tally = load(path)
    reasons = {}
    for entry in json.loads(Path(path).read_text(encoding="utf-8"))["entries"]:
        if isinstance(entry.get("reason"), str):
            reasons[key(entry["path"], entry)] = entry["reason"]
    return tally, reasons


def apply(decisions: list[dict[str, Any]], tally: Counter, reasons: dict) -> tuple[Counter, dict, Counter]:
    """The baseline with every dismissed finding added (once per decision not already in it)."""
    merged = Counter(tally)
    wanted: Counter = Counter()
    outcome: Counter = Counter()
    for item in decisions:
        outcome[item["decision"]] += 1
        if item["decision"] != "dismissed":
            continue
        k = key(item["path"], item)
        wanted[k] += 1
        reasons = {**reasons, k: item["reason"].strip()}
    for k, n in wanted.items():
        merged[k] = max(merged[k], n)
    return merged, reasons, outcome
