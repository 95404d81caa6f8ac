"""The last step of loading: what the checker reads inside each block, and where it came from.

The loaders give a text of the original's length with markup blanked. This step then:

* splits a block longer than :data:`MAX_BLOCK_CHARS` at sentence ends (spaCy refuses
  a text over a million characters, and very long blocks make later stages slow);
* normalises each block's characters (:mod:`factcheck.characters`): invisible
  characters and HTML entity padding are removed, odd spaces become spaces, styled and
  look-alike letters become ASCII letters;
* shortens every run of more than ``2 * RUN_KEEP`` punctuation or symbol characters to
  its first and last :data:`RUN_KEEP` characters: spaCy's tokenizer peels affixes off a
  run one at a time and rescans the rest each time, which is quadratic in the run.

A block that loses characters is moved left within its own range and padded with
spaces at its end; its analysed end is recorded in ``Prose.ends`` and the moves in
``Prose.offsets``, so every reported span still points into the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from .characters import normalise_segment
from .offsets import OffsetMap
from .prose import BOILERPLATE, Block, Prose, trim_span

MAX_BLOCK_CHARS = 20_000
RUN_KEEP = 16
# A run of characters the tokenizer splits off one at a time: punctuation and symbols,
# and the "s" of "'s", which is a suffix too.
_AFFIX_RUN = re.compile(r"(?:[^\w\s]|(?<=['‘’`])[sS]){%d,}" % (2 * RUN_KEEP + 1))
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def normalise_prose(prose: Prose) -> Prose:
    """``prose`` with long blocks split and each block's text normalised (see the module doc)."""
    blocks = split_long_blocks(prose.text, prose.blocks)
    text = prose.text
    elided = sorted(prose.elided)
    elided_starts = [s for s, _ in elided]
    pieces: list[str] = []
    pos = 0
    points: list[int] = []
    deltas: list[int] = []
    ends: dict[int, int] = {}
    hidden: list[tuple[int, int, tuple[str, ...]]] = []
    final_blocks: list[Block] = []
    for block in blocks:
        if block.kind == BOILERPLATE:
            final_blocks.append(block)
            continue
        start, end = block.start, block.end
        if start < pos:  # overlapping blocks are left as they are
            final_blocks.append(block)
            continue
        first = bisect_left(elided_starts, start)
        local = []
        for s, e in elided[first:]:
            if s >= end:
                break
            local.append((s - start, min(e, end) - start))
        result = _normalise_block(text[start:end], local)
        if result is None:
            final_blocks.append(block)
            continue
        content, kept, words = result
        if not content:
            continue  # nothing visible in it
        final_blocks.append(block)
        pieces.append(text[pos:start])
        pieces.append(content)
        pieces.append(" " * (end - start - len(content)))
        pos = end
        ends[start] = start + len(content)
        previous = 0
        for i, k in enumerate(kept):
            if k - i != previous:
                points.append(start + i)
                deltas.append(k - i)
                previous = k - i
        if previous:
            points.append(start + len(content))
            deltas.append(0)
        hidden.extend((start + s, start + e, what) for s, e, what in words)
    if pos == 0 and len(final_blocks) == len(prose.blocks) and blocks is prose.blocks:
        return prose
    pieces.append(text[pos:])
    analysed = "".join(pieces)
    assert len(analysed) == len(text)
    return replace(prose, text=analysed, blocks=final_blocks, offsets=OffsetMap(points, deltas), ends=ends, hidden=hidden)


def _normalise_block(piece: str, elided: list[tuple[int, int]]):
    """(content, kept, hidden words) for one block's text, or None when it stays as it is.

    ``kept[i]`` is the index in ``piece`` of ``content[i]``; hidden words are
    (start, end, what) in ``content``."""
    segment = normalise_segment(piece, elided)
    text = segment.text if segment else piece
    runs = [(m.start() + RUN_KEEP, m.end() - RUN_KEEP) for m in _AFFIX_RUN.finditer(text)]
    if segment is None and not runs:
        return None
    keep = list(range(len(text)))
    if runs:
        keep = []
        pos = 0
        for s, e in runs:
            keep.extend(range(pos, s))
            pos = e
        keep.extend(range(pos, len(text)))
    content = "".join(text[i] for i in keep) if runs else text
    kept = [segment.kept[i] for i in keep] if segment else keep
    lead = len(content) - len(content.lstrip())
    tail = len(content.rstrip())
    content, kept = content[lead:tail], kept[lead:tail]
    words = []
    for s, e, what in (segment.hidden if segment else []):
        s2, e2 = bisect_left(keep, s) - lead, bisect_left(keep, e) - lead
        if e2 > s2 >= 0:
            words.append((s2, e2, what))
    return content, kept, words


def split_long_blocks(text: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` with every block over :data:`MAX_BLOCK_CHARS` cut at sentence ends (else at a
    space, else anywhere), each part trimmed. Returns ``blocks`` itself when none is too long."""
    if all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks):
        return blocks
    result: list[Block] = []
    for block in blocks:
        start = block.start
        while block.end - start > MAX_BLOCK_CHARS:
            low, high = start + MAX_BLOCK_CHARS // 2, start + MAX_BLOCK_CHARS
            cut = None
            for match in _SENTENCE_END.finditer(text, low, high):
                cut = match.end()
            if cut is None:
                space = text.rfind(" ", low, high)
                cut = space + 1 if space > 0 else high
            s, e = trim_span(text, start, cut)
            if e > s:
                result.append(Block(block.kind, s, e))
            start = cut
        s, e = trim_span(text, start, block.end)
        if e > s:
            result.append(Block(block.kind, s, e))
    return result
