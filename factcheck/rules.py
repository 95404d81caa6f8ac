"""The rule catalogue: every finding factcheck reports comes from one of these rules.

Each rule has a stable code, a name, the fixed ``kind`` of the report model, a
default severity, a one-line message, why it matters, the editorial standard it
applies, and examples that must fire and must not (a meta-test runs them all).
``docs/rules.md`` and ``factcheck rules`` are generated from this metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = (
    "overstated", "unsupported", "unverified",
    "hype", "absolute_certainty", "vague_authority", "testimonial", "risk_minimization", "call_to_action", "local_seo",
    "missing_risks", "missing_regulatory_status", "missing_cost", "no_sources", "imbalance",
    "unquantified_benefits", "missing_evidence_quality", "disease_mongering", "missing_funding", "missing_alternatives",
    "unestablished_novelty", "sensational_language",
    "suppression",
)
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    message: str
    why: str
    standards: tuple[str, ...]
    fire: tuple[str, ...]
    quiet: tuple[str, ...]


CLAIM_RULES = (
    Rule(
        code="HC101",
        name="overstated-claim",
        kind="overstated",
        severity="warning",
        message="Overstated: the evidence supports a weaker or narrower statement",
        why=(
            "Readers act on the strongest version of a claim. When an article drops the population, time frame or "
            "species the evidence is limited to, or states low-certainty evidence as settled fact, it promises more "
            "than the treatment has been shown to deliver."
        ),
        standards=("HealthNewsReview: quality of the evidence", "FTC Health Products Compliance Guidance: competent and reliable scientific evidence"),
        fire=("Ketamine consistently relieves depression within hours for everyone who tries it.",),
        quiet=("In small trials of adults with treatment-resistant depression, a single ketamine infusion reduced symptoms within a day.",),
    ),
    Rule(
        code="HC102",
        name="unsupported-claim",
        kind="unsupported",
        severity="error",
        message="Unsupported: the evidence does not support this claim or contradicts it",
        why=(
            "A claim that the evidence contradicts, or that no study supports, misleads readers about what a "
            "treatment does; in advertising it can also breach the requirement for substantiation."
        ),
        standards=("FTC Health Products Compliance Guidance: competent and reliable scientific evidence", "HealthNewsReview: quality of the evidence"),
        fire=("Ketamine rewires the brain and permanently cures depression.",),
        quiet=("There is no evidence that ketamine rewires the human brain.",),
    ),
    Rule(
        code="HC103",
        name="unverified-claim",
        kind="unverified",
        severity="info",
        message="Unverified: no registry entry covers this health claim; an editor must check it",
        why=(
            "A health claim the registry cannot check is not thereby wrong, but nobody has verified it. It is "
            "reported so that an editor can check it against a source, never dropped."
        ),
        standards=("HealthNewsReview: quality of the evidence",),
        fire=("Ketamine treatment improves eyesight in older adults.",),
        quiet=("Ketamine was first approved by the FDA in 1970 as an anaesthetic.",),
    ),
    Rule(
        code="HC104",
        name="unlocated-citation",
        kind="unverified",
        severity="warning",
        message="Unverifiable citation: the study this claim cites could not be located",
        why=(
            "A precise-sounding citation lends authority. If no such publication can be found, the claim rests on "
            "nothing a reader or editor can check, and the citation itself may be wrong or invented."
        ),
        standards=("DISCERN: is it clear what sources of information were used?",),
        fire=("According to a 2024 review published in The Cognitive Behaviour Therapist, ketamine-based treatments showed significant improvements in mood.",),
        quiet=("A 2013 randomised trial in the American Journal of Psychiatry found ketamine improved depression at 24 hours.",),
    ),
)

VERDICT_RULES = {"overstated": "HC101", "unsupported": "HC102", "unverified": "HC103"}
UNLOCATED_CITATION_RULE = "HC104"


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order."""
    from .ci_rules import CI_RULES  # noqa: PLC0415 - ci_rules imports Rule from here
    from .promo_rules import ARTICLE_RULES, PROMO_RULES, REVIEW_RULES  # noqa: PLC0415 - promo_rules imports Rule from here

    return tuple(sorted(CLAIM_RULES + CI_RULES + PROMO_RULES + ARTICLE_RULES + REVIEW_RULES, key=lambda r: r.code))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


def rule(code: str) -> Rule:
    """The rule with this code (KeyError if there is none)."""
    return _by_code()[code]


_CODE_SHAPE = re.compile(r"HC\d{0,3}")


def known_codes_summary() -> str:
    """The rule codes as ranges per hundred, e.g. "HC101-HC104, HC201-HC207"."""
    groups: dict[str, list[str]] = {}
    for r in all_rules():
        groups.setdefault(r.code[:3], []).append(r.code)
    return ", ".join(f"{codes[0]}-{codes[-1]}" if len(codes) > 1 else codes[0] for codes in groups.values())


def code_problem(code: str) -> str | None:
    """Why ``code`` selects no rule, or None when it is a rule code or a prefix of one
    (``HC102``, ``HC1``; case does not matter). A typo must not silently switch rules off."""
    upper = code.strip().upper()
    if not _CODE_SHAPE.fullmatch(upper):
        return f"{code!r} is not a rule code or prefix (like HC102 or HC1)"
    if not any(r.code.startswith(upper) for r in all_rules()):
        return f"no rule has the code or prefix {upper} (rule codes: {known_codes_summary()})"
    return None
