"""The whole-article review: HealthNewsReview's ten criteria, decided for any health article.

For each criterion a pure function reads the article's sentences (with the cues of the
``review``, ``promotion`` and ``cues`` lexicons) and returns a :class:`Decision`:
``satisfactory``, ``not_satisfactory`` or ``not_applicable``, why, and the sentences the
decision rests on. Nothing here names a topic or a treatment: what counts as a price, a
harm, a design or a funder is data (``factcheck/lexicons/review.yaml``, labels
``review:*`` and ``disclosure:*``).

Each function makes one pass over the sentences (linear in the article's length) and
uses only counts of cue-bearing sentences, so a decision is easy to explain:

* **costs** – a sentence gives a price, a cost comparison or insurance coverage
  (``disclosure:cost``), not the cost of a disease to society (``review:cost-burden``),
  research funding (``review:funding``) or investor boilerplate.
* **benefits** – an absolute figure (``review:benefit-absolute``: n of N, % of
  patients, percentage points, NNT); relative figures alone do not count.
* **harms** – a named harm of the main intervention, not denied ("no side effects"),
  and, for research reports, how often or how badly (``review:harm-count``).
* **evidence quality** – :data:`LIMITATIONS_MIN` or more sentences stating a limit of the
  evidence (``review:limitation``: cannot prove cause, small, preliminary, needs
  confirming); naming the design alone is not enough.
* **disease-mongering** – alarm about a condition's prevalence or seriousness
  (``review:mongering``) in :data:`MONGERING_MIN` sentences or more.
* **funding and conflicts** – who paid or who has interests (``review:funding``).
* **alternatives** – :data:`ALTERNATIVES_MIN` sentences comparing with existing options.
* **availability** – approval or clearance status, or trial stage
  (``review:availability``, ``disclosure:regulatory``).
* **novelty** – the article says what is new (``review:novelty-claim``) or sets it
  against earlier work (``review:prior-work``).
* **sensational language** – a fired hype or absolute-certainty finding (the
  promotion layer), or :data:`SENSATIONAL_CUES_MIN` sentences with sensational wording.

A criterion is ``not_applicable`` when the article gives it nothing to judge: it
makes no health claim and reports no research (``health_article``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis
    from .extract import Sentence

SATISFACTORY, NOT_SATISFACTORY, NOT_APPLICABLE = "satisfactory", "not_satisfactory", "not_applicable"
CRITERIA = (
    "cost", "benefits", "harms", "evidence_quality", "disease_mongering", "funding_coi", "alternatives",
    "availability", "novelty", "sensational_language",
)
MAX_EVIDENCE = 5
# Thresholds, chosen on the tuning half of the FakeHealth development releases only
# (factcheck/eval_external.py); the check half measures how well they generalise.
MONGERING_MIN = 2
ALTERNATIVES_MIN = 2
LIMITATIONS_MIN = 1
SENSATIONAL_CUES_MIN = 2
BOILERPLATE = "review:boilerplate"
RESEARCH_LABELS = ("review:design", "disclosure:research")


@dataclass(frozen=True)
class Decision:
    """One criterion's decision for one article."""

    criterion: str
    status: str
    reason: str
    evidence: tuple[tuple[int, int], ...] = ()  # (start, end) of the sentences it rests on


@dataclass(frozen=True)
class ReviewContext:
    """What the criteria read: the sentences in use, and facts computed once per article."""

    sentences: tuple["Sentence", ...]
    applicable: bool
    risk_sentences: tuple["Sentence", ...]  # sentences naming a harm of the main intervention
    sensational: frozenset[int]  # indexes into ``sentences`` with fired hype or certainty


def _with(context: ReviewContext, label: str, unless: Iterable[str] = ()) -> list["Sentence"]:
    skip = tuple(unless)
    return [s for s in context.sentences if s.has(label) and not any(s.has(u) for u in skip)]


def _union(first: list["Sentence"], second: list["Sentence"]) -> list["Sentence"]:
    """``first``, then the sentences of ``second`` not in it (by identity, in one pass)."""
    seen = {id(s) for s in first}
    return first + [s for s in second if id(s) not in seen]


def _spans(sentences: Iterable["Sentence"]) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in sentences)[:MAX_EVIDENCE]


def _decide(criterion: str, ok: bool, evidence: list["Sentence"], met: str, missing: str,
            missing_evidence: list["Sentence"] | None = None) -> Decision:
    if ok:
        return Decision(criterion, SATISFACTORY, met.format(n=len(evidence), s="" if len(evidence) == 1 else "s"), _spans(evidence))
    return Decision(criterion, NOT_SATISFACTORY, missing, _spans(missing_evidence or []))


def costs(context: ReviewContext) -> Decision:
    found = _with(context, "disclosure:cost", ("review:cost-burden", "review:funding", BOILERPLATE))
    return _decide("cost", bool(found), found, "{n} sentence{s} on price, cost or insurance coverage",
                   "nothing on what the intervention costs or whether insurance covers it")


def benefits(context: ReviewContext) -> Decision:
    absolute = _with(context, "review:benefit-absolute", (BOILERPLATE,))
    relative = _with(context, "review:benefit-relative", (BOILERPLATE,))
    missing = ("benefits are given only as relative changes, not in absolute numbers" if relative
               else "the benefit is not quantified")
    return _decide("benefits", bool(absolute), absolute, "{n} sentence{s} with absolute numbers", missing, relative)


def harms(context: ReviewContext) -> Decision:
    named = list(context.risk_sentences)
    counted = _with(context, "review:harm-count", (BOILERPLATE,))
    return _decide("harms", bool(named) or bool(counted), _union(named, counted),
                   "{n} sentence{s} name harms of the intervention",
                   "no harm or side effect of the intervention is named (a denial does not count)")


def evidence_quality(context: ReviewContext) -> Decision:
    limits = _with(context, "review:limitation", (BOILERPLATE,))
    design = _with(context, "review:design", (BOILERPLATE,))
    return _decide("evidence_quality", len(limits) >= LIMITATIONS_MIN, limits,
                   "{n} sentence{s} state what the evidence can and cannot show",
                   "the study's design, size or limits are not put in context", design)


def disease_mongering(context: ReviewContext) -> Decision:
    alarms = _with(context, "review:mongering", (BOILERPLATE,))
    if len(alarms) >= MONGERING_MIN:
        return Decision("disease_mongering", NOT_SATISFACTORY,
                        f"{len(alarms)} sentence{'' if len(alarms) == 1 else 's'} dramatise{'s' if len(alarms) == 1 else ''} how common or serious the condition is", _spans(alarms))
    return Decision("disease_mongering", SATISFACTORY, "the condition is not dramatised", _spans(alarms))


def funding(context: ReviewContext) -> Decision:
    found = _with(context, "review:funding")
    return _decide("funding_coi", bool(found), found, "{n} sentence{s} on funding or interests",
                   "nothing says who paid for the work or whether anyone involved has an interest in it")


def alternatives(context: ReviewContext) -> Decision:
    found = _with(context, "review:alternative", (BOILERPLATE,))
    return _decide("alternatives", len(found) >= ALTERNATIVES_MIN, found,
                   "{n} sentence{s} compare with existing options",
                   "the intervention is not compared with existing options", found)


def availability(context: ReviewContext) -> Decision:
    status = [s for s in context.sentences
              if (s.has("review:availability") or s.has("disclosure:regulatory")) and not s.has(BOILERPLATE)]
    return _decide("availability", bool(status), status, "{n} sentence{s} on approval status or trial stage",
                   "nothing says whether the intervention is approved or cleared, or at what stage of testing it is")


def novelty(context: ReviewContext) -> Decision:
    claims = _with(context, "review:novelty-claim", (BOILERPLATE,))
    prior = _with(context, "review:prior-work", (BOILERPLATE,))
    return _decide("novelty", bool(claims or prior), prior + claims,
                   "{n} sentence{s} say what is new or set it against earlier work",
                   "nothing says what is new about the approach or how it relates to earlier work")


def sensational_language(context: ReviewContext) -> Decision:
    worded = _with(context, "review:sensational", (BOILERPLATE,))
    promoted = [s for i, s in enumerate(context.sentences) if i in context.sensational]
    found = _union(promoted, worded)
    if promoted or len(worded) >= SENSATIONAL_CUES_MIN:
        return Decision("sensational_language", NOT_SATISFACTORY,
                        f"{len(found)} sentence{'' if len(found) == 1 else 's'} with hype, absolute certainty or sensational wording", _spans(found))
    return Decision("sensational_language", SATISFACTORY, "little or no sensational wording", _spans(found))


CHECKS: dict[str, Callable[[ReviewContext], Decision]] = {
    "cost": costs, "benefits": benefits, "harms": harms, "evidence_quality": evidence_quality,
    "disease_mongering": disease_mongering, "funding_coi": funding, "alternatives": alternatives,
    "availability": availability, "novelty": novelty, "sensational_language": sensational_language,
}


def health_article(analysis: "Analysis") -> bool:
    """Whether the article makes a health claim or reports research: otherwise no criterion applies."""
    return bool(analysis.claims) or any(s.has(label) for s in analysis.sentences for label in RESEARCH_LABELS)


def review(analysis: "Analysis", risk_sentences: Iterable["Sentence"], sensational: Iterable[int]) -> dict[str, Decision]:
    """Every criterion's decision. ``risk_sentences`` name harms of the main intervention;
    ``sensational`` are indexes of sentences with fired hype or certainty findings."""
    context = ReviewContext(tuple(analysis.sentences), health_article(analysis), tuple(risk_sentences), frozenset(sensational))
    if not context.applicable:
        reason = "the article makes no health claim and reports no research"
        return {c: Decision(c, NOT_APPLICABLE, reason) for c in CRITERIA}
    return {c: CHECKS[c](context) for c in CRITERIA}
