"""Stage 3: which sentences are health claims, and what each one says.

The functions here are pure: they read the spans the pipeline left on each block's
Doc and return plain records. A sentence is a claim when it carries a claim-category
cue and is about a treatment: it names one, refers back to the article's main
treatment ("it", "this therapy"), is a heading of an article about it, or is a
list item under a lead-in sentence that names one. Questions are not claims.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .prose import HEADING, LIST_ITEM, Block

CATEGORY_PRIORITY = (
    "regulatory", "comparative", "onset", "durability", "safety", "mechanism", "testimonial",
    "cost_access", "dosing", "statistic", "indication", "efficacy",
)
ASSERTIVENESS_ORDER = ("plain", "hedged", "boosted", "absolute")
COMPARATOR_WINDOW = 3
_JOINERS = frozenset({"and", "or", ",", "and/or", "&"})


@dataclass(frozen=True)
class Mention:
    concept: str
    start: int  # offsets in the original file
    end: int
    text: str
    comparator: bool = False


@dataclass
class Sentence:
    """A sentence of a block, with what the lexicons found in it."""

    block: Block
    block_index: int
    span: Span  # inside the block's Doc
    start: int
    end: int
    text: str
    treatments: list[Mention]
    conditions: list[Mention]
    cues: dict[str, list[str]]  # label -> cue ids, in order of appearance
    cue_texts: dict[str, list[str]]

    def has(self, label: str) -> bool:
        return label in self.cues

    @property
    def categories(self) -> tuple[str, ...]:
        found = {label.split(":", 1)[1] for label in self.cues if label.startswith("category:")}
        return tuple(c for c in CATEGORY_PRIORITY if c in found)


@dataclass
class Claim:
    id: str
    sentence: Sentence
    category: str
    categories: tuple[str, ...]
    subject: str | None
    subject_inferred: bool
    treatments: tuple[str, ...]
    comparators: tuple[str, ...]
    conditions: tuple[str, ...]
    assertiveness: str
    assertiveness_cues: tuple[str, ...]
    negated: bool
    inherited_from: int | None = None  # offset of the lead-in sentence
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


def trimmed_bounds(span: Span, base: int) -> tuple[int, int]:
    """Original-file offsets of ``span`` without surrounding white space."""
    text = span.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return base + span.start_char + left, base + span.start_char + right


def sentences_of(doc: Doc, block: Block, block_index: int) -> list[Sentence]:
    """The sentences of one block's Doc, with their concept mentions and cues."""
    base = block.start
    result: list[Sentence] = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        start, end = trimmed_bounds(sent, base)
        treatments = _mentions(doc.spans.get("treatment", []), sent, base)
        conditions = _mentions(doc.spans.get("condition", []), sent, base)
        cues: dict[str, list[str]] = {}
        cue_texts: dict[str, list[str]] = {}
        for key in ("cue", "promo"):
            for span in doc.spans.get(key, []):
                if span.start >= sent.start and span.end <= sent.end:
                    cues.setdefault(span.label_, []).append(span.id_)
                    cue_texts.setdefault(span.label_, []).append(span.text)
        comparator_ends = [s.end for s in doc.spans.get("cue", []) if s.label_ == "role:comparator"]
        treatments = _mark_comparators(treatments, doc, sent, comparator_ends, base)
        result.append(
            Sentence(block, block_index, sent, start, end, " ".join(doc.text[sent.start_char:sent.end_char].split()),
                     treatments, conditions, cues, cue_texts)
        )
    return result


def _mentions(spans, sent: Span, base: int) -> list[Mention]:
    return [
        Mention(s.id_, base + s.start_char, base + s.end_char, s.text)
        for s in spans
        if s.start >= sent.start and s.end <= sent.end
    ]


def _mark_comparators(mentions: list[Mention], doc: Doc, sent: Span, comparator_ends: list[int], base: int) -> list[Mention]:
    """A treatment is a comparator when a comparator cue ends shortly before it (or before
    the treatment it is listed with: "such as SSRIs and SNRIs")."""
    marked: list[Mention] = []
    token_of = {t.idx + base: t.i for t in sent}
    token_after = {t.idx + len(t.text) + base: t.i + 1 for t in sent}
    previous: tuple[int, bool] | None = None  # (end token, comparator) of the last mention
    for mention in mentions:
        first = token_of.get(mention.start)
        comparator = False
        if first is not None:
            comparator = any(0 <= first - end <= COMPARATOR_WINDOW for end in comparator_ends if end <= first)
            if not comparator and previous and previous[1]:
                between = [t.text.lower() for t in doc[previous[0]:first]]
                comparator = all(w in _JOINERS for w in between)
            previous = (token_after.get(mention.end, first + 1), comparator)
        marked.append(Mention(mention.concept, mention.start, mention.end, mention.text, comparator))
    return marked


def main_treatment(sentences: list[Sentence]) -> str | None:
    """The treatment an article is about: its most often named non-comparator concept."""
    counts = Counter(m.concept for s in sentences for m in s.treatments if not m.comparator)
    if not counts:
        return None
    first_seen = {}
    for s in sentences:
        for m in s.treatments:
            first_seen.setdefault(m.concept, s.start)
    return sorted(counts, key=lambda c: (-counts[c], first_seen[c]))[0]


def assertiveness(sentence: Sentence) -> tuple[str, tuple[str, ...]]:
    for level in reversed(ASSERTIVENESS_ORDER[1:]):
        label = f"assert:{level}"
        if label in sentence.cue_texts:
            return level, tuple(dict.fromkeys(t.lower() for t in sentence.cue_texts[label]))
    return "plain", ()


def extract_claims(sentences: list[Sentence], main: str | None) -> list[Claim]:
    """Every claim among ``sentences`` (in document order), numbered C001, C002, ..."""
    claims: list[Claim] = []
    lead_in: Sentence | None = None
    lead_in_subject: str | None = None
    for sentence in sentences:
        if sentence.block.kind != LIST_ITEM:
            lead_in = None
        claim = _claim_for(sentence, main, lead_in, lead_in_subject, len(claims) + 1)
        if claim is not None:
            claims.append(claim)
        if sentence.block.kind != LIST_ITEM and sentence.text.rstrip().endswith(":"):
            lead_in = sentence
            named = [m.concept for m in sentence.treatments if not m.comparator]
            lead_in_subject = named[0] if named else (main if sentence.has("role:anaphora") else None)
    return claims


def _claim_for(sentence: Sentence, main: str | None, lead_in: Sentence | None, lead_in_subject: str | None, number: int) -> Claim | None:
    text = sentence.text.rstrip()
    if text.endswith("?") or text.endswith(":"):
        return None
    categories = sentence.categories
    inherited_from = None
    own = [m for m in sentence.treatments if not m.comparator]
    subject: str | None = own[0].concept if own else None
    inferred = False
    if lead_in is not None and lead_in_subject and (subject is None or not categories):
        categories = tuple(c for c in CATEGORY_PRIORITY if c in set(categories) | set(lead_in.categories))
        if subject is None:
            subject, inferred = lead_in_subject, True
        inherited_from = lead_in.start
    if not categories:
        return None
    if subject is None and main is not None:
        refers_back = sentence.has("role:anaphora") or sentence.block.kind == HEADING
        all_comparators = bool(sentence.treatments)
        about_condition = bool(sentence.conditions) and bool(set(categories) & {"efficacy", "onset", "indication", "durability"})
        if refers_back or all_comparators or about_condition:
            subject, inferred = main, True
    if subject is None:
        return None
    level, level_cues = assertiveness(sentence)
    if inherited_from is not None and level == "plain" and lead_in is not None:
        level, level_cues = assertiveness(lead_in)
    return Claim(
        id=f"C{number:03d}",
        sentence=sentence,
        category=categories[0],
        categories=categories,
        subject=subject,
        subject_inferred=inferred,
        treatments=tuple(dict.fromkeys(m.concept for m in sentence.treatments)),
        comparators=tuple(dict.fromkeys(m.concept for m in sentence.treatments if m.comparator)),
        conditions=tuple(dict.fromkeys(m.concept for m in sentence.conditions)),
        assertiveness=level,
        assertiveness_cues=level_cues,
        negated=sentence.has("role:negation"),
        inherited_from=inherited_from,
    )
