"""One indexed matcher for many keyed patterns.

A pattern is either a phrase (a string, matched case-insensitively on whole tokens
with spaCy's PhraseMatcher) or a token pattern (a list of token specs for spaCy's
Matcher, restricted to attributes that a blank pipeline sets). Lexicons and the
registry both compile all their patterns into a single :class:`CompiledPatterns`,
so matching cost grows with the text, not with the number of patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from typing import Any, Iterable

from spacy.attrs import LOWER, NORM, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .vocabularies import lemma_forms

Pattern = "str | list[dict[str, Any]]"
BLANK_PIPELINE_ATTRS = frozenset(
    "LOWER TEXT ORTH NORM LENGTH LIKE_NUM IS_DIGIT IS_PUNCT IS_ALPHA IS_TITLE IS_UPPER IS_LOWER OP LEMMA".split()
)
MAX_EXPANSION = 256  # a token pattern of literal words expands into at most this many phrases
# ... or, for a one-token pattern (a word list, such as a lemma's forms), this many words:
# each is one tiny phrase, and a gated Matcher on so many anchor words would run on nearly every block
MAX_WORD_LIST = 2048


def _literal_words(spec: dict[str, Any]) -> list[str] | None:
    """The words a literal token spec accepts, compared on LOWER, else None.

    ``{LOWER: word}`` and ``{LOWER: {IN: [...]}}`` qualify, and so do ``ORTH``/``TEXT``
    literals without letters ("(", "$", "-"), for which case does not matter."""
    if "OP" in spec and spec["OP"] != "?":
        return None
    keys = set(spec) - {"OP"}
    if len(keys) != 1:
        return None
    (attr,) = keys
    value = spec[attr]
    if attr in ("ORTH", "TEXT"):
        if not isinstance(value, str) or value.lower() != value.upper():
            return None
    elif attr != "LOWER":
        return None
    if isinstance(value, dict):
        if set(value) != {"IN"} or not isinstance(value["IN"], list):
            return None
        words = value["IN"]
    else:
        words = [value]
    ok = all(isinstance(w, str) and w and w == w.lower() and not any(c.isspace() for c in w) for w in words)
    return list(dict.fromkeys(words)) if ok and words else None


def _lemma_values(spec: dict[str, Any]) -> list[str]:
    value = spec.get("LEMMA")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [v for v in value["IN"] if isinstance(v, str)]
    return []


def pattern_lemmas(pattern: Any) -> set[str]:
    """The lemmas a token pattern names (``{LEMMA: reduce}``, ``{LEMMA: {IN: [...]}}``)."""
    if not isinstance(pattern, list):
        return set()
    return {v.lower() for spec in pattern for v in _lemma_values(spec)}


def expand_lemmas(pattern: list[dict[str, Any]], forms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The pattern with each ``LEMMA`` test replaced by a ``LOWER`` test of the lemma's forms.

    A blank pipeline sets no lemmas; expanding when patterns are compiled gives the same
    matches as a lookup lemmatizer at no cost per token, and the result usually goes to
    the PhraseMatcher (see :func:`phrase_expansion`)."""
    expanded = []
    for spec in pattern:
        lemmas = _lemma_values(spec)
        if lemmas:
            words = sorted({w for lemma in lemmas for w in forms.get(lemma.lower(), [lemma.lower()])})
            spec = {k: v for k, v in spec.items() if k != "LEMMA"}
            spec["LOWER"] = {"IN": words} if len(words) > 1 else words[0]
        expanded.append(spec)
    return expanded


def phrase_expansion(pattern: list[dict[str, Any]]) -> list[tuple[str, ...]] | None:
    """The word sequences a token pattern of literal words matches, or None.

    Such a pattern matches exactly where one of the sequences occurs (compared on
    LOWER), so it can go to the PhraseMatcher, which is much cheaper per token
    than the Matcher's per-token predicate checks. An optional token (``OP: "?"``)
    gives sequences with and without it, as the Matcher returns both."""
    choices: list[list[str | None]] = []
    for spec in pattern or [{}]:
        words = _literal_words(spec)
        if words is None:
            return None
        choices.append(words + [None] if spec.get("OP") == "?" else words)
    size = 1
    for c in choices:
        size *= len(c)
    if size > (MAX_WORD_LIST if len(choices) == 1 else MAX_EXPANSION):
        return None
    sequences = {tuple(w for w in combo if w is not None) for combo in product(*choices)}
    return sorted(s for s in sequences if s)


COMMON_TOKENS = frozenset(
    ", . - – — ( ) : ; ! ? ' \" a an the and or of to in on for is are was it its this that with as by at be not no do"
    .split()
)


def anchor_words(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """Words one of which every match must contain (as a token's LOWER), or None.

    Every required token whose LOWER (or ORTH) is a literal or an IN list offers a
    set of such words; the rarest-looking set is taken (fewest punctuation marks and
    function words, then fewest words), because a Doc with none of them cannot match
    and its Matcher run is skipped."""
    options: list[frozenset[str]] = []
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+"):
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                words = value["IN"]
            elif isinstance(value, str):
                words = [value]
            else:
                continue
            if words and all(isinstance(w, str) for w in words):
                options.append(frozenset(w.lower() for w in words))
                break
    if not options:
        return None
    return min(options, key=lambda words: (len(words & COMMON_TOKENS), len(words), sorted(words)))


def pattern_literal(pattern: Any) -> str:
    """A readable rendering of a pattern, for explanations in reports."""
    if isinstance(pattern, str):
        return pattern
    parts = []
    for spec in pattern:
        value = next((v for k, v in spec.items() if k != "OP"), "")
        if isinstance(value, dict):
            value = "|".join(value.get("IN", [])) or value.get("REGEX", "…")
        elif isinstance(value, bool):
            value = "<number>" if "LIKE_NUM" in spec else "<token>"
        parts.append(f"{value}{spec.get('OP', '')}")
    return " ".join(parts)


def unsupported_attributes(pattern: Any) -> list[str]:
    if isinstance(pattern, str):
        return []
    return sorted({key for spec in pattern for key in spec if key not in BLANK_PIPELINE_ATTRS})


REGEX_ATTRS = {"LOWER": LOWER, "TEXT": ORTH, "ORTH": ORTH, "NORM": NORM}


def single_token_regex(pattern: Any) -> tuple[str, str] | None:
    """(attribute, regex) of a one-token pattern that is only a REGEX test, else None.

    Such patterns have no anchor word, so spaCy's Matcher would run them on every
    token; :class:`CompiledPatterns` tests each distinct token string once instead.
    """
    if not isinstance(pattern, list) or len(pattern) != 1 or len(pattern[0]) != 1:
        return None
    (attr, value), = pattern[0].items()
    if attr in REGEX_ATTRS and isinstance(value, dict) and set(value) == {"REGEX"}:
        return attr, value["REGEX"]
    return None


class PatternError(ValueError):
    """A token pattern spaCy's Matcher refuses; ``key`` names the rule it belongs to."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}")


@dataclass(frozen=True)
class Hit:
    key: str
    start: int  # token index
    end: int


class CompiledPatterns:
    """Phrase and token patterns under string keys, matched in one pass over a Doc."""

    def __init__(self, vocab: Vocab, make_doc):
        self._vocab = vocab
        self._make_doc = make_doc
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        self._tokens = Matcher(vocab, validate=True)  # token patterns that have no anchor words
        self._gated: list[tuple[frozenset[int], Matcher]] = []  # (anchor LOWER hashes, matcher)
        self._regexes: list[tuple[str, int, re.Pattern]] = []  # (key, attribute id, regex) of one-token tests
        self._regex_results: dict[tuple[int, int], bool] = {}  # (regex index, string hash) -> found
        self._phrase_groups: dict[str, list[str]] = {}
        self._token_groups: dict[str, list[list[dict[str, Any]]]] = {}

    def add(self, key: str, pattern: Any) -> None:
        if isinstance(pattern, str):
            self._phrase_groups.setdefault(key, []).append(pattern)
        else:
            self._token_groups.setdefault(key, []).append(pattern)

    def add_all(self, key: str, patterns: Iterable[Any]) -> None:
        for pattern in patterns:
            self.add(key, pattern)

    def freeze(self) -> "CompiledPatterns":
        expanded: dict[str, list[Doc]] = {}
        gated: dict[frozenset[str], Matcher] = {}
        lemmas = {lemma for group in self._token_groups.values() for p in group for lemma in pattern_lemmas(p)}
        forms = lemma_forms(lemmas) if lemmas else {}
        for key in sorted(self._token_groups):
            for pattern in self._token_groups[key]:
                if forms and pattern_lemmas(pattern):
                    pattern = expand_lemmas(pattern, forms)
                regex = single_token_regex(pattern)
                if regex is not None:
                    try:
                        self._regexes.append((key, REGEX_ATTRS[regex[0]], re.compile(regex[1])))
                    except re.error as exc:
                        raise PatternError(key, f"regular expression does not compile: {exc}") from None
                    continue
                words = phrase_expansion(pattern) if isinstance(pattern, list) else None
                if words is not None:
                    expanded.setdefault(key, []).extend(Doc(self._vocab, words=list(w)) for w in words)
                    continue
                anchors = anchor_words(pattern) if isinstance(pattern, list) else None
                matcher = self._tokens if anchors is None else gated.setdefault(anchors, Matcher(self._vocab, validate=True))
                try:
                    matcher.add(key, [pattern])
                except ValueError as exc:  # spaCy's MatchPatternError
                    raise PatternError(key, str(exc).strip().splitlines()[0]) from None
        for key in sorted(set(self._phrase_groups) | set(expanded)):
            docs = [self._make_doc(p.lower()) for p in self._phrase_groups.get(key, [])] + expanded.get(key, [])
            self._phrases.add(key, docs)
        strings = self._vocab.strings
        self._gated = [
            (frozenset(strings.add(w) for w in anchors), matcher)
            for anchors, matcher in sorted(gated.items(), key=lambda item: sorted(item[0]))
        ]
        self._phrase_groups.clear()
        self._token_groups.clear()
        return self

    def __call__(self, doc: Doc) -> list[Hit]:
        strings = self._vocab.strings
        found = {(strings[m], s, e) for m, s, e in self._phrases(doc)}
        if len(self._tokens):
            found.update((strings[m], s, e) for m, s, e in self._tokens(doc))
        if self._gated and len(doc):
            lowers = set(doc.to_array(LOWER).tolist())
            for anchors, matcher in self._gated:
                if not anchors.isdisjoint(lowers):
                    found.update((strings[m], s, e) for m, s, e in matcher(doc))
        if self._regexes and len(doc):
            found.update(self._regex_hits(doc))
        return [Hit(k, s, e) for k, s, e in sorted(found, key=lambda h: (h[1], h[2], h[0]))]

    def _regex_hits(self, doc: Doc):
        """One-token REGEX patterns, each distinct token string tested once (spaCy's REGEX is re.search)."""
        strings = self._vocab.strings
        columns = {attr: doc.to_array(attr).tolist() for attr in {a for _, a, _ in self._regexes}}
        cache = self._regex_results
        if len(cache) > 200_000:
            cache.clear()
        for number, (key, attr, regex) in enumerate(self._regexes):
            for i, value in enumerate(columns[attr]):
                hit = cache.get((number, value))
                if hit is None:
                    hit = cache[(number, value)] = regex.search(strings[value]) is not None
                if hit:
                    yield key, i, i + 1


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest, then the earliest."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.key)):
        if not taken.intersection(range(hit.start, hit.end)):
            chosen.append(hit)
            taken.update(range(hit.start, hit.end))
    return sorted(chosen, key=lambda h: (h.start, h.end, h.key))
