"""Promotional language at sentence level: hype, absolute certainty, vague authority,
testimonials, risk minimisation, calls to action and local SEO (rules HC201–HC207).

The phrases are data (``factcheck/lexicons/promotion.yaml``); the pipeline's
``promotion`` lexicon ruler leaves every candidate in ``doc.spans["promo"]``. A word
is not enough: this module decides from context whether a candidate is promotion.

How a candidate is decided (in this order; the first reason that applies wins):

1. **Reported or rebutted.** The sentence reports what promoters say
   (``context:reported``: "clinic sites say", "marketed as"), denies a claim
   (``role:denial``: "claims that", "no evidence"), or it or the next sentence rebuts
   it (``context:rebuttal``: "that's just not true", "beyond the evidence"). The
   words are not the author's, so they stay quiet. Calls to action and places are
   never silenced this way.
2. **Negated.** A negation cue (``role:negation``) ends at most two tokens before the
   phrase ("not a guarantee", "not risk-free").
3. **A question** ("A Breakthrough or a Cautionary Trend?") asks rather than asserts
   (except calls to action and places).
4. **A mention, not a use.** The phrase is wrapped in quotation marks on both sides
   (the word "breakthrough"). Scare quotes inside a longer phrase ("‘rewiring’ the
   brain") do not count as a mention.
5. **Balanced hedge.** Hype and certainty words in a hedged sentence
   (``assert:hedged``) that also states a limitation (``context:limitation``: "but",
   "limited", "risks") belong to a balanced sentence.
6. **The item's ``unless`` phrases** occur in the same sentence ("breakthrough in our
   understanding", "should always be").
7. **The item's ``requires``**: ``treatment`` – the sentence, or the sentence before
   or after it, names a treatment (not as a comparator), refers back to one
   ("this therapy"), or is a claim; ``claim`` – the sentence is an extracted health
   claim; ``benefit`` – it carries a benefit category cue (efficacy, onset,
   durability, mechanism, indication, comparative; a testimonial cue alone is not a benefit);
   ``no_citation`` – no ``role:citation`` cue (journal, author et al., dated study) in
   the same or an adjacent sentence.

Local SEO is composed: a place (``promo:place``) fires only when a treatment or a
provider word (``promo:provider``: clinic, therapy, serving, "across the") lies
within :data:`PLACE_WINDOW` tokens in the same sentence; the finding spans both.

Finally overlapping spans are resolved: of the same kind they merge into one finding;
a span inside a longer span of another kind is dropped ("consistently demonstrate"
inside "These studies consistently demonstrate"). Each finding's span is the
promotional phrase itself, in original-file offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .extract import quoted
from .lexicon import Cue, bundled_lexicon
from .prose import HEADING
from .report import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis
    from .extract import Sentence

PROMO_KINDS = (
    "hype", "absolute_certainty", "vague_authority", "testimonial", "risk_minimization", "call_to_action", "local_seo",
)
KIND_RULES = {kind: f"HC2{i:02d}" for i, kind in enumerate(PROMO_KINDS, 1)}
BENEFIT_CATEGORIES = frozenset({"efficacy", "onset", "durability", "mechanism", "indication", "comparative"})
NEVER_SILENCED = frozenset({"call_to_action", "local_seo"})
BALANCE_SILENCED = frozenset({"hype", "absolute_certainty"})
NEGATION_REACH = 2
PLACE_WINDOW = 8
MERGE_GAP_WORDS = 3
PLACE, PROVIDER = "promo:place", "promo:provider"


@dataclass(frozen=True)
class PromoHit:
    """One candidate phrase and the decision about it."""

    kind: str
    cue: str  # promotion.yaml item id (for local_seo: the place item)
    start: int  # original-file offsets
    end: int
    sentence: int  # index into Analysis.sentences
    fired: bool
    reason: str  # why it fired or stayed quiet


@lru_cache(maxsize=1)
def promotion_cues() -> dict[str, Cue]:
    return {c.id: c for c in bundled_lexicon("promotion").cues}


@lru_cache(maxsize=4)
def _unless_matcher(nlp):
    from .patterns import CompiledPatterns

    matcher = CompiledPatterns(nlp.vocab, nlp.make_doc)
    for cue in promotion_cues().values():
        if cue.unless:
            matcher.add_all(cue.id, cue.unless)
    return matcher.freeze()


def _kind(cue: Cue) -> str | None:
    if cue.label.startswith("promo:"):
        kind = cue.label.split(":", 1)[1]
        return kind if kind in PROMO_KINDS else None
    return None


class _Context:
    """What the decisions need to know about the article, computed once."""

    def __init__(self, analysis: "Analysis"):
        from .nlp import get_pipeline

        self.sentences = analysis.sentences
        self.claimed = {id(c.sentence) for c in analysis.claims}
        self.main = analysis.main_treatment
        nlp = get_pipeline()
        self.unless = _unless_matcher(nlp)
        self._unless_by_doc: dict[int, set[tuple[str, int, int]]] = {}

    def unless_hits(self, sentence: "Sentence", cue_id: str) -> bool:
        doc = sentence.span.doc
        key = id(doc)
        if key not in self._unless_by_doc:
            self._unless_by_doc[key] = {(h.key, h.start, h.end) for h in self.unless(doc)}
        sent = sentence.span
        return any(k == cue_id and s >= sent.start and e <= sent.end for k, s, e in self._unless_by_doc[key])

    def near(self, index: int) -> list["Sentence"]:
        return [self.sentences[i] for i in (index - 1, index, index + 1) if 0 <= i < len(self.sentences)]

    def about_treatment(self, sentence: "Sentence") -> bool:
        return (
            any(not m.comparator for m in sentence.treatments)
            or sentence.has("role:anaphora")
            or id(sentence) in self.claimed
        )

    def requirement_missing(self, cue: Cue, index: int) -> str | None:
        sentence = self.sentences[index]
        for need in cue.requires:
            if need == "treatment":
                near = [s for s in self.near(index) if s.block_index == sentence.block_index] or [sentence]
                if not any(self.about_treatment(s) for s in near):
                    return "no treatment in or next to the sentence"
            elif need == "claim" and id(sentence) not in self.claimed:
                return "the sentence is not a health claim"
            elif need == "benefit" and not BENEFIT_CATEGORIES.intersection(sentence.categories):
                return "the sentence claims no benefit"
            elif need == "no_citation" and any(s.has("role:citation") for s in self.near(index)):
                return "a specific citation is in or next to the sentence"
        return None


def _silenced(ctx: _Context, index: int, kind: str, cue: Cue, span) -> str | None:
    """Why a candidate stays quiet (rules 1–6 of the module docstring), or None."""
    sentence = ctx.sentences[index]
    doc, sent = span.doc, sentence.span
    if kind not in NEVER_SILENCED:
        if sentence.has("context:reported"):
            return "reports what others claim"
        if sentence.has("role:denial"):
            return "the sentence denies or questions the claim"
        following = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
        if sentence.has("context:rebuttal") or (following is not None and following.has("context:rebuttal")
                                                 and following.block_index == sentence.block_index):
            return "rebutted"
        for neg in sentence.spans_of("cue"):
            if neg.label_ == "role:negation" and 0 <= span.start - neg.end <= NEGATION_REACH:
                return "negated"
        if sentence.text.rstrip().endswith("?"):
            return "a question"
        if sent.start < span.start and span.end < sent.end and quoted(doc, span.start, span.end):
            return "a mention in quotation marks"
        if kind in BALANCE_SILENCED and sentence.has("assert:hedged") and sentence.has("context:limitation"):
            return "a hedged sentence that states a limitation"
    if ctx.unless_hits(sentence, cue.id):
        return "an 'unless' phrase is in the sentence"
    return None


def _local_seo(ctx: _Context, index: int) -> list[tuple[int, int, str]]:
    """(start token, end token, place cue id) of place mentions tied to a treatment or provider."""
    sentence = ctx.sentences[index]
    anchors = [(s.start, s.end) for s in sentence.spans_of("treatment")]
    anchors += [(s.start, s.end) for s in sentence.spans_of("promo") if s.label_ == PROVIDER]
    found = []
    for place in sentence.spans_of("promo"):
        if place.label_ != PLACE:
            continue
        near = [a for a in anchors if min(abs(place.start - a[1]), abs(a[0] - place.end)) <= PLACE_WINDOW
                or (a[0] < place.end and place.start < a[1])]
        if near:
            nearest = min(near, key=lambda a: min(abs(place.start - a[1]), abs(a[0] - place.end)))
            found.append((min(place.start, nearest[0]), max(place.end, nearest[1]), place.id_))
    return found


def promo_hits(analysis: "Analysis") -> list[PromoHit]:
    """Every promotional candidate in the article with its decision, in document order."""
    ctx = _Context(analysis)
    cues = promotion_cues()
    hits: list[PromoHit] = []
    for index, sentence in enumerate(ctx.sentences):
        base = sentence.block.start
        doc = sentence.span.doc
        for span in sentence.spans_of("promo"):
            cue = cues.get(span.id_)
            kind = _kind(cue) if cue else None
            if kind is None:
                continue
            reason = _silenced(ctx, index, kind, cue, span) or ctx.requirement_missing(cue, index)
            hits.append(PromoHit(kind, cue.id, base + span.start_char, base + span.end_char, index,
                                 reason is None, reason or "promotional in context"))
        for start, end, cue_id in _local_seo(ctx, index):
            span = doc[start:end]
            hits.append(PromoHit("local_seo", cue_id, base + span.start_char, base + span.end_char, index,
                                 True, "a treatment or provider tied to a place"))
    return sorted(hits, key=lambda h: (h.start, h.end, h.kind))


def resolve_overlaps(hits: list[PromoHit], text: str | None = None) -> list[PromoHit]:
    """Fired hits with overlaps resolved.

    Hits of the same kind merge when they overlap or, in the same sentence, when at most
    :data:`MERGE_GAP_WORDS` words separate them ("Call:" + the number, "subside quickly and
    do not persist"). A span inside a longer span of another kind is dropped, except
    that a constructed local-SEO span never swallows a phrase.
    """
    merged: list[PromoHit] = []
    for hit in sorted((h for h in hits if h.fired), key=lambda h: (h.kind, h.start, -h.end)):
        last = merged[-1] if merged else None
        close = (
            last is not None and text is not None and last.sentence == hit.sentence
            and len(text[last.end:hit.start].split()) <= MERGE_GAP_WORDS
        )
        if last and last.kind == hit.kind and (hit.start < last.end or close):
            merged[-1] = PromoHit(last.kind, last.cue, last.start, max(last.end, hit.end), last.sentence, True, last.reason)
        else:
            merged.append(hit)
    # Containment needs overlap, and hits of different sentences never overlap: compare
    # within a sentence only (quadratic in the hits of one sentence, not of the article).
    by_sentence: dict[int, list[PromoHit]] = {}
    for h in merged:
        by_sentence.setdefault(h.sentence, []).append(h)
    kept = [
        h for h in merged
        if not any(o is not h and o.kind != h.kind and o.kind != "local_seo" and o.start <= h.start and h.end <= o.end
                   and (o.end - o.start) > (h.end - h.start) for o in by_sentence[h.sentence])
    ]
    return sorted(kept, key=lambda h: (h.start, h.end, h.kind))


def promotional_findings(analysis: "Analysis") -> list[Finding]:
    from .rules import rule

    findings = []
    claim_of = {id(c.sentence): c.id for c in analysis.claims}
    for hit in resolve_overlaps(promo_hits(analysis), analysis.prose.original_view(analysis.source.text)):
        meta = rule(KIND_RULES[hit.kind])
        cue = promotion_cues()[hit.cue]
        sentence = analysis.sentences[hit.sentence]
        where = " (in a heading)" if sentence.block.kind == HEADING else ""
        findings.append(Finding(
            code=meta.code, rule=meta.name, kind=meta.kind, severity=meta.severity,
            message=f"{meta.message}{where}: {cue.why}" if cue.why else meta.message,
            start=hit.start, end=hit.end, claim_id=claim_of.get(id(sentence)),
        ))
    return findings
