"""Open world: claims about any intervention, their outcomes and strength, verdicts from the
article's own evidence, lemma patterns, the compiled vocabularies and the external sets."""

from __future__ import annotations

import csv
import json
import os

import pytest
from click.testing import CliRunner

from cli import main
from factcheck.external import EXTERNAL_SETS, Binary, half_of, macro_f1
from factcheck.patterns import expand_lemmas, pattern_lemmas
from factcheck.vocabularies import PhraseIndex, clean_names, invert_lemmas

from conftest import SHARED


def claims(checker, text: str) -> list[dict]:
    return checker.check_text(text)["claims"]


# --- lemmas ----------------------------------------------------------------------


def test_a_lemma_pattern_is_expanded_to_every_form_of_the_lemma():
    pattern = [{"LEMMA": {"IN": ["reduce", "mouse"]}}, {"LOWER": "risk"}]
    assert pattern_lemmas(pattern) == {"reduce", "mouse"}
    forms = invert_lemmas({"reduces": "reduce", "reduced": "reduce", "mice": "mouse", "Reduces": "reduce"}, ["reduce", "mouse"])
    assert forms == {"mouse": ["mice", "mouse"], "reduce": ["reduce", "reduced", "reduces"]}
    assert expand_lemmas(pattern, forms) == [{"LOWER": {"IN": ["mice", "mouse", "reduce", "reduced", "reduces"]}}, {"LOWER": "risk"}]


def test_lexicon_cues_written_once_per_lemma_match_inflections(checker):
    # "injections" and "sessions" are found through the lemmas "injection" and "session"
    found = [c["subject"] for c in claims(checker, "Stem cell injections heal arthritis. Hyperbaric oxygen sessions cure long COVID.")]
    assert found == ["stem cell injections", "hyperbaric oxygen sessions"]


# --- vocabularies ----------------------------------------------------------------------


def test_vocabulary_names_are_cleaned_and_found_longest_first():
    assert clean_names(["Abdomen, Acute", "Type 2  Diabetes", "ab", "12", "the"], stopwords=["the"]) == ["type 2 diabetes"]
    index = PhraseIndex(["type 2 diabetes", "diabetes", "heart failure"])
    assert index.find("risk of type 2 diabetes and heart failure".split()) == [(2, 5), (6, 8)]


def test_drug_and_disease_names_come_from_the_maintained_vocabularies(checker):
    [claim] = claims(checker, "Metformin may lower the risk of pancreatic cancer.")
    assert claim["subject"] == "metformin"
    assert "pancreatic cancer" in claim["outcomes"]


def test_the_vocabulary_cache_is_reused(tmp_path, monkeypatch):
    from factcheck import vocabularies

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    calls = []
    build = lambda: calls.append(1) or ["a b"]  # noqa: E731
    assert vocabularies.cached("probe", "k1", build) == ["a b"]
    assert vocabularies.cached("probe", "k1", build) == ["a b"]
    assert len(calls) == 1 and len(list(tmp_path.glob("probe-*.json"))) == 1


# --- interventions, outcomes and the main intervention ------------------------------------


@pytest.mark.parametrize(
    "text, subject",
    [
        ("IV glutathione therapy boosts energy and focus.", "iv glutathione therapy"),
        ("Ozone sauna sessions improve circulation and focus.", "ozone sauna sessions"),
        ("Red light therapy stimulates collagen and clears acne.", "red light therapy"),
        ("Our CBD gummies ease anxiety and improve sleep.", "cbd gummies"),
        ("Drinking coffee is linked to a lower risk of liver disease.", "drinking coffee"),
    ],
)
def test_a_claim_about_any_intervention_is_found(checker, text, subject):
    found = claims(checker, text)
    assert [c["subject"] for c in found] == [subject]
    assert found[0]["verdict"] == "unverified"  # no entry covers it: reported, never dropped


def test_this_therapy_refers_to_the_pages_main_intervention(checker):
    text = "# Red light therapy\n\nRed light therapy is offered at our spa.\n\nThis therapy rejuvenates your skin in a week.\n"
    found = checker.check_text(text, format="md")["claims"]
    assert found[-1]["subject"] == "red light therapy" and found[-1]["subject_inferred"]


@pytest.mark.parametrize(
    "text",
    [
        "Complex regional pain syndrome is characterised by burning pain and swelling.",
        "Previous research has linked night shifts with a higher risk of diabetes.",
        "Does red light therapy reduce wrinkles?",
        "The findings will be presented at the annual meeting of the society.",
    ],
)
def test_background_definitions_questions_and_meta_are_not_claims(checker, text):
    assert claims(checker, text) == []


# --- claim strength -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, relation",
    [
        ("Eating walnuts is associated with better memory in older adults.", "correlational"),
        ("Eating walnuts may improve memory in older adults.", "conditional_causal"),
        ("Eating walnuts improves memory in older adults.", "direct_causal"),
        ("Walnut supplements may be linked to better memory.", "correlational"),
    ],
)
def test_each_claim_has_its_relation(checker, text, relation):
    assert [c["relation"] for c in claims(checker, text)] == [relation]


def test_the_relation_is_in_the_schema_and_in_the_text_report(checker):
    import jsonschema

    from factcheck.resources import schema

    report = checker.check_text("Eating walnuts improves memory in older adults.").to_dict()
    assert report["schema_version"] == "1.2"
    jsonschema.validate(report, schema("report"))
    result = CliRunner().invoke(
        main, ["check", "-", "--stdin-filename", "w.txt", "--exit-zero", "--output-format", "full"], input="Walnuts may improve memory.\n"
    )
    assert "claim strength: conditional causal" in result.output


# --- verdicts from the article's own evidence ------------------------------------------------


def test_a_causal_claim_from_a_survey_is_overstated_but_an_association_is_not(checker):
    causal = checker.check_text("A survey of 5,000 adults found that yoga reduces back pain.")
    assert [f["code"] for f in causal["findings"] if f["claim_id"]] == ["HC105"]
    linked = checker.check_text("A survey of 5,000 adults found that yoga was associated with less back pain.")
    assert not [f for f in linked["findings"] if f["code"] == "HC105"]


def test_animal_evidence_in_the_sentence_before_makes_a_claim_about_people_overstated(checker):
    report = checker.check_text("Researchers gave resveratrol to rats for eight weeks. Resveratrol restores hearing in older people.")
    assert "HC106" in [f["code"] for f in report["findings"]]


def test_strong_wording_on_a_small_study_is_overstated_with_its_size(checker):
    report = checker.check_text("In a trial of 11 volunteers, the cleanse dramatically reduced bloating.")
    [finding] = [f for f in report["findings"] if f["code"] == "HC107"]
    assert "a study of 11 people" in finding["message"]


# --- external evaluation ---------------------------------------------------------------------


def test_halves_are_fixed_and_balanced():
    assert half_of("row-1") == half_of("row-1")
    halves = [half_of(f"row-{i}") for i in range(1000)]
    assert 400 < halves.count("tune") < 600


def test_binary_and_macro_scores():
    scores = Binary.of([(True, True), (True, False), (False, False), (False, True)]).as_dict()
    assert (scores["precision"], scores["recall"], scores["balanced_accuracy"], scores["mcc"]) == (0.5, 0.5, 0.5, 0.0)
    assert macro_f1([("a", "a"), ("b", None)], ("a", "b"))["macro_f1"] == 0.5


def test_eval_external_scores_our_own_small_set(tmp_path):
    folder = tmp_path / "eureka-dev"
    folder.mkdir()
    rows = [
        ("s1", "Walnuts improve memory in older adults.", "direct_causal", "1"),
        ("s2", "Walnuts are linked to better memory.", "correlational", "1"),
        ("s3", "The study was funded by a national agency.", "not_claim", "0"),
        ("s4", "Walnut oil may ease joint pain.", "conditional_causal", "1"),
    ]
    with (folder / "sentences.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sent_id", "release_id", "kind", "sentence", "label_name", "is_claim"])
        writer.writerows((i, "r", "sentence", s, label, claim) for i, s, label, claim in rows)
    result = CliRunner().invoke(main, ["eval", "--external", "eureka", "--external-dir", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    total = sum(data["halves"][h]["claim_detection"]["n"] for h in ("tune", "check"))
    assert total == 4
    assert all(data["halves"][h]["claim_detection"]["fp"] == 0 for h in ("tune", "check"))


def test_a_missing_external_set_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--external", "cw-cure", "--external-dir", str(tmp_path)])
    assert result.exit_code == 2 and "external set not found" in result.output


@pytest.mark.parametrize("name", sorted(EXTERNAL_SETS))
def test_the_shared_external_sets_can_be_read(name):
    path = SHARED / "external" / EXTERNAL_SETS[name].path
    if not path.is_file():
        if os.environ.get("FACTCHECK_REQUIRE_SHARED"):
            pytest.fail(f"missing {path}")
        pytest.skip(f"missing {path}")
    assert path.stat().st_size > 0
