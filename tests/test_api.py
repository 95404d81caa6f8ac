"""The library API: `from factcheck import Checker`, check_text, Report, threads."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ci_helpers import invoke
from factcheck import Checker, Report
from factcheck.errors import InputError

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "articles"


def test_import_factcheck_does_not_import_spacy():
    code = "import sys, factcheck; from factcheck import Checker, Report; import cli; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout.strip() == "False"


@pytest.mark.parametrize("name", ["clinic-landing.txt", *sorted(p.name for p in CORPUS.glob("*.md"))[:1], *sorted(p.name for p in CORPUS.glob("*.html"))[:1]])
def test_to_json_is_byte_identical_to_the_cli(checker, name):
    path = CORPUS / name
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    report = checker.check_text(text, format=path.suffix.lstrip("."), path=str(path))
    assert isinstance(report, Report) and report.path == str(path)
    assert report.to_json() == invoke("check", path, "--format", "json", "--no-cache").stdout


def test_report_is_read_only_and_to_dict_is_a_copy(checker):
    report = checker.check_text("Ketamine cures depression in every patient.")
    data = report.to_dict()
    data["claims"].clear()
    assert report["claims"] and report.summary["claims"] == 1 == len(report.claims)
    with pytest.raises(TypeError):
        report["claims"] = []  # type: ignore[index]


def test_check_text_rejects_an_unknown_format_and_empty_text(checker):
    with pytest.raises(ValueError, match="format must be one of txt, md, html"):
        checker.check_text("Ketamine works.", format="pdf")
    with pytest.raises(InputError, match="no text to check"):
        checker.check_text("  \n")


def test_threads_give_the_serial_output(checker):
    texts = [(p.read_text(encoding="utf-8"), p.suffix.lstrip("."), p.name) for p in sorted(CORPUS.iterdir())[:8]]
    serial = [checker.check_text(t, format=f, path=n).to_json() for t, f, n in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda a: checker.check_text(a[0], format=a[1], path=a[2]).to_json(), texts * 2))
    assert threaded == serial * 2
