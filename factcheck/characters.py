"""Invisible characters, odd spaces and look-alike letters: what the checker reads instead.

A zero-width space inside "Ketamine", a soft hyphen, a bidirectional mark or a Cyrillic
"а" keeps a word from matching any lexicon while the reader sees the word as usual.
:func:`normalise_segment` returns what the checker should read for a piece of the
analysed text: invisible characters removed (except inside emoji sequences), spaces made
ASCII spaces, styled letters and mixed-script look-alikes made ASCII letters, and where
it removed something inside a word. The character classes are data
(``lexicons/characters.yaml``); this module only applies them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .errors import LexiconError
from .resources import lexicon_text
from .yamlsafe import load_yaml

KEYCAP = "\u20e3"
_KEYS = {"invisible", "emoji_sequence", "spaces", "styled", "lookalikes"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CharacterRules:
    invisible: re.Pattern  # a run of invisible characters
    emoji_sequence: frozenset[str]
    spaces: re.Pattern
    styled: re.Pattern
    lookalikes: dict[str, str]
    lookalike: re.Pattern
    any: re.Pattern  # any character the normaliser may change


def _ranges(items, where: str) -> str:
    parts = []
    for item in items:
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(v, int) for v in item[:2]) and item[0] <= item[1]):
            raise LexiconError(where, f"a range must be [first, last, what], got {item!r}")
        first, last = chr(item[0]), chr(item[1])
        parts.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
    return "".join(parts)


@lru_cache(maxsize=1)
def character_rules() -> CharacterRules:
    where = "lexicon characters"
    data = load_yaml(lexicon_text("characters"), where, LexiconError)
    unknown = set(data) - _KEYS
    if unknown or set(data) != _KEYS:
        raise LexiconError(where, f"keys must be {sorted(_KEYS)}, got {sorted(data)}")
    lookalikes = {str(k): str(v) for k, v in data["lookalikes"].items()}
    if any(len(k) != 1 or len(v) != 1 or not v.isascii() for k, v in lookalikes.items()):
        raise LexiconError(where, "a look-alike maps one character to one ASCII letter")
    invisible, spaces, styled = (_ranges(data[k], where) for k in ("invisible", "spaces", "styled"))
    _ranges(data["emoji_sequence"], where)  # validated like the others
    lookalike = "".join(re.escape(k) for k in lookalikes)
    return CharacterRules(
        invisible=re.compile(f"[{invisible}]+"),
        emoji_sequence=frozenset(chr(c) for first, last, _ in data["emoji_sequence"] for c in range(first, last + 1)),
        spaces=re.compile(f"[{spaces}]"),
        styled=re.compile(f"[{styled}]"),
        lookalikes=lookalikes,
        lookalike=re.compile(f"[{lookalike}]"),
        any=re.compile(f"[{invisible}{spaces}{styled}{lookalike}]"),
    )


def _symbol(ch: str | None) -> bool:
    """A character an emoji sequence can continue: a non-ASCII symbol or punctuation mark
    (an ASCII "#" or "*" only starts a keycap, which is recognised by its keycap mark)."""
    return ch is not None and not ch.isascii() and not ch.isalnum() and not ch.isspace()


def _keeps_emoji(text: str, start: int, end: int) -> bool:
    """Whether the invisible run ``text[start:end]`` sits inside an emoji sequence."""
    before = text[start - 1] if start else None
    after = text[end] if end < len(text) else None
    return after == KEYCAP or (_symbol(before) and not (after is not None and after.isalnum()))


def has_invisible(text: str) -> bool:
    return character_rules().invisible.search(text) is not None


def visible(text: str) -> str:
    """``text`` without the invisible characters the analysis removes (for decisions on raw lines)."""
    rules = character_rules()
    if rules.invisible.search(text) is None:
        return text
    parts: list[str] = []
    pos = 0
    for run in rules.invisible.finditer(text):
        parts.append(text[pos:run.start()])
        if _keeps_emoji(text, run.start(), run.end()):
            parts.append("".join(ch for ch in run.group() if ch in rules.emoji_sequence))
        pos = run.end()
    parts.append(text[pos:])
    return "".join(parts)


def is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE`` (control characters have no name: ``U+0007 control``)."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control' if unicodedata.category(ch) == 'Cc' else 'unnamed')}"


@dataclass
class Segment:
    """What the checker reads for a piece of text, and how it came from the original.

    ``kept[i]`` is the index in the original piece of ``text[i]``; ``hidden`` lists
    (start, end, what) of words in ``text`` that had invisible characters inside them or
    look-alike letters of another script."""

    text: str
    kept: list[int]
    hidden: list[tuple[int, int, tuple[str, ...]]]


def normalise_segment(piece: str, elided: list[tuple[int, int]] = ()) -> Segment | None:
    """The normalised form of ``piece``, or None when nothing in it needs changing.

    ``elided`` are ranges (in ``piece``) removed as well, such as the padding after a
    decoded HTML entity."""
    rules = character_rules()
    if not elided and rules.any.search(piece) is None:
        return None
    chars = list(piece)
    removed = bytearray(len(piece))
    for start, end in elided:
        removed[start:end] = b"\x01" * (end - start)
    invisible_at: dict[int, str] = {}
    for run in rules.invisible.finditer(piece):
        keep_emoji = _keeps_emoji(piece, run.start(), run.end())
        for i in range(run.start(), run.end()):
            if keep_emoji and piece[i] in rules.emoji_sequence:
                continue
            removed[i] = 1
            invisible_at[i] = piece[i]
    for match in rules.spaces.finditer(piece):
        chars[match.start()] = " "
    for match in rules.styled.finditer(piece):
        plain = unicodedata.normalize("NFKC", match.group())
        if len(plain) == 1 and plain.isascii() and plain.isalnum():
            chars[match.start()] = plain
    kept = [i for i in range(len(piece)) if not removed[i]]
    text = "".join(chars[i] for i in kept)
    # Look-alikes are judged on the cleaned word: "Ket\u200bаmine" is one word.
    swapped: list[int] = []
    if rules.lookalike.search(text):
        out = list(text)
        for word in _WORD.finditer(text):
            letters = word.group()
            if rules.lookalike.search(letters) and any(c.isascii() and c.isalpha() for c in letters):
                for match in rules.lookalike.finditer(letters):
                    out[word.start() + match.start()] = rules.lookalikes[match.group()]
                    swapped.append(word.start() + match.start())
        text = "".join(out)
    hidden = _hidden_words(piece, text, kept, invisible_at, swapped)
    return Segment(text, kept, hidden)


def _hidden_words(piece: str, text: str, kept: list[int], invisible_at: dict[int, str], swapped: list[int]):
    """Words of ``text`` with invisible characters between two of their letters, or look-alikes."""
    marks: dict[int, set[str]] = {}  # position in text -> what was hidden there
    if invisible_at:
        for j in range(1, len(text)):
            gap = range(kept[j - 1] + 1, kept[j])
            if not gap or not (text[j - 1].isalnum() and text[j].isalnum()):
                continue
            if not (is_latin(text[j - 1]) or is_latin(text[j])):
                continue  # joiners belong inside words of scripts such as Persian or Devanagari
            found = {describe(invisible_at[i]) for i in gap if i in invisible_at}
            if found:
                marks.setdefault(j, set()).update(found)
    for j in swapped:
        marks.setdefault(j, set()).add(f"{describe(piece[kept[j]])} (looks like '{text[j]}')")
    if not marks:
        return []
    words: list[tuple[int, int, tuple[str, ...]]] = []
    last_end = -1
    for word in _WORD.finditer(text):
        found: set[str] = set()
        for j in range(word.start(), word.end()):
            found |= marks.get(j, set())
        if not found:
            last_end = -1
            continue
        if words and words[-1][1] == last_end:  # the previous word was hidden too: one finding
            start, _, before = words.pop()
            found |= set(before)
        else:
            start = word.start()
        words.append((start, word.end(), tuple(sorted(found))))
        last_end = word.end()
    return words
