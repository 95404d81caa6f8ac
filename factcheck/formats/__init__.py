"""Stage 8: formatters. Each turns finished reports into text for one audience.

A formatter module exposes ``render(reports, options) -> str`` where ``reports`` is a
list of report dicts (one per article). Formats in :data:`STREAMING` also expose
``render_chunk(report, options, first) -> str`` so that the check command can write each
report as soon as it is ready; the chunks joined equal ``render`` of the whole list.
Formats that are one JSON document (``json``, ``sarif``) expose ``render_stream(reports,
options)``, which serialises each report's part as it arrives, so memory does not grow
with the number of files.
Modules are imported on demand so that a command pays only for the format it writes.

What is shown: ``min_severity`` hides findings below it in every format except
``json`` and ``jsonl``, which are the complete record (baselines and ``report diff``
read them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Iterable, Iterator, Mapping

FORMATS = ("text", "json", "jsonl", "sarif", "github", "html", "markdown")
STREAMING = ("text", "jsonl", "github")
NEEDS_TEXT = ("html",)
from ..rules import SEVERITY_RANK


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    min_severity: str = "info"
    quiet: bool = False
    sources: Mapping[str, str] = field(default_factory=dict)  # path -> article text, for html
    baseline: bool = False  # findings carry baseline states
    rules_url: str = ""  # base URL of docs/rules.md (SARIF helpUri)


def shown(findings: list[dict], options: RenderOptions) -> list[dict]:
    threshold = SEVERITY_RANK[options.min_severity]
    return [f for f in findings if SEVERITY_RANK[f["severity"]] >= threshold]


def _module(name: str):
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return import_module(f"factcheck.formats.{name}_format")


def render(name: str, reports: list[dict], options: RenderOptions | None = None) -> str:
    return _module(name).render(reports, options or RenderOptions())


def render_iter(name: str, reports: Iterable[dict], options: RenderOptions | None = None) -> Iterator[str]:
    """The output in pieces: one per report for streaming formats, else one at the end."""
    options = options or RenderOptions()
    module = _module(name)
    if name in STREAMING:
        for i, report in enumerate(reports):
            yield module.render_chunk(report, options, i == 0)
    elif hasattr(module, "render_stream"):  # one document, written as each report arrives
        yield from module.render_stream(reports, options)
    else:
        collected = list(reports)
        if collected:
            yield module.render(collected, options)
