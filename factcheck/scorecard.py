"""The editorial-standards scorecard: each criterion, the rules that test it, met or not.

A criterion is ``not_met`` when any finding of one of its rules is in the report,
``met`` when none is and it applies to the article, and ``not_applicable`` when the
article gives it nothing to judge (no health claims; no benefit claims for costs;
no mechanism or animal-based claims for the animal-studies criterion).

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


CRITERIA = (
    Criterion("hnr-harms", HNR, "Does it adequately explain the harms of the intervention?", ("HC301", "HC205"), "benefits"),
    Criterion("hnr-evidence", HNR, "Does it grasp the quality of the evidence?", ("HC101", "HC102", "HC202", "HC203")),
    Criterion("hnr-benefits", HNR, "Does it quantify the benefits rather than promise them?", ("HC101", "HC202"), "benefits"),
    Criterion("hnr-costs", HNR, "Does it discuss the costs of the intervention?", ("HC303",), "benefits"),
    Criterion("hnr-novelty", HNR, "Does it establish the true novelty of the approach?", ("HC201",)),
    Criterion("hnr-sensational", HNR, "Does it avoid unjustifiable, sensational language?", ("HC201", "HC202")),
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
ANIMAL_WORDS = ("animal", "rodent", "mice", "rats", "in vitro", "laboratory")


def _animal_claims(analysis: "Analysis") -> list[str]:
    ids = []
    for claim, assessment in zip(analysis.claims, analysis.assessments):
        reasons = " ".join(assessment.reasons).lower()
        if claim.category == "mechanism" or any(w in reasons for w in ANIMAL_WORDS):
            ids.append(claim.id)
    return ids


def scorecard(analysis: "Analysis", applicable: dict[str, bool]) -> list[dict[str, Any]]:
    """Unresolved scorecard entries for one article (see :func:`resolve`)."""
    animal = _animal_claims(analysis)
    facts = {
        "claims": bool(analysis.claims),
        "benefits": applicable.get("HC301", False),
        "animal": bool(animal),
        "research": applicable.get("HC304", False),
        "always": True,
    }
    entries = []
    for c in CRITERIA:
        entry: dict[str, Any] = {
            "id": c.id, "standard": c.standard, "criterion": c.criterion,
            "status": "met" if facts[c.applies] else "not_applicable", "findings": [], "codes": list(c.codes),
        }
        if c.applies == "animal":
            entry["claims"] = animal
        entries.append(entry)
    return entries


def resolve(entries: list[dict[str, Any]], findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries with ``codes``/``claims`` replaced by the ids of the numbered findings behind them."""
    resolved = []
    for entry in entries:
        entry = dict(entry)
        codes = set(entry.pop("codes", ()))
        claims = entry.pop("claims", None)
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
