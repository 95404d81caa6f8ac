"""Baselines survive edits that move text; only new findings fail; report show and report diff."""

from __future__ import annotations

import json

from ci_helpers import invoke

A = "Ketamine rewires the brain.\n\nNo side effects.\n"


def test_baseline_round_trip_across_an_edit_that_moves_text(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(A, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = invoke("check", article, "--write-baseline", baseline)
    assert result.exit_code == 0 and baseline.is_file()
    data = json.loads(baseline.read_text())
    assert data["factcheck_baseline"] == 1 and {e["code"] for e in data["entries"]} >= {"HC102"}
    assert all("line" not in e for e in data["entries"])

    article.write_text("A new first paragraph.\n\n\n" + A.replace("Ketamine rewires", "ketamine   rewires"), encoding="utf-8")
    result = invoke("check", article, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert {f["baseline"] for f in report["findings"]} == {"unchanged"}

    article.write_text(A + "\nKetamine permanently cures depression.\n", encoding="utf-8")
    result = invoke("check", article, "--baseline", baseline, "--format", "sarif")
    assert result.exit_code == 1
    states = {r["baselineState"] for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert states == {"new", "unchanged"}
    github = invoke("check", article, "--baseline", baseline, "--format", "github").stdout.splitlines()
    assert github and all("permanently" not in l or l.startswith("::") for l in github)
    assert len(github) == sum(1 for f in json.loads(invoke("check", article, "--baseline", baseline, "--format", "json").stdout)["findings"] if f["baseline"] == "new")


def test_counts_not_lines_a_duplicate_is_new(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ketamine rewires the brain.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    invoke("check", article, "--write-baseline", baseline)
    article.write_text("Ketamine rewires the brain.\n\nKetamine rewires the brain.\n", encoding="utf-8")
    report = json.loads(invoke("check", article, "--baseline", baseline, "--format", "json").stdout)
    assert [f["baseline"] for f in report["findings"] if f["code"] == "HC102"] == ["unchanged", "new"]


def test_bad_baseline_is_an_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(A, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"entries": 3}')
    result = invoke("check", article, "--baseline", tmp_path / "b.json")
    assert result.exit_code == 2 and "not a factcheck baseline" in result.stderr
    assert invoke("check", article, "--baseline", tmp_path / "none.json").exit_code == 2


def test_report_diff_lists_fixed_new_and_unchanged(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(A, encoding="utf-8")
    invoke("check", article, "--format", "json", "--select", "HC1", "-o", tmp_path / "old.json")
    article.write_text("Intro moved things.\n\nKetamine rewires the brain.\n\nKetamine permanently cures depression.\n", encoding="utf-8")
    invoke("check", article, "--format", "json", "--select", "HC1", "-o", tmp_path / "new.json")
    result = invoke("report", "diff", tmp_path / "old.json", tmp_path / "new.json", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["quote"] for f in data["unchanged"]] == ["Ketamine rewires the brain."]
    assert [f["quote"] for f in data["fixed"]] == ["No side effects."]
    assert any("permanently" in f["quote"] for f in data["new"])
    text = invoke("report", "diff", tmp_path / "old.json", tmp_path / "new.json").stdout
    assert text.splitlines()[0].endswith(", 1 unchanged (--all lists them)") and "new:" in text and "fixed:" in text
    assert "unchanged:" not in text and "unchanged:" in invoke("report", "diff", tmp_path / "old.json", tmp_path / "new.json", "--all").stdout
    assert invoke("report", "diff", tmp_path / "old.json", tmp_path / "old.json").exit_code == 0


def test_report_show_renders_saved_reports(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(A, encoding="utf-8")
    saved = tmp_path / "r.json"
    invoke("check", article, "--format", "json", "-o", saved)
    text = invoke("report", "show", saved, "--evidence")
    assert text.exit_code == 0 and "HC102" in text.stdout and "\n  evidence:" in text.stdout
    assert "Ketamine rewires the brain." in invoke("report", "show", saved, "--format", "markdown").stdout
    html = invoke("report", "show", saved, "--format", "html").stdout
    assert '<a class="claim v-unsupported"' in html  # the article was re-read: its sha256 matches
    article.write_text(A + "\nChanged.\n", encoding="utf-8")
    html = invoke("report", "show", saved, "--format", "html").stdout
    assert '<a class="claim' not in html and "article text is not available" in html and "Ketamine rewires the brain." in html
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert invoke("report", "show", bad).exit_code == 2
