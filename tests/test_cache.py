"""The report cache: hits, misses, corruption, invalidation, byte-identical output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ci_helpers import invoke
from factcheck.cache import ReportCache, is_cache_dir
from factcheck.checker import Checker
from factcheck.source import source_from_bytes
from factcheck.suppress import Policy

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "articles"
DATA = Path(__file__).resolve().parent / "data"
ARTICLE = "Ketamine cures depression in every patient.\n\nOur clinic is the best in Denver! Book today.\n"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("v1/*/*.entry"))


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for p in sorted(CORPUS.iterdir())[:4]:
        shutil.copy(p, folder / p.name)
    return folder


def test_second_run_reads_the_cache_and_writes_the_same_bytes(articles, tmp_path):
    cache = tmp_path / "cache"
    for fmt in ("json", "text"):
        plain = invoke("check", articles, "--format", fmt, "--no-cache", "--jobs", "1")
        first = invoke("check", articles, "--format", fmt, "--cache-dir", cache, "--jobs", "2")
        again = invoke("check", articles, "--format", fmt, "--cache-dir", cache, "--jobs", "1")
        assert plain.stdout == first.stdout == again.stdout and plain.stdout
        assert plain.exit_code == first.exit_code == again.exit_code
    assert len(entries(cache)) == 4
    assert is_cache_dir(cache) and (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not any(p.name.endswith(".tmp") for p in cache.rglob("*"))


def test_a_run_of_hits_builds_no_pipeline(articles, tmp_path):
    """All hits: spaCy is never imported (that is where the speed-up comes from)."""
    cache = tmp_path / "cache"
    invoke("check", articles, "--format", "json", "--cache-dir", cache)
    code = (
        "import sys; from click.testing import CliRunner; from cli import main;"
        f"r = CliRunner().invoke(main, ['check', {str(articles)!r}, '--format', 'json', '--cache-dir', {str(cache)!r}, '-j', '1']);"
        "print(r.exit_code, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout.split()
    assert out == ["1", "False"]


def test_same_text_at_another_path_is_a_hit_with_its_own_path(tmp_path):
    checker = Checker(cache_dir=tmp_path / "c")
    a = checker.report(source_from_bytes(ARTICLE.encode(), "a/post.txt", "txt"))
    b = checker.report(source_from_bytes(ARTICLE.encode(), "b/other.txt", "txt"))
    assert (checker.cache.stats.hits, checker.cache.stats.misses) == (1, 1)
    assert a["input"]["path"] == "a/post.txt" and b["input"]["path"] == "b/other.txt"
    assert {**a, "input": None} == {**b, "input": None}
    assert Checker().report(source_from_bytes(ARTICLE.encode(), "b/other.txt", "txt")) == b


def test_format_is_part_of_the_key(tmp_path):
    checker = Checker(cache_dir=tmp_path / "c")
    checker.report(source_from_bytes(ARTICLE.encode(), "a.txt", "txt"))
    checker.report(source_from_bytes(ARTICLE.encode(), "a.md", "md"))
    assert checker.cache.stats.misses == 2 and len(entries(tmp_path / "c")) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip-body", "empty", "other-key"])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path, damage):
    folder = tmp_path / "c"
    source = source_from_bytes(ARTICLE.encode(), "a.txt", "txt")
    expected = Checker(cache_dir=folder).report(source)
    (entry,) = entries(folder)
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip-body":
        entry.write_bytes(data.replace(b'"unsupported"', b'"supported"  ', 1))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a valid entry stored under the wrong name
        header, _, body = data.partition(b"\n")
        parts = header.split(b" ")
        entry.write_bytes(b" ".join(parts[:2] + [b"0" * 64, parts[3]]) + b"\n" + body)
    checker = Checker(cache_dir=folder)
    assert checker.report(source) == expected
    assert (checker.cache.stats.hits, checker.cache.stats.corrupt) == (0, 1)
    assert entry.read_bytes() == data  # rewritten whole
    again = Checker(cache_dir=folder)
    assert again.report(source) == expected and again.cache.stats.hits == 1


def test_registry_change_invalidates(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(DATA / "registry", registry)
    source = source_from_bytes(ARTICLE.encode(), "a.txt", "txt")
    first = Checker([str(registry)], cache_dir=tmp_path / "c")
    first.report(source)
    same = Checker([str(registry)], cache_dir=tmp_path / "c")
    same.report(source)
    assert same.cache.stats.hits == 1
    manifest = registry / "registry.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    changed = Checker([str(registry)], cache_dir=tmp_path / "c")
    report = changed.report(source)
    assert changed.cache.stats.misses == 1 and changed.cache.stats.hits == 0
    assert report["registry"]["sha256"] == changed.registry.sha256 != first.registry_sha256


def test_configuration_change_invalidates(tmp_path):
    source = source_from_bytes(ARTICLE.encode(), "a.txt", "txt")
    Checker(cache_dir=tmp_path / "c").report(source)
    ignoring = Checker(cache_dir=tmp_path / "c", policy=Policy(ignore=("HC2",)))
    report = ignoring.report(source)
    assert ignoring.cache.stats.misses == 1
    assert not any(f["code"].startswith("HC2") for f in report["findings"])
    strict = Checker(cache_dir=tmp_path / "c", policy=Policy(severity={"HC103": "error"}))
    strict.report(source)
    assert strict.cache.stats.misses == 1


def test_cache_settings_from_configuration_and_clean(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "post.txt").write_text(ARTICLE, encoding="utf-8")
    (project / ".factcheck.toml").write_text('cache-dir = "build/fc-cache"\n', encoding="utf-8")
    invoke("check", project / "post.txt")
    assert len(entries(project / "build" / "fc-cache")) == 1
    (project / ".factcheck.toml").write_text("cache = false\n", encoding="utf-8")
    shutil.rmtree(project / "build")
    invoke("check", project / "post.txt")
    assert not (project / "build").exists()
    (project / ".factcheck.toml").write_text('cache-dir = "build/fc-cache"\n', encoding="utf-8")
    invoke("check", project / "post.txt")
    cleaned = invoke("cache", "clean", project)
    assert cleaned.exit_code == 0 and not (project / "build" / "fc-cache").exists()
    not_a_cache = tmp_path / "precious"
    not_a_cache.mkdir()
    (not_a_cache / "keep.txt").write_text("mine", encoding="utf-8")
    refused = invoke("cache", "clean", "--cache-dir", not_a_cache)
    assert refused.exit_code == 2 and "not a factcheck cache" in refused.stderr and (not_a_cache / "keep.txt").exists()


def test_an_unwritable_cache_never_fails_the_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    checker = Checker(cache_dir=blocker / "cache")
    report = checker.report(source_from_bytes(ARTICLE.encode(), "a.txt", "txt"))
    assert report["claims"] and checker.cache.stats.write_errors == 1


def test_the_layout_is_versioned(tmp_path):
    cache = ReportCache(tmp_path)
    cache.put("ab" * 32, {"x": 1})
    assert cache.get("ab" * 32) == {"x": 1}
    assert cache.path_for("ab" * 32).relative_to(tmp_path).parts[0] == "v1"
