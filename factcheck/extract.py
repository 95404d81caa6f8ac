"""Stage 3: which sentences are health claims, and what each one says.

The functions here are pure: they read the spans the pipeline left on each block's
Doc and return plain records. A sentence is a claim when it carries a claim-category
cue and is about a treatment: it names one, refers back to the article's main
treatment ("it", "this therapy"), is a heading of an article about it, or is a
list item under a lead-in sentence that names one. Questions are not claims.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START
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
    first_token: int  # token range in the block's Doc
    end_token: int
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
    opening_cues: frozenset[str] = frozenset()  # labels of cues on the first word
    wording: tuple[tuple[str, int, int, str], ...] = ()  # (assert level, start, end token, text) of wording cues

    def has(self, label: str) -> bool:
        return label in self.cues

    def spans_of(self, key: str) -> list[Span]:
        """The Doc's spans of group ``key`` (treatment, condition, cue, promo, review) inside this
        sentence, in the group's order. Found through a per-Doc index sorted by start, so asking
        for every sentence of a long block costs no more than the block's spans once."""
        sent = self.span
        starts, order, spans = _span_index(sent.doc, key)
        found = order[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]
        return [spans[i] for i in sorted(found) if spans[i].end <= sent.end]

    @property
    def categories(self) -> tuple[str, ...]:
        found = {label.split(":", 1)[1] for label in self.cues if label.startswith("category:")}
        return tuple(c for c in CATEGORY_PRIORITY if c in found)


SPAN_INDEX = "factcheck.span_index"


def _span_index(doc: Doc, key: str) -> tuple[list[int], list[int], list[Span]]:
    """(starts in sorted order, the group positions in that order, the group's spans), built once per Doc and key."""
    cache = doc.user_data.setdefault(SPAN_INDEX, {})
    if key not in cache:
        spans = list(doc.spans.get(key, []))
        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        cache[key] = ([spans[i].start for i in order], order, spans)
    return cache[key]


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

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


def sentences_of(doc: Doc, block: Block, block_index: int) -> list[Sentence]:
    """The sentences of one block's Doc, with their concept mentions and cues."""
    # Performance: each span group is read once per Doc, not once per sentence, and
    # texts are sliced from one copy of doc.text (Span.text and Doc.text rebuild the
    # string token by token on every access).
    base = block.start
    text = doc.text
    groups = {
        key: [(s.start, s.end, s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans.get(key, [])]
        for key in ("treatment", "condition", "cue", "promo", "review")
    }
    comparator_ends = [g[1] for g in groups["cue"] if g[4] == "role:comparator"]
    for spans in groups.values():
        spans.sort()
    group_starts = {key: [g[0] for g in spans] for key, spans in groups.items()}
    skippable = [p or w for p, w in zip(doc.to_array(IS_PUNCT).tolist(), doc.to_array(IS_SPACE).tolist())]
    result: list[Sentence] = []
    for sent in _sentence_spans(doc):
        first, last, start_char, end_char = sent.start, sent.end, sent.start_char, sent.end_char
        raw = text[start_char:end_char]
        if not raw.strip():
            continue
        start = base + start_char + len(raw) - len(raw.lstrip())
        end = base + start_char + len(raw.rstrip())
        inside = {
            key: [g for g in spans[bisect_left(group_starts[key], first):bisect_left(group_starts[key], last)] if g[1] <= last]
            for key, spans in groups.items()
        }
        conditions = [Mention(g[5], base + g[2], base + g[3], text[g[2]:g[3]], g[0], g[1]) for g in inside["condition"]]
        # "patients who have not responded to standard antidepressants" names a
        # condition (treatment resistance); the drugs inside it are not a subject.
        # ... and "the antidepressant effect of ketamine" uses the class word as an adjective.
        adjectival = [(g[0], g[1]) for g in inside["cue"] if g[4] == "role:not-a-treatment"]
        treatments = [
            Mention(g[5], base + g[2], base + g[3], text[g[2]:g[3]], g[0], g[1])
            for g in inside["treatment"]
            if not any(c.start <= base + g[2] and base + g[3] <= c.end for c in conditions)
            and not any(a <= g[0] and g[1] <= b for a, b in adjectival)
        ]
        cues: dict[str, list[str]] = {}
        for key in ("cue", "promo", "review"):
            for g in inside[key]:
                cues.setdefault(g[4], []).append(g[5])
        if treatments:
            treatments = _mark_comparators(treatments, doc, comparator_ends)
        opening_token = next((i for i in range(first, last) if not skippable[i]), None)
        opening = frozenset(g[4] for g in inside["cue"] if g[0] == opening_token)
        wording = tuple(
            (g[4].split(":", 1)[1], g[0], g[1], text[g[2]:g[3]].lower())
            for g in inside["cue"]
            if g[4].startswith("assert:") and not quoted(doc, g[0], g[1])
        )
        result.append(
            Sentence(block, block_index, sent, start, end, " ".join(raw.split()), treatments, conditions, cues, opening, wording)
        )
    return result


QUOTES = frozenset('"“”‘’\'«»')


def quoted(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are a word in quotation marks (the word "breakthrough"):
    a mention of the word, not a use of it."""
    return 0 < start and end < len(doc) and doc[start - 1].text in QUOTES and doc[end].text in QUOTES


def _sentence_spans(doc: Doc) -> list[Span]:
    """The Doc's sentences, read from its SENT_START column (cheaper than ``doc.sents``)."""
    flags = doc.to_array(SENT_START).tolist()
    starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0] + [len(doc)]
    return [doc[a:b] for a, b in zip(starts, starts[1:]) if b > a]


def _mark_comparators(mentions: list[Mention], doc: Doc, comparator_ends: list[int]) -> list[Mention]:
    """A treatment is a comparator when a comparator cue ends shortly before it (or before
    the treatment it is listed with: "such as SSRIs and SNRIs")."""
    marked: list[Mention] = []
    for mention in mentions:
        first = mention.first_token
        comparator = any(0 <= first - end <= COMPARATOR_WINDOW for end in comparator_ends)
        if not comparator and marked and marked[-1].comparator:
            between = [t.text.lower() for t in doc[marked[-1].end_token:first]]
            comparator = all(w in _JOINERS for w in between)
        marked.append(replace(mention, comparator=comparator))
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


NEGATORS = frozenset({"not", "no", "never", "isn't", "aren't", "isn’t", "aren’t", "n't", "n’t", "nor", "without"})
# "should always be given under supervision" is advice, not a promise.
ADVISORY = frozenset({"should", "must"})
INTERROGATIVES = frozenset({"why", "how", "what", "when", "where", "who", "which"})
PROMISSORY = frozenset({"promise", "promising", "potential", "potentially"})


ADVICE_VERBS = frozenset({"talk", "consult", "ask", "check", "seek", "follow", "tell", "speak", "discuss", "read"})


def _negated(doc: Doc, start: int, end: int) -> bool:
    """Whether the wording at ``start:end`` is negated ("not risk-free", "not ... for all
    patients") or is advice rather than a promise ("should always", "always talk to")."""
    before = doc[max(start - 3, 0):start]
    after = doc[end:end + 1]
    return any(t.lower_ in NEGATORS or t.lower_ in ADVISORY for t in before) or any(t.lower_ in ADVICE_VERBS for t in after)


# "significantly" boosts a claim, unless the sentence reports a statistical result
# ("scores fell significantly more than on placebo"), where it means statistically significant.
SIGNIFICANCE = "significance"


def assertiveness(sentence: Sentence) -> tuple[str, tuple[str, ...]]:
    """The strongest wording in the sentence; a negated booster or absolute does not count."""
    found: dict[str, list[str]] = {}
    doc = sentence.span.doc
    for level, start, end, text in sentence.wording:
        if level != "hedged" and _negated(doc, start, end):
            continue
        if level == SIGNIFICANCE:
            if sentence.has("role:statistics"):
                continue
            level = "boosted"
        found.setdefault(level, []).append(text)
    for level in reversed(ASSERTIVENESS_ORDER[1:]):
        if level in found:
            return level, tuple(dict.fromkeys(found[level]))
    return "plain", ()


def extract_claims(sentences: list[Sentence], main: str | None) -> list[Claim]:
    """Every claim among ``sentences`` (in document order), numbered C001, C002, ...

    A sentence that names no treatment is about the treatment its section last named
    ("TMS is the gentlest ... It needs no anaesthesia"), else the article's main one.
    """
    claims: list[Claim] = []
    lead_in: Sentence | None = None
    lead_in_subject: str | None = None
    section_subject: str | None = None  # the treatment the current section last named
    for sentence in sentences:
        if sentence.block.kind != LIST_ITEM:
            lead_in = None
        named = [m.concept for m in sentence.treatments if not m.comparator]
        if sentence.block.kind == HEADING:
            section_subject = named[0] if named else None
        claim = _claim_for(sentence, section_subject or main, lead_in, lead_in_subject, len(claims) + 1)
        if claim is not None:
            claims.append(claim)
        if named and sentence.block.kind != HEADING:
            section_subject = named[0]
        if sentence.block.kind != LIST_ITEM and sentence.text.rstrip().endswith(":"):
            lead_in = sentence
            named = [m.concept for m in sentence.treatments if not m.comparator]
            lead_in_subject = named[0] if named else (main if sentence.categories else None)
    return claims


STRONG_CATEGORIES = frozenset(CATEGORY_PRIORITY) - {"efficacy", "indication"}


def starts_with(sentence: Sentence, label: str) -> bool:
    """Whether a cue with ``label`` begins the sentence (after opening punctuation)."""
    return label in sentence.opening_cues


def _asserts(heading: Sentence) -> bool:
    """A heading asserts when it has a verb or comparison cue, strong wording, or speed."""
    return heading.has("role:assertive") or heading.has("assert:boosted") or heading.has("assert:absolute") or "onset" in heading.categories


def _strongly_worded(sentence: Sentence) -> bool:
    """"Guaranteed results.", "Depression Ends Here.": no category cue, but a claim all the same."""
    if sentence.has("assert:absolute") or sentence.has("assert:boosted"):
        return True
    return sentence.block.kind == HEADING and bool(sentence.conditions) and sentence.has("role:assertive")


def _about_main(sentence: Sentence, categories: tuple[str, ...]) -> bool:
    """Whether a sentence that names no treatment is about the article's main treatment.

    It is when it refers back ("it", "this therapy"), is a heading or list item, names
    only comparators, or makes a specific kind of claim (speed, safety, durability,
    mechanism, cost, ...) or an efficacy claim about a named condition. A vague
    efficacy word alone ("help", "work") in a sentence about nothing in particular
    is not enough.
    """
    if sentence.has("role:anaphora") or sentence.block.kind in (HEADING, LIST_ITEM) or sentence.treatments:
        return True
    if set(categories) & STRONG_CATEGORIES:
        return True
    return bool(sentence.conditions)


def _claim_for(sentence: Sentence, main: str | None, lead_in: Sentence | None, lead_in_subject: str | None, number: int) -> Claim | None:
    text = sentence.text.rstrip()
    if text.endswith("?") or sentence.has("role:meta") or starts_with(sentence, "role:imperative"):
        return None
    if sentence.block.kind == HEADING and text.split()[0].lower() in INTERROGATIVES:
        return None  # a question without its question mark ("How it is thought to work")
    if text.endswith(":") and (len(text.split()) < 8 or not sentence.categories):
        return None  # a short lead-in ("Benefits include:") introduces claims; it makes none
    if sentence.has("role:reported") and not sentence.has("role:denial"):
        return None  # a claim the article attributes to others, not its own
    if sentence.block.kind == HEADING and not _asserts(sentence):
        return None  # a topic label ("Side effects and risks"), not a claim
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
    if not categories and _strongly_worded(sentence):
        categories = ("efficacy",)
    if not categories:
        return None
    if subject is None and main is not None and _about_main(sentence, categories):
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
