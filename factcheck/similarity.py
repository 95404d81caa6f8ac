"""Ranking registry entries by how much of a claim's wording they share (Okapi BM25).

Hand-written match patterns are precise but miss paraphrases: "its side effects are
minor and pass quickly" shares no pattern with an entry on minimal side effects,
though it shares most of its words. Each entry is indexed as one document (its claim,
statement, pattern literals and must-match examples); a claim's content words are
scored against every entry that shares a word, with BM25's saturation and length
normalisation, so rare shared words count and long entries are not favoured.

Words are compared by lemma when the pipeline sets one, else by their lower-case
form with a regular plural or verb ending removed; stop words, numbers and
punctuation are ignored. Pure functions and one immutable index: no spaCy here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

K1 = 1.2  # term-frequency saturation
B = 0.75  # length normalisation
KEEP = ("less", "ness", "ss", "us", "is", "ous")  # endings that are not inflections
SIBILANTS = ("ss", "x", "z", "ch", "sh")  # stems that take "-es" in the plural


def fold(word: str) -> str:
    """A crude base form for a lower-case word: regular plural endings removed.

    Only used when the pipeline sets no lemma; verb endings are left alone, since
    removing them blindly ("caused" -> "caus") splits more forms than it joins."""
    if len(word) <= 4 or word.endswith(KEEP):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(SIBILANTS):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def term(lemma: str, lower: str) -> str:
    """The form a word is compared by: its lemma when known, else its folded lower case."""
    return lemma.lower() if lemma else fold(lower)


@dataclass(frozen=True)
class Similar:
    """One entry's similarity to a claim."""

    key: str
    score: float
    shared: tuple[str, ...]
    coverage: float  # the share of the claim's words, weighted by rarity, that the entry shares


class BM25Index:
    """Documents as term lists, scored against a query with Okapi BM25."""

    def __init__(self, documents: Mapping[str, Iterable[str]]):
        counts = {key: Counter(terms) for key, terms in documents.items()}
        self._lengths = {key: sum(c.values()) for key, c in counts.items()}
        self._average = (sum(self._lengths.values()) / len(counts)) if counts else 0.0
        postings: dict[str, list[tuple[str, int]]] = {}
        for key in sorted(counts):
            for word, n in sorted(counts[key].items()):
                postings.setdefault(word, []).append((key, n))
        total = len(counts)
        self._idf = {w: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5)) for w, p in postings.items()}
        self._unseen = math.log(1 + (total + 0.5) / 0.5)  # a word no document has: the rarest of all
        self._postings = postings
        # BM25's length normalisation per document, computed once rather than per posting
        self._norms = {key: K1 * (1 - B + B * length / self._average) for key, length in self._lengths.items()}

    def idf(self, word: str) -> float:
        """How rare a word is among the documents; a word none has weighs most."""
        return self._idf.get(word, self._unseen)

    def rank(self, query: Iterable[str]) -> list[Similar]:
        """Every document sharing a query term, best first (ties by key)."""
        scores: dict[str, float] = {}
        covered: dict[str, float] = {}
        shared: dict[str, list[str]] = {}
        words = list(dict.fromkeys(query))
        weight = sum(self.idf(w) for w in words)
        norms = self._norms
        for word in words:
            idf = self._idf.get(word)
            if idf is None:
                continue
            for key, n in self._postings[word]:
                scores[key] = scores.get(key, 0.0) + idf * n * (K1 + 1) / (n + norms[key])
                covered[key] = covered.get(key, 0.0) + idf
                shared.setdefault(key, []).append(word)
        found = [Similar(k, round(s, 3), tuple(shared[k]), round(covered[k] / weight, 3)) for k, s in scores.items()]
        found.sort(key=lambda s: (-s.score, s.key))
        return found
