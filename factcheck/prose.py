"""Turning an article into prose blocks without losing a single offset.

Every loader here returns a :class:`Prose` whose ``text`` has exactly the length of
the original file: markup, bullet markers and skipped regions are overwritten with
spaces, and line breaks inside a block become spaces. A block's offsets therefore
index the original file directly, and so does every span found inside it. This
costs nothing in accuracy for prose (markup is never part of a sentence's words)
and removes a whole class of offset-mapping bugs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .characters import character_rules, visible
from .errors import LexiconError
from .offsets import IDENTITY, OffsetMap
from .resources import lexicon_text
from .yamlsafe import load_yaml

HEADING, PARAGRAPH, LIST_ITEM, BOILERPLATE = "heading", "paragraph", "list_item", "boilerplate"

# A bullet: a run of bullet symbols or dashes, or a short ordinal, then white space.
_BULLET = re.compile(r"(?<![ \t])[ \t]*(?:(?:[●•▪◦■□➤►✓✔✅☑→–—*+-]+\ufe0f?|\d{1,3}[.)])[ \t]+){1,3}")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_TERMINAL = ".!?…:;"
_TAIL = 200  # longer than any heading (120) and the long-line test (60)
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs with your you our is are it its".split())


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item or boilerplate region: ``start:end`` in the original file."""

    kind: str
    start: int
    end: int


@dataclass
class Prose:
    """The analysable text of an article (same length as the original) and its blocks.

    Blocks keep their ranges in the original file. A block the normaliser shortened
    (:mod:`factcheck.normalise`) starts where it did, its analysed text ends at
    ``ends[block.start]``, and ``offsets`` maps analysed offsets back to the original.
    ``elided`` are ranges a loader wants removed from the analysed text (the padding of
    a decoded HTML entity); ``hidden`` lists the words, in analysed offsets, that had
    invisible characters or look-alike letters inside them."""

    text: str
    blocks: list[Block]
    directives: list[tuple[int, int, str]] = field(default_factory=list)
    elided: list[tuple[int, int]] = field(default_factory=list)
    offsets: OffsetMap = IDENTITY
    ends: dict[int, int] = field(default_factory=dict)
    hidden: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        """What the checker reads for ``block``; its offsets start at ``block.start``."""
        return self.text[block.start:self.ends.get(block.start, block.end)]

    def original_view(self, original: str) -> str:
        """``original`` with each normalised block replaced by its analysed text: markup as in
        the original, offsets as in the analysed text (for measuring gaps between findings)."""
        if not self.ends:
            return original
        parts: list[str] = []
        pos = 0
        for block in self.blocks:
            if block.start in self.ends and block.start >= pos:
                parts += [original[pos:block.start], self.text[block.start:block.end]]
                pos = block.end
        parts.append(original[pos:])
        return "".join(parts)


class Blanker:
    """Builds the same-length analysable text by overwriting ranges of the original."""

    def __init__(self, original: str):
        self.original = original
        self._edits: list[tuple[int, int, str]] = []
        self.elided: list[tuple[int, int]] = []  # ranges the normaliser removes (entity padding)

    def blank(self, start: int, end: int, keep_newlines: bool = False) -> None:
        if end <= start:
            return
        if keep_newlines:
            piece = self.original[start:end]
            self._edits.append((start, end, "".join(c if c in "\r\n" else " " for c in piece)))
        else:
            self._edits.append((start, end, " " * (end - start)))

    def replace(self, start: int, replacement: str, end: int) -> None:
        """Put ``replacement`` (shorter than the range) at ``start`` and blank the rest."""
        self._edits.append((start, end, replacement + " " * (end - start - len(replacement))))

    def put(self, start: int, replacement: str) -> None:
        """Overwrite the range at ``start`` with ``replacement`` (an analysed text of the same length)."""
        self._edits.append((start, start + len(replacement), replacement))

    def text(self) -> str:
        parts: list[str] = []
        pos = 0
        for start, end, new in sorted(self._edits):
            if start < pos:  # overlapping edit: the earlier one wins
                start = pos
                new = new[len(new) - (end - start):] if end > start else ""
            if end <= pos:
                continue
            parts.append(self.original[pos:start])
            parts.append(new)
            pos = end
        parts.append(self.original[pos:])
        result = "".join(parts)
        assert len(result) == len(self.original)
        return result


@dataclass(frozen=True)
class BoilerplateRules:
    lines: tuple[re.Pattern, ...]
    skip_tags: frozenset[str]
    skip_attribute_words: frozenset[str]


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    data = load_yaml(lexicon_text("boilerplate"), "lexicon boilerplate", LexiconError)
    return BoilerplateRules(
        lines=tuple(re.compile(item["pattern"]) for item in data["lines"]),
        skip_tags=frozenset(data["html"]["skip_tags"]),
        skip_attribute_words=frozenset(data["html"]["skip_attribute_words"]),
    )


def normalise_for_boilerplate(text: str) -> str:
    return " ".join(text.lower().split()).strip(" -–—|•·:")


def is_boilerplate(text: str) -> bool:
    norm = normalise_for_boilerplate(visible(text))
    if not norm:
        return True
    return any(p.fullmatch(norm) for p in boilerplate_rules().lines)


def looks_like_heading(line: str) -> bool:
    """A short line that ends without sentence punctuation (or a title-case question)."""
    line = visible(line)
    words = line.split()
    if not words or len(words) > 14 or len(line) > 120:
        return False
    last = line.rstrip()[-1]
    if last in ".,;:":
        return False
    if last in "!?…":
        capitals = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
        return capitals >= 0.8 * len(words)
    return True


def fused_heading_split(text: str) -> int | None:
    """Offset where a title-case heading runs into the next sentence with no break.

    Real pages lose the line break between a heading and its paragraph
    ("Enhances Effectiveness of Other TherapiesKetamine therapy not only ..."). We
    walk the leading words while they are title case or small words; the first word
    with a lower-to-upper junction ends the heading at that junction. At least three
    capitalised words must come before it, so that a brand name inside a sentence
    ("Deep TMS from BrainsWay is ...") is not taken for a junction.
    """
    words = capitalised = 0
    for match in re.finditer(r"\S+", text):
        word = match.group()
        junction = re.search(r"[a-z]{3}(?=[A-Z][a-z])", word)
        if junction and capitalised >= 3 and word[0].isupper():
            split = match.start() + junction.end()
            rest = text[split:]
            if any(ch in rest for ch in ".!?"):
                return split
            return None
        if not (word[0].isupper() or word.lower() in _SMALL_WORDS):
            return None
        words += 1
        capitalised += word[0].isupper()
        if words > 12:
            return None
    return None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without white space or invisible characters at either end."""
    rules = character_rules()
    while start < end and (text[start].isspace() or rules.invisible.match(text, start)):
        start += 1
    # a variation selector or joiner ending an emoji ("➡️") stays with it
    while end > start and (text[end - 1].isspace() or (
            text[end - 1] not in rules.emoji_sequence and rules.invisible.match(text, end - 1))):
        end -= 1
    return start, end


def make_block(kind: str, text: str, start: int, end: int) -> list[Block]:
    """The block(s) for ``text[start:end]``: trimmed, boilerplate recognised, fused headings split."""
    start, end = trim_span(text, start, end)
    if start >= end:
        return []
    content = text[start:end]
    if is_boilerplate(content):
        return [Block(BOILERPLATE, start, end)]
    if kind == PARAGRAPH:
        split = fused_heading_split(content)
        if split is not None:
            return [Block(HEADING, start, start + split), *make_block(PARAGRAPH, text, start + split, end)]
        if looks_like_heading(content):
            kind = HEADING
    return [Block(kind, start, end)]


def lines(text: str):
    """(start, end) of each line's content, line breaks excluded."""
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        line = match.group()
        yield match.start(), match.start() + len(line.rstrip("\r\n"))


def load_plain_text(text: str) -> Prose:
    """Blocks of a plain-text article.

    One line is one block, which is what web copy pasted into text files looks like
    (see ../shared/seeds). Lines of a hard-wrapped paragraph are joined: a line that
    does not end a sentence continues into the next when that one starts in lower
    case or the line is long. A bullet marker starts a list item and is blanked.
    """
    blanker = Blanker(text)
    blocks: list[Block] = []
    current: list | None = None  # [kind, start, end]

    def flush() -> None:
        nonlocal current
        if current:
            blocks.extend(make_block(current[0], text, current[1], current[2]))
        current = None

    for start, end in lines(text):
        line = text[start:end]
        stripped = visible(line).strip()
        if not stripped:
            flush()
            continue
        bullet = _BULLET.match(line)
        if bullet and bullet.end() < len(line):
            flush()
            blanker.blank(start, start + bullet.end())
            current = [LIST_ITEM, start + bullet.end(), end]
            continue
        # only the block's last characters matter (its end, and whether it is long): a bounded
        # slice keeps a paragraph hard-wrapped over many lines linear
        tail = text[max(current[1], current[2] - _TAIL):current[2]] if current else ""
        if current and _continues(tail, stripped, current[0] == LIST_ITEM, line[:1].isspace()):
            blanker.blank(current[2], start)  # the line break inside the block becomes a space
            current[2] = end
            continue
        flush()
        current = [PARAGRAPH, start, end]
    flush()
    return Prose(blanker.text(), demote_stacked_headings(blocks))


def demote_stacked_headings(blocks: list[Block]) -> list[Block]:
    """A short line is a heading when prose follows it; a run of short lines (a social
    post, a features list) is a run of paragraphs. The first block, the title, stays."""
    result = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind != HEADING or i == 0:
            continue
        following = next((b for b in blocks[i + 1:] if b.kind != BOILERPLATE), None)
        if following is not None and following.kind == HEADING:
            result[i] = Block(PARAGRAPH, block.start, block.end)
    return result


def _continues(previous: str, line: str, in_list: bool, indented: bool) -> bool:
    """Whether ``line`` continues the block whose text so far is ``previous``."""
    previous, line = visible(previous), visible(line)
    tail = previous.rstrip()
    if not tail or tail[-1] in _TERMINAL or tail[-1] in "”\"')":
        return False
    if line[0].islower():
        return True
    if in_list:
        return indented
    return len(previous) >= 60 and not looks_like_heading(previous)
