"""Similarity matching: a paraphrase that shares an entry's words but none of its patterns still reaches it."""

from __future__ import annotations

import shutil

import pytest

from factcheck.similarity import BM25Index, fold

from conftest import DATA


def test_fold_removes_regular_plurals_only():
    assert [fold(w) for w in ("doses", "classes", "therapies", "effects", "boxes")] == ["dose", "class", "therapy", "effect", "box"]
    assert [fold(w) for w in ("painless", "illness", "nervous", "basis", "caused", "risk")] == ["painless", "illness", "nervous", "basis", "caused", "risk"]


def test_a_rare_shared_word_outranks_a_common_one():
    index = BM25Index({
        "a": ["ketamine", "bladder", "damage"],
        "b": ["ketamine", "mood"],
        "c": ["ketamine", "sleep"],
    })
    ranked = index.rank(["ketamine", "bladder"])
    assert [s.key for s in ranked] == ["a", "b", "c"]
    assert ranked[0].shared == ("ketamine", "bladder")
    assert index.idf("bladder") > index.idf("ketamine") > 0
    assert index.rank(["unknown"]) == []


def test_ties_are_broken_by_key_so_output_is_stable():
    index = BM25Index({"z": ["mood"], "a": ["mood"]})
    assert [s.key for s in index.rank(["mood"])] == ["a", "z"]


ENTRY = """
  - id: t.safety.dissociation-passes
    topic: ketamine
    theme: safety
    statement: Fixture statement, dissociation and perceptual changes during dosing usually resolve within about two hours.
    verdict: supported
    certainty: high
    match:
      categories: [safety]
      treatments: [ketamine]
      patterns: [k-hole]
    sources: [fixture-trial]
    suggested_wording: Dissociation during a ketamine session usually passes within about two hours.
    reviewed: "2026-11-21"
    examples:
      match: ["A k-hole is a deep dissociative state during a ketamine session."]
      no_match: ["Ketamine was approved in 1970."]
"""


@pytest.fixture(scope="module")
def paraphrase_checker(tmp_path_factory):
    from factcheck.checker import Checker

    root = tmp_path_factory.mktemp("registry")
    shutil.copytree(DATA / "registry", root / "registry")
    entries = root / "registry" / "entries.yaml"
    entries.write_text(entries.read_text(encoding="utf-8").rstrip("\n") + "\n" + ENTRY, encoding="utf-8")
    return Checker([str(root / "registry")], include_bundled=False)


def test_a_paraphrase_reaches_its_entry_and_the_report_says_why(paraphrase_checker):
    report = paraphrase_checker.check_text(
        "With ketamine, the dissociation and perceptual changes usually resolve within two hours of dosing."
    )
    [claim] = report["claims"]
    match = claim["match"]
    assert match["entry"] == "t.safety.dissociation-passes"
    assert match["matched_terms"] == []
    assert {"dissociation", "perceptual", "resolve"} <= set(match["similarity"]["shared_terms"])
    assert claim["verdict"] == "supported"


def test_sharing_only_common_words_reaches_no_entry(paraphrase_checker):
    report = paraphrase_checker.check_text("Ketamine changes how patients feel during the session.")
    assert all(c["match"] is None or c["match"]["entry"] != "t.safety.dissociation-passes" for c in report["claims"])


def test_coverage_weighs_the_claims_rare_words():
    index = BM25Index({"a": ["ketamine", "improve", "depression"], "b": ["ketamine", "bladder"], "c": ["ketamine", "sleep"]})
    [about_depression] = [s for s in index.rank(["ketamine", "improve", "eyesight"]) if s.key == "a"]
    # "eyesight" is in no entry, so it weighs most and the entry covers under half of the claim
    assert about_depression.coverage < 0.5
    [same] = [s for s in index.rank(["ketamine", "improve", "depression"]) if s.key == "a"]
    assert same.coverage == 1.0


def test_a_claim_about_something_no_entry_covers_stays_unverified(checker):
    [claim] = checker.check_text("Ketamine treatment improves eyesight in older adults.")["claims"]
    assert claim["verdict"] == "unverified" and claim["match"] is None
