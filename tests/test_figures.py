"""Numbers checked: rates above what the sources report are overstated, impossible figures unsupported."""

from __future__ import annotations

import re
import shutil

import pytest

from factcheck.errors import LexiconError, RegistryError
from factcheck.figures import above_evidence, bundled_populations, counts, impossible, parse_populations, proportions
from factcheck.registry import load_registry

from conftest import DATA


def words(text):
    """Words with the space after each, as the pipeline gives them ("90", "% ", "of ")."""
    return [m.group(0) for m in re.finditer(r"(?:[\w.,]*\w|\S)\s*", text)]


def test_proportions_read_percent_and_n_in_m():
    found = proportions(words("Up to 90% of patients respond, and nine in ten feel better; 3 out of 4 stay well."))
    assert [p.percent for p in found] == [90.0, 90.0, 75.0]


def test_a_relative_change_is_not_a_proportion():
    assert proportions(words("Scores rose by 150% after treatment.")) == []
    assert impossible(words("Scores rose by 150% after treatment."), bundled_populations()) == []


def test_more_people_than_live_there_is_impossible():
    populations = bundled_populations()
    assert [c.value for c in counts(words("Over 500 million Americans have chronic pain."), populations)] == [5e8]
    [reason] = impossible(words("Over 500 million Americans have chronic pain."), populations)
    assert "500 million Americans" in reason and "people in the United States" in reason
    assert impossible(words("About 50 million Americans have chronic pain."), populations) == []


def test_a_rate_above_the_highest_reported_figure_is_named_with_its_source_setting():
    figures = [{"quantity": "response_rate", "value": 70.8, "population": "TRD", "timeframe": "12 days", "source": "s"}]
    [reason] = above_evidence(words("Up to 90% of patients respond."), ["response_rate"], figures)
    assert "90% of" in reason and "70.8%" in reason
    assert above_evidence(words("About 70% of patients respond."), ["response_rate"], figures) == []
    assert above_evidence(words("Up to 90% of patients respond."), ["remission_rate"], figures) == []


@pytest.mark.parametrize(
    "sentence, verdict, ground",
    [
        ("More than 500 million Americans live with depression, and ketamine can help them.", "unsupported", "impossible_figure"),
        ("Up to 95% of people with treatment-resistant depression respond to ketamine infusions.", "overstated", "figure_above_evidence"),
        ("About 60% of people with treatment-resistant depression respond to a course of ketamine infusions.", "supported", "consistent"),
    ],
)
def test_claims_with_figures_are_judged_on_them(checker, sentence, verdict, ground):
    [claim] = checker.check_text(sentence)["claims"]
    assert (claim["verdict"], claim["grounds"][0]) == (verdict, ground)


def test_population_bounds_reject_unknown_keys():
    with pytest.raises(LexiconError, match="populations/0"):
        parse_populations("populations:\n  - {id: x, literal: x, patterns: [x], at_most: 1, basis: x, size: 2}\n")


def test_a_figure_must_cite_one_of_its_entrys_sources(tmp_path):
    shutil.copytree(DATA / "registry", tmp_path / "r")
    entries = tmp_path / "r" / "entries.yaml"
    text = entries.read_text(encoding="utf-8").replace(
        "    sources: [fixture-trial]\n",
        "    sources: [fixture-trial]\n    figures:\n      - {quantity: response_rate, value: 50, population: adults, timeframe: a week, source: fixture-missing}\n",
        1,
    )
    entries.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match="figures/0/source"):
        load_registry([tmp_path / "r"], include_bundled=False)
