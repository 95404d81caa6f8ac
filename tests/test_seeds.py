"""The five real seed articles end to end: valid reports, exact offsets, central claims judged."""

from __future__ import annotations

import re

import jsonschema
import pytest

from factcheck.resources import schema
from factcheck.source import read_source

BOILERPLATE = re.compile(r"leave a comment|advertisement|spread the love|related articles|latest articles|reading time|copyright", re.I)


@pytest.fixture(scope="module")
def reports(checker, seeds):
    return {p.name[:3]: (read_source(p), checker.check(read_source(p))) for p in seeds}


def test_every_seed_report_validates_against_the_schema(reports):
    validator = jsonschema.Draft202012Validator(schema("report"))
    for name, (_, report) in reports.items():
        errors = list(validator.iter_errors(report))
        assert not errors, (name, errors[:3])


def test_offsets_are_truth(reports):
    for name, (source, report) in reports.items():
        text = source.text
        for item in report["claims"] + [f for f in report["findings"] if f["span"]]:
            span = item["span"]
            assert text[span["start"]:span["end"]] == item["quote"], (name, item["quote"])
            line_start = text.rfind("\n", 0, span["start"]) + 1
            assert span["line"] == text.count("\n", 0, span["start"]) + 1
            assert span["column"] == span["start"] - line_start + 1


def test_no_claim_spans_two_blocks_or_is_boilerplate(checker, seeds):
    for path in seeds:
        analysis = checker.analyse(read_source(path))
        for claim in analysis.claims:
            block = claim.sentence.block
            assert block.start <= claim.start < claim.end <= block.end
            assert "\n" not in analysis.source.text[claim.start:claim.end], claim.sentence.text
            assert not BOILERPLATE.search(claim.sentence.text)


def claim_with(reports, seed: str, words: str) -> dict:
    found = [c for c in reports[seed][1]["claims"] if words.lower() in c["text"].lower()]
    assert found, f"no claim in seed {seed} contains {words!r}"
    return found[0]


@pytest.mark.parametrize(
    "seed, words, verdicts",
    [
        ("000", "can produce noticeable improvements within hours or days", {"supported", "overstated"}),
        ("003", "Patients often feel better within hours or a few days", {"supported", "overstated"}),
        ("002", "lower risk of side effects compared to many traditional antidepressants", {"unsupported"}),
        ("000", "relatively low side effect profile", {"unsupported"}),
        ("002", "essentially ‘rewiring’ the brain", {"unsupported"}),
        ("002", "catalyst for lasting change", {"unsupported", "overstated"}),
        ("000", "reducing the risk of self-harm or suicide", {"unsupported"}),
        ("003", "Post-traumatic stress disorder (PTSD)", {"overstated", "unsupported"}),
        ("003", "Obsessive-compulsive disorder (OCD)", {"overstated", "unsupported"}),
        ("003", "Generalized anxiety disorder (GAD)", {"overstated", "unsupported"}),
        ("003", "first approved by the U.S. Food and Drug Administration (FDA) in 1970", {"supported"}),
        ("003", "A nasal spray version approved by the FDA in 2019", {"supported"}),
    ],
)
def test_central_seed_claims_get_evidence_backed_verdicts(reports, seed, words, verdicts):
    claim = claim_with(reports, seed, words)
    assert claim["verdict"] in verdicts, (claim["verdict"], claim["reasons"])
    assert claim["evidence"] and all(e["sources"] for e in claim["evidence"])
    if claim["verdict"] != "supported":
        finding = [f for f in reports[seed][1]["findings"] if f["claim_id"] == claim["id"]]
        assert finding and finding[0]["kind"] == claim["verdict"]
        assert claim["suggested_wording"]


def test_unlocatable_seed_citation_is_reported_not_confirmed(reports):
    claim = claim_with(reports, "003", "The Cognitive Behaviour Therapist")
    assert claim["verdict"] == "unverified"
    codes = [f["code"] for f in reports["003"][1]["findings"] if f["claim_id"] == claim["id"]]
    assert codes == ["HC104"]


def test_reports_are_byte_identical_across_runs(checker, seeds):
    from factcheck.report import to_json

    for path in seeds:
        assert to_json(checker.check(read_source(path))) == to_json(checker.check(read_source(path)))
