"""The editorial-standards scorecard: each criterion, the rules that test it, met or not.

HealthNewsReview's ten criteria (``hnr-*``) take the decisions of
:mod:`factcheck.review_checks`, with the reason and the sentences each decision rests
on (``evidence``). Every other criterion is ``not_met`` when any finding of one of
its rules is in the report, ``met`` when none is and it applies to the article, and
``not_applicable``, with the reason, when the article gives it nothing to judge (no
health claims; no benefit claims for fair balance; no mechanism or animal-based
claims for the animal-studies criterion). The FDA, FTC and DISCERN entries list
only the rules that measure them.

:func:`scorecard` runs before findings are numbered, so its entries name rule codes
(``codes``) and, where a criterion concerns only some claims, claim ids
(``claims``); :func:`resolve` turns them into the finding ids (``F001`` …) once
:func:`factcheck.report.build_report` has numbered the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis

HNR = "HealthNewsReview"
FDA = "FDA"
FTC = "FTC Health Products Compliance Guidance (2022)"
DISCERN = "DISCERN"


@dataclass(frozen=True)
class Criterion:
    id: str
    standard: str
    criterion: str
    codes: tuple[str, ...]
    applies: str = "claims"  # claims | benefits | animal | research | always


REVIEW = "review:"  # ``applies`` prefix: the criterion is one of review_checks.CRITERIA

CRITERIA = (
    Criterion("hnr-costs", HNR, "Does it adequately discuss the costs of the intervention?", ("HC303",), "review:cost"),
    Criterion("hnr-benefits", HNR, "Does it adequately quantify the benefits (in absolute numbers)?", ("HC306",), "review:benefits"),
    Criterion("hnr-harms", HNR, "Does it adequately explain the harms of the intervention?", ("HC301",), "review:harms"),
    Criterion("hnr-evidence", HNR, "Does it grasp the quality of the evidence?", ("HC307",), "review:evidence_quality"),
    Criterion("hnr-disease-mongering", HNR, "Does it avoid disease-mongering?", ("HC308",), "review:disease_mongering"),
    Criterion("hnr-funding", HNR, "Does it identify funding sources and disclose conflicts of interest?", ("HC309",),
              "review:funding_coi"),
    Criterion("hnr-alternatives", HNR, "Does it compare the new approach with existing alternatives?", ("HC310",),
              "review:alternatives"),
    Criterion("hnr-availability", HNR, "Does it establish the availability of the intervention (approval status, stage of testing)?",
              ("HC302",), "review:availability"),
    Criterion("hnr-novelty", HNR, "Does it establish the true novelty of the approach?", ("HC311",), "review:novelty"),
    Criterion("hnr-sensational", HNR, "Does it avoid unjustifiable, sensational language?", ("HC312",),
              "review:sensational_language"),
    Criterion("fda-fair-balance", f"{FDA} 21 CFR 202.1(e)(5)(ii)",
              "Fair balance between information on side effects and on effectiveness", ("HC301", "HC305", "HC205"), "benefits"),
    Criterion("fda-not-misleading", f"{FDA} 21 CFR 202.1(e)(6)(i)",
              "No suggestion that a drug is safer, more effective or useful in a broader range of conditions than "
              "substantial evidence shows (including unapproved uses presented as established)",
              ("HC101", "HC102", "HC205", "HC302")),
    Criterion("ftc-substantiation", FTC, "Claims rest on competent and reliable scientific evidence",
              ("HC101", "HC102", "HC203", "HC304")),
    Criterion("ftc-testimonials", FTC, "Testimonials and anecdotes are not offered as substantiation", ("HC204",), "always"),
    Criterion("ftc-animal-lab", FTC, "Animal or laboratory findings are not presented as proof of effects in people",
              ("HC101", "HC102"), "animal"),
    Criterion("ftc-ad-format", "FTC Enforcement Policy Statement on Deceptively Formatted Advertisements (2015)",
              "Promotion of a provider (calls to action, place-targeted keywords) is identifiable as advertising",
              ("HC206", "HC207"), "always"),
    Criterion("discern-sources", f"{DISCERN} item 4", "Is it clear what sources of information were used?",
              ("HC304", "HC203", "HC104"), "research"),
    Criterion("discern-balance", f"{DISCERN} item 6", "Is it balanced and unbiased?", ("HC305", "HC201"), "benefits"),
    Criterion("discern-risks", f"{DISCERN} item 11", "Does it describe the risks of each treatment?", ("HC301",), "benefits"),
)
NOT_APPLICABLE_WHY = {
    "claims": "the article makes no health claim",
    "benefits": "the article claims no benefit of a treatment",
    "animal": "no claim rests on animal, laboratory or mechanism findings",
    "research": "the article does not appeal to research",
}
STATUS = {"satisfactory": "met", "not_satisfactory": "not_met", "not_applicable": "not_applicable"}
ANIMAL_WORDS = ("animal", "rodent", "mice", "rats", "in vitro", "laboratory")


def _animal_claims(analysis: "Analysis") -> list[str]:
    ids = []
    for claim, assessment in zip(analysis.claims, analysis.assessments):
        reasons = " ".join(assessment.reasons).lower()
        if claim.category == "mechanism" or any(w in reasons for w in ANIMAL_WORDS):
            ids.append(claim.id)
    return ids


def scorecard(analysis: "Analysis", facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Unresolved scorecard entries for one article (see :func:`resolve`).

    ``facts`` are :func:`factcheck.article_checks.article_findings`' facts: which rules
    apply, whether the article claims benefits, and the review criteria's decisions."""
    animal = _animal_claims(analysis)
    applies = {
        "claims": bool(analysis.claims),
        "benefits": facts.get("benefits", False),
        "animal": bool(animal),
        "research": facts["applicable"].get("HC304", False),
        "always": True,
    }
    decisions = facts.get("decisions", {})
    entries = []
    for c in CRITERIA:
        entry: dict[str, Any] = {"id": c.id, "standard": c.standard, "criterion": c.criterion}
        if c.applies.startswith(REVIEW):
            decision = decisions[c.applies[len(REVIEW):]]
            entry.update(status=STATUS[decision.status], reason=decision.reason, findings=[], codes=list(c.codes))
            entry["evidence_offsets"] = list(decision.evidence)
        elif applies[c.applies]:
            entry.update(status="met", findings=[], codes=list(c.codes))
        else:
            entry.update(status="not_applicable", reason=NOT_APPLICABLE_WHY[c.applies], findings=[], codes=list(c.codes))
        if c.applies == "animal":
            entry["claims"] = animal
        entries.append(entry)
    return entries


def resolve(entries: list[dict[str, Any]], findings: list[dict[str, Any]], text: str, lines) -> list[dict[str, Any]]:
    """Entries with ``codes``/``claims`` replaced by the ids of the numbered findings behind them,
    and the offsets of the sentences a decision rests on by their spans and quotes."""
    resolved = []
    for entry in entries:
        entry = dict(entry)
        codes = set(entry.pop("codes", ()))
        claims = entry.pop("claims", None)
        offsets = entry.pop("evidence_offsets", None)
        if offsets is not None:
            entry["evidence"] = [{"span": lines.span(s, e), "quote": text[s:e]} for s, e in offsets]
        ids = list(entry.get("findings", []))
        ids += [
            f["id"] for f in findings
            if f["code"] in codes and (claims is None or f.get("claim_id") in claims) and f["id"] not in ids
        ]
        entry["findings"] = ids
        if ids:
            entry["status"] = "not_met"
        resolved.append(entry)
    return resolved
