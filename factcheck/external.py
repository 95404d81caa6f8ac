"""Evaluation on external, human-labelled health text (``../shared/external``).

These sets were labelled by other people for other purposes, so they measure what the
checker does on text nobody here wrote. They are read at run time and never copied
into the project. :data:`EXTERNAL_SETS` maps a set's name (``factcheck eval
--external NAME``) to where its file lives and how it is scored.

To keep tuning honest, every set is split deterministically into two halves by a
hash of each row's id: rules may be tuned on the ``tune`` half only, and the
``check`` half says whether a change generalises. Both halves are always reported.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from .errors import InputError

HALVES = ("tune", "check")
RELATIONS = ("correlational", "conditional_causal", "direct_causal")


def half_of(key: str) -> str:
    """``tune`` or ``check``: a fixed split by the first byte of the SHA-256 of ``key``."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


@dataclass(frozen=True)
class Binary:
    """Counts of a yes/no prediction against gold."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, pairs: Iterable[tuple[bool, bool]]) -> "Binary":
        counts = Counter((bool(g), bool(p)) for g, p in pairs)
        return cls(counts[True, True], counts[False, True], counts[True, False], counts[False, False])

    def as_dict(self) -> dict[str, Any]:
        tp, fp, fn, tn = self.tp, self.fp, self.fn, self.tn
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        specificity = tn / (tn + fp) if tn + fp else None
        balanced = (recall + specificity) / 2 if recall is not None and specificity is not None else None
        denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
        mcc = (tp * tn - fp * fn) / denominator if denominator else 0.0
        return {
            "n": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": _round(precision), "recall": _round(recall), "f1": _round(f1),
            "balanced_accuracy": _round(balanced), "mcc": _round(mcc),
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def macro_f1(pairs: list[tuple[str, str | None]], labels: tuple[str, ...]) -> dict[str, Any]:
    """Per-label and macro F1 of (gold, predicted) labels; a prediction outside ``labels`` is wrong."""
    per: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        per[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else None
    return {"n": len(pairs), "macro_f1": _round(sum(per.values()) / len(per)), "accuracy": _round(accuracy),
            "per_label_f1": {k: _round(v) for k, v in per.items()}}


# --- reading the sets --------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read external set ({exc})") from None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(str(path), f"cannot read external set ({exc})") from None


def _require(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if rows and c not in rows[0]]
    if not rows or missing:
        raise InputError(str(path), f"expected rows with columns {', '.join(columns)}")


# --- what the checker says about one text -----------------------------------------


def claims_in(checker, text: str, fmt: str = "txt") -> list:
    """The claims the checker finds in ``text`` (analysis only: no report is built)."""
    from .source import source_from_bytes

    return checker.analyse(source_from_bytes(text.encode("utf-8"), "<external>", fmt)).claims


def strongest_relation(claims: list) -> str | None:
    """The relation of the sentence's claims, the most causal one if they differ."""
    found = [c.relation for c in claims if getattr(c, "relation", None)]
    return max(found, key=RELATIONS.index) if found else None


# --- the sets ------------------------------------------------------------------------


def score_eureka(checker, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Claim detection and claim strength on press-release sentences (Yu et al., COLING 2020)."""
    rows = _read_csv(path)
    _require(path, rows, ("sent_id", "sentence", "label_name", "is_claim"))
    rows = rows[:limit] if limit else rows
    result: dict[str, Any] = {}
    for half in HALVES:
        mine = [r for r in rows if half_of(r["sent_id"]) == half]
        detected, strength = [], []
        for row in mine:
            claims = claims_in(checker, row["sentence"])
            gold = row["is_claim"] == "1"
            detected.append((gold, bool(claims)))
            if gold:
                strength.append((row["label_name"], strongest_relation(claims)))
        result[half] = {
            "claim_detection": Binary.of(detected).as_dict(),
            "always_claim": Binary.of((g, True) for g, _ in detected).as_dict(),
            "strength": macro_f1(strength, RELATIONS),
        }
    return result


def score_cw_cure(checker, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Cure-claim detection on health tweets (Gollapalli et al., WWW 2023)."""
    rows = _read_csv(path)
    _require(path, rows, ("topic", "split", "row", "tweet", "is_cure_claim"))
    rows = rows[:limit] if limit else rows
    result: dict[str, Any] = {}
    for half in HALVES:
        pairs = [
            (r["is_cure_claim"] == "1", bool(claims_in(checker, r["tweet"])))
            for r in rows
            if half_of(f"{r['topic']}/{r['split']}/{r['row']}") == half
        ]
        result[half] = {"cure_claim": Binary.of(pairs).as_dict(), "always_claim": Binary.of((g, True) for g, _ in pairs).as_dict()}
    return result


def score_fakehealth(checker, path: Path, limit: int | None = None) -> dict[str, Any]:
    """The share of whole health press releases (FakeHealth) in which at least one claim is found."""
    rows = _read_jsonl(path)
    _require(path, rows, ("id", "title", "text"))
    rows = rows[:limit] if limit else rows
    result: dict[str, Any] = {}
    for half in HALVES:
        counts = [
            len(claims_in(checker, f"{r['title']}\n\n{r['text']}"))
            for r in rows
            if half_of(str(r["id"])) == half
        ]
        result[half] = {
            "releases": len(counts),
            "with_a_claim": _round(sum(1 for c in counts if c) / len(counts)) if counts else None,
            "median_claims": sorted(counts)[len(counts) // 2] if counts else None,
        }
    return result


@dataclass(frozen=True)
class ExternalSet:
    name: str
    path: str  # inside the external directory
    score: Callable[..., dict[str, Any]]
    description: str


EXTERNAL_SETS: dict[str, ExternalSet] = {
    s.name: s
    for s in (
        ExternalSet("eureka", "eureka-dev/sentences.csv", score_eureka,
                    "press-release sentences: claim detection and strength (Yu et al., COLING 2020)"),
        ExternalSet("cw-cure", "cw-cure-dev/tweets.csv", score_cw_cure,
                    "health tweets: cure-claim detection (Gollapalli et al., WWW 2023)"),
        ExternalSet("fakehealth-claims", "fakehealth-dev/releases.jsonl", score_fakehealth,
                    "health press releases: share with at least one claim (FakeHealth)"),
    )
}


def evaluate_external(checker, name: str, directory: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the checker on the external set ``name`` found in ``directory``."""
    chosen = EXTERNAL_SETS[name]
    path = directory / chosen.path
    if not path.is_file():
        raise InputError(str(path), "external set not found (is ../shared/external beside the repository?)")
    return {"external": name, "description": chosen.description, "halves": chosen.score(checker, path, limit)}


def render_external(result: dict[str, Any]) -> str:
    """A short text table of an external result: one block per half."""

    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    out = [f"factcheck eval --external {result['external']}: {result['description']}", ""]
    for half, scores in result["halves"].items():
        out.append(f"  {half} half")
        for measure, value in scores.items():
            if isinstance(value, dict) and "balanced_accuracy" in value:
                out.append(
                    f"    {measure:<18} P {fmt(value['precision'])}  R {fmt(value['recall'])}  F1 {fmt(value['f1'])}"
                    f"  balanced acc {fmt(value['balanced_accuracy'])}  MCC {fmt(value['mcc'])}   (n {value['n']})"
                )
            elif isinstance(value, dict) and "macro_f1" in value:
                labels = ", ".join(f"{k} {fmt(v)}" for k, v in value["per_label_f1"].items())
                out.append(f"    {measure:<18} macro-F1 {fmt(value['macro_f1'])}  accuracy {fmt(value['accuracy'])}  ({labels}; n {value['n']})")
            else:
                out.append(f"    {measure:<18} {value}")
    return "\n".join(out) + "\n"
