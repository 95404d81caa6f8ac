"""`factcheck eval --errors`: every wrong verdict gets the cause a reader of the report would give."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main
from factcheck.error_analysis import CAUSES, cause_of, errors_of, group

from conftest import REPO, SEEDS


def claim(verdict, text="Ketamine works for depression.", grounds=(), assertiveness="plain", entry=None):
    return {
        "verdict": verdict, "text": text, "quote": text, "grounds": list(grounds),
        "assertiveness": assertiveness, "match": {"entry": entry} if entry else None,
    }


def test_agreement_is_no_error():
    assert cause_of(claim("supported"), claim("supported", grounds=["consistent"])) is None


def test_no_entry_and_first_hand_come_from_the_grounds():
    assert cause_of(claim("supported"), claim("unverified", grounds=["no_entry"])) == "no_entry"
    assert cause_of(claim("unsupported"), claim("unverified", grounds=["first_hand"])) == "first_hand"


def test_a_false_flag_from_wording_is_a_booster_error_and_from_scope_a_scope_error():
    assert cause_of(claim("supported"), claim("overstated", grounds=["boosted_wording"])) == "booster"
    assert cause_of(claim("supported"), claim("overstated", grounds=["scope_left_out"])) == "scope"


def test_a_missed_flag_on_a_figure_is_a_number_error():
    text = "Ketamine helps 90% of patients."
    assert cause_of(claim("overstated", text), claim("supported", text, grounds=["consistent"])) == "number"


def test_flagged_both_ways_is_a_severity_confusion_not_a_wrong_entry():
    assert cause_of(claim("unsupported"), claim("overstated", grounds=["mixed_evidence"])) == "flag_severity"
    assert cause_of(claim("supported"), claim("unsupported", grounds=["entry_verdict"])) == "wrong_entry"


def test_unpaired_claims_count_only_when_flagged():
    assert cause_of(None, claim("overstated")) == "not_a_claim"
    assert cause_of(None, claim("unverified")) is None
    assert cause_of(claim("unsupported"), None) == "missed_claim"
    assert cause_of(claim("supported"), None) is None


def test_errors_are_grouped_in_the_fixed_cause_order():
    gold = [claim("supported", "A."), claim("overstated", "B.")]
    predicted = [claim("unverified", "A.", grounds=["no_entry"]), claim("overstated", "C.")]
    errors = errors_of("a", gold, predicted, [(0, 0)])
    grouped = group(errors)
    assert list(grouped) == [c for c in CAUSES if c in grouped]
    assert {c: [e["quote"] for e in rows] for c, rows in grouped.items()} == {
        "not_a_claim": ["C."], "missed_claim": ["B."], "no_entry": ["A."],
    }


def test_eval_errors_lists_causes_with_sentences(seeds):
    result = CliRunner().invoke(
        main, ["eval", "--gold", str(REPO / "corpus" / "gold"), "--seeds", str(SEEDS), "--split", "dev", "--errors"]
    )
    assert result.exit_code == 0, result.output
    section = result.output.split("wrong verdicts by cause", 1)[1]
    assert "no_entry (" in section and "gold supported, predicted unverified" in section
