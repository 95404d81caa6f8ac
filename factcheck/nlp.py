"""Stage 2: the one spaCy pipeline, built from ``spacy.blank("en")`` once per process.

Components (all ours, thin wrappers around pure functions):

* ``factcheck_sentences`` – sentence boundaries inside a block: after ``.``, ``!``,
  ``?`` or ``…`` when the next word starts like a sentence. Blocks never share a
  sentence because each block is its own Doc.
* ``lexicon_ruler`` – one instance per lexicon (treatments, conditions, cues,
  promotion); loads its lexicon in ``initialize`` and writes spans to
  ``doc.spans[<spans_key>]`` with the concept or cue id as ``span.id_``.

No POS tags, parses or lemmas exist on a blank pipeline, so nothing relies on them.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import bundled_lexicon
from .patterns import CompiledPatterns, Hit, longest_first

TERMINALS = frozenset({".", "!", "?", "…", "?!", "!!", "..."})
ABBREVIATIONS = frozenset("al e.g i.e etc vs approx fig no dr mr mrs ms prof st inc ltd co jr sr ph.d ca cf".split())
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
LEXICON_KEYS = {"treatments": "treatment", "conditions": "condition", "cues": "cue", "promotion": "promo", "review": "review"}


def sentence_starts(words: list[str]) -> list[bool]:
    """Pure sentence segmentation over token texts (True where a sentence starts)."""
    starts = [False] * len(words)
    if words:
        starts[0] = True
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        if word in TERMINALS and not (word == "." and i and words[i - 1].lower() in ABBREVIATIONS):
            j = i + 1
            while j < n and (words[j] in CLOSERS or not words[j].strip()):
                j += 1
            if j < n and _starts_sentence(words[j]):
                starts[j] = True
            i = j
            continue
        i += 1
    return starts


def _starts_sentence(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or first in "“\"‘'(¡¿" or not first.isalnum() and first not in ",;:.)-–—"


@Language.factory("factcheck_sentences", default_config={})
def make_sentences(nlp: Language, name: str):
    return SentenceSplitter()


class SentenceSplitter:
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Token texts by slicing the Doc's text, and the boundaries written in one
        # from_array call: setting token.is_sent_start token by token costs a
        # has_annotation() scan of the whole Doc each time (quadratic in its length).
        text = doc.text
        words = [text[i : i + n] for i, n in doc.to_array([IDX, LENGTH]).tolist()]
        starts = numpy.array([1 if s else -1 for s in sentence_starts(words)], dtype="int32").astype("uint64")
        doc.from_array([SENT_START], starts)
        return doc


@Language.factory("lexicon_ruler", default_config={"lexicon": "cues", "spans_key": "cue", "longest_only": False})
def make_lexicon_ruler(nlp: Language, name: str, lexicon: str, spans_key: str, longest_only: bool):
    return LexiconRuler(nlp, lexicon, spans_key, longest_only)


class LexiconRuler:
    """Finds a lexicon's concepts or cues; spans carry the item id in ``id_`` and its label."""

    def __init__(self, nlp: Language, lexicon: str, spans_key: str, longest_only: bool):
        self.nlp = nlp
        self.lexicon_name = lexicon
        self.spans_key = spans_key
        self.longest_only = longest_only
        self.labels: dict[str, str] = {}
        self.matcher: CompiledPatterns | None = None

    def initialize(self, get_examples=None, nlp=None) -> None:
        lex = bundled_lexicon(self.lexicon_name)
        matcher = CompiledPatterns(self.nlp.vocab, self.nlp.make_doc)
        for concept in lex.concepts:
            matcher.add_all(concept.id, concept.patterns)
            self.labels[concept.id] = lex.label
        for cue in lex.cues:
            matcher.add_all(cue.id, cue.patterns)
            self.labels[cue.id] = cue.label
        self.matcher = matcher.freeze()

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            raise RuntimeError(f"lexicon_ruler {self.lexicon_name!r} used before nlp.initialize()")
        hits: list[Hit] = self.matcher(doc)
        if self.longest_only:
            hits = longest_first(hits)
        doc.spans[self.spans_key] = [
            Span(doc, h.start, h.end, label=self.labels[h.key], span_id=h.key) for h in hits
        ]
        return doc


def build_pipeline(extra_lexicons: tuple[str, ...] = ("promotion", "review")) -> Language:
    """A fresh pipeline; use :func:`get_pipeline` for the shared one."""
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck_sentences")
    nlp.add_pipe("lexicon_ruler", name="treatments", config={"lexicon": "treatments", "spans_key": "treatment", "longest_only": True})
    nlp.add_pipe("lexicon_ruler", name="conditions", config={"lexicon": "conditions", "spans_key": "condition", "longest_only": True})
    nlp.add_pipe("lexicon_ruler", name="cues", config={"lexicon": "cues", "spans_key": "cue"})
    for name in extra_lexicons:
        try:
            bundled_lexicon(name)
        except FileNotFoundError:
            continue
        nlp.add_pipe("lexicon_ruler", name=name, config={"lexicon": name, "spans_key": LEXICON_KEYS.get(name, name)})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()
