"""Stage 5: a verdict for each claim, from its best registry entries.

``supported``   the entry supports the claim and its scope and wording fit the evidence;
``overstated``  the entry supports a weaker or narrower statement (absolute wording;
                boosted wording over less than high certainty; mixed evidence stated
                plainly; a qualifier the evidence depends on left out);
``unsupported`` the entry's verdict is unsupported or refuted (unless the sentence
                denies the claim: "there is no evidence that ...");
``unverified``  no entry covers the claim, or the entry's only sources could not be
                located: an editor must check it.

A claim naming several conditions is judged per condition, and the worst verdict wins,
so an indication list that outruns the evidence is caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .extract import PROMISSORY, Claim
from .figures import above_evidence, bundled_populations, impossible
from .match import Candidate, relation
from .lexicon import Lexicon
from .registry import Registry

SEVERITY_ORDER = ("supported", "unverified", "overstated", "unsupported")
# Why a verdict was given, machine-readable (the report's ``grounds``; ``eval --errors``
# groups mistakes by them).
GROUNDS = (
    "consistent",  # the entry supports the claim as worded
    "no_entry",  # no registry entry covers the claim
    "strong_wording_no_entry",  # boosted or absolute wording, no entry behind it
    "first_hand",  # testimonial or one clinic's own results: not checkable
    "source_not_found",  # the entry's only sources could not be located
    "entry_verdict",  # the entry rates the claim unsupported or refuted
    "denial",  # the sentence rejects a claim the evidence rates unsupported
    "scope_left_out",  # a qualifier the evidence depends on is missing
    "absolute_wording",
    "boosted_wording",
    "mixed_evidence",
    "figure_above_evidence",  # a stated rate above the highest its sources report
    "impossible_figure",  # more than 100% of a group, more people than live there
)


@dataclass
class Assessment:
    verdict: str
    reasons: list[str]
    primary: Candidate | None
    also: list[Candidate] = field(default_factory=list)
    unlocated_citation: bool = False
    grounds: list[str] = field(default_factory=list)  # machine-readable reasons, from GROUNDS

    @property
    def used(self) -> list[Candidate]:
        return ([self.primary] if self.primary else []) + self.also


@dataclass(frozen=True)
class Judgement:
    """One entry's verdict on a claim: the reasons in prose and as grounds."""

    verdict: str
    reasons: list[str]
    grounds: list[str]
    unlocated: bool = False


def judge(claim: Claim, candidate: Candidate, registry: Registry) -> Judgement:
    """The verdict of ``claim`` against one candidate entry, with reasons."""
    entry = candidate.entry
    certainty = entry.certainty.replace("_", " ")
    sources = [registry.sources[s] for s in entry.sources]
    if sources and all(s.status == "not_found" for s in sources):
        return Judgement("unverified", [f"the source it relies on could not be located ({sources[0].citation})"], ["source_not_found"], True)
    if entry.verdict in ("unsupported", "refuted"):
        if claim.sentence.has("role:denial"):
            return Judgement("supported", [f"the sentence rejects a claim the evidence rates {entry.verdict}"], ["denial"])
        return Judgement("unsupported", [f"the evidence rates this claim {entry.verdict} ({certainty} certainty)"], ["entry_verdict"])
    reasons: list[str] = []
    grounds: list[str] = []
    lost = [literal for literal, kept in candidate.scope_kept.items() if not kept]
    if lost:
        reasons.append("leaves out what the evidence is limited to: " + "; ".join(lost))
        grounds.append("scope_left_out")
    cues = ", ".join(f"“{c}”" for c in claim.assertiveness_cues)
    if claim.assertiveness == "absolute":
        reasons.append(f"absolute wording ({cues}) that no evidence can carry")
        grounds.append("absolute_wording")
    elif claim.assertiveness == "boosted" and entry.certainty != "high":
        reasons.append(f"boosted wording ({cues}) over {certainty}-certainty evidence")
        grounds.append("boosted_wording")
    if entry.verdict == "mixed" and claim.assertiveness != "hedged":
        reasons.append("the evidence is mixed, but the sentence presents the effect as established")
        grounds.append("mixed_evidence")
    elif entry.verdict == "mixed" and set(claim.assertiveness_cues) <= PROMISSORY:
        reasons.append(f"the evidence is mixed, but {cues} presents it as encouraging")
        grounds.append("mixed_evidence")
    if reasons:
        return Judgement("overstated", reasons, grounds)
    return Judgement("supported", [f"consistent with the evidence ({certainty} certainty)"], ["consistent"])


def _covers(candidate: Candidate, condition: str, conditions: Lexicon) -> bool:
    return relation(condition, candidate.entry.conditions, conditions) in ("any", "exact", "narrower", "broader")


def _strong_words(claim: Claim) -> str:
    return ", ".join(f"“{c}”" for c in claim.assertiveness_cues)


def first_hand(claim: Claim) -> str | None:
    """Why the claim can only be checked against the clinic's own records, if it can."""
    if "testimonial" in claim.categories:
        return "it reports what patients experienced; testimonials do not substantiate a health claim"
    if claim.sentence.has("role:clinic-specific"):
        return "it is about one clinic's own patients, results or prices, which no published evidence can check"
    return None


def words_of(claim: Claim) -> list[str]:
    return [t.text_with_ws for t in claim.sentence.span]


def quantities_of(claim: Claim) -> list[str]:
    """The rates the sentence speaks of, from its ``figure:`` cues."""
    return [label.split(":", 1)[1] for label in claim.sentence.cues if label.startswith("figure:")]


def assess(claim: Claim, candidates: list[Candidate], registry: Registry, conditions: Lexicon) -> Assessment:
    assessment = _assess(claim, candidates, registry, conditions)
    words = words_of(claim)
    cannot_be = impossible(words, bundled_populations())
    if cannot_be:
        return Assessment("unsupported", cannot_be, assessment.primary, assessment.also, grounds=["impossible_figure"])
    if assessment.primary is not None and assessment.verdict in ("supported", "overstated"):
        above = above_evidence(words, quantities_of(claim), assessment.primary.entry.figures)
        if above:
            reasons = above + (assessment.reasons if assessment.verdict == "overstated" else [])
            grounds = ["figure_above_evidence"] + (assessment.grounds if assessment.verdict == "overstated" else [])
            return Assessment("overstated", reasons, assessment.primary, assessment.also, grounds=grounds)
    return assessment


def _assess(claim: Claim, candidates: list[Candidate], registry: Registry, conditions: Lexicon) -> Assessment:
    anecdote = first_hand(claim)
    if not candidates:
        if anecdote:
            return Assessment("unverified", [anecdote], None, grounds=["first_hand"])
        if claim.assertiveness in ("boosted", "absolute"):
            return Assessment(
                "overstated",
                [f"{claim.assertiveness} wording ({_strong_words(claim)}) with no registry evidence behind it"],
                None,
                grounds=["strong_wording_no_entry"],
            )
        return Assessment("unverified", ["no registry entry covers this claim; an editor must check it"], None, grounds=["no_entry"])
    if anecdote and not (candidates[0].entry.verdict in ("unsupported", "refuted") and claim.assertiveness == "absolute"):
        return Assessment("unverified", [anecdote], None, grounds=["first_hand"])
    primary = candidates[0]
    used = [primary]
    if primary.entry.conditions:
        for condition in claim.conditions:
            if any(_covers(c, condition, conditions) and c.entry.conditions for c in used):
                continue
            extra = next((c for c in candidates if c not in used and c.entry.conditions and _covers(c, condition, conditions)), None)
            if extra is not None:
                used.append(extra)
    verdict, reasons, unlocated = "supported", [], False
    rank = -1
    judgements = [judge(claim, candidate, registry) for candidate in used]
    for candidate, judgement in zip(used, judgements):
        why = judgement.reasons
        if len(used) > 1:
            why = [f"{candidate.entry.id}: {w}" for w in why]
        if SEVERITY_ORDER.index(judgement.verdict) > rank:
            verdict, rank, unlocated = judgement.verdict, SEVERITY_ORDER.index(judgement.verdict), judgement.unlocated
            reasons = why + [r for r in reasons if r not in why]
        else:
            reasons += [w for w in why if w not in reasons]
    grounds = list(dict.fromkeys(g for j in judgements if j.verdict == verdict for g in j.grounds))
    return Assessment(verdict, reasons, primary, used[1:], unlocated, grounds)
