"""Whole-article checks (rules HC301–HC312): what an article about a health intervention leaves out.

The ten HealthNewsReview criteria are decided in :mod:`factcheck.review_checks`
(satisfactory / not satisfactory / not applicable, with the sentences each decision
rests on); a criterion that is not satisfactory becomes a finding of its rule:

* ``missing_risks`` (HC301, harms) – no sentence names a real side effect or risk of
  the main intervention (``disclosure:risk``, not negated: "no side effects, no
  addiction" is a denial, not a disclosure; a sentence only about comparators, "SSRIs
  can cause weight gain", does not count), nor how often harms occurred.
* ``missing_regulatory_status`` (HC302, availability) – nothing on approval or
  clearance, off-label use, trial phase, or when and where it is available.
* ``missing_cost`` (HC303) – no price, cost comparison or insurance coverage.
* ``unquantified_benefits`` (HC306), ``missing_evidence_quality`` (HC307),
  ``disease_mongering`` (HC308), ``missing_funding`` (HC309),
  ``missing_alternatives`` (HC310), ``unestablished_novelty`` (HC311) and
  ``sensational_language`` (HC312): the other criteria.

Two checks are this module's own:

* ``no_sources`` (HC304) – the article appeals to research (``disclosure:research`` or
  a vague-authority phrase) but cites no specific source (``role:citation``).
* ``imbalance`` (HC305) – weighted benefit statements outnumber weighted risk and
  limitation statements by :data:`IMBALANCE_RATIO` or more. A heading weighs
  :data:`HEADING_WEIGHT`, a sentence in the opening :data:`LEAD_BLOCKS` blocks
  :data:`LEAD_WEIGHT`, any other sentence 1.

Nothing here names a treatment: topic-specific advice for a finding (what the side
effects of ketamine are) is data, ``lexicons/advice.yaml``, keyed by treatment concept.
Findings have no span; ``detail`` says what is missing and ``related`` lists the
sentences behind the decision (or the benefit claims). :func:`check_article` is the
callable the :class:`~factcheck.checker.Checker` runs: it also adds the sentence-level
promotional findings and returns the scorecard.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .prose import HEADING
from .report import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis
    from .extract import Claim, Sentence

BENEFIT_CATEGORIES = frozenset({"efficacy", "onset", "durability", "mechanism", "indication", "comparative", "testimonial"})
HEADING_WEIGHT = 3
LEAD_WEIGHT = 2
LEAD_BLOCKS = 3
IMBALANCE_RATIO = 4.0
MIN_BENEFITS = 4
MAX_RELATED = 12
NEGATORS = frozenset({"no", "zero", "without", "not", "non", "never", "free"})


def benefit_claims(analysis: "Analysis") -> list["Claim"]:
    """Claims that assert a benefit of the article's treatment (not negated, not rebutting)."""
    return [
        c for c in analysis.claims
        if BENEFIT_CATEGORIES.intersection(c.categories) and not c.negated and not _rebuts(c.sentence)
    ]


def _family(concept: str) -> set[str]:
    from .lexicon import bundled_lexicon

    return set(bundled_lexicon("treatments").ancestors(concept))


def _about_main(sentence: "Sentence", main: str | None) -> bool:
    """False when the sentence names treatments and none of them is (a form of) the main one."""
    if not sentence.treatments or not main:
        return True
    main_family = _family(main)
    return any(not m.comparator and (main in _family(m.concept) or m.concept in main_family) for m in sentence.treatments)


def _rebuts(sentence: "Sentence") -> bool:
    return sentence.has("context:rebuttal") or sentence.has("role:denial") or sentence.has("context:reported")


RISK_LABELS = frozenset({"disclosure:risk", "review:harm"})


@lru_cache(maxsize=None)
def known_treatment(main: str | None) -> bool:
    """Whether the main intervention is a treatment concept of the lexicon (not an open-world phrase)."""
    from .lexicon import bundled_lexicon

    return bool(main) and any(c.id == main for c in bundled_lexicon("treatments").concepts)


def discloses_risk(sentence: "Sentence", main: str | None) -> bool:
    """Whether the sentence names a harm of the main intervention: harms in general terms
    (``review:harm``: side effects, adverse events, complications) or a named side effect
    (``disclosure:risk``: nausea, raised blood pressure), not negated ("no side effects").
    Harms in general terms played down in the same sentence ("side effects are mild and
    pass quickly") do not count; a named side effect still does, however it is framed.

    A named symptom counts only when the article's main intervention is one the lexicons
    know, whose side effects the lexicon names: in a report on heart disease, "blood
    pressure" is an outcome, not a harm."""
    general = sentence.has("review:harm")
    known = known_treatment(main)
    if not (general or (known and sentence.has("disclosure:risk"))) or not _about_main(sentence, main):
        return False
    if asks(sentence.text):
        return False  # "Side effects? 🤔" asks; it discloses nothing
    doc = sentence.span.doc
    labels = set(RISK_LABELS) if known else {"review:harm"}
    if sentence.has("promo:risk_minimization"):
        labels.discard("review:harm")  # "side effects are mild" plays harms down; a named one still counts
    conditions = [(c.start, c.end) for c in sentence.spans_of("condition")]
    for span in sentence.spans_of("promo") + sentence.spans_of("review"):
        if span.label_ not in labels or any(s < span.end and span.start < e for s, e in conditions):
            continue  # "addiction" in a list of conditions treated is not a risk
        before = {t.lower_ for t in doc[max(sentence.span.start, span.start - 3):span.start]}
        if not before & NEGATORS:
            return True
    return False


def asks(text: str) -> bool:
    """Whether a sentence is a question: its last letter, digit or stop mark is "?" (emoji after it aside)."""
    last = next((ch for ch in reversed(text) if ch.isalnum() or ch in ".!?"), "")
    return last == "?"


def states_limitation(sentence: "Sentence", main: str | None) -> bool:
    return (
        discloses_risk(sentence, main)
        or (sentence.has("disclosure:limitation") and _about_main(sentence, main))
        or sentence.has("context:rebuttal")
    )


def _weights(analysis: "Analysis") -> dict[int, int]:
    """Weight of each sentence by prominence: headings, then the opening blocks."""
    blocks = sorted({s.block_index for s in analysis.sentences if s.block.kind != HEADING})
    lead = set(blocks[:LEAD_BLOCKS])
    return {
        id(s): HEADING_WEIGHT if s.block.kind == HEADING else LEAD_WEIGHT if s.block_index in lead else 1
        for s in analysis.sentences
    }


def _finding(code: str, detail: list[str], related: list[tuple[int, int]]) -> Finding:
    from .rules import rule

    meta = rule(code)
    return Finding(code=meta.code, rule=meta.name, kind=meta.kind, severity=meta.severity, message=meta.message,
                   detail=tuple(detail), related=tuple(related[:MAX_RELATED]))


CRITERION_RULES = {
    "harms": "HC301", "availability": "HC302", "cost": "HC303", "benefits": "HC306", "evidence_quality": "HC307",
    "disease_mongering": "HC308", "funding_coi": "HC309", "alternatives": "HC310", "novelty": "HC311",
    "sensational_language": "HC312",
}
SENSATIONAL_KINDS = frozenset({"hype", "absolute_certainty"})
PROMOTING_KINDS = SENSATIONAL_KINDS | {"testimonial", "risk_minimization"}


@lru_cache(maxsize=1)
def topic_advice() -> dict[str, dict[str, str]]:
    """Advice per treatment concept and criterion (``lexicons/advice.yaml``), schema-checked."""
    import jsonschema  # noqa: PLC0415 - only when a finding needs advice

    from .errors import LexiconError
    from .resources import lexicon_text, schema
    from .yamlsafe import load_yaml

    data = load_yaml(lexicon_text("advice"), "lexicon advice", LexiconError)
    errors = sorted(jsonschema.Draft202012Validator(schema("advice")).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        pointer = "/" + "/".join(str(p) for p in errors[0].absolute_path)
        raise LexiconError("lexicon advice", f"{pointer}: {errors[0].message}")
    return data["topics"]


def advice(main: str | None, criterion: str) -> list[str]:
    """The advice for ``criterion`` of the nearest concept at or above ``main`` that has any."""
    if not main:
        return []
    topics = topic_advice()
    for concept in _family_chain(main):
        if criterion in topics.get(concept, {}):
            return [topics[concept][criterion]]
    return []


def _family_chain(concept: str) -> tuple[str, ...]:
    from .lexicon import bundled_lexicon

    return bundled_lexicon("treatments").ancestors(concept)


def sentences_with(analysis: "Analysis", promo: list[Finding], kinds: frozenset[str]) -> set[int]:
    """Indexes of the sentences in which a promotional finding of one of ``kinds`` starts."""
    from bisect import bisect_right

    starts = [s.start for s in analysis.sentences]
    found = set()
    for f in promo:
        if f.kind in kinds and f.start is not None:
            index = bisect_right(starts, f.start) - 1
            if index >= 0 and f.start < analysis.sentences[index].end:
                found.add(index)
    return found


def article_findings(analysis: "Analysis", promo: list[Finding] | None = None) -> tuple[list[Finding], dict[str, Any]]:
    """The whole-article findings, and what the scorecard needs (applicability, the criteria's decisions)."""
    from .review_checks import NOT_SATISFACTORY, review

    main = analysis.main_treatment
    benefits = benefit_claims(analysis)
    related = [(c.start, c.end) for c in benefits]
    where = f"{_count(len(benefits), 'benefit claim')}, the first at line {_line(analysis, benefits[0].start)}" if benefits else ""
    sentences = analysis.sentences
    findings: list[Finding] = []
    risks = [s for s in sentences if discloses_risk(s, main)]
    decisions = review(analysis, risks, sentences_with(analysis, promo or [], SENSATIONAL_KINDS))
    applicable = {code: decisions[c].status != "not_applicable" for c, code in CRITERION_RULES.items()}
    subject = main or "the intervention"
    opening = f"The article makes {where}" if where else "The article reports on a health intervention"
    for criterion, code in CRITERION_RULES.items():
        decision = decisions[criterion]
        if decision.status != NOT_SATISFACTORY:
            continue
        detail = [f"{opening}, but {decision.reason}." if code in ("HC301", "HC302", "HC303")
                  else f"{decision.reason[0].upper()}{decision.reason[1:]}."]
        detail += advice(main, criterion)
        where_spans = list(decision.evidence) or related
        if code == "HC302":
            where_spans = [(c.start, c.end) for c in benefits if c.conditions] or where_spans
        elif code in ("HC301", "HC303"):
            where_spans = related or where_spans
        findings.append(_finding(code, detail, where_spans))

    research = [s for s in sentences if s.has("disclosure:research")]
    appeals = research + [s for s in sentences if s.has("promo:vague_authority") and not s.has("disclosure:research")]
    applicable["HC304"] = bool(appeals)
    if appeals and not any(s.has("role:citation") for s in sentences):
        findings.append(_finding("HC304", [
            f"The article appeals to research {_times(len(appeals))} but names no study, journal, author or year.",
        ], [(s.start, s.end) for s in appeals]))

    weights = _weights(analysis)
    benefit_sentences = {id(c.sentence): c.sentence for c in benefits}
    promoting = sentences_with(analysis, promo or [], PROMOTING_KINDS)
    for index in sorted(promoting):
        benefit_sentences.setdefault(id(sentences[index]), sentences[index])
    risk_sentences = [s for s in sentences if states_limitation(s, main)]
    benefit_weight = sum(weights[k] for k in benefit_sentences)
    risk_weight = sum(weights[id(s)] for s in risk_sentences)
    prominent = sum(1 for s in benefit_sentences.values() if weights[id(s)] > 1)
    applicable["HC305"] = len(benefit_sentences) >= MIN_BENEFITS
    if applicable["HC305"] and benefit_weight >= IMBALANCE_RATIO * max(risk_weight, 1):
        findings.append(_finding("HC305", [
            f"{_count(len(benefit_sentences), 'benefit statement')} (weight {benefit_weight}; {prominent} in headings or the opening) "
            f"against {_count(len(risk_sentences), 'risk or limitation statement')} (weight {risk_weight}); headings weigh "
            f"{HEADING_WEIGHT}, the first {LEAD_BLOCKS} paragraphs {LEAD_WEIGHT}, other sentences 1, and the rule fires at "
            f"{IMBALANCE_RATIO:g} to 1 or more.",
        ], sorted((s.start, s.end) for s in benefit_sentences.values())))
    return findings, {"applicable": applicable, "benefit_weight": benefit_weight, "risk_weight": risk_weight,
                      "decisions": decisions, "benefits": bool(benefits)}


def _line(analysis: "Analysis", offset: int) -> int:
    return analysis.source.text.count("\n", 0, analysis.prose.offsets.start(offset)) + 1


def check_article(analysis: "Analysis") -> tuple[list[Finding], list[dict[str, Any]]]:
    """The Checker's article check: promotional findings, whole-article findings and the scorecard."""
    from .promotion import promotional_findings
    from .scorecard import scorecard

    promo = promotional_findings(analysis)
    whole, facts = article_findings(analysis, promo)
    return promo + whole, scorecard(analysis, facts)


def _count(n: int, noun: str) -> str:
    """"1 benefit claim", "3 benefit claims": messages read as sentences."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
