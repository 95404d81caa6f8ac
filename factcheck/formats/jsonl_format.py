"""JSON Lines: one complete report object per line, in input order (for log pipelines)."""

from __future__ import annotations

import json


def render_chunk(report: dict, options, first: bool) -> str:
    return json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(reports: list[dict], options) -> str:
    return "".join(render_chunk(r, options, i == 0) for i, r in enumerate(reports))
