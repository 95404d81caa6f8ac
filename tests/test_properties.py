"""Property tests: any text, as txt, md or html, checks without an exception, with exact
spans, a schema-valid report and deterministic bytes."""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factcheck.errors import InputError  # noqa: E402
from factcheck.report import to_json  # noqa: E402
from factcheck.source import source_from_bytes  # noqa: E402
from factcheck.validate import report_problems  # noqa: E402

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Any Unicode except surrogates (not encodable as UTF-8) and NUL (refused as binary).
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
SPECIAL = st.sampled_from([
    "\r\n", "\r", "\n", "\t", "\x0b", "\x0c", "\x1b", "\u2028", "\u2029", "\u0085", "\ufeff", "\u200b", "\u200d",
    "👩🏽‍⚕️", "🧠", "e\u0301", "\u0301\u0301", "שלום", "مرحبا", "\u202e", "ﬁ", "İ", "ß", "…", "“", "”",
    "Ketamine", "ketamine", "TMS", "rewires the brain", "within hours", "100%", "depression", ". ", "? ", ": ",
    "- ", "* ", "1. ", "# ", "> ", "|", "`", "**", "_", "[", "](", ")", "<", ">", "&amp;", "&#", "&#x1F600;", "<!--", "-->",
])
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), SPECIAL), max_size=40).map("".join)

TAGS = ["p", "div", "span", "b", "li", "ul", "h1", "h2", "script", "style", "nav", "article", "a", "br", "title", "footer"]


@st.composite
def markup(draw, depth=0):
    """Generated HTML: nested, unclosed and stray tags, attributes, entities, comments."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "text", "tag", "tag", "entity", "comment", "stray"]))
        if kind == "text":
            parts.append(draw(TEXT))
        elif kind == "entity":
            parts.append(draw(st.sampled_from(["&amp;", "&lt;", "&nbsp;", "&#8217;", "&#x27;", "&bogus;", "&#99999999;", "&"])))
        elif kind == "comment":
            parts.append("<!--" + draw(TEXT) + draw(st.sampled_from(["-->", "", "--", "--!>"])))
        elif kind == "stray":
            parts.append(draw(st.sampled_from(["<", ">", "</", "<!", "<?", "</p>", "<p", '<a href="', "<a href='x>", "<br/>"])))
        else:
            name = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(["", ' class="nav"', " id=main", " hidden", ' role="navigation"', ' data-x="a>b"', " aria-hidden=true"]))
            inner = draw(markup(depth + 1)) if depth < 4 else draw(TEXT)
            close = draw(st.sampled_from([f"</{name}>", f"</{name}>", "", f"</{name.upper()}>", "</div>"]))
            parts.append(f"<{name}{attrs}>{inner}{close}")
    return "".join(parts)


@pytest.fixture(scope="module")
def checker():
    from factcheck.checker import Checker

    return Checker()


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Reference 1-based line/column: \\r\\n, \\n and a lone \\r end a line."""
    line, start, i = 1, 0, 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if ch in "\r\n":
            line += 1
            start = i + 1
        i += 1
    return line, offset - start + 1


def check_invariants(checker, text: str, fmt: str) -> None:
    data = text.encode("utf-8")
    try:
        source = source_from_bytes(data, f"article.{fmt}", fmt, max_bytes=0)
    except InputError as exc:
        assert "empty" in exc.problem or "whitespace" in exc.problem, exc.problem
        return  # only an empty or whitespace-only (after the BOM) file is refused
    original = source.text
    report = checker.check(source)
    for record in report["claims"] + [f for f in report["findings"] if f["span"] is not None]:
        span = record["span"]
        assert original[span["start"] : span["end"]] == record["quote"]
        assert 0 <= span["start"] <= span["end"] <= len(original)
        assert (span["line"], span["column"]) == _line_col(original, span["start"])
        assert (span["end_line"], span["end_column"]) == _line_col(original, span["end"])
    assert report_problems(report) == []
    first = to_json(report)
    assert to_json(checker.check(source_from_bytes(data, f"article.{fmt}", fmt, max_bytes=0))) == first


@SETTINGS
@given(text=TEXT, fmt=st.sampled_from(["txt", "md", "html"]))
def test_any_text_in_any_format(checker, text, fmt):
    check_invariants(checker, text, fmt)


@SETTINGS
@given(text=st.text(ANY_CHAR, max_size=400), fmt=st.sampled_from(["txt", "md", "html"]))
def test_any_unicode_in_any_format(checker, text, fmt):
    check_invariants(checker, text, fmt)


@SETTINGS
@given(html=markup())
def test_generated_markup(checker, html):
    check_invariants(checker, html, "html")
    check_invariants(checker, html, "md")


@SETTINGS
@given(prefix=TEXT, suffix=TEXT, fmt=st.sampled_from(["txt", "md", "html"]))
def test_claims_survive_surrounding_noise(checker, prefix, suffix, fmt):
    """A real claim between arbitrary noise still gives exact spans (and never crashes)."""
    check_invariants(checker, f"{prefix}\n\nKetamine rewires the brain within hours.\n\n{suffix}", fmt)
