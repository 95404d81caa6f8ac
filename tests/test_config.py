"""Configuration: discovery by walking up, precedence, unknown keys, `factcheck config`."""

from __future__ import annotations

import json

import pytest

from ci_helpers import ARTICLE, invoke


@pytest.fixture
def tree(tmp_path):
    article = tmp_path / "site" / "posts" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text(ARTICLE, encoding="utf-8")
    return tmp_path, article


def codes(result) -> set[str]:
    return {f["code"] for f in json.loads(result.stdout)["findings"]}


def test_no_config_reports_everything(tree):
    _, article = tree
    assert {"HC102"} <= codes(invoke("check", article, "--format", "json"))


@pytest.mark.parametrize(
    "name, text",
    [
        (".factcheck.toml", 'ignore = ["HC102"]\n'),
        (".factcheck.toml", '[factcheck]\nignore = ["HC102"]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\nignore = ["HC102"]\n'),
        ("setup.cfg", "[metadata]\nname = x\n\n[factcheck]\nignore = HC102\n"),
    ],
)
def test_config_found_by_walking_up(tree, name, text):
    root, article = tree
    (root / name).write_text(text, encoding="utf-8")
    assert "HC102" not in codes(invoke("check", article, "--format", "json"))
    assert "HC102" in codes(invoke("check", article, "--format", "json", "--isolated"))


def test_files_without_a_factcheck_section_are_skipped_and_nearest_wins(tree):
    root, article = tree
    (root / "pyproject.toml").write_text('[tool.factcheck]\nignore = ["HC102"]\n', encoding="utf-8")
    (root / "site" / "setup.cfg").write_text("[metadata]\nname = x\n", encoding="utf-8")  # no [factcheck]: skipped
    assert "HC102" not in codes(invoke("check", article, "--format", "json"))
    (root / "site" / ".factcheck.toml").write_text('select = ["HC1"]\n', encoding="utf-8")  # nearer: wins, no merging
    assert codes(invoke("check", article, "--format", "json")) == {"HC102"}


def test_command_line_overrides_config(tree):
    root, article = tree
    (root / ".factcheck.toml").write_text('fail-on = "never"\nselect = ["HC1"]\n[severity]\nHC1 = "info"\n', encoding="utf-8")
    result = invoke("check", article, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert {f["severity"] for f in report["findings"]} == {"info"} and codes(result) == {"HC102"}
    assert invoke("check", article, "--fail-on", "info").exit_code == 1
    assert invoke("check", article, "--fail-on", "info", "--exit-zero").exit_code == 0
    assert "HC102" not in codes(invoke("check", article, "--format", "json", "--ignore", "HC102"))
    assert "HC102" in codes(invoke("check", article, "--format", "json", "--select", "HC"))
    overridden = json.loads(invoke("check", article, "--format", "json", "--severity", "HC102=error").stdout)
    assert {f["severity"] for f in overridden["findings"] if f["code"] == "HC102"} == {"error"}


def test_explicit_config_file(tree):
    root, article = tree
    cfg = root / "ci.toml"
    cfg.write_text('select = ["HC102"]\n', encoding="utf-8")
    assert codes(invoke("check", article, "--format", "json", "--config", cfg)) == {"HC102"}
    assert invoke("check", article, "--config", root / "missing.toml").exit_code == 2


@pytest.mark.parametrize(
    "name, text, problem",
    [
        (".factcheck.toml", 'fail_on = "warning"\n', "unknown key 'fail_on' (did you mean 'fail-on'?)"),
        (".factcheck.toml", 'colour = "red"\n', "unknown key 'colour'"),
        ("setup.cfg", "[factcheck]\nbogus = 1\n", "unknown key 'bogus'"),
        (".factcheck.toml", 'fail-on = "sometimes"\n', "fail-on must be one of"),
        (".factcheck.toml", '[severity]\nHC101 = "loud"\n', "severity.HC101 must be one of"),
        (".factcheck.toml", "ignore = [\n", "not valid TOML"),
    ],
)
def test_bad_config_is_an_error_naming_the_file(tree, name, text, problem):
    root, article = tree
    (root / name).write_text(text, encoding="utf-8")
    result = invoke("check", article)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {root / name}: ") and problem in result.stderr


def test_registry_paths_are_relative_to_the_config_file(tree):
    import shutil
    from pathlib import Path

    root, article = tree
    shutil.copytree(Path(__file__).parent / "data" / "registry", root / "reg")
    (root / ".factcheck.toml").write_text('registry = ["reg"]\nbundled-registry = false\n', encoding="utf-8")
    report = json.loads(invoke("check", article, "--format", "json").stdout)
    bundled = json.loads(invoke("check", article, "--format", "json", "--isolated").stdout)
    assert report["registry"]["sha256"] != bundled["registry"]["sha256"]


def test_include_and_exclude_globs(tree):
    root, article = tree
    (root / "site" / "drafts").mkdir()
    (root / "site" / "drafts" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "site" / "notes.md").write_text(ARTICLE, encoding="utf-8")
    (root / ".factcheck.toml").write_text('exclude = ["drafts"]\ninclude = ["*.txt"]\n', encoding="utf-8")
    data = json.loads(invoke("check", root / "site", "--format", "jsonl").stdout.splitlines()[0])
    paths = [json.loads(l)["input"]["path"] for l in invoke("check", root / "site", "--format", "jsonl").stdout.splitlines()]
    assert paths == [str(article)] and data["input"]["path"] == str(article)
    paths = [json.loads(l)["input"]["path"] for l in invoke("check", root / "site", "--format", "jsonl", "--exclude", "posts").stdout.splitlines()]
    assert paths == []


def test_config_command_shows_values_and_origins(tree):
    root, article = tree
    (root / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "warning"\n', encoding="utf-8")
    out = invoke("config", article).stdout
    assert f"# configuration file: {root / 'pyproject.toml'}" in out
    assert f'fail-on = "warning"  # {root / "pyproject.toml"} [tool.factcheck]' in out
    assert 'min-severity = "info"  # default' in out
