"""JSON output: one report as an object; several as ``{"schema_version", "reports": [...]}``.

A single file gives exactly the report object that ``report.schema.json`` describes,
so ``factcheck check a.md --format json`` output can be validated as is. Several
files give a wrapper object (see ``report-set`` in docs) holding the reports in the
order the files were given.
"""

from __future__ import annotations

from itertools import chain

from ..report import SCHEMA_VERSION, to_json
from .common import json_list_stream


def render_stream(reports, options):
    """The output in pieces, one report at a time (the first is held until a second
    shows whether this is one report or a set)."""
    iterator = iter(reports)
    first = next(iterator, None)
    if first is None:
        return
    second = next(iterator, None)
    if second is None:
        yield to_json(first)
        return
    yield from json_list_stream(lambda items: {"schema_version": SCHEMA_VERSION, "reports": items}, chain((first, second), iterator))


def render(reports: list[dict], options) -> str:
    return "".join(render_stream(reports, options))
