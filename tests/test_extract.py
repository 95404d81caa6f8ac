"""Claim extraction: what is a claim, its subject, category, conditions and assertiveness."""

import pytest

from factcheck.source import source_from_bytes


def claims_of(checker, text, fmt="txt"):
    analysis = checker.analyse(source_from_bytes(text.encode(), f"a.{fmt}", fmt))
    return analysis.claims


def one(checker, text):
    found = claims_of(checker, text)
    assert len(found) == 1, [c.sentence.text for c in found]
    return found[0]


def test_questions_boilerplate_and_plain_statements_are_not_claims(test_registry_checker):
    text = "What Is Ketamine?\n\nLeave a Comment\n\nThe clinic opened in 2019 on Main Street.\n"
    assert claims_of(test_registry_checker, text) == []


def test_anaphora_takes_the_articles_main_treatment(test_registry_checker):
    text = "Ketamine is an anaesthetic. Ketamine is studied for depression.\n\nIt works within hours for most people."
    claim = claims_of(test_registry_checker, text)[-1]
    assert claim.subject == "ketamine"
    assert claim.subject_inferred
    assert claim.category == "onset"


def test_comparator_is_not_the_subject(test_registry_checker):
    claim = one(test_registry_checker, "Unlike SSRIs, which take weeks, ketamine works within hours.")
    assert claim.subject == "ketamine"
    assert claim.comparators == ("ssri",)
    assert claim.category == "comparative"
    assert "onset" in claim.categories


@pytest.mark.parametrize(
    "sentence, level",
    [
        ("Ketamine may relieve depression within hours.", "hedged"),
        ("Ketamine relieves depression within hours.", "plain"),
        ("Ketamine consistently relieves depression within hours.", "boosted"),
        ("Ketamine is guaranteed to relieve depression within hours.", "absolute"),
        ("Ketamine has no side effects.", "absolute"),
        ('Clinics call ketamine a "breakthrough" because it can relieve depression within hours.', "plain"),
        ("Ketamine relieves depression within hours, so always talk to your doctor first.", "plain"),
        ("Ketamine does not work for all patients within hours.", "plain"),
        ("Results of ketamine for PTSD are mixed.", "hedged"),
        # "significantly" boosts, unless it reports a statistical result
        ("Ketamine significantly relieves depression within hours.", "boosted"),
        ("In the trial, ketamine significantly lowered depression scores within a day compared with placebo.", "plain"),
        ("Ketamine relieved depression within hours, significantly more than saline (p < 0.01).", "plain"),
    ],
)
def test_assertiveness(test_registry_checker, sentence, level):
    assert one(test_registry_checker, sentence).assertiveness == level


def test_list_items_inherit_the_lead_in_subject(test_registry_checker):
    text = "Research shows that ketamine can offer fast relief for people with:\n● PTSD\n● OCD\n"
    lead_in, *items = claims_of(test_registry_checker, text)
    assert lead_in.sentence.text.endswith("people with:")  # a long lead-in asserts something itself
    assert [c.conditions for c in items] == [("ptsd",), ("ocd",)]
    assert all(c.subject == "ketamine" and c.subject_inferred for c in items)


def test_short_lead_ins_and_question_headings_are_not_claims(test_registry_checker):
    text = "How ketamine is thought to work\n\nKetamine benefits include:\n● Fast relief within hours\n"
    found = claims_of(test_registry_checker, text)
    assert [c.sentence.text for c in found] == ["Fast relief within hours"]


def test_heading_claim_takes_the_main_treatment(test_registry_checker):
    text = "Rapid Relief From Symptoms\n\nKetamine therapy helps depression."
    found = claims_of(test_registry_checker, text)
    assert found[0].sentence.block.kind == "heading"
    assert found[0].subject == "ketamine"
