"""Markdown for pull-request comments: a summary table, then per article the findings,
the claims with their evidence and sources (folded in ``<details>``), and the scorecard.

Everything taken from an article or the registry is escaped, so a quote cannot inject
Markdown or HTML into the comment.
"""

from __future__ import annotations

import re

from . import shown
from .common import criterion_note, folded, repo_path, source_ref

ICONS = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
STATUS = {"met": "✅ met", "not_met": "❌ not met", "not_applicable": "➖ n/a"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def esc(text: str | None) -> str:
    """One line of inert Markdown."""
    return _SPECIAL.sub(r"\\\1", folded(text).replace("&", "&amp;"))


def _where(finding: dict) -> str:
    span = finding["span"]
    return f"{span['line']}:{span['column']}" if span else "—"


def _summary_row(report: dict) -> str:
    s = report["summary"]
    v, sev = s["verdicts"], s["severities"]
    cells = [esc(repo_path(report["input"]["path"])), s["claims"], v["supported"], v["overstated"],
             v["unsupported"], v["unverified"], sev["error"], sev["warning"], sev["info"]]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _article(report: dict, options) -> list[str]:
    path = repo_path(report["input"]["path"])
    out = [f"### {esc(path)}", ""]
    findings = shown(report["findings"], options)
    if findings:
        out += ["| severity | where | rule | finding | quote |", "|---|---|---|---|---|"]
        for f in findings:
            mark = " **new**" if options.baseline and f.get("baseline") == "new" else ""
            quote = esc(f["quote"])
            if len(quote) > 160:
                quote = quote[:157] + "…"
            out.append(f"| {ICONS[f['severity']]}{mark} | {_where(f)} | {f['code']} {esc(f['rule'])} | {esc(f['message'])} | {quote} |")
    else:
        out.append("No findings at or above the shown severity.")
    hidden = len(report["findings"]) - len(findings)
    if hidden:
        out += ["", f"_{hidden} findings below {options.min_severity} not shown._"]
    if report.get("suppressed"):
        out += ["", f"_{len(report['suppressed'])} findings suppressed in the article:_"]
        out += [f"- {f['code']} at {_where(f)}: {esc(f.get('suppression'))}" for f in report["suppressed"]]
    claims = report["claims"]
    if claims:
        out += ["", f"<details><summary>Claims ({len(claims)}) with evidence and sources</summary>", ""]
        for c in claims:
            out.append(f"- **{c['id']}** ({c['verdict']}, line {c['span']['line']}): {esc(c['text'])}")
            for e in c["evidence"]:
                out.append(f"  - Evidence {esc(e['entry'])} ({e['verdict']}, {e['certainty'].replace('_', ' ')} certainty): {esc(e['statement'])}")
                for s in e["sources"]:
                    ref = source_ref(s)
                    link = f" <{ref}>" if ref.startswith("https://") else ""
                    out.append(f"    - Source: {esc(s['citation'])}{link} ({s['status'].replace('_', ' ')})")
            if c.get("suggested_wording"):
                out.append(f"  - Suggested: {esc(c['suggested_wording'])}")
        out += ["", "</details>"]
    out += ["", "#### Scorecard", ""]
    if report.get("scorecard"):
        out += ["| standard | criterion | status | why |", "|---|---|---|---|"]
        out += [f"| {esc(c['standard'])} | {esc(c['criterion'])} | {STATUS.get(c['status'], c['status'])} | {esc(criterion_note(c))} |"
                for c in report["scorecard"]]
    else:
        out.append("_No scorecard in this report._")
    return out


def render(reports: list[dict], options) -> str:
    total_claims = sum(r["summary"]["claims"] for r in reports)
    sev = {k: sum(r["summary"]["severities"][k] for r in reports) for k in ("error", "warning", "info")}
    out = [
        f"## factcheck: {len(reports)} article{'s' if len(reports) != 1 else ''}, {total_claims} claims — "
        f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} notes",
        "",
        "| article | claims | supported | overstated | unsupported | unverified | errors | warnings | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    out += [_summary_row(r) for r in reports]
    for report in reports:
        out += [""] + _article(report, options)
    out += ["", "<sub>factcheck checks claims against its evidence registry; verdicts are editorial aids, not medical advice.</sub>"]
    return "\n".join(out) + "\n"
