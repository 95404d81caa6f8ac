"""Verdicts that need no registry entry: what the article itself says about its evidence.

The most common exaggerations in health press releases (Sumner et al., BMJ 2014) are
causal claims drawn from correlational research, advice or human benefit inferred
from animal or laboratory research, and strong wording on preliminary evidence. An
article that names its own evidence lets the checker judge a claim against it, on
any topic:

* HC105: a direct causal claim ("reduces", "cures") resting on an observational,
  survey or association study named in the same sentence or just before it;
* HC106: a benefit claimed for people when the study named was in animals, cells or
  a laboratory;
* HC107: boosted or absolute wording resting on a pilot, small (fewer than
  :data:`SMALL_SAMPLE` participants), early-phase or unpublished study.

The functions are pure: they read the claim's sentence cues and the cues of the
sentence before it in the same block (``Claim.context``).
"""

from __future__ import annotations

from .extract import Claim

SMALL_SAMPLE = 30
OBSERVATIONAL_RULE, ANIMAL_RULE, PRELIMINARY_RULE = "HC105", "HC106", "HC107"
BENEFIT_RELATIONS = frozenset({"direct_causal", "conditional_causal"})


def _cited(claim: Claim, label: str) -> bool:
    return claim.sentence.has(label) or label in claim.context


def sample_sizes(claim: Claim) -> list[int]:
    """Sample sizes the claim's sentence states ("12 patients")."""
    sizes = []
    for span in claim.sentence.spans_of("cue"):
        if span.label_ == "evidence:sample" and span[0].text.isdigit():
            sizes.append(int(span[0].text))
    return sizes


def evidence_basis(claim: Claim) -> tuple[str, str, str] | None:
    """(rule code, reason, ground) when the claim outruns the evidence the article names, else None."""
    if claim.negated or claim.sentence.has("role:denial"):
        return None
    if _cited(claim, "evidence:animal") and claim.relation in BENEFIT_RELATIONS and (
        claim.sentence.has("population:human") or not claim.sentence.has("evidence:animal")
    ):
        return ANIMAL_RULE, "the study it rests on was in animals or cells, but the claim is about people", "animal_evidence"
    small = [n for n in sample_sizes(claim) if n < SMALL_SAMPLE]
    if claim.assertiveness in ("boosted", "absolute") and (_cited(claim, "evidence:preliminary") or small):
        what = f"a study of {small[0]} people" if small else "a pilot, small, early-phase or unpublished study"
        return PRELIMINARY_RULE, f"{claim.assertiveness} wording resting on {what}", "preliminary_evidence"
    if claim.relation == "direct_causal" and _cited(claim, "evidence:observational"):
        return (
            OBSERVATIONAL_RULE, "a causal claim drawn from an observational or survey study, which can show an association only",
            "observational_evidence",
        )
    return None
