"""Hostile input through the command line (issue 15): each case once lost data, hung,
grew memory without bound, silently switched rules off or died with "internal error".

Each test reproduces the case; the README's bad-input matrix lists them.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ci_helpers import invoke
from factcheck import parallel
from factcheck.formats import RenderOptions, render_iter
from factcheck.formats.common import json_list_stream
from factcheck.inputs import glob_files
from factcheck.markdown import load_markdown
from factcheck.html import load_html
from factcheck.regex_safety import find_regexes, regex_problem

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "articles"
CLAIM = "Ketamine rewires the brain.\n"


def command() -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.exists() else [sys.executable, str(REPO / "cli.py")]


def one_error(result, *fragments: str) -> str:
    """Exit 2, no traceback, exactly one error line holding every fragment."""
    assert result.exit_code == 2, result.output
    text = result.output + (result.stderr or "")
    assert "Traceback" not in text and "internal error" not in text, text
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in errors if line.startswith(("factcheck: error:", "Error:"))]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


# --- item 3: an output that is an input -------------------------------------------------


@pytest.mark.parametrize("flag", ["-o", "--write-baseline"])
def test_output_onto_the_checked_article_is_refused(tmp_path, flag):
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    one_error(invoke("check", article, flag, article), str(article), "overwrite an input")
    assert article.read_text(encoding="utf-8") == CLAIM


def test_output_onto_an_article_inside_a_checked_directory_is_refused(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text(CLAIM, encoding="utf-8")
    (folder / "b.md").write_text(CLAIM, encoding="utf-8")
    other_spelling = tmp_path / "content" / ".." / "content" / "b.md"
    one_error(invoke("check", folder, "-o", other_spelling), "overwrite an input")
    assert (folder / "b.md").read_text(encoding="utf-8") == CLAIM


def test_output_through_a_link_to_the_article_is_refused(tmp_path):
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    (tmp_path / "hard.md").hardlink_to(article)
    (tmp_path / "soft.md").symlink_to(article)
    for alias in ("hard.md", "soft.md"):
        one_error(invoke("check", article, "-o", tmp_path / alias), "overwrite an input")
    assert article.read_text(encoding="utf-8") == CLAIM and (tmp_path / "soft.md").is_symlink()


def test_report_show_does_not_overwrite_the_report_it_reads(tmp_path):
    report = tmp_path / "r.json"
    invoke("check", CORPUS / "clinic-landing.txt", "--format", "json", "-o", report)
    saved = report.read_bytes()
    one_error(invoke("report", "show", report, "--format", "html", "-o", report), "overwrite an input")
    assert report.read_bytes() == saved


def test_output_beside_the_inputs_is_still_written(tmp_path):
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    result = invoke("check", article, "--format", "json", "-o", tmp_path / "report.json")
    assert result.exit_code in (0, 1) and json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


# --- item 4: suppression comments shown as code -----------------------------------------

DIRECTIVE = '<!-- factcheck: ignore-file reason="an example" -->'


@pytest.mark.parametrize(
    "text",
    [
        f"Intro.\n\n```markdown\n{DIRECTIVE}\n```\n\n{CLAIM}",
        f"Intro.\n\n~~~\n{DIRECTIVE}\n~~~\n\n{CLAIM}",
        f"Write `{DIRECTIVE}` above the paragraph.\n\n{CLAIM}",
        f"Intro.\n\n    {DIRECTIVE}\n\n{CLAIM}",
        f"Intro.\n\n```\nunclosed fence\n{DIRECTIVE}\n",
    ],
    ids=["backtick-fence", "tilde-fence", "inline-code", "indented-code", "unclosed-fence"],
)
def test_markdown_comment_in_code_is_not_a_directive(text):
    assert load_markdown(text).directives == []


def test_markdown_comment_in_prose_is_still_a_directive():
    text = f"```\ncode\n```\n\n{DIRECTIVE}\n\n`code` and {CLAIM}"
    directives = load_markdown(text).directives
    assert [text[s:e] for s, e, _ in directives] == [DIRECTIVE]


@pytest.mark.parametrize("wrapper", ["<pre>{}</pre>", "<p>Use <code>{}</code> like this.</p>", "<script>var s = '{}';</script>"])
def test_html_comment_in_code_or_script_is_not_a_directive(wrapper):
    text = f"<html><body>{wrapper.format(DIRECTIVE)}<p>{CLAIM}</p></body></html>"
    assert load_html(text).directives == []
    assert load_html(f"<html><body>{DIRECTIVE}<p>{CLAIM}</p></body></html>").directives


def test_fenced_example_suppresses_nothing_end_to_end(tmp_path):
    article = tmp_path / "howto.md"
    article.write_text(f"# How to suppress\n\n```markdown\n{DIRECTIVE}\n```\n\n{CLAIM}", encoding="utf-8")
    report = json.loads(invoke("check", article, "--format", "json").stdout)
    assert report["findings"] and "suppressed" not in report
    assert not [f for f in report["findings"] if f["code"].startswith("HC4")]


def test_docs_ci_md_examples_take_no_effect():
    report = json.loads(invoke("check", REPO / "docs" / "ci.md", "--format", "json", "--exit-zero").stdout)
    assert "suppressed" not in report
    assert not [f for f in report["findings"] if f["code"].startswith("HC4")]


# --- item 5: unknown rule codes in configuration and flags ------------------------------


@pytest.mark.parametrize(
    "name, body, key",
    [
        (".factcheck.toml", 'select = ["XYZ"]\n', "select"),
        (".factcheck.toml", 'ignore = ["HC999"]\n', "ignore"),
        (".factcheck.toml", '[severity]\nHC999 = "error"\n', "severity"),
        ("pyproject.toml", '[tool.factcheck]\nselect = ["HC9"]\n', "select"),
        ("setup.cfg", "[factcheck]\nseverity = HC777:warning\n", "severity"),
    ],
)
def test_unknown_rule_code_in_a_config_file(tmp_path, name, body, key):
    (tmp_path / name).write_text(body, encoding="utf-8")
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    one_error(invoke("check", article), name, key, "rule code")


@pytest.mark.parametrize("args", [["--select", "HC999"], ["--ignore", "HC6"], ["--severity", "HC999=error"], ["--select", "XYZ"]])
def test_unknown_rule_code_on_the_command_line(tmp_path, args):
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    result = invoke("check", article, "--isolated", *args)
    assert result.exit_code == 2 and "rule code" in result.stderr and "Traceback" not in result.stderr


def test_known_prefixes_are_accepted(tmp_path):
    (tmp_path / ".factcheck.toml").write_text('select = ["HC1", "hc2"]\n[severity]\nHC1 = "warning"\n', encoding="utf-8")
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    assert invoke("check", article, "--severity", "HC3=error").exit_code in (0, 1)


# --- item 7: globs through a symbolic-link loop ------------------------------------------


def test_double_star_glob_through_a_link_loop_ends(tmp_path):
    sub = tmp_path / "site" / "sub"
    sub.mkdir(parents=True)
    (sub / "post.md").write_text(CLAIM, encoding="utf-8")
    (sub / "up").symlink_to("..")
    (sub / "top").symlink_to("../..")
    result = subprocess.run(
        command() + ["check", "site/**/*.md", "--format", "jsonl", "--exit-zero"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    paths = [json.loads(line)["input"]["path"] for line in result.stdout.splitlines()]
    assert paths == ["site/sub/post.md"]


def test_glob_files_agrees_with_glob_without_links(tmp_path, monkeypatch):
    for name in ("a.md", "x/b.md", "x/y/c.txt", "x/.hidden/d.md", ".e.md", "x/y/z/f.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(CLAIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for pattern in ("**/*.md", "x/**/*.md", "x/**", "**", "*/**/c.txt", "./**/*.md", f"{tmp_path}/x/**/*.md", "x/*/**/*.md"):
        expected = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
        assert sorted(glob_files(pattern)) == expected, pattern


# --- item 11: catastrophic regular expressions in a registry -----------------------------


@pytest.mark.parametrize("pattern", ["(x|x)*y", "(a+)+$", r"(\w+\s?)+$", "(x|xx)*y", "(.*a){20}", r"(\d|\d\d)+x"])
def test_catastrophic_patterns_are_recognised(pattern):
    assert "backtrack" in regex_problem(pattern)


@pytest.mark.parametrize("pattern", ["(a|ab)*c", r"(\w+\s)+", "^(19|20)[0-9]{2}$", r"^[a-z0-9-]+\.(com|org)$", "(?>a+)+b", r"(\d+,)+"])
def test_safe_patterns_pass(pattern):
    assert regex_problem(pattern) is None


def test_every_bundled_regex_passes_the_check():
    import yaml

    files = sorted((REPO / "factcheck" / "lexicons").glob("*.yaml")) + sorted((REPO / "claims").rglob("*.yaml"))
    found = {value for path in files for _, value in find_regexes(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert len(found) >= 10
    assert {p: regex_problem(p) for p in found if regex_problem(p)} == {}


@pytest.fixture
def hostile_registry(tmp_path):
    registry = tmp_path / "team"
    registry.mkdir()
    for path in (REPO / "docs" / "example-registry").iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "house-style.yaml":
            old = "patterns: [miracle cure, miracle drug, wonder drug, magic bullet]"
            assert old in text
            text = text.replace(old, 'patterns:\n        - miracle cure\n        - [{LOWER: {REGEX: "(x|x)*y"}}]')
        (registry / path.name).write_text(text, encoding="utf-8")
    return registry


def test_registry_validate_rejects_a_catastrophic_regex_with_file_and_line(hostile_registry):
    lines = (hostile_registry / "house-style.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "(x|x)*y" in text)
    result = invoke("registry", "validate", hostile_registry, "--skip-examples")
    one_error(result, "house-style.yaml", f"line {line}", "REGEX", "backtrack")


def test_check_refuses_a_catastrophic_regex_instead_of_hanging(hostile_registry, tmp_path):
    article = tmp_path / "post.txt"
    article.write_text("Ketamine is " + "x" * 40 + " today.\n", encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run(command() + ["check", str(article), "--registry", str(hostile_registry)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "backtrack" in result.stderr and time.perf_counter() - start < 60


# --- item 13: --jobs capped at the cores, one process for little work --------------------


def _jobs(tmp_path, count, size):
    paths = []
    for i in range(count):
        path = tmp_path / f"a{i}.txt"
        path.write_text((CLAIM * (size // len(CLAIM) + 1))[:size], encoding="utf-8")
        paths.append((str(path), None))
    return parallel.make_jobs(paths, "<stdin>", lambda: b"", 0)


def test_jobs_are_capped_at_the_cores(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    jobs = _jobs(tmp_path, 8, parallel.MIN_BYTES_PER_WORKER)
    assert parallel.worker_count(32, jobs) == 2
    assert parallel.worker_count(None, jobs) == 2
    assert parallel.worker_count(1, jobs) == 1


def test_little_work_runs_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    assert parallel.worker_count(2, _jobs(tmp_path, 27, 4000)) == 1  # 27 articles of 4 KB
    assert parallel.worker_count(8, _jobs(tmp_path, 1, 10 ** 6)) == 1  # one file


def test_two_workers_give_the_same_reports_as_one():
    from factcheck.suppress import Policy

    files = [(str(p), None) for p in sorted(CORPUS.iterdir())[:4]]
    jobs = parallel.make_jobs(files, "<stdin>", lambda: b"", 0)
    spec = parallel.CheckerSpec()
    serial = [o.report for o in parallel.run(jobs, spec, Policy(), 1)]
    both = [o.report for o in parallel.run(jobs, spec, Policy(), 2)]
    assert serial == both and len(serial) == 4


# --- item 14: json and sarif are written as each report arrives --------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_stream_one_report_at_a_time(fmt):
    report = json.loads(invoke("check", CORPUS / "clinic-landing.txt", "--format", "json").stdout)
    consumed = []

    def reports():
        for i in range(5):
            consumed.append(i)
            yield report

    pieces = render_iter(fmt, reports(), RenderOptions())
    next(pieces)
    assert len(consumed) <= 2  # a set of reports starts before the last one is checked
    rest = "".join(pieces)
    assert consumed == [0, 1, 2, 3, 4] and rest


@pytest.mark.parametrize("items", [[], [1], [{"a": [1, {"b": "x\ny"}]}, "é", None]])
def test_streamed_json_equals_json_dumped_at_once(items):
    def document(values):
        return {"head": {"k": [1, 2]}, "list": values, "tail": "end"}

    expected = json.dumps(document(items), ensure_ascii=False, indent=2) + "\n"
    assert "".join(json_list_stream(document, iter(items))) == expected


# --- item 15: one-line errors, and a closed pipe ends quietly ----------------------------


def test_symbolic_link_loop_as_an_article(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    one_error(invoke("check", tmp_path / "a.md"), "a.md", "symbolic links loop")


def test_config_file_that_is_not_utf8(tmp_path):
    (tmp_path / ".factcheck.toml").write_bytes(b'select = ["HC1"]\n# caf\xe9\n')
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    one_error(invoke("check", article), ".factcheck.toml", "not valid UTF-8")


@pytest.mark.parametrize("count", ["Infinity", "NaN", "-1", "1.5", '"3"', "1e400"])
def test_baseline_count_that_is_not_a_whole_number(tmp_path, count):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        '{"factcheck_baseline": 1, "entries": [{"path": "a.md", "code": "HC102", "quote": "x", "count": %s}]}' % count,
        encoding="utf-8",
    )
    article = tmp_path / "post.md"
    article.write_text(CLAIM, encoding="utf-8")
    one_error(invoke("check", article, "--baseline", baseline), "baseline.json", "count")


def test_no_size_limit_on_dev_zero_is_refused_at_once():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    result = subprocess.run(command() + ["check", "/dev/zero", "--max-bytes", "0"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "/dev/zero" in result.stderr and "binary" in result.stderr, result.stderr


def _into_closed_pipe(args) -> subprocess.CompletedProcess:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first write, as after `| head -0`
    try:
        return subprocess.run(command() + args, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args", [["registry", "list"], ["check", str(CORPUS / "clinic-landing.txt")], ["rules"]], ids=["registry-list", "check", "rules"]
)
def test_closed_pipe_ends_quietly(args):
    result = _into_closed_pipe(args)
    assert result.returncode == 141 and result.stderr == "", result.stderr


# --- item 16: topics, stdin twice, late writers ------------------------------------------


def test_unknown_topic_is_an_error_naming_the_known_ones():
    result = invoke("registry", "list", "--topic", "xyz")
    one_error(result, "xyz", "ketamine", "tms")


def test_stdin_twice_is_checked_once():
    result = invoke("check", "-", "-", "--format", "jsonl", "--stdin-filename", "post.md", input=CLAIM)
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_whose_writer_comes_late(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def late_writer():
        # Connect only once factcheck has the pipe open for reading (opening for
        # writing without blocking fails with ENXIO until then): the writer comes late.
        deadline = time.monotonic() + 100
        while True:
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.2)
        time.sleep(0.5)
        os.set_blocking(fd, True)
        os.write(fd, CLAIM.encode("utf-8"))
        os.close(fd)

    writer = threading.Thread(target=late_writer)
    writer.start()
    result = subprocess.run(command() + ["check", str(fifo), "--format", "json"], capture_output=True, text=True, timeout=120)
    writer.join()
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["claims"], result.stdout
