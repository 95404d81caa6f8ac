"""Suppression comments: next block, regions, whole file, plain-text markers, HC401/HC402/HC403."""

from __future__ import annotations

import json

import pytest

from ci_helpers import invoke

CLAIM = "Ketamine rewires the brain."


def check(tmp_path, name, text, *args):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = invoke("check", path, "--format", "json", "--select", "HC1,HC4", *args)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout), result.exit_code


def codes(findings):
    return [f["code"] for f in findings]


def test_markdown_ignore_applies_to_the_next_block_only(tmp_path):
    text = f'# Title\n\n<!-- factcheck: ignore HC102 reason="quoted to rebut it" -->\n{CLAIM}\n\n{CLAIM}\n'
    report, code = check(tmp_path, "a.md", text)
    assert codes(report["findings"]) == ["HC102"] and report["findings"][0]["span"]["line"] == 6
    assert [(f["code"], f["span"]["line"], f["suppression"]) for f in report["suppressed"]] == [("HC102", 4, "quoted to rebut it")]
    assert report["summary"]["severities"]["error"] == 1 and report["summary"]["findings"] == 1


def test_html_region_off_on_with_prefix(tmp_path):
    text = (
        f'<p>{CLAIM}</p><!-- factcheck: off HC1 reason="patient quotes" --><p>{CLAIM}</p><p>{CLAIM}</p>'
        f"<!-- factcheck: on --><p>{CLAIM}</p>"
    )
    report, _ = check(tmp_path, "a.html", text)
    assert len(report["findings"]) == 2 and len(report["suppressed"]) == 2
    assert all(f["suppression"] == "patient quotes" for f in report["suppressed"])


def test_region_left_open_runs_to_the_end_and_other_codes_are_kept(tmp_path):
    text = f'<!-- factcheck: off HC101 reason="x" -->\n\n{CLAIM}\n'
    report, _ = check(tmp_path, "a.md", text)
    assert "HC102" in codes(report["findings"])  # HC101 suppression does not cover HC102 ...
    assert "HC402" in codes(report["findings"])  # ... so it is unused


def test_ignore_file_covers_the_whole_article(tmp_path):
    text = f'<!-- factcheck: ignore-file HC102 reason="a rebuttal piece" -->\n\n{CLAIM}\n\nMore text.\n\n{CLAIM}\n'
    report, code = check(tmp_path, "a.md", text)
    assert code == 0 and codes(report["suppressed"]) == ["HC102", "HC102"]


def test_plain_text_marker_line_is_not_prose_and_offsets_stay_exact(tmp_path):
    text = f'Intro.\nfactcheck: ignore HC102 reason="quoted"\n{CLAIM}\n'
    report, code = check(tmp_path, "a.txt", text)
    assert code == 0
    assert all("factcheck" not in c["text"] for c in report["claims"])
    for record in report["claims"] + report["findings"] + report["suppressed"]:
        span = record["span"]
        assert text[span["start"]:span["end"]] == record["quote"]
    assert report["suppressed"][0]["span"]["line"] == 3


def test_missing_reason_is_hc401_and_does_not_suppress(tmp_path):
    text = f"factcheck: ignore HC102\n{CLAIM}\n"
    report, code = check(tmp_path, "a.txt", text)
    assert code == 1 and "suppressed" not in report
    hc401 = next(f for f in report["findings"] if f["code"] == "HC401")
    assert hc401["span"]["line"] == 1 and hc401["quote"] == "factcheck: ignore HC102" and hc401["kind"] == "suppression"
    assert "HC102" in codes(report["findings"])


def test_unused_and_invalid_suppressions(tmp_path):
    text = (
        '<!-- factcheck: ignore HC102 reason="stale" -->\nKetamine was first approved by the FDA in 1970 as an anaesthetic.\n\n'
        '<!-- factcheck: ignroe HC102 reason="typo" -->\n\n<!-- factcheck: ignore HC999 reason="no such rule" -->\n\n'
        "<!-- an ordinary comment -->\n"
    )
    report, _ = check(tmp_path, "a.md", text)
    assert codes(report["findings"]) == ["HC402", "HC403", "HC403"]
    assert "no rule has the code or prefix HC999" in report["findings"][2]["message"]


def test_hc4_findings_can_be_turned_off_and_reports_stay_valid(tmp_path):
    text = f"factcheck: ignore HC102\n{CLAIM}\n"
    report, _ = check(tmp_path, "a.txt", text, "--ignore", "HC4")
    assert "HC401" not in codes(report["findings"])
    from factcheck.validate import report_problems

    assert report_problems(report) == []


def test_ci_rule_examples_fire_and_stay_quiet(checker):
    from factcheck.ci_rules import CI_RULES
    from factcheck.source import source_from_bytes
    from factcheck.suppress import check_source

    for rule in CI_RULES:
        for text in rule.fire:
            report = check_source(checker, source_from_bytes(text.encode(), "x.txt", "txt"))
            assert rule.code in codes(report["findings"]), (rule.code, text)
        for text in rule.quiet:
            report = check_source(checker, source_from_bytes(text.encode(), "x.txt", "txt"))
            assert rule.code not in codes(report["findings"]), (rule.code, text)


@pytest.mark.parametrize("comment, action, codes_, reason", [
    ('factcheck: ignore HC201, HC3 reason="why"', "ignore", ("HC201", "HC3"), "why"),
    ("factcheck: off reason='single quotes'", "off", (), "single quotes"),
    ("FactCheck: on", "on", (), None),
    ("something else", None, None, None),
])
def test_directive_parsing(comment, action, codes_, reason):
    from factcheck.suppress import parse

    d = parse(comment, 0, 1)
    if action is None:
        assert d is None
    else:
        assert (d.action, d.codes, d.reason, d.problem) == (action, codes_, reason, None)
