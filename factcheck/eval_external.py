"""Measured against outside judges: the checker scored on external development sets.

The sets live in ``../shared/external`` (see its README: evaluation only; nothing from
them is copied into the project). Each set is one function ``(checker, root) -> parts``
registered in :data:`EXTERNAL_SETS`; ``parts`` maps a part name (``tune``, ``check``,
``all``) to measures, each a :class:`~factcheck.evaluate.Score` of a binary decision
over units (articles, sentences). Adding a set is one function plus one dict entry.

Units are split deterministically into a **tuning** half and a **check** half by the
parity of the first byte of the SHA-256 of their id (:func:`part_of`): rules are tuned
on the first only, and both are reported, so the check half shows how far the tuning
generalises.

``fakehealth``: press releases reviewed by HealthNewsReview.org. For each of the ten
criteria the positive class is the reviewers' ``not_satisfactory`` (for
disease-mongering and sensational language: the release commits it), predicted when
the report has a finding of the criterion's rule; ``not_applicable`` answers are
dropped. Every measure is reported beside the trivial always-flag answer.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from .errors import InputError
from .evaluate import Score

PARTS = ("tune", "check", "all")


def part_of(unit_id: str) -> str:
    """``tune`` or ``check``: the deterministic half a unit belongs to."""
    return "tune" if hashlib.sha256(unit_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the external set ({exc.strerror or exc})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as exc:
            raise InputError(str(path), f"line {number}: not JSON ({exc})") from None
    return rows


def always_flag(score: Score) -> Score:
    """The trivial answer on the same units: flag every one."""
    return Score(tp=score.tp + score.fn, fp=score.fp + score.tn)


def fakehealth(checker, root: Path) -> dict[str, dict[str, Score]]:
    """The ten HealthNewsReview criteria on the FakeHealth development releases."""
    from .article_checks import CRITERION_RULES
    from .source import source_from_bytes

    path = root / "fakehealth-dev" / "releases.jsonl"
    parts: dict[str, dict[str, Score]] = {p: {c: Score() for c in CRITERION_RULES} for p in PARTS}
    for row in _read_jsonl(path):
        try:
            unit, text, answers = row["id"], f"{row['title']}\n\n{row['text']}", row["criteria"]
        except (KeyError, TypeError):
            raise InputError(str(path), "a release lacks id, title, text or criteria") from None
        report = checker.check(source_from_bytes(text.encode("utf-8"), f"fakehealth/{unit}.txt", "txt"))
        codes = {f["code"] for f in report["findings"]}
        for criterion, code in CRITERION_RULES.items():
            answer = answers.get(criterion, "not_applicable")
            if answer == "not_applicable":
                continue
            gold, predicted = answer == "not_satisfactory", code in codes
            one = Score(tp=gold and predicted, fp=predicted and not gold, fn=gold and not predicted,
                        tn=not gold and not predicted)
            for part in (part_of(unit), "all"):
                parts[part][criterion].add(one)
    return parts


EXTERNAL_SETS: dict[str, Callable[[Any, Path], dict[str, dict[str, Score]]]] = {
    "fakehealth": fakehealth,
}


def default_root() -> Path:
    """``../shared/external`` beside the repository."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "external"


def evaluate_external(name: str, checker, root: Path | None = None) -> dict[str, Any]:
    """The figures of one external set, per part and measure, beside the always-flag answer."""
    if name not in EXTERNAL_SETS:
        raise InputError(name, f"no such external set (known: {', '.join(sorted(EXTERNAL_SETS))})")
    parts = EXTERNAL_SETS[name](checker, root or default_root())
    return {
        "external": name,
        "parts": {
            part: {
                measure: {**score.as_binary_dict(), "always_flag": always_flag(score).as_binary_dict()}
                for measure, score in measures.items()
            }
            for part, measures in parts.items()
        },
    }


def render_external_text(result: dict[str, Any]) -> str:
    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    out = [f"factcheck eval --external {result['external']} (positive: the problem is there)"]
    for part, measures in result["parts"].items():
        out += ["", f"  {part}:", f"    {'measure':<22} {'n':>4}  {'P':>5}  {'R':>5}  {'F1':>5}  {'BA':>5}  {'MCC':>6}   always-flag F1"]
        for measure, s in measures.items():
            n = s["tp"] + s["fp"] + s["fn"] + s["tn"]
            out.append(
                f"    {measure:<22} {n:>4}  {fmt(s['precision'])}  {fmt(s['recall'])}  {fmt(s['f1'])}  "
                f"{fmt(s['balanced_accuracy'])}  {s['mcc']:>6.3f}   {fmt(s['always_flag']['f1'])}"
                f"   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']}, tn {s['tn']})"
            )
    return "\n".join(out) + "\n"
