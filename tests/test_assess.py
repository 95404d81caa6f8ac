"""Verdicts: supported, overstated (scope, wording, mixed evidence), unsupported, unverified."""

import pytest


def verdict(checker, text):
    report = checker.check_text(text)
    assert len(report["claims"]) == 1, [c["text"] for c in report["claims"]]
    return report["claims"][0]


@pytest.mark.parametrize(
    "text, expected, reason",
    [
        ("In treatment-resistant depression, ketamine brings relief within hours.", "supported", "consistent"),
        ("Ketamine brings relief within hours.", "overstated", "treatment-resistant depression"),
        ("In treatment-resistant depression, ketamine remarkably brings relief within hours.", "overstated", "boosted wording (“remarkably”)"),
        ("In treatment-resistant depression, ketamine is guaranteed to bring relief within hours.", "overstated", "absolute wording"),
        ("Ketamine rewires the brain.", "unsupported", "unsupported"),
        ("There is no evidence that ketamine rewires the brain.", "supported", "rejects"),
        ("Ketamine treats PTSD.", "overstated", "mixed"),
        ("Ketamine may help some people with PTSD.", "supported", "consistent"),
        ("Ketamine helps golfers putt better.", "unverified", "no registry entry"),
        ("A review in The Cognitive Behaviour Therapist found that ketamine improved mood.", "unverified", "could not be located"),
    ],
)
def test_verdicts(test_registry_checker, text, expected, reason):
    claim = verdict(test_registry_checker, text)
    assert claim["verdict"] == expected
    assert any(reason in r for r in claim["reasons"]), claim["reasons"]


def test_indication_list_that_outruns_the_evidence_is_overstated(test_registry_checker):
    claim = verdict(test_registry_checker, "Ketamine treats depression and PTSD.")
    assert claim["verdict"] == "overstated"
    assert claim["match"]["entry"] == "t.efficacy.depression"
    assert claim["match"]["also"] == ["t.efficacy.ptsd"]
    assert [e["entry"] for e in claim["evidence"]] == ["t.efficacy.depression", "t.efficacy.ptsd"]


def test_findings_follow_verdicts_and_carry_the_claim(test_registry_checker):
    report = test_registry_checker.check_text(
        "Ketamine rewires the brain. A review in The Cognitive Behaviour Therapist found that ketamine improved mood."
    )
    claim_findings = [f for f in report["findings"] if f["code"].startswith("HC1")]
    assert [(f["code"], f["kind"], f["severity"], f["claim_id"]) for f in claim_findings] == [
        ("HC102", "unsupported", "error", "C001"),
        ("HC104", "unverified", "warning", "C002"),
    ]
    assert report["claims"][0]["suggested_wording"].startswith("In rodents")


def test_a_heading_keeps_the_scope_its_section_states(checker):
    text = (
        "Rapid Relief From Symptoms\n\n"
        "In adults with treatment-resistant depression, ketamine infusions often ease symptoms within a day.\n"
    )
    heading = checker.check_text(text)["claims"][0]
    assert heading["text"] == "Rapid Relief From Symptoms"
    assert heading["verdict"] == "supported"
    alone = checker.check_text("Rapid Relief From Symptoms\n\nKetamine infusions ease symptoms within a day.\n")["claims"][0]
    assert alone["verdict"] == "overstated"


def test_esketamine_coverage_is_not_judged_by_the_iv_ketamine_insurance_entry(checker):
    spravato = checker.check_text("Spravato is often covered by insurance after prior authorisation.")["claims"][0]
    assert spravato["verdict"] != "unsupported"
    infusions = checker.check_text("Ketamine infusions are covered by most insurance plans.")["claims"][0]
    assert infusions["verdict"] == "unsupported"


def test_a_bullet_keeps_the_scope_its_lead_in_states(test_registry_checker):
    text = "In treatment-resistant depression, ketamine can offer:\n● Rapid relief within hours\n"
    bullet = test_registry_checker.check_text(text)["claims"][-1]
    assert bullet["text"] == "Rapid relief within hours"
    assert bullet["verdict"] == "supported"


def test_a_restricted_approval_statement_is_not_the_refuted_claim(checker):
    """'Only one version is approved' is true; 'ketamine is approved for depression' is refuted."""
    restricted = checker.check_text("Only one version of ketamine, the esketamine nasal spray, is FDA-approved for depression.")
    assert restricted["claims"][0]["verdict"] == "supported"
    broad = checker.check_text("Ketamine is FDA-approved for depression.")
    assert broad["claims"][0]["verdict"] == "unsupported"


@pytest.mark.parametrize(
    "text",
    [
        "After my third ketamine session my anxiety was completely gone.",
        "Our results with ketamine are remarkable: most patients improve dramatically.",
    ],
)
def test_a_testimonial_or_clinic_result_with_strong_wording_and_no_entry_is_unverified(checker, text):
    """What one patient felt, or one clinic's results, cannot be checked against evidence: an
    editor should verify it, not read it as an overstated health claim."""
    claim = verdict(checker, text)
    assert (claim["verdict"], claim["grounds"]) == ("unverified", ["first_hand"])
