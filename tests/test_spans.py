"""Line and column positions in code points, with every kind of line break."""

from factcheck.spans import LineIndex


def test_lines_and_columns_are_one_based_code_points():
    text = "héllo\r\nwörld 🌐 ok\nlast\rmac"
    index = LineIndex(text)
    start = text.index("🌐")
    assert index.span(start, start + 1) == {"start": start, "end": start + 1, "line": 2, "column": 7, "end_line": 2, "end_column": 8}
    assert index.position(text.index("last")).line == 3
    assert index.position(text.index("mac")).line == 4
    assert index.position(0).column == 1
