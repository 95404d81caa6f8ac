"""The whole-article review (HealthNewsReview's ten criteria): cues, decisions, scorecard, external figures."""

from __future__ import annotations

import json
import os
import time

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.article_checks import CRITERION_RULES, advice, topic_advice
from factcheck.errors import LexiconError
from factcheck.lexicon import bundled_lexicon
from factcheck.resources import schema
from factcheck.review_checks import CRITERIA, health_article
from factcheck.source import source_from_bytes

from conftest import REPO, SHARED

EXTERNAL = SHARED / "external"
REVIEW_ITEMS = bundled_lexicon("review").cues


# --- the cues are data, and every item carries examples ----------------------------------------

@pytest.mark.parametrize("item", REVIEW_ITEMS, ids=[c.id for c in REVIEW_ITEMS])
def test_review_cue_examples_fire_and_stay_quiet(checker, item):
    assert item.why and item.examples.get("fire") and item.examples.get("quiet"), item.id
    for which in ("fire", "quiet"):
        for text in item.examples[which]:
            analysis = checker.analyse(source_from_bytes(text.encode("utf-8"), "<example>", "txt"))
            found = any(item.id in s.cues.get(item.label, []) for s in analysis.sentences)
            assert found == (which == "fire"), (item.id, which, text)


def test_every_criterion_has_a_rule_and_a_scorecard_entry():
    from factcheck.rules import rule
    from factcheck.scorecard import CRITERIA as CARD

    assert set(CRITERION_RULES) == set(CRITERIA)
    for criterion, code in CRITERION_RULES.items():
        assert rule(code).code == code
        assert any(c.applies == f"review:{criterion}" and code in c.codes for c in CARD), criterion


# --- decisions on small articles of our own ----------------------------------------------------

RELEASE = (
    "A weekly pill cut migraine days in a randomised trial\n\n"
    "Researchers tested a new weekly pill in 300 adults with migraine. Migraine days fell by half in 90 of 150 adults "
    "on the pill, compared with 45 of 150 on placebo. The most common side effects were nausea (8%) and dizziness (5%). "
    "The study was small and cannot prove long-term benefit. Larger trials are needed to confirm the result. "
    "The trial was funded by the maker of the pill. Unlike triptans, the standard treatment, the pill is taken once a week. "
    "It builds on earlier studies in teenagers. The pill is not yet approved; a phase 3 trial starts next year, and "
    "the company expects a price of about $200 a month.\n"
)


def card(report):
    return {c["id"]: c for c in report["scorecard"]}


def test_a_careful_release_meets_every_criterion_with_the_sentences_it_rests_on(checker):
    report = checker.check_text(RELEASE)
    jsonschema.validate(report, schema("report"))
    entries = card(report)
    for entry_id in ("hnr-costs", "hnr-benefits", "hnr-harms", "hnr-evidence", "hnr-disease-mongering", "hnr-funding",
                     "hnr-alternatives", "hnr-availability", "hnr-novelty", "hnr-sensational"):
        entry = entries[entry_id]
        assert entry["status"] == "met", entry
        assert entry["reason"]
    assert "$200 a month" in entries["hnr-costs"]["evidence"][0]["quote"]
    assert "90 of 150" in entries["hnr-benefits"]["evidence"][0]["quote"]
    for entry in entries.values():
        for item in entry.get("evidence", []):
            assert RELEASE[item["span"]["start"]:item["span"]["end"]] == item["quote"]
    assert not {f["code"] for f in report["findings"]} & set(CRITERION_RULES.values())


def test_a_bare_release_fails_the_criteria_it_leaves_out(checker):
    text = ("Scientists tested a new weekly pill in adults with migraine. The pill cut migraine days by half, "
            "the lead researcher said.\n")
    report = checker.check_text(text)
    codes = {f["code"] for f in report["findings"]}
    assert {"HC301", "HC302", "HC303", "HC306", "HC307", "HC309", "HC310"} <= codes
    entries = card(report)
    assert entries["hnr-benefits"]["status"] == "not_met"
    assert "relative" in entries["hnr-benefits"]["reason"]
    assert "by half" in entries["hnr-benefits"]["evidence"][0]["quote"]
    finding = next(f for f in report["findings"] if f["code"] == "HC306")
    assert finding["id"] in entries["hnr-benefits"]["findings"]


def test_a_denial_is_not_a_harm_disclosure_and_a_disease_cost_is_not_a_price(checker):
    text = ("Researchers tested a new weekly pill in 300 adults with migraine. The pill has no side effects. "
            "Migraine costs the economy billions each year.\n")
    entries = card(checker.check_text(text))
    assert entries["hnr-harms"]["status"] == "not_met"
    assert entries["hnr-costs"]["status"] == "not_met"


def test_sensational_wording_and_disease_mongering_fire(checker):
    text = ("Migraine is a silent epidemic. Millions of adults suffer without knowing it. "
            "Researchers tested a new pill in 300 adults. The lead author called it a dramatic breakthrough. "
            "\"It is the holy grail of migraine care,\" she said.\n")
    codes = {f["code"] for f in checker.check_text(text)["findings"]}
    assert {"HC308", "HC312"} <= codes


def test_not_applicable_says_why(checker):
    report = checker.check_text("The weather was mild on Tuesday, and the market was busy.\n")
    for entry in report["scorecard"]:
        if entry["status"] == "not_applicable":
            assert entry.get("reason"), entry
    assert card(report)["hnr-costs"]["status"] == "not_applicable"
    assert not {f["code"] for f in report["findings"]} & set(CRITERION_RULES.values())


def test_health_article_needs_a_claim_or_research(checker):
    def analysis(text):
        return checker.analyse(source_from_bytes(text.encode(), "<t>", "txt"))

    assert health_article(analysis("Researchers tested a new pill in 300 adults."))
    assert not health_article(analysis("The market was busy on Tuesday."))


def test_topic_advice_is_data_inherited_down_the_concept_tree():
    assert advice("esketamine", "harms") == advice("ketamine", "harms") and advice("ketamine", "harms")
    assert advice("tms_deep", "harms") == advice("tms", "harms")
    assert advice(None, "harms") == [] and advice("ssri", "cost") == []
    assert set(topic_advice()) <= {c.id for c in bundled_lexicon("treatments").concepts}


def test_topic_advice_rejects_unknown_keys(monkeypatch):
    import factcheck.resources

    topic_advice.cache_clear()
    monkeypatch.setattr(factcheck.resources, "lexicon_text", lambda name: "topics:\n  ketamine:\n    colour: red\n")
    try:
        with pytest.raises(LexiconError, match="colour"):
            topic_advice()
    finally:
        topic_advice.cache_clear()


def test_no_treatment_names_in_the_review_code():
    names = {c.id for c in bundled_lexicon("treatments").concepts} | {"spravato", "ketamine", "tms"}
    for module in ("article_checks.py", "review_checks.py", "scorecard.py", "eval_external.py"):
        code = (REPO / "factcheck" / module).read_text(encoding="utf-8").lower()
        body = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("#"))
        found = sorted(n for n in names if f'"{n}"' in body or f"'{n}'" in body)
        assert not found, (module, found)


def test_whole_article_review_is_linear_in_article_size(checker):
    """Four times the text, in one long paragraph, costs the promotion and review passes about four
    times as much: no pass pairs sentences with sentences or with every span of their block."""
    from factcheck.article_checks import check_article

    body = " ".join(RELEASE.split("\n\n", 1)[1].split())

    def timed(copies):
        text = "A weekly pill\n\n" + " ".join([body] * copies) + "\n"
        analysis = checker.analyse(source_from_bytes(text.encode(), "<t>", "txt"))
        start = time.perf_counter()
        check_article(analysis)
        return time.perf_counter() - start

    timed(10)
    small, large = min(timed(60) for _ in range(2)), min(timed(240) for _ in range(2))
    assert large < 4 * small * 2.5, (small, large)


# --- measured against the reviewers ------------------------------------------------------------

def _require_external():
    path = EXTERNAL / "fakehealth-dev" / "releases.jsonl"
    if not path.is_file():
        message = f"the external development sets are missing: {path}"
        if os.environ.get("FACTCHECK_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)


def test_halves_are_deterministic_and_balanced():
    from factcheck.eval_external import part_of

    _require_external()
    ids = [json.loads(line)["id"] for line in (EXTERNAL / "fakehealth-dev" / "releases.jsonl").read_text().splitlines()]
    parts = [part_of(i) for i in ids]
    assert parts == [part_of(i) for i in ids]
    assert 0.35 < parts.count("tune") / len(parts) < 0.65


def test_always_flag_is_the_trivial_baseline():
    from factcheck.eval_external import always_flag
    from factcheck.evaluate import Score

    base = always_flag(Score(tp=3, fp=1, fn=2, tn=4)).as_binary_dict()
    assert (base["tp"], base["fp"], base["fn"], base["tn"]) == (5, 5, 0, 0)
    assert base["balanced_accuracy"] == 0.5 and base["mcc"] == 0.0 and base["recall"] == 1.0


@pytest.fixture(scope="module")
def fakehealth(checker):
    from factcheck.eval_external import evaluate_external

    _require_external()
    return evaluate_external("fakehealth", checker, EXTERNAL)


EXTERNAL_MINIMA = json.loads((REPO / "corpus" / "external_thresholds.json").read_text())


@pytest.mark.parametrize("criterion", sorted(EXTERNAL_MINIMA["minimum"]))
def test_fakehealth_balanced_accuracy_does_not_drop(fakehealth, criterion):
    """All 121 releases, every criterion: the committed figures minus a small margin."""
    measures = fakehealth["parts"]["all"][criterion]
    assert measures["balanced_accuracy"] >= EXTERNAL_MINIMA["minimum"][criterion], measures
    assert set(measures["always_flag"]) >= {"f1", "balanced_accuracy", "mcc"}


def test_eval_external_command(tmp_path):
    from cli import main

    bad = CliRunner().invoke(main, ["eval", "--external", "nosuch"])
    assert bad.exit_code == 2 and "nosuch" in bad.output and "fakehealth" in bad.output
    missing = CliRunner().invoke(main, ["eval", "--external", "fakehealth", "--shared", str(tmp_path)])
    assert missing.exit_code == 2 and "releases.jsonl" in missing.output and "Traceback" not in missing.output
    (tmp_path / "fakehealth-dev").mkdir()
    (tmp_path / "fakehealth-dev" / "releases.jsonl").write_text(
        json.dumps({"id": "r1", "title": "A pill", "text": "Researchers tested a pill in 30 adults.",
                    "criteria": {"cost": "not_satisfactory", "harms": "not_applicable"}}) + "\n")
    ok = CliRunner().invoke(main, ["eval", "--external", "fakehealth", "--shared", str(tmp_path), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.output)
    assert data["parts"]["all"]["cost"]["tp"] == 1 and data["parts"]["all"]["harms"]["tp"] == 0
