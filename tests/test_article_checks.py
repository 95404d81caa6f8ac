"""Whole-article checks (HC301–HC305) and the editorial-standards scorecard."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.article_checks import article_findings
from factcheck.resources import schema
from factcheck.scorecard import CRITERIA
from factcheck.source import source_from_bytes

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "gold"
FLAG_RULES = {
    "risks_disclosed": "HC301",
    "regulatory_status_disclosed": "HC302",
    "cost_disclosed": "HC303",
    "specific_sources_cited": "HC304",
}
LEGACY = {"HC301", "HC302", "HC303", "HC304", "HC305"}  # the checks the corpus flags annotate
OWN_DEV = ("balanced-explainer", "blog-post", "neutral-faq", "clinic-landing", "listicle-7-reasons", "patient-stories", "tms-clinic")
PROMOTIONAL = ("seed-000", "seed-001", "seed-002", "seed-004", "clinic-landing", "listicle-7-reasons", "patient-stories", "tms-clinic")
BALANCED = ("seed-003", "balanced-explainer", "blog-post", "neutral-faq")


def dev_gold(stem: str) -> dict:
    gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    assert gold["split"] == "dev", f"{stem} is held out; do not read it"
    return gold


def article_path(gold: dict, seeds: list[Path] | None) -> Path:
    if gold["article"].startswith("seeds/"):
        name = Path(gold["article"]).name
        return next(p for p in seeds if p.name == name)
    return REPO / "corpus" / gold["article"]


@pytest.fixture(scope="module")
def dev_results(checker, seeds):
    results = {}
    for stem in OWN_DEV + tuple(f"seed-{n:03d}" for n in range(5)):
        gold = dev_gold(stem)
        path = article_path(gold, seeds)
        source = source_from_bytes(path.read_bytes(), str(path), path.suffix.lstrip("."))
        analysis = checker.analyse(source)
        findings, facts = article_findings(analysis)
        results[stem] = (gold, analysis, {f.code: f for f in findings}, facts, checker.check(source))
    return results


@pytest.mark.parametrize("flag", FLAG_RULES)
def test_article_flags_agree_with_the_dev_gold(dev_results, flag):
    code = FLAG_RULES[flag]
    for stem, (gold, _analysis, found, facts, _report) in dev_results.items():
        if gold["flags"][flag]:
            assert code not in found, (stem, flag, found[code].detail if code in found else None)
        elif code == "HC304" and not facts["applicable"]["HC304"]:
            continue  # no appeal to research at all: "no sources" does not apply (seed 002, patient-stories)
        else:
            assert code in found, (stem, flag)


@pytest.mark.parametrize("stem", PROMOTIONAL)
def test_promotional_articles_are_imbalanced(dev_results, stem):
    assert "HC305" in dev_results[stem][2], dev_results[stem][3]


@pytest.mark.parametrize("stem", BALANCED)
def test_balanced_articles_are_not_imbalanced(dev_results, stem):
    assert "HC305" not in dev_results[stem][2], dev_results[stem][2]["HC305"].detail


def test_neutral_explainers_only_get_the_justified_no_sources(dev_results):
    """The neutral FAQ and the blog post appeal to "trials"/"research" without naming one; the
    annotator's flag specific_sources_cited is false for both, so HC304 is justified there."""
    for stem in ("balanced-explainer", "blog-post", "neutral-faq"):
        gold, _analysis, found, _facts, _report = dev_results[stem]
        assert set(found) & LEGACY <= {"HC304"}, (stem, sorted(found))
        assert ("HC304" in found) == (not gold["flags"]["specific_sources_cited"])


def test_whole_article_findings_have_no_span_but_detail_and_related(dev_results):
    _gold, _analysis, _found, _facts, report = dev_results["seed-002"]
    whole = [f for f in report["findings"] if f["code"].startswith("HC3")]
    assert {f["code"] for f in whole} >= {"HC302", "HC303", "HC305"}
    for f in whole:
        assert f["span"] is None and f["quote"] is None
        assert f["detail"] and f["related"]
    jsonschema.validate(report, schema("report"))


def test_comparator_side_effects_and_denials_are_not_risk_disclosure(checker):
    text = ("Ketamine relieves depression within hours. SSRIs can cause nausea and weight gain. "
            "Ketamine has no side effects and no addiction.")
    codes = {f["code"] for f in checker.check_text(text)["findings"]}
    assert "HC301" in codes


def test_scorecard_names_standards_and_resolves_finding_ids(dev_results):
    for stem, (_gold, _analysis, _found, _facts, report) in dev_results.items():
        card = report["scorecard"]
        assert [c["id"] for c in card] == [c.id for c in CRITERIA]
        ids = {f["id"]: f for f in report["findings"]}
        for entry in card:
            assert entry["standard"] and entry["criterion"]
            assert all(i in ids for i in entry["findings"]), (stem, entry)
            assert (entry["status"] == "not_met") == bool(entry["findings"]), (stem, entry)
            codes = next(c.codes for c in CRITERIA if c.id == entry["id"])
            assert all(ids[i]["code"] in codes for i in entry["findings"])
        jsonschema.validate(report, schema("report"))


def test_scorecard_statuses_on_a_promotional_and_a_balanced_article(dev_results):
    def status(stem):
        return {c["id"]: c["status"] for c in dev_results[stem][4]["scorecard"]}

    promo, balanced = status("seed-002"), status("balanced-explainer")
    assert promo["fda-fair-balance"] == "not_met" and promo["hnr-costs"] == "not_met"
    assert balanced["fda-fair-balance"] == "met" and balanced["hnr-costs"] == "met"
    assert balanced["discern-sources"] == "met" and balanced["ftc-testimonials"] == "met"


def test_scorecard_not_applicable_without_claims(checker):
    card = {c["id"]: c["status"] for c in checker.check_text("The weather was mild on Tuesday.")["scorecard"]}
    assert card["hnr-costs"] == "not_applicable" and card["hnr-evidence"] == "not_applicable"
    assert card["ftc-ad-format"] == "met"
