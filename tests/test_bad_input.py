"""Bad input through the CLI: each case exits 2 with one line naming the file and the problem.

No traceback, and a failed run never truncates an existing ``--output`` report.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

DATA = Path(__file__).resolve().parent / "data"

REPO = Path(__file__).resolve().parent.parent
CLAIM = "Ketamine rewires the brain.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, ["check", *map(str, args)], input=input, catch_exceptions=False)


def error_lines(result) -> list[str]:
    text = result.stderr if hasattr(result, "stderr") else result.output
    return [line for line in text.splitlines() if line.strip()]


def assert_one_line_error(result, where, *problem: str) -> str:
    """Exit 2, exactly one error line, naming ``where`` and every ``problem`` fragment."""
    output = result.output + (getattr(result, "stderr", "") or "")
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    errors = [line for line in error_lines(result) if line.startswith("factcheck: error:")]
    assert len(errors) == 1, errors
    line = errors[0]
    assert str(where) in line, line
    for fragment in problem:
        assert fragment in line, line
    return line


# --- articles ---------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run(path), path, "file is empty")


def test_whitespace_only(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text(" \n\t\r\n   \n", encoding="utf-8")
    assert_one_line_error(run(path), path, "only whitespace")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_line_error(run(path), path, "binary file")


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Ketamine hilft schnell. Caf\u00e9 g\u00e9n\u00e9ral.\n".encode("latin-1"))
    assert_one_line_error(run(path), path, "not valid UTF-8", "offset")


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(tmp_path, codec, bom):
    path = tmp_path / "windows.txt"
    path.write_bytes(bom + CLAIM.encode(codec))
    assert_one_line_error(run(path), path, "UTF-16", "convert the file to UTF-8")


def test_20_mb_article_hits_the_size_limit_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        chunk = (CLAIM * 1000).encode("utf-8")
        while handle.tell() < 20 * 1024 * 1024:
            handle.write(chunk)
    start = time.perf_counter()
    line = assert_one_line_error(run(path), path, "over the 10,485,760-byte limit", "--max-bytes")
    assert time.perf_counter() - start < 10, "the size check must come before reading and parsing"
    assert f"{path.stat().st_size:,} bytes" in line
    # --max-bytes raises (or lowers) the limit: a smaller limit refuses a small file...
    small = tmp_path / "small.txt"
    small.write_text(CLAIM * 100, encoding="utf-8")
    assert_one_line_error(run(small, "--max-bytes", 1000), small, "over the 1,000-byte limit")
    # ...and a raised one lets it through.
    assert run(small, "--max-bytes", 10_000, "--format", "json").exit_code == 1


def test_20_mb_from_stdin_hits_the_size_limit(tmp_path):
    data = (CLAIM * (20 * 1024 * 1024 // len(CLAIM) + 1)).encode("utf-8")
    result = run("-", "--stdin-filename", "big.txt", input=data)
    assert_one_line_error(result, "big.txt", "over the 10,485,760-byte limit")


def test_one_200_kb_line_without_punctuation(tmp_path):
    words = "ketamine relieves depression within hours for many patients who tried everything else "
    path = tmp_path / "one-line.txt"
    path.write_text((words * (200_000 // len(words) + 1))[:200_000], encoding="utf-8")
    start = time.perf_counter()
    result = run(path, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert time.perf_counter() - start < 60
    assert "Traceback" not in result.output


def test_deeply_nested_html(tmp_path):
    depth = 50_000
    path = tmp_path / "nested.html"
    path.write_text("<div>" * depth + "<p>Ketamine rewires the brain.</p>" + "</div>" * depth
                    + "<span>" * depth + "<b>unclosed", encoding="utf-8")
    start = time.perf_counter()
    result = run(path, "--format", "json")
    assert time.perf_counter() - start < 30
    assert result.exit_code == 1, result.output  # the claim inside is still found
    assert "rewires the brain" in result.output


def test_html_scripts_and_styles_are_not_checked(tmp_path):
    import json

    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p::after { content: 'Ketamine cures depression instantly.' }</style>"
        "<script>var claim = 'Ketamine cures depression instantly.'; if (a < b && c > d) {}</script></head>"
        "<body><script type='module'>document.write('<p>Ketamine rewires the brain.</p>')</script>"
        "<p>Ketamine was first approved by the FDA in 1970 as an anaesthetic.</p>"
        "<script>unclosed script with Ketamine cures everything.",
        encoding="utf-8",
    )
    result = run(path, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    quotes = [c["quote"] for c in report["claims"]]
    assert quotes == ["Ketamine was first approved by the FDA in 1970 as an anaesthetic."]


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert_one_line_error(run(path), path, "no such file")


def test_directory_with_no_matching_files(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "image.png").write_bytes(b"\x89PNG")
    assert_one_line_error(run(folder), folder, "directory has no")


def _unreadable_variants(tmp_path):
    """Paths that cannot be read as an article, whoever runs the tests."""
    variants = []
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "deleted-target.txt")
    variants.append((dangling, "broken symbolic link"))
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        locked.write_text(CLAIM, encoding="utf-8")
        locked.chmod(0)
        variants.append((locked, "permission denied"))
    return variants


def test_unreadable_file(tmp_path):
    """chmod 000 (skipped as root, where it does not stop reading) and a dangling symlink,
    in a subprocess. (A named pipe is read as ``cat`` reads it, waiting for its writer:
    tests/test_hostile_cli.py.)"""
    exe = Path(sys.executable).with_name("factcheck")
    command = [str(exe)] if exe.exists() else [sys.executable, str(REPO / "cli.py")]
    for path, problem in _unreadable_variants(tmp_path):
        result = subprocess.run(command + ["check", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, (path, result.stderr)
        lines = [l for l in result.stderr.splitlines() if l.strip()]
        assert len(lines) == 1 and lines[0].startswith("factcheck: error:"), result.stderr
        assert str(path) in lines[0] and problem in lines[0], lines[0]
        assert "Traceback" not in result.stderr


def test_device_file_is_bounded_by_the_size_limit():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    result = run("/dev/zero", "--max-bytes", 4096)
    assert_one_line_error(result, "/dev/zero", "over the limit")


# --- registries -------------------------------------------------------------------------


@pytest.fixture
def registry(tmp_path):
    target = tmp_path / "registry"
    shutil.copytree(DATA / "registry", target)
    article = tmp_path / "article.txt"
    article.write_text(CLAIM, encoding="utf-8")

    def check(**kw):
        return run(article, "--registry", target, "--no-bundled-registry", "--format", "json", **kw)

    check.dir = target
    return check


def test_registry_yaml_syntax_error(registry):
    path = registry.dir / "entries.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "    statement: [unclosed, flow: sequence")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = assert_one_line_error(registry(), path, "line ")
    assert "column" in line


def test_registry_breaking_the_schema(registry):
    path = registry.dir / "entries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("verdict: mixed", "verdict: probably", 1), encoding="utf-8")
    assert_one_line_error(registry(), path, "/entries/2/verdict", "probably")


def test_duplicate_entry_ids(registry):
    path = registry.dir / "entries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: t.mechanism.rewire", "id: t.onset.trd-hours", 1), encoding="utf-8")
    assert_one_line_error(registry(), path, "duplicate entry id", "t.onset.trd-hours")


def test_unknown_source_id(registry):
    path = registry.dir / "entries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sources: [fixture-trial]", "sources: [no-such-source]", 1), encoding="utf-8")
    assert_one_line_error(registry(), path, "unknown source id", "no-such-source")


def test_python_yaml_tags_are_refused_never_executed(registry, tmp_path):
    marker = tmp_path / "pwned"
    path = registry.dir / "evil.yaml"
    path.write_text(
        "entries:\n"
        f"  - !!python/object/apply:os.system ['touch {marker}']\n"
        f"  - !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n",
        encoding="utf-8",
    )
    line = assert_one_line_error(registry(), path, "line 2")
    assert "tag" in line
    assert not marker.exists(), "a !!python tag was executed"


# --- output -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["missing-directory", "parent-is-a-file", "is-a-directory"])
def test_output_path_that_cannot_be_written(tmp_path, kind):
    article = tmp_path / "article.txt"
    article.write_text(CLAIM, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    (tmp_path / "a-dir").mkdir()
    target = {
        "missing-directory": tmp_path / "missing" / "r.json",
        "parent-is-a-file": blocker / "r.json",
        "is-a-directory": tmp_path / "a-dir",
    }[kind]
    result = run(article, "--format", "json", "-o", target)
    assert_one_line_error(result, target, "cannot write output")


def test_failed_run_never_truncates_an_existing_report(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert_one_line_error(run(bad, "-o", out), bad, "binary file")
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["binary.txt", "report.json"]  # no temp files left
