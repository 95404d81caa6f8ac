"""Stage 8: formatters. Each turns finished reports into bytes for one audience.

A formatter module exposes ``render(reports, options) -> str`` where ``reports`` is a
list of report dicts (one per article). Modules are imported on demand so that a
command pays only for the format it writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

FORMATS = ("text", "json")


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    min_severity: str = "info"


def render(name: str, reports: list[dict], options: RenderOptions | None = None) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = import_module(f"factcheck.formats.{name}_format")
    return module.render(reports, options or RenderOptions())
