"""What writers and editors read: the concise text report, escapes for control characters,
the bounded Markdown comment, report diff/show, help and listings, the review page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

SEED_002 = "002_8035aff0240b0d78.txt"
ARTICLE = (
    "Ketamine is a revolutionary breakthrough for depression.\n\n"
    "Ketamine rewires the brain.\n\n"
    "Ketamine was first approved by the FDA in 1970 as an anaesthetic.\n"
)
FINDING_LINE = re.compile(r"^  (\d+:\d+|-)\s+(error|warning|info)\s+(HC\d{3})  ")


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture(scope="module")
def seed_002(seeds):
    path = next((p for p in seeds if p.name == SEED_002), None)
    assert path is not None, f"{SEED_002} is missing from the seeds"
    return path


@pytest.fixture(scope="module")
def seed_002_report(seed_002):
    return json.loads(invoke("check", str(seed_002), "--format", "json").output)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_default_text_report_for_seed_002_is_short_and_shows_every_suggestion(seed_002, seed_002_report):
    report = seed_002_report
    out = invoke("check", str(seed_002)).output
    lines = out.splitlines()
    assert len(lines) <= 628 // 3  # 628 lines before the concise format
    assert sum(1 for line in lines if FINDING_LINE.match(line)) == len(report["findings"])
    flat = " ".join(out.split())
    claims = {c["id"]: c for c in report["claims"]}
    wordings = {claims[f["claim_id"]]["suggested_wording"] for f in report["findings"]
                if f["kind"] in ("overstated", "unsupported") and claims[f["claim_id"]]["suggested_wording"]}
    assert wordings and all(" ".join(w.split()) in flat for w in wordings)
    assert "doi:" not in out.lower()  # evidence only on request
    assert max(len(line) for line in lines) <= 100
    assert not re.search(r"\w\(s\)|time\(s\)", out)


def test_evidence_restores_the_detail_and_prints_each_citation_once(seed_002, seed_002_report):
    report = seed_002_report
    out = invoke("check", str(seed_002), "--evidence").output
    assert out == invoke("check", str(seed_002), "--output-format", "full").output
    flat = " ".join(out.split())
    verdict_claims = {f["claim_id"] for f in report["findings"] if f["kind"] in ("overstated", "unsupported", "unverified")}
    citations = {" ".join(s["citation"].split()) for c in report["claims"] if c["id"] in verdict_claims
                 for ev in c["evidence"] for s in ev["sources"]}
    entries = {ev["entry"] for c in report["claims"] if c["id"] in verdict_claims for ev in c["evidence"]}
    assert citations
    for entry in entries:  # each evidence entry's block once
        assert flat.count(f"[{entry}]") == 1
    for citation in citations:
        assert citation in flat
    assert "✗" in out or "✓" in out  # the scorecard criterion by criterion


def test_text_wraps_to_the_width_asked_for(article):
    from factcheck.formats import RenderOptions, render

    report = json.loads(invoke("check", str(article), "--format", "json").output)
    for width in (60, 140):
        text = render("text", [report], RenderOptions(width=width, detail="full"))
        assert max(len(line) for line in text.splitlines() if not line.startswith(str(article))) <= width


CONTROL = "Ketamine is a miracle cure \x1b[2J\x07\x9b\u202e for depression.\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "html"])
def test_control_characters_from_an_article_never_reach_the_reader_raw(tmp_path, fmt):
    path = tmp_path / "post\x1b[31m.txt"
    path.write_text(CONTROL, encoding="utf-8")
    result = invoke("check", str(path), "--format", fmt, "--evidence")
    assert result.exit_code in (0, 1), result.output
    out = result.output
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out, (fmt, repr(raw))
    assert "\\x1b" in out  # shown, not dropped (in the file name)
    if fmt != "github":  # annotations carry no quote
        assert "\\x07" in out


def test_markdown_comment_fits_github_and_says_where_it_was_cut(seed_002, seed_002_report):
    from factcheck.formats.markdown_format import LIMIT, size

    out = invoke("check", str(seed_002), "--format", "markdown").output
    assert size(out) <= LIMIT
    assert "Cut here to fit a pull-request comment" in out
    report = seed_002_report
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    table = out[out.index("### Most severe findings"):]
    assert table.count("🔴 error") == len(errors)
    assert table.index("🔴 error") < table.index("🟠 warning")


def test_markdown_bound_holds_for_many_articles_and_counts_the_rest(article):
    from factcheck.formats import RenderOptions
    from factcheck.formats.markdown_format import render, size

    report = json.loads(invoke("check", str(article), "--format", "json").output)
    reports = []
    for i in range(400):
        copy = json.loads(json.dumps(report))
        copy["input"]["path"] = f"posts/article-{i:03d}.txt"
        reports.append(copy)
    out = render(reports, RenderOptions(), budget=20_000)
    assert size(out) <= 20_000
    total = sum(len(r["findings"]) for r in reports)
    listed = len(re.findall(r"^\| (🔴|🟠|🔵)", out, re.M))
    assert 0 < listed < total
    assert f"most severe of {total} findings are listed" in out and "more articles not listed" in out
    small = render([report], RenderOptions())
    assert "Cut here" not in small and "<details>" in small  # the full comment when it fits


def _saved(tmp_path, name, text, *extra):
    post = tmp_path / "post.txt"
    post.write_text(text, encoding="utf-8")
    out = tmp_path / name
    invoke("check", str(post), "--format", "json", "-o", str(out), *extra)
    return out


def test_report_diff_lists_what_changed_and_counts_the_unchanged(tmp_path):
    old = _saved(tmp_path, "old.json", ARTICLE)
    changed = ARTICLE.replace("revolutionary breakthrough", "new treatment") + "\nKetamine is a permanent cure for depression.\n"
    new = _saved(tmp_path, "new.json", changed)
    result = invoke("report", "diff", str(old), str(new))
    assert result.exit_code == 1
    out = result.output
    head = out.splitlines()[0]
    assert re.match(r"\d+ new, \d+ fixed, \d+ changed verdicts?, \d+ unchanged \(--all lists them\)", head)
    assert "unchanged:" not in out and "fixed:" in out and "new:" in out
    assert "rewires the brain" not in out  # unchanged: counted, not listed
    assert "rewires the brain" in invoke("report", "diff", str(old), str(new), "--all").output


def test_report_diff_shows_a_changed_verdict_once(tmp_path):
    old = _saved(tmp_path, "old.json", "Ketamine rewires the brain.\n")
    new = _saved(tmp_path, "new.json", "Ketamine rewires the brain.\n", "--severity", "HC102=warning")
    # same code and quote: unchanged; a different rule on the same sentence is a changed verdict
    from factcheck.commands.report_tools import changed_verdicts

    result = {
        "new": [{"path": "a.txt", "code": "HC101", "rule": "overstated-claim", "quote": "X is Y.", "span": None,
                 "severity": "warning", "message": "m"}],
        "fixed": [{"path": "a.txt", "code": "HC102", "rule": "unsupported-claim", "quote": "X  is Y.", "span": None,
                   "severity": "error", "message": "m"}],
        "unchanged": [],
    }
    assert [(o["code"], n["code"]) for o, n in changed_verdicts(result)] == [("HC102", "HC101")]
    from factcheck.commands.report_tools import diff_text

    text = diff_text(result)
    assert text.startswith("0 new, 0 fixed, 1 changed verdict, 0 unchanged") and "was HC102 unsupported-claim; now" in text
    assert invoke("report", "diff", str(old), str(new)).output.startswith("0 new, 0 fixed, 0 changed verdicts")


def test_report_show_lists_new_findings_and_counts_the_baselined(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "b.json"
    invoke("check", str(post), "--write-baseline", str(baseline))
    post.write_text(ARTICLE + "\nKetamine is a permanent cure for depression.\n", encoding="utf-8")
    saved = tmp_path / "r.json"
    invoke("check", str(post), "--baseline", str(baseline), "--format", "json", "-o", str(saved))
    report = json.loads(saved.read_text())
    new = [f for f in report["findings"] if f["baseline"] == "new"]
    out = invoke("report", "show", str(saved)).output
    assert sum(1 for line in out.splitlines() if FINDING_LINE.match(line)) == len(new)
    assert "unchanged against the baseline not listed (--all lists them)" in " ".join(out.split())
    full = invoke("report", "show", str(saved), "--all").output
    assert sum(1 for line in full.splitlines() if FINDING_LINE.match(line)) == len(report["findings"])


def test_report_show_json_does_not_load_the_language_pipeline(tmp_path, article):
    saved = tmp_path / "r.json"
    invoke("check", str(article), "--format", "json", "-o", str(saved))
    code = (
        "import sys, cli\n"
        f"sys.argv = ['factcheck', 'report', 'show', {str(saved)!r}, '--format', 'json', '-o', {str(tmp_path / 'o.json')!r}]\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert done.stdout.strip() == "False", done.stderr
    assert json.loads((tmp_path / "o.json").read_text()) == json.loads(saved.read_text())


def test_help_gives_whole_sentences_and_registry_list_wraps():
    for args in (["--help"], ["report", "--help"], ["registry", "--help"], ["review", "--help"]):
        out = invoke(*args).output
        assert not [line for line in out.splitlines() if line.rstrip().endswith("...") and not line.startswith("Usage:")], args
    out = invoke("registry", "list").output
    rows = json.loads(invoke("registry", "list", "--format", "json").output)
    flat = " ".join(out.split())
    assert all(" ".join(r["statement"].split()) in flat for r in rows)  # nothing cut
    assert max(len(line) for line in out.splitlines()) <= 100


def test_review_page_for_an_html_article_shows_text_not_markup(tmp_path):
    page = tmp_path / "post.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Clinic</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Ketamine&reg; care</h1><p>Ketamine <b>rewires</b> the brain.</p>"
        "<ul><li>Ketamine is a revolutionary breakthrough for depression.</li></ul></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "review.html"
    invoke("check", str(page), "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    doc = html[html.index('<article class="doc"'):html.index("</article>")]
    for markup in ("&lt;!DOCTYPE", "&lt;meta", "&amp;reg;", "&lt;b&gt;", "p{color", "Home"):
        assert markup not in doc, markup
    assert "<h3>" in doc and "<ul><li>" in doc and "®" in doc
    report = json.loads(invoke("check", str(page), "--format", "json").output)
    claim = next(c for c in report["claims"] if "rewires" in c["text"])
    mark = re.search(rf'<a class="claim v-{claim["verdict"]}" href="#r1-{claim["id"]}"[^>]*>(.*?)</a>', doc)
    assert mark and "rewires" in re.sub(r"<[^>]+>", "", mark.group(1))
    assert re.search(rf'id="r1-{claim["id"]}"', html)  # the link target: readable without JavaScript
    assert "Suggested wording" in html and "<details class=\"scorecard\">" in html
    assert "http://" not in html.replace('http-equiv', '') and "src=" not in html


def test_review_page_for_several_articles_has_an_index(tmp_path, article):
    other = tmp_path / "other.md"
    other.write_text("# Notes\n\nKetamine rewires the brain.\n", encoding="utf-8")
    out = tmp_path / "review.html"
    invoke("check", str(article), str(other), "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert '<nav class="index"' in html and 'href="#a1"' in html and 'href="#a2"' in html
    assert html.count('<details class="article-sec"') == 2


def test_scorecard_renders_criteria_it_has_never_seen(article):
    from factcheck.formats import RenderOptions, render

    report = json.loads(invoke("check", str(article), "--format", "json").output)
    report["scorecard"].append({"id": "x-new", "standard": "A new standard", "criterion": "Does it do the new thing?",
                                "status": "not_met", "findings": [], "sentences": [{"quote": "Ketamine rewires the brain."}]})
    for fmt in ("text", "html", "markdown"):
        out = render(fmt, [report], RenderOptions(detail="full"))
        assert "Does it do the new thing?" in out, fmt
    assert "Ketamine rewires the brain." in render("html", [report], RenderOptions()).split("Does it do the new thing?")[1][:400]


def test_review_apply_errors_are_one_line(tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text(json.dumps({"factcheck_decisions": 1, "decisions": [
        {"path": "a.txt", "code": "HC102", "quote": "x", "decision": "dismissed", "reason": " "}]}))
    result = CliRunner().invoke(main, ["review", "apply", str(bad), "--baseline", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "without a reason" in result.output and not (tmp_path / "b.json").exists()
    missing = CliRunner().invoke(main, ["review", "apply", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "no such decisions file" in missing.output


def test_review_apply_merges_into_an_existing_baseline(tmp_path, article):
    baseline = tmp_path / "b.json"
    invoke("check", str(article), "--write-baseline", str(baseline))
    before = json.loads(baseline.read_text())["entries"]
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"factcheck_decisions": 1, "decisions": [
        {"path": str(article), "code": "HC102", "quote": "Ketamine rewires the brain.", "decision": "dismissed", "reason": "rebutted below"},
        {"path": str(article), "code": "HC201", "quote": "revolutionary breakthrough", "decision": "accepted", "reason": ""},
    ]}))
    result = invoke("review", "apply", str(decisions), "--baseline", str(baseline))
    assert result.exit_code == 0 and "0 dismissed findings added" in result.output
    after = json.loads(baseline.read_text())["entries"]
    assert [{k: v for k, v in e.items() if k != "reason"} for e in after] == before  # already there: counts kept
    assert [e.get("reason") for e in after if e["code"] == "HC102"] == ["rebutted below"]


def test_messages_read_as_sentences_without_registry_ids(seeds):
    out = invoke("check", *map(str, seeds), "--format", "json", "--jobs", "1").output
    reports = json.loads(out)["reports"]
    ids = {ev["entry"] for r in reports for c in r["claims"] for ev in c["evidence"]}
    texts = [t for r in reports for f in r["findings"] for t in [f["message"], *f.get("detail", [])]]
    texts += [reason for r in reports for c in r["claims"] for reason in c["reasons"]]
    assert texts and ids
    assert not [t for t in texts if any(i in t for i in ids)]
    assert not [t for t in texts if re.search(r"\w\(s\)|\btime\(s\)", t)]
