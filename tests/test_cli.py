"""The command line: formats, exit codes, errors, atomic output, schema and report commands."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main

ARTICLE = "Ketamine rewires the brain.\n\nKetamine was first approved by the FDA in 1970 as an anaesthetic.\n"


@pytest.fixture
def run():
    def invoke(*args, input=None):
        result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
        return result

    return invoke


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_version_and_help(run):
    from factcheck import __version__

    assert __version__ in run("--version").output
    for args in (["--help"], ["check", "--help"], ["report", "validate", "--help"], ["schema", "--help"]):
        result = run(*args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_text_output_shows_finding_quote_and_suggestion_and_evidence_on_request(run, article):
    result = run("check", str(article))
    assert result.exit_code == 1  # an unsupported claim is an error
    lines = result.output.splitlines()
    assert lines[0] == str(article)
    assert any(re.match(r"\s+1:1\s+error\s+HC102\s+Unsupported", line) for line in lines)
    assert "“Ketamine rewires the brain.”" in result.output
    assert "suggested:" in result.output and "\n  evidence:" not in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal
    full = run("check", str(article), "--evidence").output
    assert "\n  evidence:" in full and "doi:" in full.lower() and "suggested:" in full



@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_sets_the_exit_code(run, article, fail_on, code):
    assert run("check", str(article), "--fail-on", fail_on).exit_code == code


def test_supported_only_article_exits_zero(run, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("Ketamine was first approved by the FDA in 1970 as an anaesthetic.\n")
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["summary"]["verdicts"]["supported"] == 1


def test_json_output_validates_with_report_validate(run, article, tmp_path):
    out = tmp_path / "r.json"
    assert run("check", str(article), "--format", "json", "-o", str(out)).exit_code == 1
    result = run("report", "validate", str(out))
    assert result.exit_code == 0 and "valid" in result.output
    broken = tmp_path / "broken.json"
    data = json.loads(out.read_text())
    data["claims"][0]["verdict"] = "true"
    broken.write_text(json.dumps(data))
    result = run("report", "validate", str(broken))
    assert result.exit_code == 2
    assert "/claims/0/verdict" in result.output


def test_stdin_with_filename(run):
    result = run("check", "-", "--stdin-filename", "post.md", "--format", "json", input="# Title\n\n" + ARTICLE)
    report = json.loads(result.output)
    assert report["input"]["path"] == "post.md" and report["input"]["format"] == "md"


def test_bad_input_is_one_line_exit_2_and_other_files_still_checked(run, article, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    result = run("check", str(binary), str(article), "--format", "json")
    assert result.exit_code == 2
    errors = [l for l in result.output.splitlines() if l.startswith("factcheck: error:")]
    assert errors == [f"factcheck: error: {binary}: binary file (contains NUL bytes); expected UTF-8 text"]
    assert "Traceback" not in result.output


def test_failed_run_never_overwrites_an_existing_report(run, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous report")
    result = run("check", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text() == "previous report"
    result = run("check", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "no-dir" / "r.json"))
    assert result.exit_code == 2


def test_unwritable_output_is_an_error(run, article, tmp_path):
    result = run("check", str(article), "-o", str(tmp_path / "missing-dir" / "r.json"))
    assert result.exit_code == 2
    assert "the directory does not exist" in result.output


def test_schema_command_prints_valid_json(run):
    for name in ("report", "registry"):
        data = json.loads(run("schema", name).output)
        assert data["$schema"].endswith("2020-12/schema")


def test_installed_console_script_runs_from_another_directory(tmp_path, article):
    """The console script finds the bundled registry, lexicons and schemas wherever it runs."""
    exe = os.path.join(os.path.dirname(sys.executable), "factcheck")
    result = subprocess.run([exe, "check", str(article), "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["claims"][0]["evidence"][0]["sources"]


@pytest.mark.parametrize(
    "args, code",
    [
        ((), 1),
        (("--fail-on", "never"), 0),
        (("--exit-zero",), 0),
        (("--min-severity", "error", "--severity", "HC102=warning", "--select", "HC1"), 0),  # shown ≠ failing
        (("--severity", "HC102=warning", "--select", "HC1"), 0),
        (("--severity", "HC102=warning", "--select", "HC1", "--fail-on", "warning"), 1),
        (("--severity", "HC102=info", "--select", "HC1", "--fail-on", "warning"), 0),
        (("--severity", "HC102=info", "--select", "HC1", "--fail-on", "info"), 1),
        (("--ignore", "HC102", "--select", "HC1"), 0),
    ],
)
def test_exit_codes_for_severity_settings(run, article, args, code):
    assert run("check", str(article), *args).exit_code == code


def test_exit_2_beats_exit_zero_and_new_commands_have_help(run, article, tmp_path):
    assert run("check", str(article), str(tmp_path / "missing.txt"), "--exit-zero").exit_code == 2
    for args in (["report", "show", "--help"], ["report", "diff", "--help"], ["config", "--help"]):
        assert run(*args).exit_code == 0
    assert run("check", str(article), "--select", "XY1").exit_code == 2


def test_output_file_gets_ordinary_permissions(run, article, tmp_path):
    """The temporary file is private while written; the finished report is not."""
    out = tmp_path / "r.json"
    run("check", str(article), "--format", "json", "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)
    run("check", str(article), "--format", "json", "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o640  # an existing report keeps its permissions
