"""One indexed matcher for many keyed patterns.

A pattern is either a phrase (a string, matched case-insensitively on whole tokens
with spaCy's PhraseMatcher) or a token pattern (a list of token specs for spaCy's
Matcher, restricted to attributes that a blank pipeline sets). Lexicons and the
registry both compile all their patterns into a single :class:`CompiledPatterns`,
so matching cost grows with the text, not with the number of patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Pattern = "str | list[dict[str, Any]]"
BLANK_PIPELINE_ATTRS = frozenset(
    "LOWER TEXT ORTH NORM LENGTH LIKE_NUM IS_DIGIT IS_PUNCT IS_ALPHA IS_TITLE IS_UPPER IS_LOWER OP".split()
)


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
        self._tokens = Matcher(vocab, validate=True)
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
        for key in sorted(self._phrase_groups):
            docs = [self._make_doc(p.lower()) for p in self._phrase_groups[key]]
            self._phrases.add(key, docs)
        for key in sorted(self._token_groups):
            try:
                self._tokens.add(key, self._token_groups[key])
            except ValueError as exc:  # spaCy's MatchPatternError
                raise PatternError(key, str(exc).strip().splitlines()[0]) from None
        self._phrase_groups.clear()
        self._token_groups.clear()
        return self

    def __call__(self, doc: Doc) -> list[Hit]:
        strings = self._vocab.strings
        found = {(strings[m], s, e) for m, s, e in self._phrases(doc)}
        if len(self._tokens):
            found.update((strings[m], s, e) for m, s, e in self._tokens(doc))
        return [Hit(k, s, e) for k, s, e in sorted(found, key=lambda h: (h[1], h[2], h[0]))]


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest, then the earliest."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.key)):
        if not taken.intersection(range(hit.start, hit.end)):
            chosen.append(hit)
            taken.update(range(hit.start, hit.end))
    return sorted(chosen, key=lambda h: (h.start, h.end, h.key))
