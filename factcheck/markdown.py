"""Markdown articles: prose blocks with markup blanked, offsets unchanged.

Handled: front matter, fenced and indented code (skipped), HTML comments (kept as
directives for suppressions unless they sit inside code, otherwise skipped), inline HTML tags, ATX and setext
headings, list items, block quotes, tables (each row a list item), rules, link and image syntax, emphasis
markers and inline code.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .prose import HEADING, LIST_ITEM, PARAGRAPH, Blanker, Block, Prose, lines, make_block

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")  # starts only at a run's start: linear search
_SETEXT = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = re.compile(r"[ ]{0,3}(?:[-*+●•]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"[ ]{0,3}(?:>[ \t]?)+")
_TABLE_SEP = re.compile(r"(?<![ \t|:-])[ \t|:-]+$")
_LINK_DEF = re.compile(r"[ ]{0,3}\[[^\[\]]+\]:\s+\S+.*$")
# Link text and destinations allow one level of nested brackets/parentheses and never
# an unmatched opener, and autolinks never contain '<': each match attempt then stops
# at the next opener, so runs of '[', '](' or '<' stay linear (they were quadratic).
_TEXT = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*"
_DEST = r"(?:[^()\n]|\([^()\n]*\))*"
_IMAGE = re.compile(r"!\[" + _TEXT + r"\]\(" + _DEST + r"\)")
_LINK = re.compile(r"(\[)" + _TEXT + r"(\]\(" + _DEST + r"\)|\]\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_SPAN = re.compile(r"(`+)[^`\n]+?\1")
_EMPHASIS = re.compile(r"(?<![\w*_~])[*_~]{1,3}(?=[^\s*_~])|(?<=[^\s*_~])[*_~]{1,3}(?![\w*_~])")


def load_markdown(original: str) -> Prose:
    comments = Blanker(original)
    directives: list[tuple[int, int, str]] = []
    for start, end in _comments(original, _code_regions(original)):
        directives.append((start, end, original[start + 4 : end - 3].strip()))
        comments.blank(start, end, keep_newlines=True)
    text = comments.text()
    blanker = Blanker(text)
    blocks: list[Block] = []
    current: list | None = None
    fence: str | None = None
    line_list = list(lines(text))

    def flush() -> None:
        nonlocal current
        if current:
            blocks.extend(make_block(current[0], text, current[1], current[2]))
        current = None

    if line_list and text[line_list[0][0]:line_list[0][1]].strip() == "---":
        for i, (s, e) in enumerate(line_list[1:], 1):
            if text[s:e].strip() in ("---", "..."):
                blanker.blank(0, e, keep_newlines=True)
                line_list = line_list[i + 1:]
                break

    for index, (start, end) in enumerate(line_list):
        line = text[start:end]
        if fence is not None:
            blanker.blank(start, end)
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)[0] * 3
            blanker.blank(start, end)
            continue
        if not line.strip():
            flush()
            continue
        if line.startswith(("    ", "\t")) and current is None:
            blanker.blank(start, end)  # indented code block
            continue
        if _RULE.match(line) or _LINK_DEF.match(line):
            flush()
            blanker.blank(start, end)
            continue
        nxt = line_list[index + 1] if index + 1 < len(line_list) else None
        if current and current[0] == PARAGRAPH and _SETEXT.match(line) and not _LIST.match(line):
            current[0] = HEADING
            blanker.blank(start, end)
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            blanker.blank(start, start + atx.end())
            close = _ATX_CLOSE.search(line)
            if close:
                blanker.blank(start + close.start(), end)
            _blank_inline(blanker, text, start + atx.end(), end)
            blocks.append(Block(HEADING, start, end))
            continue
        prefix = 0
        quote = _QUOTE.match(line)
        if quote:
            blanker.blank(start, start + quote.end())
            prefix = quote.end()
        item = _LIST.match(line, prefix)
        if item:
            flush()
            blanker.blank(start + prefix, start + item.end())
            _blank_inline(blanker, text, start + item.end(), end)
            current = [LIST_ITEM, start + item.end(), end]
            continue
        if "|" in line and (line.strip().startswith("|") or (nxt and _TABLE_SEP.match(text[nxt[0]:nxt[1]]) and "-" in text[nxt[0]:nxt[1]])):
            flush()
            if _TABLE_SEP.match(line) and "-" in line:
                blanker.blank(start, end)
                continue
            for cell in _table_cells(line):
                blanker.blank(start + cell, start + cell + 1)
            _blank_inline(blanker, text, start, end)
            current = [LIST_ITEM, start + prefix, end]  # a table row is one item of the table, never a heading
            flush()
            continue
        _blank_inline(blanker, text, start + prefix, end)
        if current:
            blanker.blank(current[2], start + prefix)
            current[2] = end
        else:
            current = [PARAGRAPH, start + prefix, end]
    flush()
    analysed = blanker.text()
    # Blocks were made from the original; recompute them on the analysed text so that
    # boilerplate and heading tests see prose, not markup.
    final: list[Block] = []
    for block in blocks:
        final.extend(make_block(block.kind, analysed, block.start, block.end))
    return Prose(analysed, final, directives)


def _comments(text: str, code: list[tuple[int, int]] = ()):
    """(start, end) of each closed ``<!-- ... -->`` outside ``code`` (sorted regions),
    by string search (linear even for thousands of unclosed openers, where a lazy
    regex is quadratic). A comment shown inside code is part of the sample, not markup."""
    starts = [s for s, _ in code]
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return
        inside = bisect_right(starts, start) - 1
        if inside >= 0 and start < code[inside][1]:
            pos = code[inside][1]
            continue
        close = text.find("-->", start + 4)
        if close < 0:
            return  # unclosed: not a comment, and no later opener can close either
        yield start, close + 3
        pos = close + 3


def _code_regions(text: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks and inline code spans, as sorted (start, end).

    Found on the original text, before comments are taken out, so that a suppression
    comment quoted as an example (as in docs/ci.md) never takes effect. Indented code
    is recognised as the loader does: a line indented four spaces (or a tab) after a
    blank line, the start, or another such line."""
    regions: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    after_break = True  # the previous line was blank, indented code, or there was none
    for start, end in lines(text):
        line = text[start:end]
        if fence is not None:
            if line.strip().startswith(fence):
                regions.append((fence_start, end))
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence, fence_start, after_break = opening.group(1)[0] * 3, start, False
            continue
        if line.startswith(("    ", "\t")) and line.strip() and after_break:
            regions.append((start, end))
            continue
        after_break = not line.strip()
        regions.extend((start + m.start(), start + m.end()) for m in _CODE_SPAN.finditer(line))
    if fence is not None:
        regions.append((fence_start, len(text)))
    return regions


def _table_cells(line: str) -> list[int]:
    return [i for i, ch in enumerate(line) if ch == "|"]


def _blank_inline(blanker: Blanker, text: str, start: int, end: int) -> None:
    segment = text[start:end]
    # Characters already claimed by an earlier construct, one byte each: checking a
    # match costs its length, not the number of earlier matches (quadratic before).
    claimed = bytearray(len(segment))

    def take(s: int, e: int) -> None:
        claimed[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return claimed.find(1, s, e) < 0

    for match in _CODE_SPAN.finditer(segment):
        blanker.blank(start + match.start(), start + match.end())
        take(*match.span())
    for match in _IMAGE.finditer(segment):
        if free(*match.span()):
            blanker.blank(start + match.start(), start + match.end())
            take(*match.span())
    for match in _LINK.finditer(segment):
        if free(*match.span()):
            blanker.blank(start + match.start(1), start + match.end(1))
            blanker.blank(start + match.start(2), start + match.end(2))
            take(*match.span())
    for match in _AUTOLINK.finditer(segment):
        if free(*match.span()):
            blanker.blank(start + match.start(), start + match.start() + 1)
            blanker.blank(start + match.end() - 1, start + match.end())
            take(*match.span())
    for match in _TAG.finditer(segment):
        if free(*match.span()):
            blanker.blank(start + match.start(), start + match.end())
            take(*match.span())
    for match in _EMPHASIS.finditer(segment):
        if free(*match.span()):
            blanker.blank(start + match.start(), start + match.end())
