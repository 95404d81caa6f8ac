"""HTML articles: the visible prose, with offsets into the original markup.

A small linear scanner (no DOM, no external parser) walks tags, comments and
entities. Markup becomes spaces, entities become their character followed by
spaces, and the content of script/style, navigation and other page chrome
(by tag, ``role`` or a class/id word listed in ``lexicons/boilerplate.yaml``) is
skipped. Block-level tags end blocks; ``h1``–``h6`` give headings and ``li`` list
items. Every scan step is bounded, so hostile markup cannot make it slow.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from .prose import HEADING, LIST_ITEM, PARAGRAPH, Blanker, Block, Prose, boilerplate_rules, make_block

_MAX_TAG = 4000
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})")
# A bare '<' ends an unquoted attribute run: with it allowed, every '<' of "<a<a<a..."
# scanned up to _MAX_TAG characters (quadratic time on hostile input).
_TAG_REST = re.compile(r"(?:[^<>\"']|\"[^\"]{0,%d}\"|'[^']{0,%d}'){0,%d}>" % (_MAX_TAG, _MAX_TAG, _MAX_TAG))
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_ATTR = re.compile(r"""(?:^|\s)(class|id|role|aria-hidden|hidden)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""", re.I)
_WORD = re.compile(r"[a-z0-9]+")

RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hr html li main nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"})
CONTEXTUAL_CHROME = frozenset({"header", "footer"})


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found[match.group(1).lower()] = value
    return found


def _is_chrome(name: str, raw_attributes: str, open_names: Counter) -> bool:
    rules = boilerplate_rules()
    if name in CONTEXTUAL_CHROME:
        return not (open_names["article"] or open_names["main"])
    if name in rules.skip_tags:
        return True
    if not raw_attributes.strip():
        return False
    attrs = _attributes(raw_attributes)
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    if attrs.get("role", "").lower() in CHROME_ROLES:
        return True
    words = set(_WORD.findall((attrs.get("class", "") + " " + attrs.get("id", "")).lower()))
    return bool(words & rules.skip_attribute_words)


def load_html(text: str) -> Prose:
    blanker = Blanker(text)
    directives: list[tuple[int, int, str]] = []
    raw_blocks: list[tuple[str, int, int]] = []
    stack: list[tuple[str, bool]] = []  # (tag name, starts a skipped region)
    # How many of each tag are open: stack questions in O(1), so deeply nested or
    # never-closed markup stays linear (it was quadratic with list scans).
    open_names: Counter = Counter()
    skipping = 0
    block_start: int | None = None
    block_end = 0
    kind = PARAGRAPH

    def current_kind() -> str:
        if any(open_names[n] for n in HEADINGS):
            return HEADING
        if open_names["li"]:
            return LIST_ITEM
        return PARAGRAPH

    def push(name: str, starts_skip: bool) -> None:
        stack.append((name, starts_skip))
        open_names[name] += 1

    def end_block() -> None:
        nonlocal block_start
        if block_start is not None:
            raw_blocks.append((kind, block_start, block_end))
        block_start = None

    def add_text(start: int, end: int) -> None:
        nonlocal block_start, block_end, kind
        if start >= end:
            return
        if skipping:
            blanker.blank(start, end)
            return
        segment = text[start:end]
        for match in re.finditer(r"[\r\n\t\f\v]", segment):
            blanker.blank(start + match.start(), start + match.end())
        for match in _ENTITY.finditer(segment):
            decoded = html.unescape(match.group())
            if len(decoded) > match.end() - match.start() or decoded == match.group():
                continue
            if decoded == "\xa0":
                decoded = " "
            blanker.replace(start + match.start(), decoded, start + match.end())
        if segment.strip():
            if block_start is None:
                block_start = start
                kind = current_kind()
            block_end = end

    pos = 0
    n = len(text)
    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            add_text(pos, n)
            break
        add_text(pos, lt)
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            end = n if close < 0 else close + 3
            if not (open_names["pre"] or open_names["code"]):  # a comment in a code sample is not a directive
                directives.append((lt, end, text[lt + 4 : (close if close >= 0 else n)].strip()))
            blanker.blank(lt, end)
            pos = end
            continue
        if text.startswith(("<!", "<?"), lt):
            close = text.find(">", lt)
            end = n if close < 0 else close + 1
            blanker.blank(lt, end)
            pos = end
            continue
        name_match = _TAG_NAME.match(text, lt)
        rest = _TAG_REST.match(text, name_match.end()) if name_match else None
        if not name_match or not rest:
            add_text(lt, lt + 1)  # a bare '<' in text
            pos = lt + 1
            continue
        end = rest.end()
        blanker.blank(lt, end)
        closing, name = name_match.group(1) == "/", name_match.group(2).lower()
        raw_attributes = text[name_match.end() : end - 1]
        pos = end
        if name in BLOCK:
            end_block()
        if closing:
            if open_names[name]:
                while stack:
                    popped, skipped = stack.pop()
                    open_names[popped] -= 1
                    skipping -= skipped
                    if popped == name:
                        break
            continue
        if name in RAW_TEXT:
            close = re.compile(r"</%s\s*>" % re.escape(name), re.I).search(text, end)
            stop = n if close is None else close.end()
            blanker.blank(end, stop)
            pos = stop
            continue
        if name in VOID or raw_attributes.rstrip().endswith("/"):
            continue
        starts_skip = skipping == 0 and _is_chrome(name, raw_attributes, open_names)
        if skipping or starts_skip:
            push(name, starts_skip)
            skipping += starts_skip
            continue
        push(name, False)
    end_block()
    analysed = blanker.text()
    blocks: list[Block] = []
    for block_kind, start, end in raw_blocks:
        blocks.extend(make_block(block_kind, analysed, start, end))
    return Prose(analysed, blocks, directives)

