"""Known gaps, kept visible as strict xfail cases (scispacy style), not hidden.

Each case is a sentence a careful editor would judge differently from the checker
today. When a change fixes one, the suite reports XPASS and the marker must go.
"""

import pytest


def verdict_of(checker, text):
    claims = checker.check_text(text)["claims"]
    assert claims, "no claim found"
    return claims[0]["verdict"]


@pytest.mark.xfail(strict=True, reason="one entry per sentence: a second claim inside the sentence is not judged")
def test_second_claim_in_a_sentence_is_judged(checker):
    text = "Ketamine relieves depression within hours in treatment-resistant patients and permanently cures it."
    assert verdict_of(checker, text) == "unsupported"
