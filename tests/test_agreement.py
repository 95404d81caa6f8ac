"""Inter-annotator agreement (factcheck/agreement.py, tools/agreement.py): kappa, visible words, disagreements."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from factcheck.agreement import cohen_kappa, compare_article, disagreements, summarise, visible_words

from conftest import REPO

TOOL = REPO / "tools" / "agreement.py"


def test_cohen_kappa_corrects_for_chance():
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) is None  # chance agreement is total
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 0])


def test_words_inside_html_markup_script_and_style_are_not_counted():
    text = '<p class="lead">Ketamine <b>works</b></p><script>var fast=1</script><style>.x{}</style> &amp; fast'
    assert [text[a:b] for a, b in visible_words(text, "html")] == ["Ketamine", "works", "fast"]
    markdown = "<b>kept</b>"
    assert [markdown[a:b] for a, b in visible_words(markdown, "md")] == ["b", "kept", "b"]


@pytest.mark.parametrize("hostile", ["<!--", "<script", "<a", "&a", "<", "<style>x</styl"])
def test_hostile_markup_is_scanned_in_linear_time(hostile):
    import time

    text = hostile * 100_000
    started = time.perf_counter()
    visible_words(text, "html")
    assert time.perf_counter() - started < 5  # quadratic scanning would take minutes


def _gold(claims, flags=None):
    flags = flags or {"risks_disclosed": True, "regulatory_status_disclosed": True, "cost_disclosed": True, "specific_sources_cited": False}
    return {"claims": [{"start": s, "end": e, "quote": "", "verdict": v} for s, e, v in claims], "promotional": [], "flags": flags}


def test_a_claim_one_annotator_missed_and_a_flag_flip_are_disagreements():
    text = "It cures depression. It is legal. Call now."
    first = _gold([(0, 20, "unsupported"), (21, 33, "supported")])
    second = _gold([(0, 20, "overstated"), (21, 33, "overstated"), (34, 43, "unverified")], {**first["flags"], "cost_disclosed": False})
    comparison = compare_article("x", first, second, text, "txt")
    kinds = sorted(d["kind"] for d in disagreements([comparison]))
    assert kinds == ["article flag", "claim only in second", "flagged verdict", "verdict"]
    result = summarise([comparison])
    assert result["claim_spans"]["tp"] == 2 and result["claim_spans"]["fp"] == 1
    assert result["flagged_verdicts"]["agreement"] == 0.5
    assert result["claim_tokens"]["words"] == 8 and result["claim_tokens"]["agreement"] == pytest.approx(6 / 8)


def _tool():
    spec = importlib.util.spec_from_file_location("agreement_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tool_reports_kappa_on_the_corpus_and_is_deterministic(capsys):
    tool = _tool()
    outputs = []
    for _ in range(2):
        assert tool.main(["--format", "json", "--disagreements"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert data["articles"] >= 7
    assert -1 <= data["claim_tokens"]["kappa"] <= 1 and -1 <= data["flagged_verdicts"]["kappa"] <= 1


def test_the_tool_names_a_missing_directory_in_one_line(tmp_path, capsys):
    assert _tool().main(["--second", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == f"agreement: {tmp_path}: no *.gold.json files"


def test_the_tool_runs_as_a_script():
    run = subprocess.run([sys.executable, str(TOOL)], capture_output=True, text=True)
    assert run.returncode == 0 and "flagged verdicts, paired     kappa" in run.stdout
