"""Lexicons as data: loading, validation and the concept hierarchy.

A lexicon is a YAML file in ``factcheck/lexicons`` validated against
``lexicon.schema.json`` (unknown keys are rejected). Concept lexicons (treatments,
conditions) give each concept a stable id, a literal and an optional broader
concept; cue lexicons give each cue a label (what it signals), a literal and, for
rules users see, why it matters and examples that must and must not fire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any


from .errors import LexiconError
from .patterns import unsupported_attributes
from .resources import lexicon_text, schema
from .yamlsafe import load_yaml


@dataclass(frozen=True)
class Concept:
    id: str
    literal: str
    patterns: tuple[Any, ...]
    broader: str | None = None


@dataclass(frozen=True)
class Cue:
    id: str
    label: str
    literal: str
    patterns: tuple[Any, ...]
    why: str = ""
    unless: tuple[Any, ...] = ()
    requires: tuple[str, ...] = ()
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    name: str
    label: str
    concepts: tuple[Concept, ...] = ()
    cues: tuple[Cue, ...] = ()

    @cached_property
    def _ancestor_cache(self) -> dict[str, tuple[str, ...]]:
        return {}

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """``concept_id`` followed by its broader concepts, nearest first (memoised:
        matching calls this for every candidate entry, so it must not rebuild an index)."""
        cached = self._ancestor_cache.get(concept_id)
        if cached is not None:
            return cached
        by_id = {c.id: c for c in self.concepts}
        chain = [concept_id]
        while by_id.get(chain[-1]) and by_id[chain[-1]].broader and len(chain) < 16:
            chain.append(by_id[chain[-1]].broader)
        self._ancestor_cache[concept_id] = result = tuple(chain)
        return result

    def literal(self, concept_id: str) -> str:
        return next((c.literal for c in self.concepts if c.id == concept_id), concept_id)


def parse_lexicon(name: str, text: str, validate: bool = True) -> Lexicon:
    """A lexicon from YAML text; ``validate`` checks it against lexicon.schema.json first."""
    data = load_yaml(text, f"lexicon {name}", LexiconError)
    errors = []
    if validate:
        import jsonschema  # noqa: PLC0415 - only when validating

        errors = sorted(jsonschema.Draft202012Validator(schema("lexicon")).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        pointer = "/" + "/".join(str(p) for p in first.absolute_path)
        raise LexiconError(f"lexicon {name}", f"{pointer}: {first.message}")
    concepts = tuple(
        Concept(c["id"], c["literal"], tuple(c["patterns"]), c.get("broader")) for c in data.get("concepts", [])
    )
    cues = tuple(
        Cue(
            id=c["id"],
            label=c["label"],
            literal=c["literal"],
            patterns=tuple(c["patterns"]),
            why=c.get("why", ""),
            unless=tuple(c.get("unless", ())),
            requires=tuple(c.get("requires", ())),
            examples={k: tuple(v) for k, v in c.get("examples", {}).items()},
        )
        for c in data.get("items", [])
    )
    ids = [c.id for c in concepts] + [c.id for c in cues]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise LexiconError(f"lexicon {name}", f"duplicate ids: {', '.join(duplicates)}")
    for item in (*concepts, *cues):
        bad = [a for p in item.patterns for a in unsupported_attributes(p)]
        if bad:
            raise LexiconError(f"lexicon {name}", f"{item.id}: attributes a blank pipeline lacks: {', '.join(bad)}")
    return Lexicon(name=name, label=data.get("label", name), concepts=concepts, cues=cues)


@lru_cache(maxsize=None)
def bundled_lexicon(name: str) -> Lexicon:
    """A lexicon shipped with the package (schema-checked by the test suite, not on every run)."""
    return parse_lexicon(name, lexicon_text(name), validate=False)
