"""Property: invisible and control characters inserted into an article change nothing the
checker finds, except that a character inside a word is reported as HC501 obfuscation.

The articles are built from sentences written for this test (plain text: a title,
paragraphs and bullets); characters go anywhere inside a line's text.
"""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factcheck.source import source_from_bytes  # noqa: E402

SENTENCES = [
    "Ketamine rewires the brain and works within hours for most patients.",
    "Studies show that ketamine infusions are a game-changer for depression.",
    "Ketamine therapy has no side effects and is 100% safe.",
    "Esketamine nasal spray is approved by the FDA for treatment-resistant depression.",
    "Patients often report dissociation and raised blood pressure during an infusion.",
    "TMS is a proven cure for anxiety, PTSD and OCD.",
    "A course of six infusions costs about $3,000 and insurance rarely covers it.",
    "Many report feelings of relief after their first session.",
    "Call our clinic in Denver today to book your free consultation.",
    "The benefit of a single infusion usually fades within two weeks.",
    "Ketamine was first approved by the FDA in 1970 as an anaesthetic.",
    "Our breakthrough treatment guarantees lasting results.",
]
TITLES = ["Ketamine Therapy for Depression", "Why Patients Choose TMS", "Rapid Relief From Symptoms"]
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\ufeff", "\ufe0f", "\u034f", "\u180e",
]
CONTROL = [chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c"] + ["\x7f", "\x80", "\x9b", "\x9f"]
INSERTED = INVISIBLE + CONTROL
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def article(draw):
    lines = [draw(st.sampled_from(TITLES)), ""]
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            lines.append(" ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))))
        else:
            lines.extend("- " + s for s in draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=3)))
        lines.append("")
    return lines


@st.composite
def insertions(draw, lines):
    """(line, position, character) with the position inside the line's text (after a bullet)."""
    candidates = [i for i, line in enumerate(lines) if line]
    found = []
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.sampled_from(candidates))
        first = 2 if lines[i].startswith("- ") else 0
        found.append((i, draw(st.integers(first, len(lines[i]))), draw(st.sampled_from(INSERTED))))
    return found


def insert(lines, where):
    out = list(lines)
    inside_word = False
    for i, pos, ch in sorted(where, key=lambda w: (w[0], -w[1])):
        line = lines[i]
        inside_word |= 0 < pos < len(line) and line[pos - 1].isalnum() and line[pos].isalnum()
        out[i] = out[i][:pos] + ch + out[i][pos:]
    return out, inside_word


def report_for(checker, text):
    source = source_from_bytes(text.encode("utf-8"), "article.txt", "txt")
    report = checker.check(source)
    for record in report["claims"] + [f for f in report["findings"] if f["span"]]:
        assert source.text[record["span"]["start"]:record["span"]["end"]] == record["quote"]
    return report


def strip(text):
    return "".join(c for c in text if c not in INSERTED) if text is not None else None


def essentials(report):
    claims = [(strip(c["quote"]), c["verdict"], c["category"], c["match"] and c["match"]["entry"]) for c in report["claims"]]
    findings = [(f["code"], strip(f["quote"]), f["message"], f["claim_id"]) for f in report["findings"] if f["code"] != "HC501"]
    return claims, findings


@SETTINGS
@given(data=st.data())
def test_inserted_invisible_and_control_characters_change_no_finding(checker, data):
    lines = data.draw(article())
    where = data.draw(insertions(lines))
    dirty_lines, inside_word = insert(lines, where)
    clean = report_for(checker, "\n".join(lines) + "\n")
    dirty = report_for(checker, "\n".join(dirty_lines) + "\n")
    assert essentials(dirty) == essentials(clean)
    hidden = [f for f in dirty["findings"] if f["code"] == "HC501"]
    assert bool(hidden) == inside_word, (where, [f["quote"] for f in hidden])
    assert all(strip(f["quote"]) != f["quote"] for f in hidden)


ODD = ["\u00a0", "\u2009", "\t", "\u0430", "\u041a", "\U0001D40A", "\uff45", "!", "[", "]", "'s", "&", "\n", "\n\n", "- "]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(list("Ketamine rwsbh.") + INSERTED + ODD), max_size=200).map("".join),
       fmt=st.sampled_from(["txt", "md", "html"]))
def test_every_analysed_character_maps_to_its_original(text, fmt):
    """The offset map sends each character the checker reads back to the character it came
    from (the same, or its normal form), in order, inside its block."""
    import unicodedata

    from factcheck.characters import character_rules
    from factcheck.load import load_prose
    from factcheck.source import Source

    lookalikes = character_rules().lookalikes
    prose = load_prose(Source("article." + fmt, text, fmt, "0" * 64))
    assert len(prose.text) == len(text)
    for block in prose.blocks:
        analysed = prose.block_text(block)
        previous = block.start - 1
        for i, ch in enumerate(analysed):
            at = prose.offsets.start(block.start + i)
            assert previous < at < block.end
            original = text[at]
            assert (ch == original or (ch == " " and original.isspace()) or ch == lookalikes.get(original)
                    or ch == unicodedata.normalize("NFKC", original) or fmt != "txt"), (text, block, i)
            previous = at
        if analysed:
            assert prose.offsets.end(block.start + len(analysed)) == previous + 1
