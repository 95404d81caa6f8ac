"""Markdown for pull-request comments: a summary table, then per article the findings,
the claims with their evidence and sources (folded in ``<details>``), and the scorecard.

Everything taken from an article or the registry is escaped, so a quote cannot inject
Markdown or HTML into the comment, and control characters are shown as escapes.

A comment must fit GitHub's limit (65,536 characters). When the full comment would
not, the output is cut to fit: the summary table, then the most severe findings across
all articles (errors first) with their suggested wording, the rest counted by
severity, and a note that says where and why it was cut.
"""

from __future__ import annotations

import re

from . import not_shown, shown
from .common import criterion_note, one_line, repo_path, source_ref

ICONS = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
STATUS = {"met": "✅ met", "not_met": "❌ not met", "not_applicable": "➖ n/a"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


# GitHub's limit for a comment body is 65,536 characters; measured here in UTF-16 code
# units (an emoji counts two), with room left for a bot's own header.
LIMIT = 65_536
BUDGET = 64_000


def note(listed: int, total: int, rest: str, dropped: str) -> str:
    """Where and why the comment was cut."""
    which = f"all {total} findings are listed" if listed == total else f"the {listed} most severe of {total} findings are listed (not listed: {rest})"
    return (f"_Cut here to fit a pull-request comment (GitHub allows {LIMIT:,} characters): {which}; left out: {dropped}. "
            "Run `factcheck check` locally, or use `--format html` for the review page, to see everything._")


def size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def esc(text: str | None) -> str:
    """One line of inert Markdown."""
    return _SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))


def _where(finding: dict) -> str:
    span = finding["span"]
    return f"{span['line']}:{span['column']}" if span else "—"


def _summary_row(report: dict) -> str:
    s = report["summary"]
    v, sev = s["verdicts"], s["severities"]
    cells = [esc(repo_path(report["input"]["path"])), s["claims"], v["supported"], v["overstated"],
             v["unsupported"], v["unverified"], sev["error"], sev["warning"], sev["info"]]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _claims_details(report: dict, title: str = "") -> list[str]:
    """The claims with their evidence and sources, folded in ``<details>``."""
    claims = report["claims"]
    if not claims:
        return []
    out = ["", f"<details><summary>{title}Claims ({len(claims)}) with evidence and sources</summary>", ""]
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
    return out + ["", "</details>"]


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
    hidden = not_shown(report["findings"], options)
    if hidden:
        out += ["", f"_Findings: {hidden}._"]
    if report.get("suppressed"):
        out += ["", f"_{len(report['suppressed'])} findings suppressed in the article:_"]
        out += [f"- {f['code']} at {_where(f)}: {esc(f.get('suppression'))}" for f in report["suppressed"]]
    out += _claims_details(report)
    out += ["", "#### Scorecard", ""]
    if report.get("scorecard"):
        out += ["| standard | criterion | status | why |", "|---|---|---|---|"]
        out += [
            f"| {esc(c['standard'])} | {esc(c['criterion'])} | {STATUS.get(c['status'], c['status'])} | {esc(criterion_note(c))} |"
            for c in report["scorecard"]
        ]
    else:
        out.append("_No scorecard in this report._")
    return out


FOOTER = "<sub>factcheck checks claims against its evidence registry; verdicts are editorial aids, not medical advice.</sub>"


def _header(reports: list[dict]) -> list[str]:
    total_claims = sum(r["summary"]["claims"] for r in reports)
    sev = {k: sum(r["summary"]["severities"][k] for r in reports) for k in ("error", "warning", "info")}
    return [
        f"## factcheck: {len(reports)} article{'s' if len(reports) != 1 else ''}, {total_claims} claims — "
        f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} notes",
        "",
        "| article | claims | supported | overstated | unsupported | unverified | errors | warnings | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]


def _full(reports: list[dict], options) -> str:
    out = _header(reports) + [_summary_row(r) for r in reports]
    for report in reports:
        out += [""] + _article(report, options)
    out += ["", FOOTER]
    return "\n".join(out) + "\n"


def _finding_row(report: dict, f: dict, options) -> str:
    claims = {c["id"]: c for c in report["claims"]}
    claim = claims.get(f.get("claim_id") or "")
    suggested = esc(claim.get("suggested_wording")) if claim and f["kind"] in ("overstated", "unsupported") else ""
    mark = " **new**" if options.baseline and f.get("baseline") == "new" else ""
    quote = esc(f["quote"])
    if len(quote) > 160:
        quote = quote[:157] + "…"
    where = f"{esc(repo_path(report['input']['path']))}:{_where(f)}"
    return f"| {ICONS[f['severity']]}{mark} | {where} | {f['code']} | {esc(f['message'])} | {quote} | {suggested} |"


def _bounded(reports: list[dict], options, budget: int) -> str:
    """The comment cut to ``budget``: summary rows, then findings by severity, then a note."""
    from ..rules import SEVERITY_RANK

    ranked = sorted(
        ((r, f) for r in reports for f in shown(r["findings"], options)),
        key=lambda rf: -SEVERITY_RANK[rf[1]["severity"]],  # stable: article and position order within a severity
    )
    reserve = size(note(0, len(ranked), "x" * 60, "x" * 80) + FOOTER) + 200
    out = _header(reports)
    used = size("\n".join(out)) + reserve
    rows_cut = 0
    for i, report in enumerate(reports):
        row = _summary_row(report)
        if used + size(row) + 1 > budget // 3:  # the table may take a third; the findings matter more
            rows_cut = len(reports) - i
            break
        out.append(row)
        used += size(row) + 1
    if rows_cut:
        out.append(f"| _{rows_cut} more articles not listed_ | | | | | | | | |")
    out += ["", "### Most severe findings", "", "| severity | where | rule | finding | quote | suggested wording |", "|---|---|---|---|---|---|"]
    used += size("\n".join(out[-5:])) + 5
    listed = 0
    for report, finding in ranked:
        row = _finding_row(report, finding, options)
        if used + size(row) + 1 > budget:
            break
        out.append(row)
        used += size(row) + 1
        listed += 1
    left_out = 0
    for report in reports:
        details = _claims_details(report, f"{esc(repo_path(report['input']['path']))}: ")
        if not details:
            continue
        cost = size("\n".join(details)) + 1
        if used + cost > budget:
            left_out += 1
            continue
        out += details
        used += cost
    rest = {k: 0 for k in ("error", "warning", "info")}
    for _, finding in ranked[listed:]:
        rest[finding["severity"]] += 1
    rest_text = ", ".join(f"{n} {label}" for n, label in zip(rest.values(), ("errors", "warnings", "notes"))) or "nothing"
    dropped = "the scorecards" + (f" and the claims with evidence of {left_out} article{'s' if left_out != 1 else ''}" if left_out else "")
    out += ["", note(listed, len(ranked), rest_text, dropped), "", FOOTER]
    return "\n".join(out) + "\n"


def render(reports: list[dict], options, budget: int = BUDGET) -> str:
    full = _full(reports, options)
    if size(full) <= budget:
        return full
    return _bounded(reports, options, budget)
