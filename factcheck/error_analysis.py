"""Why verdicts are wrong: each disagreement with the gold, given one cause.

``factcheck eval --errors`` groups the wrong verdicts of a split by cause, with the
sentences, so whoever works on accuracy next knows where the errors come from. The
cause is read from what the report says about the claim (its ``grounds``, its
match, its wording), never from the gold's text, so the same grouping serves every
corpus.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

FLAGGED = frozenset({"overstated", "unsupported"})
WORDING_GROUNDS = frozenset({"boosted_wording", "absolute_wording", "strong_wording_no_entry"})
FIGURE = re.compile(r"\d|\b(?:half|twice|double|triple|one in|two in|three in)\b", re.IGNORECASE)

# Causes in the order they are tested and shown, with what each means.
CAUSES = {
    "not_a_claim": "reported as a flagged claim, but the sentence is not a claim",
    "missed_claim": "a claim the gold flags, not found as a claim",
    "no_entry": "no registry entry was found for the claim",
    "first_hand": "treated as a testimonial or clinic-specific result, so not judged",
    "booster": "wording strength judged wrongly (a booster that is not one, or one missed)",
    "scope": "a scope qualifier judged missing, but the gold accepts the claim",
    "number": "the claim rests on a figure the checker does not compare with the evidence",
    "flag_severity": "flagged as the gold flags it, but overstated and unsupported confused",
    "wrong_entry": "an entry was matched, but its verdict does not fit the claim",
}


def cause_of(gold: dict[str, Any] | None, predicted: dict[str, Any] | None) -> str | None:
    """The cause of a disagreement between a gold claim and the predicted one (None: they agree)."""
    if predicted is None:
        return "missed_claim" if gold is not None and gold["verdict"] in FLAGGED else None
    if gold is None:
        return "not_a_claim" if predicted["verdict"] in FLAGGED else None
    g, p = gold["verdict"], predicted["verdict"]
    if g == p:
        return None
    grounds = set(predicted.get("grounds") or ())
    if g in FLAGGED and p in FLAGGED:
        return "flag_severity"
    if "no_entry" in grounds:
        return "no_entry"
    if "first_hand" in grounds:
        return "first_hand"
    if p in FLAGGED and g not in FLAGGED:
        if grounds & WORDING_GROUNDS:
            return "booster"
        if "scope_left_out" in grounds:
            return "scope"
    if g in FLAGGED and p not in FLAGGED:
        if FIGURE.search(predicted["text"]):
            return "number"
        if predicted.get("assertiveness") in ("boosted", "absolute"):
            return "booster"
    if g == "overstated" and "strong_wording_no_entry" in grounds:
        return "no_entry"
    return "wrong_entry"


def errors_of(
    article: str,
    gold_claims: list[dict[str, Any]],
    predicted_claims: list[dict[str, Any]],
    pairs: Iterable[tuple[int, int]],
) -> list[dict[str, Any]]:
    """Every disagreement in one article, each with its cause."""
    pairs = list(pairs)
    paired_gold = {g for g, _ in pairs}
    paired_predicted = {p for _, p in pairs}
    rows: list[tuple[dict | None, dict | None]] = [(gold_claims[g], predicted_claims[p]) for g, p in pairs]
    rows += [(c, None) for i, c in enumerate(gold_claims) if i not in paired_gold]
    rows += [(None, c) for i, c in enumerate(predicted_claims) if i not in paired_predicted]
    found = []
    for gold, predicted in rows:
        cause = cause_of(gold, predicted)
        if cause is None:
            continue
        match = (predicted or {}).get("match") or {}
        found.append({
            "article": article,
            "cause": cause,
            "gold": gold["verdict"] if gold else "not a claim",
            "predicted": predicted["verdict"] if predicted else "not a claim",
            "entry": match.get("entry"),
            "quote": gold["quote"] if gold else predicted["quote"],
        })
    return found


def group(errors: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Errors by cause, causes in their fixed order, each list sorted by article and quote."""
    grouped: dict[str, list[dict[str, Any]]] = {cause: [] for cause in CAUSES}
    for error in errors:
        grouped[error["cause"]].append(error)
    return {
        cause: sorted(rows, key=lambda e: (e["article"], e["quote"], e["gold"], e["predicted"]))
        for cause, rows in grouped.items()
        if rows
    }


def render(grouped: dict[str, list[dict[str, Any]]], width: int = 110) -> list[str]:
    """The grouped errors as text lines, largest group first."""
    total = sum(len(rows) for rows in grouped.values())
    out = ["", f"  wrong verdicts by cause ({total}):"]
    for cause, rows in sorted(grouped.items(), key=lambda item: (-len(item[1]), list(CAUSES).index(item[0]))):
        out.append(f"    {cause} ({len(rows)}): {CAUSES[cause]}")
        for e in rows:
            quote = " ".join(e["quote"].split())
            quote = quote if len(quote) <= width else quote[: width - 3] + "..."
            entry = f" [{e['entry']}]" if e["entry"] else ""
            out.append(f"      [{e['article']}] gold {e['gold']}, predicted {e['predicted']}{entry}: {quote}")
    return out
