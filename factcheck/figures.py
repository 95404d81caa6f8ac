"""Numbers in claims, compared with what the evidence and arithmetic allow.

Two checks, both pure functions over a sentence's words (each word with the space
after it, as spaCy's ``text_with_ws`` gives, so quotes keep their spacing):

* a proportion of people ("90% of patients", "nine in ten") on a quantity an entry
  records figures for (response or remission rates) is compared with the highest
  figure its sources report: a claim above it is overstated;
* a figure no evidence can carry is impossible: more than 100% of a group, or more
  people than live in the place named ("500 million Americans"). The population
  bounds are data (``lexicons/populations.yaml``), each with its basis.

Which quantity a sentence speaks of comes from its ``figure:<quantity>`` cues
(``lexicons/cues.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from .errors import LexiconError
from .resources import lexicon_text
from .yamlsafe import load_yaml

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "hundred": 100,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
PERCENT_WORDS = ("%", "percent", "per cent")
TOLERANCE = 5.0  # percentage points above the highest reported figure still read as the same figure
POPULATION_KEYS = frozenset({"id", "literal", "patterns", "at_most", "basis"})


@dataclass(frozen=True)
class Proportion:
    """A share of a group the sentence states, in percent, with the words that state it."""

    percent: float
    text: str


@dataclass(frozen=True)
class Count:
    """A number of people in a named population ("500 million Americans")."""

    value: float
    population: str
    text: str


@dataclass(frozen=True)
class Population:
    id: str
    literal: str
    patterns: tuple[tuple[str, ...], ...]
    at_most: float
    basis: str


def phrase(words: Sequence[str], start: int, end: int) -> str:
    """Words ``start:end`` as written: a word ending in a space keeps it ("70.8 %" vs "70.8%")."""
    return "".join(words[start:end]).strip()


def number(word: str) -> float | None:
    """The value of a numeral or a small number word ("70.8", "1,200", "nine")."""
    word = word.lower().replace(",", "")
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def numerals(words: Sequence[str]) -> tuple[list[str], list[tuple[int, float]]]:
    """The words in lower case without their spaces, and the position and value of each number."""
    lower = [w.strip().lower() for w in words]
    values = [(i, number(w)) for i, w in enumerate(lower)]
    return lower, [(i, v) for i, v in values if v is not None]


def proportions(words: Sequence[str]) -> list[Proportion]:
    """Shares of a group: "N% of", "N percent of", "N in M", "N out of M"."""
    lower, found_numbers = numerals(words)
    found = []
    for i, value in found_numbers:
        rest = lower[i + 1:i + 4]
        if rest[:1] == ["%"] or rest[:1] == ["percent"] or rest[:2] == ["per", "cent"]:
            width = 3 if rest[:1] == ["per"] else 2
            if lower[i + width:i + width + 1] == ["of"]:
                found.append(Proportion(value, phrase(words, i, i + width + 1)))
        elif rest[:1] == ["in"] or rest[:2] == ["out", "of"]:
            at = i + (2 if rest[:1] == ["in"] else 3)
            whole = number(lower[at]) if at < len(lower) else None
            if whole and value <= whole and whole > 1:
                found.append(Proportion(round(100 * value / whole, 1), phrase(words, i, at + 1)))
    return found


def _population_at(lower: Sequence[str], start: int, populations: Sequence[Population]) -> tuple[Population, int] | None:
    """The population named within three words of ``start``, and where its name ends."""
    for at in range(start, min(start + 3, len(lower))):
        for population in populations:
            for pattern in population.patterns:
                if tuple(lower[at:at + len(pattern)]) == pattern:
                    return population, at + len(pattern)
    return None


def counts(words: Sequence[str], populations: Sequence[Population]) -> list[Count]:
    """Numbers of people in a named population: "500 million Americans", "2 billion people worldwide"."""
    lower, found_numbers = numerals(words)
    found = []
    for i, value in found_numbers:
        j = i + 1
        if j < len(lower) and lower[j] in SCALES:
            value *= SCALES[lower[j]]
            j += 1
        named = _population_at(lower, j, populations)
        if named is not None:
            population, end = named
            found.append(Count(value, population.id, phrase(words, i, end)))
    return found


def parse_populations(text: str, where: str = "lexicon populations") -> tuple[Population, ...]:
    """The population bounds, validated: unknown keys and missing fields are errors."""
    data = load_yaml(text, where, LexiconError)
    items = data.get("populations") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LexiconError(where, "expected a mapping with a list under 'populations'")
    found = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != POPULATION_KEYS:
            keys = sorted(set(item) ^ POPULATION_KEYS) if isinstance(item, dict) else []
            raise LexiconError(where, f"/populations/{i}: needs exactly the keys {sorted(POPULATION_KEYS)} (check {keys})")
        if not isinstance(item["at_most"], (int, float)) or item["at_most"] <= 0:
            raise LexiconError(where, f"/populations/{i}/at_most: a positive number")
        patterns = tuple(tuple(str(p).lower().split()) for p in item["patterns"])
        found.append(Population(item["id"], item["literal"], patterns, float(item["at_most"]), " ".join(item["basis"].split())))
    return tuple(found)


@lru_cache(maxsize=None)
def bundled_populations() -> tuple[Population, ...]:
    return parse_populations(lexicon_text("populations"))


def impossible(words: Sequence[str], populations: Sequence[Population]) -> list[str]:
    """Why a figure in the sentence cannot be true, if one cannot."""
    reasons = [f"“{p.text}” is more than all of a group" for p in proportions(words) if p.percent > 100]
    bounds = {p.id: p for p in populations}
    for count in counts(words, populations):
        population = bounds[count.population]
        if count.value > population.at_most:
            reasons.append(
                f"“{count.text}” is more than the number of {population.literal} "
                f"(at most {population.at_most:,.0f}: {population.basis})"
            )
    return reasons


def above_evidence(words: Sequence[str], quantities: Sequence[str], figures: Sequence[dict[str, Any]]) -> list[str]:
    """Why a stated rate is above what the entry's sources report, if it is.

    ``quantities`` are the rates the sentence speaks of (from its cues); ``figures`` the
    entry's recorded figures (quantity, value, population, timeframe, source)."""
    reasons = []
    for quantity in quantities:
        reported = [f for f in figures if f["quantity"] == quantity]
        if not reported:
            continue
        highest = max(reported, key=lambda f: f["value"])
        for stated in proportions(words):
            if stated.percent > highest["value"] + TOLERANCE:
                reasons.append(
                    f"“{stated.text}” is above the highest {quantity.replace('_', ' ')} its sources report "
                    f"({highest['value']:g}% in {highest['population']}, {highest['timeframe']})"
                )
    return reasons
