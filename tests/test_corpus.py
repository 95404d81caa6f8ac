"""The annotated corpus itself: every gold file is valid, its spans are exact, and the split table agrees.

Mechanical checks only (offsets, order, schema, bookkeeping); nothing here scores the checker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.evaluate import article_path, load_gold, span_problems
from factcheck.source import read_source

from conftest import REPO, SEEDS

CORPUS = REPO / "corpus"
GOLD_DIRS = [d for d in (CORPUS / "gold", CORPUS / "gold-second") if d.is_dir()]
GOLD_FILES = sorted(p for d in GOLD_DIRS for p in d.glob("*.gold.json"))
ROW = re.compile(r"^\| (?P<stem>[a-z0-9-]+) \| (?P<article>\S+) \| (?P<topic>[a-z0-9-]+) \| .* \| (?:\*\*)?(?P<split>dev|test)(?:\*\*)? \|$")


def split_table() -> dict[str, dict[str, str]]:
    rows = (ROW.match(line) for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines())
    return {m["stem"]: m.groupdict() for m in rows if m}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_spans_are_exact_sorted_and_claims_do_not_overlap(path, seeds):
    gold = load_gold(path)
    source = read_source(article_path(gold, path.parent, SEEDS))
    assert span_problems(gold, source.text) == []


def test_span_problems_names_each_broken_rule():
    text = "Ketamine works fast. It is safe."
    gold = {"claims": [{"start": 21, "end": 32, "quote": "It is safe."}, {"start": 0, "end": 22, "quote": "Ketamine works fast. I"}],
            "promotional": [{"start": 0, "end": 8, "quote": "ketamine"}]}
    problems = span_problems(gold, text)
    assert "gold span 0:8 does not match its quote" in problems
    assert "claims are not sorted by start" in problems
    assert "claims 0:22 and 21:32 overlap" in problems
    assert span_problems({"claims": [{"start": 20, "end": 32, "quote": " It is safe."}], "promotional": []}, text) == [
        "claim 20:32 has surrounding whitespace"]


def test_every_article_has_gold_and_a_row_in_the_split_table():
    table = split_table()
    gold = {p.name[: -len(".gold.json")]: load_gold(p) for p in (CORPUS / "gold").glob("*.gold.json")}
    assert set(table) == set(gold)
    for stem, data in gold.items():
        assert (table[stem]["article"], table[stem]["topic"], table[stem]["split"]) == (data["article"], data["topic"], data["split"]), stem
    written = {f"articles/{p.name}" for p in (CORPUS / "articles").iterdir()}
    assert written == {g["article"] for g in gold.values() if g["article"].startswith("articles/")}


def test_second_annotations_cover_the_same_articles_as_the_gold():
    second = CORPUS / "gold-second"
    assert second.is_dir() and any(second.glob("*.gold.json")), "the second annotation is part of the corpus"
    for path in second.glob("*.gold.json"):
        first = load_gold(CORPUS / "gold" / path.name)
        other = load_gold(path)
        assert (other["article"], other["split"], other["topic"]) == (first["article"], first["split"], first["topic"])
