"""The curated registry: coverage, honest sources, examples that behave, maintainer commands."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from factcheck.errors import RegistryError
from factcheck.registry import load_registry
from factcheck.resources import bundled_registry_dir

from conftest import DATA, REPO, SHARED

BUNDLED = load_registry()


def test_coverage_of_both_topics():
    topics = [e.topic for e in BUNDLED.entries.values()]
    assert topics.count("ketamine") >= 45
    assert topics.count("tms") >= 12
    themes = {e.theme for e in BUNDLED.entries.values() if e.topic == "ketamine"}
    assert {"onset", "efficacy", "durability", "mechanism", "safety", "regulatory", "comparative", "dosing", "cost_access"} <= themes


def finding_verified(source_id: str) -> bool:
    """A source fully verified, or whose finding (with the fields cited) was read on its primary page."""
    import yaml

    records = {r["id"]: r for r in yaml.safe_load((REPO / "claims" / "bibliography.yaml").read_text(encoding="utf-8"))["sources"]}
    record = records[source_id]
    return record["status"] == "verified" or (
        record["status"] == "partly_verified" and "key_finding" in record.get("verified_fields", [])
    )


def test_every_topic_beyond_the_first_two_has_ten_entries_and_five_verified_sources():
    by_topic: dict[str, list] = {}
    for entry in BUNDLED.entries.values():
        by_topic.setdefault(entry.topic, []).append(entry)
    assert "general" in by_topic and set(by_topic) <= set(BUNDLED.topics)
    for topic, entries in by_topic.items():
        if topic in ("ketamine", "tms"):
            continue  # the first two topics predate the rule (TMS cites four fully verified sources)
        cited = {s for e in entries for s in e.sources}
        verified = [s for s in cited if finding_verified(s)]
        assert len(entries) >= 10, topic
        assert len(verified) >= 5, f"{topic}: only {len(verified)} verified sources"


@pytest.mark.parametrize("entry_id", sorted(BUNDLED.entries))
def test_entry_examples_behave(entry_id, checker):
    """proselint-style: every entry's examples must match it, and its counter-examples must not."""
    from factcheck.registry_check import example_problems
    from factcheck.registry import Registry

    entry = BUNDLED.entries[entry_id]
    single = Registry(BUNDLED.ids, BUNDLED.version, BUNDLED.sha256, {entry_id: entry}, BUNDLED.sources)
    problems = [p for p in example_problems(single, checker) if True]
    assert not [p.one_line() for p in problems]


def test_every_cited_identifier_traces_to_a_checked_record():
    """No DOI or PMID in claims/ that is not in the shared bibliography or verified with a page."""
    raw = yaml.safe_load((bundled_registry_dir() / "bibliography.yaml").read_text())["sources"]
    shared_path = SHARED / "evidence" / "bibliography.yaml"
    shared = shared_path.read_text() if shared_path.exists() else ""
    for source in raw:
        for field in ("doi", "pmid"):
            value = source.get(field)
            if not value:
                continue
            checked = set(source.get("verified_fields", [])) | set(source.get("secondary_only_fields", []))
            assert field in checked, f"{source['id']}: {field} cited but neither verified nor second-hand"
            if value not in shared:
                assert source.get("evidence_urls"), f"{source['id']}: {field} {value} not in the shared bibliography and no page recorded"


def test_no_bundled_entry_is_past_its_review_date():
    """The registry cannot quietly go stale: an entry past its review date fails the suite
    until someone re-checks it against its sources and moves ``review_by``."""
    undated = [e.id for e in BUNDLED.entries.values() if not e.review_by]
    assert not undated, f"bundled entries without a review date: {undated}"
    overdue = [f"{e.id} (review by {e.review_by})" for e in BUNDLED.overdue(date.today())]
    assert not overdue, "re-check against their sources, then move review_by: " + ", ".join(overdue)


def test_review_dates_follow_how_fast_the_evidence_moves():
    """Regulatory and cost entries (labels, clearances, coverage) fall due before efficacy ones."""
    entries = BUNDLED.entries.values()
    soonest = min(e.review_by for e in entries)
    due_first = {e.theme for e in entries if e.review_by == soonest}
    assert due_first <= {"regulatory", "cost_access"}
    stats = CliRunner().invoke(main, ["registry", "stats", "--today", soonest]).output
    overdue_day = date.fromordinal(date.fromisoformat(soonest).toordinal() + 1).isoformat()
    later = CliRunner().invoke(main, ["registry", "stats", "--today", overdue_day]).output
    assert f"past their review date ({soonest}): 0" in stats
    first = next(e for e in entries if e.review_by == soonest)
    assert f"- {first.id} (review by {soonest})" in later


def test_unlocatable_seed_citation_is_recorded_as_not_found():
    source = BUNDLED.sources["claim_cbt_therapist_2024"]
    assert source.status == "not_found"
    assert source.doi is None and source.pmid is None


def write_registry(tmp_path: Path, entries_yaml: str) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(DATA / "registry", root)
    (root / "entries.yaml").write_text(entries_yaml)
    return root


def run_validate(path: Path):
    return CliRunner().invoke(main, ["registry", "validate", "--no-bundled-registry", str(path)])


def test_validate_accepts_the_bundled_and_test_registries():
    result = CliRunner().invoke(main, ["registry", "validate"])
    assert result.exit_code == 0, result.output
    assert "valid (" in result.output
    assert run_validate(DATA / "registry").exit_code == 0


def test_validate_reports_yaml_syntax_errors_with_file_and_line(tmp_path):
    root = write_registry(tmp_path, "entries:\n  - id: a\n    topic: [unclosed\n")
    result = run_validate(root)
    assert result.exit_code == 2
    assert "entries.yaml: line 4" in result.output or "entries.yaml: line 3" in result.output


def test_validate_reports_schema_errors_with_json_pointer_and_line(tmp_path):
    text = (DATA / "registry" / "entries.yaml").read_text().replace("certainty: moderate", "certainty: strong", 1)
    result = run_validate(write_registry(tmp_path, text))
    assert result.exit_code == 2
    assert "/entries/0/certainty" in result.output and "entries.yaml: line 7:" in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_duplicate_ids_and_unknown_sources_are_errors(tmp_path):
    text = (DATA / "registry" / "entries.yaml").read_text()
    duplicated = text.replace("id: t.mechanism.rewire", "id: t.onset.trd-hours")
    assert "duplicate entry id 't.onset.trd-hours'" in run_validate(write_registry(tmp_path, duplicated)).output
    unknown = text.replace("sources: [fixture-missing]", "sources: [nowhere2024]")
    result = run_validate(write_registry(tmp_path / "b", unknown))
    assert result.exit_code == 2 and "unknown source id 'nowhere2024'" in result.output


def test_an_entry_without_examples_fails(tmp_path):
    text = (DATA / "registry" / "entries.yaml").read_text()
    start = text.index("    examples:\n      match: [\"Ketamine brings")
    end = text.index("  - id: t.mechanism.rewire")
    with pytest.raises(RegistryError, match="'examples' is a required property"):
        load_registry([write_registry(tmp_path, text[:start] + text[end:])], include_bundled=False)


def test_validate_reports_misbehaving_examples_with_pointer(tmp_path):
    text = (DATA / "registry" / "entries.yaml").read_text().replace(
        'no_match: ["Ketamine was approved in 1970."]', 'no_match: ["Ketamine brings rapid relief for most people."]'
    )
    result = run_validate(write_registry(tmp_path, text))
    assert result.exit_code == 2
    assert "/entries/0/examples/no_match/0: example must not match t.onset.trd-hours" in result.output


def test_list_show_and_stats():
    runner = CliRunner()
    listed = runner.invoke(main, ["registry", "list", "--topic", "tms", "--format", "json"])
    import json

    rows = json.loads(listed.output)
    assert rows and all(r["topic"] == "tms" for r in rows)
    shown = runner.invoke(main, ["registry", "show", "ket.citations.cbt-therapist-2024"])
    assert shown.exit_code == 0 and "[not_found]" in shown.output and "must not match:" in shown.output
    missing = runner.invoke(main, ["registry", "show", "ket.nope"])
    assert missing.exit_code == 2 and "no entry 'ket.nope'" in missing.output
    stats = runner.invoke(main, ["registry", "stats", "--today", "2099-01-01"])
    assert "by verdict:" in stats.output and f"past their review date (2099-01-01): {len(BUNDLED.entries)}" in stats.output


def test_the_documented_example_team_registry_validates_with_the_bundled_one():
    from conftest import REPO

    result = CliRunner().invoke(main, ["registry", "validate", str(REPO / "docs" / "example-registry")])
    assert result.exit_code == 0, result.output
    assert "factcheck-core+example-team" in result.output


def test_a_team_registry_adds_to_the_bundled_one(checker):
    from factcheck.checker import Checker

    combined = Checker([str(DATA / "registry")])
    assert set(checker.registry.entries) < set(combined.registry.entries)
    assert combined.registry.id == "factcheck-core+test-registry"
