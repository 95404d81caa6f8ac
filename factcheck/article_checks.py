"""Whole-article checks (rules HC301–HC305): what a promotional article leaves out.

Each check reads the :class:`~factcheck.checker.Analysis` (sentences with their cues,
claims with categories and verdicts, the main treatment) and the cues of the
``promotion`` lexicon whose labels start with ``disclosure:``:

* ``missing_risks`` – the article makes benefit claims about its main treatment but
  no sentence names a real side effect or risk of it (``disclosure:risk``, not
  negated: "no side effects, no addiction" is a denial, not a disclosure; a sentence
  only about comparators, "SSRIs can cause weight gain", does not count).
* ``missing_regulatory_status`` – psychiatric use of ketamine or esketamine is
  promoted but nothing says what is or is not FDA-approved or that a use is
  off-label (``disclosure:regulatory``).
* ``missing_cost`` – benefit claims but no cost, price or insurance (``disclosure:cost``).
* ``no_sources`` – the article appeals to research (``disclosure:research`` or a
  vague-authority phrase) but cites no specific source (``role:citation``).
* ``imbalance`` – weighted benefit statements outnumber weighted risk and limitation
  statements by :data:`IMBALANCE_RATIO` or more. A heading weighs
  :data:`HEADING_WEIGHT`, a sentence in the opening :data:`LEAD_BLOCKS` blocks
  :data:`LEAD_WEIGHT`, any other sentence 1.

Findings have no span; ``detail`` says what is missing and ``related`` lists where
the benefit claims are. :func:`check_article` is the callable the
:class:`~factcheck.checker.Checker` runs: it also adds the sentence-level
promotional findings and returns the scorecard.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from .prose import HEADING
from .report import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis
    from .extract import Claim, Sentence

BENEFIT_CATEGORIES = frozenset({"efficacy", "onset", "durability", "mechanism", "indication", "comparative", "testimonial"})
KETAMINE_FAMILY = frozenset({
    "ketamine", "ketamine_iv", "ketamine_intranasal", "ketamine_oral", "ketamine_lozenge", "ketamine_im",
    "esketamine", "ketamine_assisted_therapy",
})
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


def discloses_risk(sentence: "Sentence", main: str | None) -> bool:
    if not sentence.has("disclosure:risk") or not _about_main(sentence, main):
        return False
    doc = sentence.span.doc
    conditions = [(c.start, c.end) for c in sentence.spans_of("condition")]
    for span in sentence.spans_of("promo"):
        if span.label_ != "disclosure:risk" or any(s < span.end and span.start < e for s, e in conditions):
            continue  # "addiction" in a list of conditions treated is not a risk
        before = {t.lower_ for t in doc[max(sentence.span.start, span.start - 3):span.start]}
        if not before & NEGATORS:
            return True
    return False


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


def article_findings(analysis: "Analysis", promo: list[Finding] | None = None) -> tuple[list[Finding], dict[str, Any]]:
    """The whole-article findings, and what the scorecard needs to know (applicability)."""
    main = analysis.main_treatment
    benefits = benefit_claims(analysis)
    related = [(c.start, c.end) for c in benefits]
    where = f"{len(benefits)} benefit claim(s), first at line {_line(analysis, benefits[0].start)}" if benefits else ""
    sentences = analysis.sentences
    findings: list[Finding] = []
    applicable: dict[str, bool] = {}

    applicable["HC301"] = bool(benefits)
    if benefits and not any(discloses_risk(s, main) for s in sentences):
        findings.append(_finding("HC301", [
            f"The article makes {where} but names no side effect or risk of {main or 'the treatment'}.",
            "Name the common side effects (for ketamine: dissociation, raised blood pressure, nausea) and the risks of repeated use.",
        ], related))

    psychiatric = [c for c in benefits if c.conditions]
    applicable["HC302"] = main in KETAMINE_FAMILY and bool(psychiatric)
    if applicable["HC302"] and not any(s.has("disclosure:regulatory") for s in sentences):
        findings.append(_finding("HC302", [
            f"The article promotes {main} for psychiatric conditions ({where}) without saying what is FDA-approved.",
            "Racemic ketamine is approved only as an anaesthetic; IV ketamine for depression is off-label; "
            "esketamine (Spravato) is approved for treatment-resistant depression under a REMS programme.",
        ], [(c.start, c.end) for c in psychiatric]))

    applicable["HC303"] = bool(benefits)
    if benefits and not any(s.has("disclosure:cost") for s in sentences):
        findings.append(_finding("HC303", [
            f"The article makes {where} but says nothing about cost or insurance coverage.",
        ], related))

    appeals = [s for s in sentences if s.has("disclosure:research")]
    appealing = {id(s) for s in appeals}  # identity, not dataclass equality: linear in the article
    appeals += [s for s in sentences if s.has("promo:vague_authority") and id(s) not in appealing]
    applicable["HC304"] = bool(appeals)
    if appeals and not any(s.has("role:citation") for s in sentences):
        findings.append(_finding("HC304", [
            f"The article appeals to research {len(appeals)} time(s) but names no study, journal, author or year.",
        ], [(s.start, s.end) for s in appeals]))

    weights = _weights(analysis)
    promo_starts = sorted({f.start for f in (promo or []) if f.kind in ("hype", "absolute_certainty", "testimonial", "risk_minimization")})
    benefit_sentences = {id(c.sentence): c.sentence for c in benefits}
    for s in sentences:
        # a promotional finding starts inside the sentence: one binary search, not a scan of all findings
        first = bisect_left(promo_starts, s.start)
        if first < len(promo_starts) and promo_starts[first] < s.end:
            benefit_sentences.setdefault(id(s), s)
    risk_sentences = [s for s in sentences if states_limitation(s, main)]
    benefit_weight = sum(weights[k] for k in benefit_sentences)
    risk_weight = sum(weights[id(s)] for s in risk_sentences)
    prominent = sum(1 for s in benefit_sentences.values() if weights[id(s)] > 1)
    applicable["HC305"] = len(benefit_sentences) >= MIN_BENEFITS
    if applicable["HC305"] and benefit_weight >= IMBALANCE_RATIO * max(risk_weight, 1):
        findings.append(_finding("HC305", [
            f"{len(benefit_sentences)} benefit statement(s) (weight {benefit_weight}; {prominent} in headings or the opening) "
            f"against {len(risk_sentences)} risk or limitation statement(s) (weight {risk_weight}).",
            f"Headings weigh {HEADING_WEIGHT}, the first {LEAD_BLOCKS} paragraphs {LEAD_WEIGHT}, other sentences 1; "
            f"the rule fires at a ratio of {IMBALANCE_RATIO:g} or more.",
        ], sorted((s.start, s.end) for s in benefit_sentences.values())))
    return findings, {"applicable": applicable, "benefit_weight": benefit_weight, "risk_weight": risk_weight}


def _line(analysis: "Analysis", offset: int) -> int:
    return analysis.source.text.count("\n", 0, analysis.prose.offsets.start(offset)) + 1


def check_article(analysis: "Analysis") -> tuple[list[Finding], list[dict[str, Any]]]:
    """The Checker's article check: promotional findings, whole-article findings and the scorecard."""
    from .promotion import promotional_findings
    from .scorecard import scorecard

    promo = promotional_findings(analysis)
    whole, facts = article_findings(analysis, promo)
    return promo + whole, scorecard(analysis, facts["applicable"])
