"""JSON output: one report as an object; several as ``{"schema_version", "reports": [...]}``.

A single file gives exactly the report object that ``report.schema.json`` describes,
so ``factcheck check a.md --format json`` output can be validated as is. Several
files give a wrapper object (see ``report-set`` in docs) holding the reports in the
order the files were given.
"""

from __future__ import annotations

import json

from ..report import SCHEMA_VERSION, to_json


def render(reports: list[dict], options) -> str:
    if len(reports) == 1:
        return to_json(reports[0])
    return json.dumps({"schema_version": SCHEMA_VERSION, "reports": reports}, ensure_ascii=False, indent=2) + "\n"
