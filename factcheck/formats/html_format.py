"""A self-contained HTML review page: no scripts, fonts or images from the network.

Per article: the summary and the scorecard on top; then the article text with each
claim highlighted in its verdict's colour (findings that are not whole claims are
underlined), the findings beside it, and every claim with its evidence and sources.
The article text comes from ``options.sources`` (path → text as read); without it
(``report show`` of a report whose file is gone or changed) the page says so and the
claims are listed from their quotes. Every piece of text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from .. import __version__
from . import shown
from .common import criterion_note, folded, repo_path, source_ref

VERDICTS = ("supported", "overstated", "unsupported", "unverified")
STATUS = {"met": "met", "not_met": "not met", "not_applicable": "n/a"}

CSS = """
:root{--sup:#d3f0d9;--sup-b:#2e8540;--ovr:#ffe8a8;--ovr-b:#b7791f;--uns:#ffd2d2;--uns-b:#c53030;--unv:#dfe3ee;--unv-b:#5a6478;
--err:#c53030;--warn:#b7791f;--info:#2b6cb0;--ink:#1d232b;--muted:#5d6672;--line:#d9dde3;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.page{padding:16px 28px;background:#1d232b;color:#fff}
header.page h1{margin:0;font-size:20px}
header.page p{margin:4px 0 0;color:#c9d1db;font-size:13px}
section.report{margin:20px 28px 36px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 22px}
section.report>h2{margin:0 0 4px;font-size:18px;word-break:break-all}
.meta{color:var(--muted);font-size:12px;margin:0 0 12px}
.top{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,2fr);gap:18px;margin-bottom:16px}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
.chip{border-radius:14px;padding:2px 10px;font-size:13px;border:1px solid transparent}
.v-supported{background:var(--sup)}.v-overstated{background:var(--ovr)}.v-unsupported{background:var(--uns)}.v-unverified{background:var(--unv)}
.chip.v-supported{border-color:var(--sup-b)}.chip.v-overstated{border-color:var(--ovr-b)}.chip.v-unsupported{border-color:var(--uns-b)}.chip.v-unverified{border-color:var(--unv-b)}
.sev{display:inline-block;min-width:62px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:0 6px;font-weight:600}
.sev-error{background:var(--err)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);text-align:left;padding:4px 6px;vertical-align:top}
th{color:var(--muted);font-weight:600}
td.st-met,td.st-not_met,td.st-not_applicable{white-space:nowrap}
.st-met{color:var(--sup-b);font-weight:600}.st-not_met{color:var(--err);font-weight:600}.st-not_applicable{color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;align-items:start}
.article{white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.7 Georgia,"Times New Roman",serif;border:1px solid var(--line);border-radius:6px;padding:14px 16px;background:#fff}
.article mark{color:inherit;border-radius:2px;padding:1px 0}
mark.v-supported{box-shadow:inset 0 -2px var(--sup-b)}mark.v-overstated{box-shadow:inset 0 -2px var(--ovr-b)}
mark.v-unsupported{box-shadow:inset 0 -2px var(--uns-b)}mark.v-unverified{box-shadow:inset 0 -2px var(--unv-b)}
.hit{text-decoration:underline wavy;text-decoration-thickness:1px;text-underline-offset:3px}
.hit.sev-error{text-decoration-color:var(--err)}.hit.sev-warning{text-decoration-color:var(--warn)}.hit.sev-info{text-decoration-color:var(--info)}
span.hit{background:none;color:inherit;padding:0;min-width:0;font:inherit;display:inline;border-radius:0}
.cid{font:11px/1 ui-monospace,Menlo,Consolas,monospace;vertical-align:super;color:var(--muted);margin-right:2px}
aside.findings{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}
aside h3,.claims h3,.top h3{font-size:14px;margin:0 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ol.flist{list-style:none;margin:0;padding:0}
ol.flist li{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:8px 10px;margin-bottom:8px;background:#fff}
ol.flist li.sev-error{border-left-color:var(--err)}ol.flist li.sev-warning{border-left-color:var(--warn)}ol.flist li.sev-info{border-left-color:var(--info)}
ol.flist li.suppressed{opacity:.7;border-style:dashed}
.fhead{display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:13px}
.code{font:12px ui-monospace,Menlo,Consolas,monospace;font-weight:600}
.where{color:var(--muted);font-size:12px}
.msg{margin:4px 0}
q,.quote{color:#39424e;font-style:italic}
.claims{margin-top:20px}
.claim{border-top:1px solid var(--line);padding:10px 0}
.claim .ctext{margin:4px 0}
.evidence{margin:6px 0 0 12px;padding-left:10px;border-left:3px solid var(--line);font-size:13px}
.evidence ul{margin:4px 0;padding-left:18px}
.suggested{font-size:13px;margin:6px 0 0 12px}
.none{color:var(--muted);font-style:italic}
.badge-new{background:#6b46c1;color:#fff;border-radius:4px;font-size:11px;padding:0 5px}
.chips .sev{min-width:0}
footer{margin:0 28px 28px;color:var(--muted);font-size:12px}
@media (max-width:900px){.layout,.top{grid-template-columns:1fr}aside.findings{position:static;max-height:none}}
"""


def e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def _highlighted(text: str, report: dict, prefix: str) -> str:
    """The article with claims marked in verdict colours and other findings underlined."""
    claims = [(c["span"]["start"], c["span"]["end"], c) for c in report["claims"]]
    claim_spans = {(s, t) for s, t, _ in claims}
    hits = [
        (f["span"]["start"], f["span"]["end"], f)
        for f in report["findings"]
        if f["span"] and (f["span"]["start"], f["span"]["end"]) not in claim_spans
    ]
    cuts = {0, len(text)}
    for s, t, _ in claims + hits:
        cuts.update((max(0, min(s, len(text))), max(0, min(t, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        piece = e(text[a:b])
        covering = [f for s, t, f in hits if s <= a and b <= t]
        if covering:
            worst = max(covering, key=lambda f: {"info": 0, "warning": 1, "error": 2}[f["severity"]])
            title = "; ".join(f"{f['code']} {f['rule']}" for f in covering)
            piece = f'<span class="hit sev-{e(worst["severity"])}" title="{e(title)}">{piece}</span>'
        claim = next((c for s, t, c in claims if s <= a and b <= t), None)
        if claim:
            start = claim["span"]["start"] == a
            anchor = f' id="{prefix}{e(claim["id"])}"' if start else ""
            label = f'<span class="cid">{e(claim["id"])}</span>' if start else ""
            piece = f'{label}<mark class="v-{e(claim["verdict"])}"{anchor} title="{e(claim["id"])}: {e(claim["verdict"])}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _finding(f: dict, prefix: str, options, suppressed: bool = False) -> str:
    span = f["span"]
    where = f"{span['line']}:{span['column']}" if span else "whole article"
    target = f'<a href="#{prefix}{e(f["claim_id"])}">{e(f["claim_id"])}</a> · ' if f.get("claim_id") else ""
    new = ' <span class="badge-new">new</span>' if options.baseline and f.get("baseline") == "new" else ""
    cls = f"sev-{e(f['severity'])}" + (" suppressed" if suppressed else "")
    parts = [
        f'<li class="{cls}" id="{prefix}{e(f.get("id", ""))}">',
        f'<div class="fhead"><span class="sev sev-{e(f["severity"])}">{e(f["severity"])}</span>'
        f'<span class="code">{e(f["code"])}</span><span>{e(f["rule"])}</span>{new}'
        f'<span class="where">{target}{e(where)}</span></div>',
        f'<div class="msg">{e(f["message"])}</div>',
    ]
    if f.get("quote"):
        quote = folded(f["quote"])
        parts.append(f'<div class="quote">“{e(quote if len(quote) < 400 else quote[:397] + "…")}”</div>')
    for line in f.get("detail", []):
        parts.append(f'<div class="where">{e(line)}</div>')
    if suppressed:
        parts.append(f'<div class="where">suppressed: {e(f.get("suppression", ""))}</div>')
    parts.append("</li>")
    return "".join(parts)


def _claim(c: dict, prefix: str, with_anchor: bool) -> str:
    anchor = f' id="{prefix}{e(c["id"])}"' if with_anchor else ""
    parts = [
        f'<div class="claim"{anchor}><div class="fhead"><span class="code">{e(c["id"])}</span>'
        f'<span class="chip v-{e(c["verdict"])}">{e(c["verdict"])}</span>'
        f'<span class="where">line {c["span"]["line"]} · {e(c["category"])} · {e(c["assertiveness"])}</span></div>',
        f'<div class="ctext">{e(c["text"])}</div>',
    ]
    if c.get("reasons"):
        parts.append(f'<div class="where">{e("; ".join(c["reasons"]))}</div>')
    for ev in c["evidence"]:
        sources = []
        for s in ev["sources"]:
            ref = source_ref(s)
            link = f' <a href="{e(ref)}" rel="noreferrer">{e(ref)}</a>' if ref.startswith("https://") else ""
            sources.append(f'<li>{e(s["citation"])}{link} <span class="where">({e(s["status"].replace("_", " "))})</span></li>')
        parts.append(
            f'<div class="evidence"><b>Evidence</b> <span class="code">{e(ev["entry"])}</span> '
            f'({e(ev["verdict"])}, {e(ev["certainty"].replace("_", " "))} certainty): {e(folded(ev["statement"]))}'
            + (f'<ul>{"".join(sources)}</ul>' if sources else '<div class="none">no sources listed</div>')
            + "</div>"
        )
    if not c["evidence"]:
        parts.append('<div class="evidence none">No registry entry covers this claim.</div>')
    if c.get("suggested_wording"):
        parts.append(f'<div class="suggested"><b>Suggested wording:</b> {e(c["suggested_wording"])}</div>')
    parts.append("</div>")
    return "".join(parts)


def _report(report: dict, index: int, options) -> str:
    prefix = f"r{index}-"
    path = report["input"]["path"]
    text = options.sources.get(path)
    s = report["summary"]
    chips = "".join(f'<span class="chip v-{v}">{s["verdicts"][v]} {v}</span>' for v in VERDICTS)
    sev = s["severities"]
    sevs = "".join(f'<span class="chip"><span class="sev sev-{k}">{sev[k]}</span> {k}</span>' for k in ("error", "warning", "info"))
    if report.get("scorecard"):
        rows = "".join(
            f'<tr><td>{e(c["standard"])}</td><td>{e(c["criterion"])}</td><td class="st-{e(c["status"])}">{e(STATUS.get(c["status"], c["status"]))}</td>'
            f'<td>{e(criterion_note(c))}</td></tr>'
            for c in report["scorecard"]
        )
        scorecard = f'<table><tr><th>standard</th><th>criterion</th><th>status</th><th>why</th></tr>{rows}</table>'
    else:
        scorecard = '<p class="none">No scorecard in this report.</p>'
    visible = shown(report["findings"], options)
    items = "".join(_finding(f, prefix, options) for f in visible)
    hidden = len(report["findings"]) - len(visible)
    more = f'<p class="none">{hidden} findings below {e(options.min_severity)} not shown.</p>' if hidden else ""
    suppressed = "".join(_finding(f, prefix, options, True) for f in report.get("suppressed", []))
    if suppressed:
        suppressed = f'<h3>Suppressed ({len(report["suppressed"])})</h3><ol class="flist">{suppressed}</ol>'
    if text is not None:
        body = f'<div class="article" lang="en">{_highlighted(text, report, prefix)}</div>'
    else:
        body = '<div class="article none">The article text is not available (the file is missing or has changed since the report was made); claims are listed below.</div>'
    claims = "".join(_claim(c, prefix, text is None) for c in report["claims"]) or '<p class="none">No health claims found.</p>'
    return (
        f'<section class="report"><h2>{e(repo_path(path))}</h2>'
        f'<p class="meta">format {e(report["input"]["format"])} · sha256 {e(report["input"]["sha256"][:16])}… · '
        f'registry {e(report["registry"]["id"])} {e(report["registry"]["version"])}</p>'
        f'<div class="top"><div><h3>Summary</h3><div class="chips">{chips}</div><div class="chips">{sevs}</div>'
        f'<p class="meta">{s["claims"]} claims, {s["findings"]} findings</p></div>'
        f'<div><h3>Scorecard</h3>{scorecard}</div></div>'
        f'<div class="layout">{body}<aside class="findings"><h3>Findings ({len(visible)})</h3>'
        f'<ol class="flist">{items}</ol>{more}{suppressed}</aside></div>'
        f'<div class="claims"><h3>Claims, evidence and sources</h3>{claims}</div></section>'
    )


def render(reports: list[dict], options) -> str:
    title = repo_path(reports[0]["input"]["path"]) if len(reports) == 1 else f"{len(reports)} articles"
    sections = "".join(_report(r, i, options) for i, r in enumerate(reports, 1))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        f"<title>factcheck review: {e(title)}</title><style>{CSS}</style></head><body>"
        f'<header class="page"><h1>factcheck review: {e(title)}</h1>'
        f"<p>factcheck {e(__version__)} · claims checked against the evidence registry; verdicts are editorial aids, not medical advice.</p></header>"
        f"{sections}<footer>Legend: "
        + "".join(f'<span class="chip v-{v}">{v}</span> ' for v in VERDICTS)
        + "</footer></body></html>\n"
    )
