"""Hostile input (issue 15, loader side): hidden characters, quadratic shapes, huge blocks,
raw HTML in Markdown, and markup that leaked into quotes.

Every check also asserts the offset rule: the original text at a span is its quote.
Timing tests compare a size with four times that size (linear: about 4x, quadratic:
about 16x) on process time, never against a wall-clock threshold.
"""

from __future__ import annotations

import time

import pytest

from factcheck.source import source_from_bytes

CLAIM = "Ketamine rewires the brain."

INVISIBLE = {
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "word joiner": "\u2060",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "left-to-right embedding": "\u202a",
    "right-to-left override": "\u202e",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "variation selector": "\ufe0f",
    "bell (control)": "\x07",
    "escape (control)": "\x1b",
}


def check(checker, text: str, fmt: str = "txt") -> dict:
    source = source_from_bytes(text.encode("utf-8"), f"article.{fmt}", fmt, max_bytes=0)
    report = checker.check(source)
    for record in report["claims"] + [f for f in report["findings"] if f["span"]]:
        assert source.text[record["span"]["start"]:record["span"]["end"]] == record["quote"]
    return report


def codes(report: dict) -> list[str]:
    return [f["code"] for f in report["findings"]]


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_an_invisible_character_inside_a_word_no_longer_hides_the_claim(checker, name):
    clean = check(checker, CLAIM)
    hidden = check(checker, CLAIM.replace("Ketamine", "Ket" + INVISIBLE[name] + "amine"))
    assert [c["verdict"] for c in hidden["claims"]] == [c["verdict"] for c in clean["claims"]] == ["unsupported"]
    assert hidden["claims"][0]["quote"] == CLAIM.replace("Ketamine", "Ket" + INVISIBLE[name] + "amine")
    assert sorted(set(codes(hidden)) - {"HC501"}) == sorted(codes(clean))
    obfuscation = [f for f in hidden["findings"] if f["code"] == "HC501"]
    assert len(obfuscation) == 1 and obfuscation[0]["quote"] == "Ket" + INVISIBLE[name] + "amine"
    assert obfuscation[0]["kind"] == "obfuscation" and obfuscation[0]["claim_id"] == "C001"


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_an_invisible_character_before_the_word_is_removed_without_a_finding(checker, name):
    report = check(checker, INVISIBLE[name] + CLAIM + INVISIBLE[name])
    assert [c["quote"] for c in report["claims"]] == [CLAIM]
    assert "HC501" not in codes(report)


@pytest.mark.parametrize("entity", ["&shy;", "&#8203;", "&#x200B;", "&zwnj;", "&lrm;"])
def test_html_entities_for_invisible_characters(checker, entity):
    text = f"<html><body><p>Ket{entity}amine rewires the brain.</p></body></html>"
    report = check(checker, text, "html")
    assert [c["verdict"] for c in report["claims"]] == ["unsupported"]
    assert [f["quote"] for f in report["findings"] if f["code"] == "HC501"] == [f"Ket{entity}amine"]


def test_entities_never_split_a_word(checker):
    report = check(checker, "<p>Ket&#97;mine rewires the b&#x72;ain.</p>", "html")
    assert [c["quote"] for c in report["claims"]] == ["Ket&#97;mine rewires the b&#x72;ain."]
    assert [c["text"] for c in report["claims"]] == [CLAIM]
    assert "HC501" not in codes(report)  # an entity is visible in the source; it hides nothing


def test_look_alike_letters_and_odd_spaces(checker):
    cyrillic = check(checker, "Ket\u0430mine rewires the brain.")
    assert [c["verdict"] for c in cyrillic["claims"]] == ["unsupported"]
    assert [f["quote"] for f in cyrillic["findings"] if f["code"] == "HC501"] == ["Ket\u0430mine"]
    russian = check(checker, "\u041a\u0435\u0442\u0430\u043c\u0438\u043d \u043f\u043e\u043c\u043e\u0433\u0430\u0435\u0442.")
    assert "HC501" not in codes(russian)  # a word wholly in Cyrillic is left alone
    spaced = check(checker, "Ketamine therapy is a game\u00a0changer for depression.")
    assert "game\u00a0changer" in [f["quote"] for f in spaced["findings"] if f["code"] == "HC201"]
    styled = check(checker, "\U0001D40A\U0001D41E\U0001D42D\U0001D41A\U0001D426\U0001D422\U0001D427\U0001D41E rewires the brain.")
    assert [c["verdict"] for c in styled["claims"]] == ["unsupported"] and "HC501" not in codes(styled)


def test_joiners_that_belong_are_not_obfuscation(checker):
    text = "Our nurse \U0001F469\u200d\u2695\ufe0f explains ketamine. 1\ufe0f\u20e3 Book a call. \u0628\u06cc\u200c\u0634\u06a9 ketamine."
    assert "HC501" not in codes(check(checker, text))


# --- quadratic shapes ----------------------------------------------------------------------


def _cpu_seconds(checker, text: str, fmt: str = "txt", rounds: int = 2) -> float:
    source = source_from_bytes(text.encode("utf-8"), f"article.{fmt}", fmt, max_bytes=0)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        checker.check(source)
        best = min(best, time.process_time() - start)
    return best


def _assert_linear(small: float, large: float) -> None:
    # four times the input: linear is about 4x, quadratic about 16x; the margin absorbs noise
    assert large < 10 * max(small, 0.05), (small, large)


def test_time_is_linear_in_a_run_of_punctuation(checker):
    small = _cpu_seconds(checker, "Ketamine is safe" + "!" * 20_000)
    large = _cpu_seconds(checker, "Ketamine is safe" + "!" * 80_000)
    _assert_linear(small, large)
    report = check(checker, "Ketamine is safe" + "!" * 80_000 + " Ketamine rewires the brain.")
    assert [c["quote"] for c in report["claims"]][-1] == CLAIM


@pytest.mark.parametrize("shape", ["[", "]", "'s", "?!", "\U0001F525", "$"])
def test_other_runs_are_bounded_and_offsets_hold(checker, shape):
    report = check(checker, "Ketamine rewires the brain " + shape * 5_000 + " Ketamine rewires the brain.", "md")
    assert report["claims"]


def test_time_is_linear_in_brackets_in_markdown(checker):
    small = _cpu_seconds(checker, "[" * 12_500 + "Ketamine rewires the brain." + "]" * 12_500, "md")
    large = _cpu_seconds(checker, "[" * 50_000 + "Ketamine rewires the brain." + "]" * 50_000, "md")
    _assert_linear(small, large)


def test_whole_article_checks_are_linear(checker):
    from factcheck.article_checks import check_article

    paragraph = ("Ketamine is a revolutionary breakthrough that works within hours. "
                 "Studies show it is a game-changer for depression.\n\n")
    analyses = {n: checker.analyse(source_from_bytes((paragraph * n).encode(), "a.txt", "txt")) for n in (300, 1200)}
    times = {}
    for n, analysis in analyses.items():
        start = time.process_time()
        check_article(analysis)
        times[n] = time.process_time() - start
    _assert_linear(times[300], times[1200])


def test_a_block_over_a_million_characters_is_split_not_a_crash(checker):
    text = CLAIM + " " * 1_000_100 + "Ketamine cures depression in every patient."
    report = check(checker, text)
    assert [c["quote"] for c in report["claims"]] == [CLAIM, "Ketamine cures depression in every patient."]


def test_long_blocks_are_cut_at_sentence_ends():
    from factcheck.normalise import MAX_BLOCK_CHARS, split_long_blocks
    from factcheck.prose import PARAGRAPH, Block

    text = "Ketamine is studied. " * (3 * MAX_BLOCK_CHARS // 21)
    parts = split_long_blocks(text, [Block(PARAGRAPH, 0, len(text) - 1)])
    assert len(parts) >= 3 and all(p.end - p.start <= MAX_BLOCK_CHARS for p in parts)
    assert all(text[p.end - 1] == "." and text[p.start] == "K" for p in parts)


# --- Markdown with raw HTML, tables, task lists; SVG and MathML --------------------------------


def test_script_and_style_in_markdown_are_not_prose(checker):
    text = (
        "# Ketamine clinic\n\nKetamine was first approved by the FDA in 1970 as an anaesthetic.\n\n"
        "<script>\nvar claim = 'Ketamine rewires the brain.';\n</script>\n"
        "<style>\np::after { content: 'Ketamine cures depression in every patient.' }\n</style>\n\n"
        "<div class=\"nav\">\nKetamine cures everything.\n</div>\n\n"
        "Inline <script>var x = 'Ketamine rewires the brain.';</script> text ends here.\n"
    )
    report = check(checker, text, "md")
    assert [c["quote"] for c in report["claims"]] == ["Ketamine was first approved by the FDA in 1970 as an anaesthetic."]
    assert not any("in a heading" in f["message"] for f in report["findings"])


def test_html_blocks_in_markdown_are_read_like_html(checker):
    report = check(checker, "<div>\n<p>Ket&shy;amine rewires the brain.</p>\n</div>\n\nAfter.\n", "md")
    assert [c["quote"] for c in report["claims"]] == ["Ket&shy;amine rewires the brain."]


def test_task_list_boxes_and_table_rows_stay_out_of_quotes(checker):
    text = (
        "Intro about treatment options for depression.\n\n"
        "- [ ] Ketamine rewires the brain.\n- [x] TMS cures depression in every patient.\n\n"
        "| Option | Note |\n|---|---|\n| Ketamine | fast |\nKetamine | Ketamine rewires the brain \\| really\n"
    )
    report = check(checker, text, "md")
    quotes = [c["quote"] for c in report["claims"]]
    assert "Ketamine rewires the brain." in quotes and "TMS cures depression in every patient." in quotes
    row = next(c for c in report["claims"] if "really" in c["quote"])
    assert row["block"] == "list_item" and row["text"] == "Ketamine Ketamine rewires the brain really"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_svg_and_mathml_are_both_skipped(checker, fmt):
    text = ("<p>Ketamine was first approved by the FDA in 1970 as an anaesthetic.</p>\n\n"
            "<p><math><mi>x</mi><mo>=</mo><mn>2</mn></math> Ketamine rewires the brain.</p>\n\n"
            "<svg><text x=\"0\" y=\"10\">Ketamine cures depression in every patient.</text></svg>\n")
    report = check(checker, text, fmt)
    quotes = [c["quote"] for c in report["claims"]]
    assert quotes == ["Ketamine was first approved by the FDA in 1970 as an anaesthetic.", CLAIM]


@pytest.mark.xfail(strict=True, reason="known gap: ligatures that expand to several letters (U+FB00 ff) are not expanded")
def test_ligatures_are_read_as_letters(checker):
    clean = check(checker, "Ketamine is highly effective for depression.")
    assert clean["claims"]
    ligature = check(checker, "Ketamine is highly e\ufb00ective for depression.")
    assert [c["category"] for c in ligature["claims"]] == [c["category"] for c in clean["claims"]]


def test_a_paragraph_wrapped_over_many_lines_loads_in_linear_time():
    from factcheck.prose import load_plain_text

    line = "ketamine helps many people feel better for a while\n"
    times = {}
    for n in (10_000, 40_000):
        start = time.process_time()
        prose = load_plain_text(line * n)
        times[n] = time.process_time() - start
        assert len(prose.blocks) == 1  # lines starting in lower case continue the paragraph
    _assert_linear(times[10_000], times[40_000])
