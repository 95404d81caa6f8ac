"""The rule catalogue: metadata, examples that behave, `factcheck rules` and docs/rules.md in sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.promo_rules import ARTICLE_RULES, PROMO_RULES
from factcheck.promotion import PROMO_KINDS
from factcheck.rules import KINDS, SEVERITIES, all_rules
from factcheck.rules_doc import render_rules_markdown

REPO = Path(__file__).resolve().parent.parent
# Rules whose examples are whole suppression comments; their owner's tests run them.
OTHER_HARNESS_KINDS = {"suppression"}
# Known failures of examples: strict xfail, so a fix makes the suite ask to remove it.
KNOWN_BAD: dict[tuple[str, str], str] = {}
EXAMPLES = [
    (r.code, which, i, text)
    for r in all_rules() if r.kind not in OTHER_HARNESS_KINDS
    for which, texts in (("fire", r.fire), ("quiet", r.quiet))
    for i, text in enumerate(texts)
]


def test_every_rule_has_metadata_and_examples():
    for r in all_rules():
        assert r.kind in KINDS and r.severity in SEVERITIES, r.code
        assert r.message and "\n" not in r.message, r.code
        assert r.why and r.standards, r.code
        assert r.fire and r.quiet, f"{r.code} needs at least one fire and one quiet example"


def test_codes_and_kinds_are_in_the_documented_order():
    assert [(r.code, r.kind) for r in PROMO_RULES] == [(f"HC20{i}", k) for i, k in enumerate(PROMO_KINDS, 1)]
    assert [(r.code, r.kind) for r in ARTICLE_RULES] == [
        ("HC301", "missing_risks"), ("HC302", "missing_regulatory_status"), ("HC303", "missing_cost"),
        ("HC304", "no_sources"), ("HC305", "imbalance"),
    ]
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes)) and codes == sorted(codes)
    assert {"HC101", "HC102", "HC103", "HC104"} <= set(codes)


@pytest.mark.parametrize(
    "code, which, i, text",
    [pytest.param(*e, marks=pytest.mark.xfail(reason=KNOWN_BAD[e[:2]], strict=True)) if e[:2] in KNOWN_BAD else e
     for e in EXAMPLES],
    ids=[f"{c}-{w}{i}" for c, w, i, _ in EXAMPLES],
)
def test_rule_examples_behave(checker, code, which, i, text):
    codes = [f["code"] for f in checker.check_text(text)["findings"]]
    if which == "fire":
        assert code in codes, (text, codes)
    else:
        assert code not in codes, (text, codes)


def test_docs_rules_md_is_in_sync():
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), "regenerate: factcheck rules --markdown > docs/rules.md"


@pytest.fixture
def run():
    from cli import main

    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_rules_command_lists_explains_and_renders(run):
    listing = run("rules")
    assert listing.exit_code == 0
    assert all(r.code in listing.output for r in all_rules())
    one = run("rules", "hc205")
    assert one.exit_code == 0 and "risk-minimization" in one.output and "21 CFR 202.1(e)(5)(ii)" in one.output
    markdown = run("rules", "--markdown")
    assert markdown.exit_code == 0 and markdown.output == render_rules_markdown()
    unknown = run("rules", "HC999")
    assert unknown.exit_code == 2 and "HC999" in unknown.output
