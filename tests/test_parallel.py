"""--jobs: byte-identical output to a serial run, input order, an unreadable file among good ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ci_helpers import invoke

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "articles"


@pytest.fixture
def articles(tmp_path):
    for p in sorted(CORPUS.iterdir())[:5]:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "zz-broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github"])
def test_jobs_2_is_byte_identical_to_jobs_1(articles, fmt):
    serial = invoke("check", articles, "--format", fmt, "--jobs", "1")
    parallel = invoke("check", articles, "--format", fmt, "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == 2  # the broken file
    assert serial.stdout == parallel.stdout and serial.stdout
    assert serial.stderr == parallel.stderr
    assert "zz-broken.txt" in serial.stderr


def test_unreadable_file_among_good_ones(articles):
    import os

    locked = articles / "locked.txt"
    if os.geteuid() == 0:  # root reads anything: use a dangling symlink instead
        locked.symlink_to(articles / "gone.txt")
        problem = "locked.txt: no such file"
    else:
        locked.write_text("Ketamine rewires the brain.\n")
        locked.chmod(0)
        problem = "locked.txt: permission denied"
    good = sorted(articles.glob("*.md"))[:2]
    result = invoke("check", good[0], locked, good[1], "--format", "jsonl", "--jobs", "2")
    assert result.exit_code == 2
    assert [json.loads(l)["input"]["path"] for l in result.stdout.splitlines()] == [str(good[0]), str(good[1])]
    assert problem in result.stderr and result.stderr.count("factcheck: error:") == 1


def test_glob_patterns_and_stdin(articles, monkeypatch):
    monkeypatch.chdir(articles)
    result = invoke("check", "*.md", "--format", "jsonl", "--jobs", "1")
    assert result.exit_code in (0, 1) and len(result.stdout.splitlines()) == len(list(articles.glob("*.md")))
    assert invoke("check", "nothing-*.md").exit_code == 2
    result = invoke("check", "-", "--stdin-filename", "post.md", "--format", "jsonl", input="# T\n\nKetamine rewires the brain.\n")
    assert '"path":"post.md"' in result.stdout


def test_no_progress_bar_when_not_a_terminal(articles):
    result = invoke("check", articles, "--format", "json", "--jobs", "1")
    assert "\r" not in result.stderr and "[#" not in result.stderr
