"""No catastrophic backtracking: every regular expression the package uses, and the
loaders, finish quickly on adversarial 100 KB lines.

Collected: module-level compiled patterns in factcheck/*.py (and sub-packages), the
boilerplate lexicon's line patterns, and every REGEX value in the lexicon YAML files
and the registry (claims/**/*.yaml). The bound is generous (2 s per input, measured)
so a busy machine does not make the test flaky; a quadratic pattern takes minutes.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.html import load_html
from factcheck.markdown import load_markdown
from factcheck.prose import boilerplate_rules, load_plain_text
from factcheck.regex_safety import find_regexes

REPO = Path(__file__).resolve().parent.parent
SIZE = 100_000
BOUND = 2.0  # seconds per input


def _modules():
    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        try:
            yield importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module another change broke is not this test's business
            continue


def module_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    seen: set[int] = set()
    for module in _modules():
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern) and id(value) not in seen:  # imported names counted once
                seen.add(id(value))
                found[f"{module.__name__}.{name}"] = value
    return found


def data_patterns() -> dict[str, re.Pattern]:
    values: dict[str, str] = {}
    files = sorted((REPO / "factcheck" / "lexicons").glob("*.yaml")) + sorted((REPO / "claims").rglob("*.yaml"))
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        values.update((f"{path.name}:{value}", value) for _, value in find_regexes(data))
    patterns = {name: re.compile(value) for name, value in values.items()}
    for i, pattern in enumerate(boilerplate_rules().lines):
        patterns[f"boilerplate.yaml:lines[{i}]:{pattern.pattern}"] = pattern
    return patterns


ALL_PATTERNS = {**module_patterns(), **data_patterns()}

# Patterns the code only ever applies with .match() at one known position, and whose
# every attempt is bounded; scanning them with finditer from every offset is not how
# they run (and costs offsets × bound). Each is still tested with match/fullmatch,
# and the loaders that use them are tested on hostile lines below.
MATCH_ONLY = {
    "factcheck.html._TAG_REST": "matched right after '<name' only; each attempt is bounded by _MAX_TAG characters",
}


def _alphabet(pattern: str) -> str:
    """Literal characters a pattern mentions (its 'alphabet'), for building hostile input."""
    body = re.sub(r"\\[dDwWsSbBAZ]", "", pattern)
    chars = {c for c in body if c.isprintable()} - set("^$")
    return "".join(sorted(chars)) or "a"


def hostile_lines(pattern: str) -> dict[str, str]:
    alphabet = _alphabet(pattern)
    seeds = {
        "alphabet": alphabet,
        "alphabet-prefix": alphabet[: max(1, len(alphabet) // 2)],
        "lt": "<",
        "tag-open": "<a ",
        "tag-quote": '<a x="',
        "entity": "&#",
        "emphasis": "*_",
        "bracket": "[",
        "link-open": "](",
        "comment": "<!--",
        "digits": "1234567890.",
        "word-space": "a ",
        "title": "Home Ab ",
    }
    lines = {name: (seed * (SIZE // len(seed) + 1))[:SIZE] for name, seed in seeds.items()}
    lines["spaces-then-x"] = " " * SIZE + "x"
    lines["spaces-then-bang"] = " " * (SIZE - 1) + "!"
    return lines


def _timed(function, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def test_patterns_were_collected():
    names = " ".join(ALL_PATTERNS)
    assert "factcheck.html._TAG_REST" in names and "factcheck.markdown._LINK" in names
    assert "cues.yaml" in names and "boilerplate.yaml" in names
    assert len(ALL_PATTERNS) >= 25


@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_pattern_is_linear_on_hostile_lines(name):
    pattern = ALL_PATTERNS[name]
    slow = {}
    for label, line in hostile_lines(pattern.pattern).items():
        for how in ("match", "fullmatch") if name in MATCH_ONLY else ("finditer", "match", "fullmatch"):
            if how == "finditer":
                elapsed = _timed(lambda t: sum(1 for _ in pattern.finditer(t)), line)
            else:
                elapsed = _timed(getattr(pattern, how), line)
            if elapsed > BOUND:
                slow[f"{label}/{how}"] = round(elapsed, 2)
    assert not slow, f"{name} ({pattern.pattern!r}) is slow on: {slow}"


LOADER_LINES = {
    "lt": "<" * SIZE,
    "tag-open": "<a" * (SIZE // 2),
    "tag-space": "<x " * (SIZE // 3),
    "tag-quote": '<a x="' * (SIZE // 6),
    "tag-single-quote": "<a x='" * (SIZE // 6),
    "entity": "&#" * (SIZE // 2),
    "entity-hex": "&#x" * (SIZE // 3),
    "comment-unclosed": "<!--" * (SIZE // 4),
    "comment-then-text": "<!--" + "a" * SIZE,
    "doctype-unclosed": "<!" * (SIZE // 2),
    "pi-unclosed": "<?" * (SIZE // 2),
    "close-tags": "</" * (SIZE // 2),
    "script-unclosed": "<script>" * (SIZE // 8),
    "nested-divs": "<div>" * (SIZE // 5),
    "nested-unclosed-p": "<p>x" * (SIZE // 4),
    "emphasis": "*_" * (SIZE // 2),
    "backticks": "`" * SIZE,
    "backtick-pairs": "``a" * (SIZE // 3),
    "brackets": "[" * SIZE,
    "link-openers": "[](" * (SIZE // 3),
    "image-openers": "![" * (SIZE // 2),
    "parens": "(" * SIZE,
    "autolink": "<x@" * (SIZE // 3),
    "spaces": " " * SIZE + "x",
    "tabs": "\t" * SIZE + "x",
    "dashes": "-" * SIZE,
    "bullets": "- " * (SIZE // 2),
    "ordinals": "1. " * (SIZE // 3),
    "hashes": "#" * SIZE,
    "pipes": "|" * SIZE,
    "quotes": "> " * (SIZE // 2),
    "title-words": "Home Ab " * (SIZE // 8),
    "fused-heading": "AbcDef " * (SIZE // 7),
    "no-punctuation": "ketamine helps " * (SIZE // 15),
}


@pytest.mark.parametrize("loader", [load_plain_text, load_markdown, load_html], ids=lambda f: f.__name__)
def test_loaders_are_linear_on_hostile_lines(loader):
    slow = {}
    for label, line in LOADER_LINES.items():
        for text in (line, line + "\n" + line[:1000]):
            elapsed = _timed(loader, text)
            if elapsed > BOUND:
                slow[label] = round(elapsed, 2)
    assert not slow, f"{loader.__name__} is slow on: {slow}"
