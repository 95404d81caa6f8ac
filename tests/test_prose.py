"""Loading: blocks of txt, Markdown and HTML, with offsets into the original file."""

import pytest

from factcheck.load import load_prose
from factcheck.source import source_from_bytes


def blocks(text: str, fmt: str = "txt"):
    prose = load_prose(source_from_bytes(text.encode(), f"a.{fmt}", fmt))
    assert len(prose.text) == len(text), "the analysable text keeps every offset"
    return [(b.kind, " ".join(prose.text[b.start:b.end].split()), text[b.start:b.end]) for b in prose.blocks]


def test_txt_headings_paragraphs_bullets_and_boilerplate():
    text = (
        "Rapid Relief From Symptoms\n"
        "Ketamine can help within hours. It is fast.\n"
        "● Treatment-resistant depression (TRD)\n"
        "● ✅ Ask about costs\n"
        "Leave a Comment\n"
        "- Advertisement -\n"
    )
    found = blocks(text)
    assert [k for k, _, _ in found] == ["heading", "paragraph", "list_item", "list_item", "boilerplate", "boilerplate"]
    assert found[2][1] == "Treatment-resistant depression (TRD)"
    assert found[3][1] == "Ask about costs"


def test_txt_fused_heading_is_split_from_its_paragraph():
    text = "Enhances Effectiveness of Other TherapiesKetamine therapy not only helps. It also works."
    found = blocks(text)
    assert found[0][:2] == ("heading", "Enhances Effectiveness of Other Therapies")
    assert found[1][1].startswith("Ketamine therapy not only helps.")


def test_brand_names_inside_a_sentence_are_not_fused_headings():
    text = "Deep TMS from BrainsWay is cleared for OCD. It is used in clinics."
    assert [k for k, _, _ in blocks(text)] == ["paragraph"]


def test_txt_hard_wrapped_paragraph_is_one_block():
    text = "Ketamine is an anaesthetic that has been studied in people with\ndepression who did not respond to other drugs.\n\nNext paragraph."
    found = blocks(text)
    assert found[0][0] == "paragraph"
    assert found[0][1] == "Ketamine is an anaesthetic that has been studied in people with depression who did not respond to other drugs."


def test_markdown_markup_is_blanked_but_offsets_kept():
    text = (
        "---\ntitle: x\n---\n# Ketamine **works**\n\n"
        "Ketamine *may* help, see [the trial](https://example.org/t).\n\n"
        "```\ncode ketamine cures all\n```\n\n"
        "- first item\n- second `code` item\n\n<!-- factcheck: ignore HC101 -->\n"
    )
    found = blocks(text, "md")
    kinds = [k for k, _, _ in found]
    assert kinds == ["heading", "paragraph", "list_item", "list_item"]
    assert found[0][1] == "Ketamine works"
    assert found[1][1] == "Ketamine may help, see the trial ."
    assert found[3][1] == "second item"
    assert "cures all" not in " ".join(t for _, t, _ in found)


def test_html_skips_scripts_navigation_and_chrome_and_keeps_offsets():
    text = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home ketamine cures</a></nav>"
        "<div class='cookie-banner'>We use cookies</div>"
        "<article><header><h1>Ketamine &amp; depression</h1></header>"
        "<p>Ketamine <b>works</b>\nwithin hours.</p><script>var x='ketamine';</script>"
        "<ul><li>Fast relief</li></ul></article><footer>© 2024</footer></body></html>"
    )
    found = blocks(text, "html")
    assert [(k, t) for k, t, _ in found] == [
        ("heading", "Ketamine & depression"),
        ("paragraph", "Ketamine works within hours."),
        ("list_item", "Fast relief"),
    ]
    assert found[1][2] == "Ketamine <b>works</b>\nwithin hours."


@pytest.mark.parametrize("depth", [2000])
def test_deeply_nested_html_is_handled(depth):
    text = "<div>" * depth + "<p>Ketamine works within hours.</p>" + "</div>" * depth
    assert blocks(text, "html")[0][1] == "Ketamine works within hours."
