"""Character spans in the original file and their line/column positions.

Offsets count Unicode code points of the decoded file (a leading BOM removed), end
exclusive. Lines and columns are 1-based; ``end_column`` is exclusive too, as in
SARIF. ``\\r\\n``, ``\\n`` and a lone ``\\r`` each end a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class Position:
    line: int
    column: int


class LineIndex:
    """Maps character offsets of one text to 1-based line and column."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> Position:
        line = bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def span(self, start: int, end: int) -> dict[str, int]:
        """The report's span object for ``start:end``."""
        first = self.position(start)
        last = self.position(end)
        return {
            "start": start,
            "end": end,
            "line": first.line,
            "column": first.column,
            "end_line": last.line,
            "end_column": last.column,
        }
