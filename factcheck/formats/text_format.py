"""Terminal output for writers: findings grouped by file, then the claims with evidence.

Each finding is one line ``line:col  severity  code  message``, followed by the quote,
the evidence and its sources, and the suggested wording. Colour only when asked for
(the CLI asks on a terminal without ``NO_COLOR``).
"""

from __future__ import annotations

import textwrap

from . import shown
from .common import criterion_note

VERDICT_KINDS = frozenset({"overstated", "unsupported", "unverified"})
COLORS = {"error": "31", "warning": "33", "info": "36", "supported": "32", "dim": "2", "bold": "1"}


def _paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if on else text


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]


def render_one(report: dict, options) -> list[str]:
    color = options.color
    claims = {c["id"]: c for c in report["claims"]}
    out = [_paint(report["input"]["path"], "bold", color)]
    visible = shown(report["findings"], options)
    for finding in visible:
        where = f"{finding['span']['line']}:{finding['span']['column']}" if finding["span"] else "-"
        sev = _paint(f"{finding['severity']:<7}", finding["severity"], color)
        mark = " [new]" if finding.get("baseline") == "new" else ""
        out.append(f"  {where:<8} {sev} {finding['code']}  {finding['message']}{mark}")
        if getattr(options, "quiet", False):
            continue
        if finding["quote"]:
            quote = " ".join(finding["quote"].split())
            out += _wrap(f"“{quote}”", "      ")
        # Evidence belongs to verdict findings; a promotional finding on the same claim
        # would only repeat it.
        claim = claims.get(finding["claim_id"]) if finding["claim_id"] and finding["kind"] in VERDICT_KINDS else None
        if claim:
            for evidence in claim["evidence"]:
                out += _wrap(
                    f"evidence ({evidence['entry']}, {evidence['verdict']}, {evidence['certainty'].replace('_', ' ')} certainty): "
                    f"{evidence['statement']}",
                    "      ",
                )
                for source in evidence["sources"]:
                    ref = source.get("doi") and f"doi:{source['doi']}" or source.get("pmid") and f"PMID {source['pmid']}" or source.get("url", "")
                    if ref and ref in source["citation"]:
                        ref = ""
                    status = "" if source["status"] == "verified" else f" [{source['status'].replace('_', ' ')}]"
                    out += _wrap(" ".join(part for part in ("-", source["citation"], ref, status.strip()) if part), "        ")
            if claim["suggested_wording"]:
                out += _wrap(f"suggested: {claim['suggested_wording']}", "      ")
        for line in finding.get("detail", []):
            out += _wrap(line, "      ")
    if getattr(options, "quiet", False):
        return out
    summary = report["summary"]
    verdicts = summary["verdicts"]
    sev = summary["severities"]
    out.append(
        f"  {summary['claims']} claims: {verdicts['supported']} supported, {verdicts['overstated']} overstated, "
        f"{verdicts['unsupported']} unsupported, {verdicts['unverified']} unverified; "
        f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} notes"
    )
    if len(visible) < len(report["findings"]):
        out.append(f"  ({len(report['findings']) - len(visible)} findings below --min-severity {options.min_severity} not shown)")
    if report.get("suppressed"):
        out.append(f"  ({len(report['suppressed'])} findings suppressed by comments in the article)")
    unchanged = sum(1 for f in report["findings"] if f.get("baseline") == "unchanged")
    if unchanged:
        out.append(f"  ({unchanged} findings are in the baseline)")
    for criterion in report.get("scorecard", []):
        mark = {"met": "✓", "not_met": "✗", "not_applicable": "–"}[criterion["status"]]
        out.append(f"  {mark} {criterion['standard']}: {criterion['criterion']}")
        if criterion_note(criterion):
            out += _wrap(criterion_note(criterion), "      ")
    return out


def render(reports: list[dict], options) -> str:
    return "".join(render_chunk(r, options, i == 0) for i, r in enumerate(reports))


def render_chunk(report: dict, options, first: bool) -> str:
    """One report's block; blocks are separated by a blank line."""
    return ("" if first else "\n") + "\n".join(render_one(report, options)) + "\n"
