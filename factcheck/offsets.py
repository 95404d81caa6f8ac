"""From offsets in the analysed text back to offsets in the original file.

The analysed text of an article has the length of the original, and almost every
character sits where it sat in the original. Where the normaliser removed characters
from inside a block (invisible characters, HTML entity padding, the middle of a long
run of punctuation), the rest of that block moved left, and the block ends in spaces.
An :class:`OffsetMap` records those moves as breakpoints, so that every span can be
reported in the original file: a start maps to the original position of its first
character, an end to just after the original position of its last character.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Piecewise shifts: from analysed position ``points[i]`` on, add ``deltas[i]``."""

    def __init__(self, points: list[int] | None = None, deltas: list[int] | None = None):
        self.points = points or []
        self.deltas = deltas or []

    def __bool__(self) -> bool:
        return bool(self.points)

    def _shift(self, offset: int) -> int:
        i = bisect_right(self.points, offset) - 1
        return self.deltas[i] if i >= 0 else 0

    def start(self, offset: int) -> int:
        """The original offset of the character at analysed ``offset``."""
        return offset + self._shift(offset) if self.points else offset

    def end(self, offset: int) -> int:
        """The original offset just after the character before analysed ``offset``."""
        if not self.points or offset <= 0:
            return offset
        return self.start(offset - 1) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """An analysed span ``start:end`` as a span of the original file."""
        if not self.points:
            return start, end
        if end <= start:
            mapped = self.start(start)
            return mapped, mapped
        return self.start(start), self.end(end)


IDENTITY = OffsetMap()
