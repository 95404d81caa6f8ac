"""The review page for editors: one self-contained HTML file (no network at all).

Per article: the whole-article review (scorecard) folded at the top; the article itself
rendered as readable text (headings, paragraphs, lists; the loaders' blocks and their
same-length analysable text, so no markup or entity shows) with every claim
highlighted in its verdict's colour at its true offsets and promotional phrases
underlined; beside it a panel that shows the selected claim's verdict, reasons,
evidence, sources and suggested wording, and the list of findings; below, every claim
with its evidence (so the page reads completely with JavaScript off: a highlighted
claim is a link to its card).

With JavaScript (inline; the Content-Security-Policy allows nothing else): clicking a
claim opens it in the panel; ``j``/``k`` (or ``n``/``p``) move from finding to finding;
filters by severity, kind and verdict; and triage: each finding can be marked
accepted, dismissed (with a reason) or fixed, and the decisions exported as a JSON
file that ``factcheck review apply`` turns into a baseline the next ``check`` honours
(see :mod:`factcheck.decisions`).

Several articles get an index (counts per article, links), and each article is a
folded section whose content the browser lays out only when opened. Everything taken
from an article or a registry is HTML-escaped and its control characters made visible.
"""

from __future__ import annotations

import json
import re
from html import escape

from .. import __version__
from . import not_shown, shown
from .common import one_line, repo_path, source_ref, visible

VERDICTS = ("supported", "overstated", "unsupported", "unverified")
SEVERITIES = ("error", "warning", "info")
STATUS = {"met": "met", "not_met": "not met", "not_applicable": "n/a"}
RANK = {"info": 0, "warning": 1, "error": 2}
BLOCK_TAGS = {"heading": "h3", "paragraph": "p", "list_item": "li"}

CSS = """
:root{--sup:#d8f3de;--sup-b:#1e6b30;--ovr:#ffe9ad;--ovr-b:#8a5a00;--uns:#ffd9d9;--uns-b:#a61b1b;--unv:#e3e7f0;--unv-b:#4a5468;
--err:#a61b1b;--warn:#8a5a00;--info:#1f5a99;--ink:#1d232b;--muted:#4f5864;--line:#cfd5dd;--bg:#f4f5f7;--focus:#6b2fd6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:#1a4f8b}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
header.page{padding:14px 24px;background:#1d232b;color:#fff}
header.page h1{margin:0;font-size:20px}
header.page p{margin:4px 0 0;color:#d5dbe3;font-size:13px}
.index,section.report,details.article-sec{margin:16px 24px;background:#fff;border:1px solid var(--line);border-radius:8px}
.index{padding:12px 18px}
details.article-sec>summary{padding:10px 18px;cursor:pointer;font-weight:600}
details.article-sec[open]>summary{border-bottom:1px solid var(--line)}
details.article-sec{content-visibility:auto;contain-intrinsic-size:auto 60px}
section.report{padding:14px 18px 24px}
details.article-sec section.report{margin:0;border:0}
section.report>h2{margin:0 0 2px;font-size:18px;overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:12px;margin:0 0 10px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0}
.chip{border-radius:12px;padding:1px 9px;font-size:13px;border:1px solid var(--line);background:#fff}
.chip.v-supported{background:var(--sup);border-color:var(--sup-b)}.chip.v-overstated{background:var(--ovr);border-color:var(--ovr-b)}
.chip.v-unsupported{background:var(--uns);border-color:var(--uns-b)}.chip.v-unverified{background:var(--unv);border-color:var(--unv-b)}
.sev{display:inline-block;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:0 6px;font-weight:600}
.sev-error{background:var(--err)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);text-align:left;padding:4px 6px;vertical-align:top}
th{color:var(--muted);font-weight:600}
.st-met{color:var(--sup-b);font-weight:600;white-space:nowrap}.st-not_met{color:var(--err);font-weight:600;white-space:nowrap}.st-not_applicable{color:var(--muted);white-space:nowrap}
details.scorecard{border:1px solid var(--line);border-radius:6px;padding:6px 12px;margin:8px 0 12px;background:#fafbfc}
details.scorecard>summary{cursor:pointer;font-weight:600}
.toolbar{display:none;flex-wrap:wrap;gap:14px;align-items:center;font-size:13px;margin:8px 0 12px;padding:8px 10px;border:1px solid var(--line);border-radius:6px;background:#fafbfc}
.toolbar fieldset{border:0;margin:0;padding:0;display:flex;gap:8px;align-items:center}
.toolbar legend{float:left;margin-right:6px;font-weight:600}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(320px,2fr);gap:18px;align-items:start}
.doc{font:16px/1.7 Georgia,"Times New Roman",serif;border:1px solid var(--line);border-radius:6px;padding:8px 22px 14px;background:#fff;overflow-wrap:anywhere;max-width:46em}
.doc h3{font:700 19px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:18px 0 6px}
.doc p{margin:10px 0}.doc ul{margin:8px 0;padding-left:24px}.doc li{margin:4px 0}
.doc pre{white-space:pre-wrap;font:inherit}
a.claim{color:inherit;text-decoration:none;border-radius:2px;padding:1px 0}
a.claim.v-supported{background:var(--sup);box-shadow:inset 0 -2px var(--sup-b)}a.claim.v-overstated{background:var(--ovr);box-shadow:inset 0 -2px var(--ovr-b)}
a.claim.v-unsupported{background:var(--uns);box-shadow:inset 0 -2px var(--uns-b)}a.claim.v-unverified{background:var(--unv);box-shadow:inset 0 -2px var(--unv-b)}
a.claim.current{background:#eadcff;box-shadow:inset 0 -3px var(--focus)}
.cid{font:11px/1 ui-monospace,Menlo,Consolas,monospace;vertical-align:super;color:var(--muted);margin-right:1px}
.hit{text-decoration:underline wavy;text-decoration-thickness:1px;text-underline-offset:3px}
.hit.sev-error{text-decoration-color:var(--err)}.hit.sev-warning{text-decoration-color:var(--warn)}.hit.sev-info{text-decoration-color:var(--info)}
span.hit{background:none;color:inherit;padding:0;font:inherit;display:inline;border-radius:0}
aside.panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}
aside h3,.claims>h3{font-size:13px;margin:10px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.detail{border:2px solid var(--line);border-radius:6px;padding:8px 10px;background:#fff;margin-bottom:10px}
.detail:empty{display:none}
ol.flist{list-style:none;margin:0;padding:0}
ol.flist>li{border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:7px 9px;margin-bottom:7px;background:#fff}
ol.flist>li.sev-error{border-left-color:var(--err)}ol.flist>li.sev-warning{border-left-color:var(--warn)}ol.flist>li.sev-info{border-left-color:var(--info)}
ol.flist>li.current{box-shadow:0 0 0 3px var(--focus)}ol.flist>li.of-claim{background:#f5f0ff}
ol.flist>li.suppressed{opacity:.75;border-style:dashed}
ol.flist>li[data-decision=dismissed],ol.flist>li[data-decision=fixed]{opacity:.6}
[hidden]{display:none!important}
.fhead{display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:13px}
.code{font:12px ui-monospace,Menlo,Consolas,monospace;font-weight:600}
.where{color:var(--muted);font-size:12px}
.msg{margin:3px 0}
.quote{color:#2f3843;font-style:italic}
.suggested{margin:5px 0 0;padding:4px 8px;border-left:3px solid var(--sup-b);background:#f1faf3;font-size:14px}
.triage{display:flex;margin-top:6px;font-size:13px;gap:8px;flex-wrap:wrap;align-items:center}
.triage input[type=text]{min-width:12em;flex:1;font:inherit;padding:2px 4px}
.triage select{font:inherit}
.claims{margin-top:18px}
.claim-card{border-top:1px solid var(--line);padding:10px 0}
.evidence{margin:6px 0 0 10px;padding-left:10px;border-left:3px solid var(--line);font-size:13px}
.evidence ul{margin:4px 0;padding-left:18px}
.claim-card a.to-evidence{display:block;margin:6px 0 0 10px;padding-left:10px;border-left:3px solid var(--line);font-size:13px}
.none{color:var(--muted);font-style:italic}
.badge-new{background:#5b34a8;color:#fff;border-radius:4px;font-size:11px;padding:0 5px}
.export{display:none;gap:8px;align-items:center}.js .export,.js .toolbar{display:flex}
.export textarea{display:none}
.help{color:var(--muted);font-size:12px}
footer{margin:0 24px 24px;color:var(--muted);font-size:12px}
@media (max-width:960px){.layout{grid-template-columns:1fr}aside.panel{position:static;max-height:none}}
"""

SCRIPT = r"""
(function(){
document.documentElement.classList.add('js');
function all(root,sel){return Array.prototype.slice.call(root.querySelectorAll(sel));}
function showClaim(section,id){
  var card=section.querySelector('.claim-card[data-claim="'+id+'"]'), panel=section.querySelector('.detail');
  if(!card||!panel)return;
  panel.innerHTML='';
  var copy=card.cloneNode(true); copy.removeAttribute('id'); copy.className='claim-view';
  panel.appendChild(copy); showEvidence(copy);
  all(section,'a.claim.current').forEach(function(a){a.classList.remove('current');});
  all(section,'a.claim[data-claim="'+id+'"]').forEach(function(a){a.classList.add('current');});
  all(section,'ol.flist>li').forEach(function(li){li.classList.toggle('of-claim',li.getAttribute('data-claim')===id);});
  panel.focus({preventScroll:true});
}
function addTriage(li,n){
  var id='t'+n, box=document.createElement('div'); box.className='triage';
  box.innerHTML='<label for="'+id+'">Decision</label><select id="'+id+'"><option value="">undecided</option>'+
    '<option value="accepted">accepted</option><option value="dismissed">dismissed</option><option value="fixed">fixed</option></select>'+
    '<label for="'+id+'r">Reason</label><input type="text" id="'+id+'r" placeholder="why (needed to dismiss)">';
  li.appendChild(box);
  var sel=box.querySelector('select'), reason=box.querySelector('input');
  sel.addEventListener('change',function(){
    if(sel.value)li.setAttribute('data-decision',sel.value); else li.removeAttribute('data-decision');
    reason.required=sel.value==='dismissed'; if(sel.value==='dismissed')reason.focus();
  });
}
function showEvidence(panel){
  all(panel,'a.to-evidence').forEach(function(a){
    var block=document.getElementById(a.getAttribute('href').slice(1)); if(!block)return;
    var copy=block.cloneNode(true); copy.removeAttribute('id'); a.parentNode.replaceChild(copy,a);
  });
}
function visibleFindings(section){return all(section,'ol.flist>li:not(.suppressed)').filter(function(li){return !li.hidden;});}
function applyFilters(section){
  var sev={}; all(section,'input[name=sev]').forEach(function(b){sev[b.value]=b.checked;});
  var kind=section.querySelector('select[name=kind]').value, verdict=section.querySelector('select[name=verdict]').value;
  var shown=0;
  all(section,'ol.flist>li:not(.suppressed)').forEach(function(li){
    var ok=sev[li.getAttribute('data-severity')]&&(!kind||li.getAttribute('data-kind')===kind)&&(!verdict||li.getAttribute('data-verdict')===verdict);
    li.hidden=!ok; if(ok)shown++;
  });
  section.querySelector('.fcount').textContent=shown;
}
function decisions(){
  var out=[];
  all(document,'section.report').forEach(function(section){
    all(section,'ol.flist>li[data-decision]').forEach(function(li){
      var d=li.getAttribute('data-decision'); if(!d)return;
      var reason=li.querySelector('input[type=text]').value.trim();
      out.push({path:section.getAttribute('data-path'),sha256:section.getAttribute('data-sha256'),finding:li.getAttribute('data-id'),
        code:li.getAttribute('data-code'),quote:JSON.parse(li.getAttribute('data-quote')),decision:d,reason:reason});
    });
  });
  return {factcheck_decisions:1,decisions:out};
}
function exportDecisions(button){
  var data=decisions(), problems=data.decisions.filter(function(d){return d.decision==='dismissed'&&!d.reason;});
  var status=button.parentNode.querySelector('.export-status');
  if(problems.length){status.textContent='A dismissed finding needs a reason ('+problems.length+' without one).';return;}
  var text=JSON.stringify(data,null,2)+'\n';
  var area=button.parentNode.querySelector('textarea'); area.value=text;
  var link=document.createElement('a');
  link.href=URL.createObjectURL(new Blob([text],{type:'application/json'}));
  link.download='decisions.json'; document.body.appendChild(link); link.click(); link.remove();
  status.textContent=data.decisions.length+' decisions exported to decisions.json; apply them with: factcheck review apply decisions.json';
}
all(document,'section.report').forEach(function(section){
  section.addEventListener('click',function(ev){
    var a=ev.target.closest('a.claim'); if(a){ev.preventDefault();showClaim(section,a.getAttribute('data-claim'));return;}
    var l=ev.target.closest('a.to-claim'); if(l){ev.preventDefault();showClaim(section,l.getAttribute('data-claim'));
      var m=section.querySelector('a.claim[data-claim="'+l.getAttribute('data-claim')+'"]'); if(m)m.scrollIntoView({block:'center'});}
  });
  all(section,'.toolbar input,.toolbar select').forEach(function(c){c.addEventListener('change',function(){applyFilters(section);});});
});
all(document,'ol.flist>li:not(.suppressed)').forEach(addTriage);
all(document,'button.export-button').forEach(function(b){b.addEventListener('click',function(){exportDecisions(b);});});
document.addEventListener('keydown',function(ev){
  var t=ev.target; if(ev.ctrlKey||ev.metaKey||ev.altKey||/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))return;
  var step={j:1,n:1,k:-1,p:-1}[ev.key]; if(!step)return;
  var section=t.closest?t.closest('section.report'):null;
  if(!section){section=all(document,'section.report').filter(function(s){return s.offsetParent!==null;})[0];}
  if(!section)return;
  var items=visibleFindings(section); if(!items.length)return;
  var i=items.indexOf(section.querySelector('ol.flist>li.current'));
  var next=items[(i+step+items.length)%items.length];
  ev.preventDefault();
  all(section,'ol.flist>li.current').forEach(function(li){li.classList.remove('current');});
  next.classList.add('current'); next.focus();
  var claim=next.getAttribute('data-claim'); if(claim){showClaim(section,claim);next.focus();}
});
function openTarget(){var id=location.hash.slice(1); if(!id)return; var el=document.getElementById(id);
  if(el&&el.tagName==='DETAILS')el.open=true; else if(el){var d=el.closest('details.article-sec'); if(d)d.open=true;}}
window.addEventListener('hashchange',openTarget); openTarget();
})();
"""


def e(text) -> str:
    """HTML-escaped, control characters made visible."""
    return escape(visible("" if text is None else str(text)), quote=True)


def _analysable(report: dict, text: str):
    """The article's blocks and same-length analysable text, or None when it cannot be loaded."""
    from ..load import LOADERS  # the formats stage may use the loaders below it

    try:
        return LOADERS[report["input"]["format"]](text)
    except Exception:  # noqa: BLE001 - the page falls back to the plain text
        return None


# Starts only where a run of white space starts, and never backtracks into it: linear.
_BLANKED_BEFORE_PUNCTUATION = re.compile(r"(?<![ \t\r\n])[ \t\r\n]++(?=[.,;:!?)\]])")


class _Marks:
    """Where claims and (non-claim) findings lie, to cut the article into highlighted pieces."""

    def __init__(self, report: dict, prefix: str, tidy: bool = False):
        self.prefix = prefix
        self.tidy = tidy  # markup blanked to spaces: drop the space it leaves before punctuation
        self.claims = [(c["span"]["start"], c["span"]["end"], c) for c in report["claims"]]
        spans = {(s, t) for s, t, _ in self.claims}
        self.hits = [
            (f["span"]["start"], f["span"]["end"], f) for f in report["findings"]
            if f["span"] and (f["span"]["start"], f["span"]["end"]) not in spans
        ]
        self.started: set[str] = set()

    def render(self, text: str, start: int, end: int) -> str:
        cuts = {start, end}
        for s, t, _ in self.claims + self.hits:
            if s < end and t > start:
                cuts.update((max(s, start), min(t, end)))
        points = sorted(cuts)
        out = []
        for a, b in zip(points, points[1:]):
            piece = e(_BLANKED_BEFORE_PUNCTUATION.sub("", text[a:b]) if self.tidy else text[a:b])
            covering = [f for s, t, f in self.hits if s <= a and b <= t]
            if covering:
                worst = max(covering, key=lambda f: RANK[f["severity"]])
                title = "; ".join(f"{f['code']} {f['rule']}" for f in covering)
                piece = f'<span class="hit sev-{e(worst["severity"])}" title="{e(title)}">{piece}</span>'
            claim = next((c for s, t, c in self.claims if s <= a and b <= t), None)
            if claim:
                cid = claim["id"]
                label = ""
                if cid not in self.started:
                    self.started.add(cid)
                    label = f'<span class="cid" aria-hidden="true">{e(cid)}</span>'
                piece = (f'{label}<a class="claim v-{e(claim["verdict"])}" href="#{self.prefix}{e(cid)}" data-claim="{e(cid)}" '
                         f'title="{e(cid)}: {e(claim["verdict"])}">{piece}</a>')
            out.append(piece)
        return "".join(out)


def _article_body(report: dict, text: str, prefix: str) -> str:
    """The article as readable text: its blocks as headings, paragraphs and lists."""
    marks = _Marks(report, prefix, tidy=report["input"]["format"] != "txt")
    prose = _analysable(report, text)
    if prose is None:
        return f'<pre>{marks.render(text, 0, len(text))}</pre>'
    out, in_list = [], False
    for block in prose.blocks:
        tag = BLOCK_TAGS.get(block.kind)
        if tag is None:  # boilerplate: navigation, cookie banners, footers
            continue
        if tag == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif tag != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{tag}>{marks.render(prose.text, block.start, block.end)}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _suggested(claim: dict | None) -> str:
    if claim and claim.get("suggested_wording"):
        return f'<div class="suggested"><b>Suggested wording:</b> {e(claim["suggested_wording"])}</div>'
    return ""


def _finding(f: dict, claim: dict | None, prefix: str, options, suppressed: bool = False) -> str:
    span = f["span"]
    where = f"line {span['line']}, column {span['column']}" if span else "whole article"
    fid = f.get("id", "")
    target = (f'<a class="to-claim" href="#{prefix}{e(f["claim_id"])}" data-claim="{e(f["claim_id"])}">claim {e(f["claim_id"])}</a> · '
              if f.get("claim_id") else "")
    new = ' <span class="badge-new">new</span>' if options.baseline and f.get("baseline") == "new" else ""
    verdict = claim["verdict"] if claim else "none"
    attrs = (f'class="sev-{e(f["severity"])}{" suppressed" if suppressed else ""}" id="{prefix}{e(fid)}" tabindex="-1" '
             f'data-id="{e(fid)}" data-code="{e(f["code"])}" data-severity="{e(f["severity"])}" data-kind="{e(f["kind"])}" '
             f'data-verdict="{e(verdict)}" data-claim="{e(f.get("claim_id") or "")}" data-quote="{escape(json.dumps(f.get("quote") or ""), quote=True)}"')
    parts = [
        f"<li {attrs}>",
        f'<div class="fhead"><span class="sev sev-{e(f["severity"])}">{e(f["severity"])}</span>'
        f'<span class="code">{e(f["code"])}</span><span>{e(f["rule"])}</span>{new}'
        f'<span class="where">{target}{e(where)}</span></div>',
        f'<div class="msg">{e(f["message"])}</div>',
    ]
    if f.get("quote"):
        quote = one_line(f["quote"])
        parts.append(f'<div class="quote">“{e(quote if len(quote) < 400 else quote[:397] + "…")}”</div>')
    for line in f.get("detail", []):
        parts.append(f'<div class="where">{e(line)}</div>')
    if f["kind"] in ("overstated", "unsupported"):
        parts.append(_suggested(claim))
    if suppressed:
        parts.append(f'<div class="where">suppressed: {e(f.get("suppression", ""))}</div>')
    parts.append("</li>")
    return "".join(parts)


def _evidence_id(ev: dict) -> str:
    return "ev-" + "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in ev["entry"])


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _evidence_block(ev: dict, prefix: str, lines: list[int]) -> str:
    """One registry entry: its statement, verdict, certainty and sources (once per article)."""
    sources = []
    for s in ev["sources"]:
        ref = source_ref(s)
        link = f' <a href="{e(ref)}" rel="noreferrer">{e(ref)}</a>' if ref.startswith("https://") else ""
        sources.append(f'<li>{e(s["citation"])}{link} <span class="where">({e(s["status"].replace("_", " "))})</span></li>')
    at = ", ".join(str(n) for n in sorted(set(lines)))
    return (
        f'<div class="evidence" id="{prefix}{_evidence_id(ev)}"><b>Evidence</b> ({e(ev["verdict"])}, '
        f'{e(ev["certainty"].replace("_", " "))} certainty): {e(one_line(ev["statement"]))}'
        + (f'<ul>{"".join(sources)}</ul>' if sources else '<div class="none">no sources listed</div>')
        + f'<div class="where">registry entry {e(ev["entry"])} · claims on line{"s" if len(set(lines)) > 1 else ""} {at}</div></div>'
    )


def _claim_card(c: dict, prefix: str, findings: list[dict], tidy: bool = False) -> str:
    parts = [
        f'<div class="claim-card" id="{prefix}{e(c["id"])}" data-claim="{e(c["id"])}" tabindex="-1">'
        f'<div class="fhead"><span class="code">{e(c["id"])}</span>'
        f'<span class="chip v-{e(c["verdict"])}">{e(c["verdict"])}</span>'
        f'<span class="where">line {c["span"]["line"]} · {e(c["category"])} · {e(c["assertiveness"])}'
        f'{" · " + e(c["relation"].replace("_", " ")) if c.get("relation") else ""}</span></div>',
        f'<div class="quote">“{e(_BLANKED_BEFORE_PUNCTUATION.sub("", one_line(c["text"])) if tidy else one_line(c["text"]))}”</div>',
    ]
    if c.get("reasons"):
        parts.append("<div><b>Why:</b> " + e("; ".join(c["reasons"])) + "</div>")
    for ev in c["evidence"]:
        parts.append(
            f'<a class="to-evidence" href="#{prefix}{_evidence_id(ev)}">Evidence ({e(ev["verdict"])}, '
            f'{e(ev["certainty"].replace("_", " "))} certainty): {e(_shorten(one_line(ev["statement"]), 140))}</a>'
        )
    if not c["evidence"]:
        parts.append('<div class="evidence none">No registry entry covers this claim; an editor must check it.</div>')
    parts.append(_suggested(c))
    if findings:
        links = ", ".join(f'<a href="#{prefix}{e(f["id"])}">{e(f["code"])} {e(f["rule"])}</a>' for f in findings)
        parts.append(f'<div class="where">Findings: {links}</div>')
    parts.append("</div>")
    return "".join(parts)


def _scorecard(report: dict, prefix: str) -> str:
    """Every criterion the report holds, whatever its standard: new criteria need no change here."""
    criteria = report.get("scorecard")
    if not criteria:
        return '<details class="scorecard"><summary>Whole-article review</summary><p class="none">No scorecard in this report.</p></details>'
    met = sum(1 for c in criteria if c["status"] == "met")
    applicable = sum(1 for c in criteria if c["status"] != "not_applicable")
    rows = []
    for c in criteria:
        extra = []
        for key, value in c.items():
            if key in ("id", "standard", "criterion", "status"):
                continue
            if key == "findings":
                if value:
                    extra.append("findings: " + ", ".join(f'<a href="#{prefix}{e(v)}">{e(v)}</a>' for v in value))
            elif isinstance(value, list):
                items = [one_line(v.get("quote") or v.get("text") or json.dumps(v, ensure_ascii=False)) if isinstance(v, dict) else one_line(str(v))
                         for v in value]
                if items:
                    extra.append(f"{e(key.replace('_', ' '))}: " + "; ".join(f"“{e(i)}”" if len(i) > 20 else e(i) for i in items))
            elif value not in (None, ""):
                extra.append(f"{e(key.replace('_', ' '))}: {e(value)}")
        more = f'<div class="where">{"<br>".join(extra)}</div>' if extra else ""
        rows.append(f'<tr><td>{e(c["standard"])}</td><td>{e(c["criterion"])}{more}</td>'
                    f'<td class="st-{e(c["status"])}">{e(STATUS.get(c["status"], c["status"]))}</td></tr>')
    return (f'<details class="scorecard"><summary>Whole-article review: {met} of {applicable} applicable criteria met</summary>'
            f'<table><thead><tr><th scope="col">standard</th><th scope="col">criterion</th><th scope="col">status</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></details>')


def _toolbar(report: dict) -> str:
    kinds = sorted({f["kind"] for f in report["findings"]})
    sev = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> {s}</label>' for s in SEVERITIES
    )
    kind_options = "".join(f'<option value="{e(k)}">{e(k.replace("_", " "))}</option>' for k in kinds)
    verdict_options = "".join(f'<option value="{v}">{v}</option>' for v in VERDICTS) + '<option value="none">no claim</option>'
    return (
        f'<form class="toolbar" aria-label="Filter findings" onsubmit="return false">'
        f'<fieldset><legend>Severity</legend>{sev}</fieldset>'
        f'<label>Kind <select name="kind"><option value="">all</option>{kind_options}</select></label>'
        f'<label>Verdict <select name="verdict"><option value="">all</option>{verdict_options}</select></label>'
        f'<span class="help">Keys: j/n next finding, k/p previous.</span></form>'
    )


def _summary_chips(report: dict) -> str:
    s = report["summary"]
    chips = "".join(f'<span class="chip v-{v}">{s["verdicts"][v]} {v}</span>' for v in VERDICTS)
    sev = s["severities"]
    sevs = "".join(f'<span class="chip"><span class="sev sev-{k}">{sev[k]}</span> {k}</span>' for k in SEVERITIES)
    return f'<div class="chips">{chips}{sevs}</div>'


def _report(report: dict, index: int, options) -> str:
    prefix = f"r{index}-"
    path = report["input"]["path"]
    text = options.sources.get(path)
    claims = {c["id"]: c for c in report["claims"]}
    visible_findings = shown(report["findings"], options)
    items = "".join(_finding(f, claims.get(f.get("claim_id") or ""), prefix, options) for f in visible_findings)
    hidden = not_shown(report["findings"], options)
    more = f'<p class="none">{e(hidden)}.</p>' if hidden else ""
    suppressed = "".join(_finding(f, claims.get(f.get("claim_id") or ""), prefix, options, True) for f in report.get("suppressed", []))
    if suppressed:
        suppressed = f'<h3>Suppressed in the article ({len(report["suppressed"])})</h3><ol class="flist">{suppressed}</ol>'
    if text is not None:
        body = f'<article class="doc" lang="en" aria-label="The article with its claims highlighted">{_article_body(report, text, prefix)}</article>'
    else:
        body = ('<div class="doc none">The article text is not available (the file is missing or has changed since the report '
                'was made); its claims are listed below.</div>')
    by_claim: dict[str, list[dict]] = {}
    for f in visible_findings:
        if f.get("claim_id"):
            by_claim.setdefault(f["claim_id"], []).append(f)
    cards = "".join(_claim_card(c, prefix, by_claim.get(c["id"], []), report["input"]["format"] != "txt") for c in report["claims"]) or '<p class="none">No health claims found.</p>'
    used: dict[str, tuple[dict, list[int]]] = {}
    for c in report["claims"]:
        for ev in c["evidence"]:
            used.setdefault(ev["entry"], (ev, []))[1].append(c["span"]["line"])
    evidence = "".join(_evidence_block(ev, prefix, lines) for ev, lines in used.values())
    if evidence:
        evidence = f'<h3>Evidence and sources</h3>{evidence}'
    return (
        f'<section class="report" id="r{index}" data-path="{e(path)}" data-sha256="{e(report["input"]["sha256"])}" '
        f'aria-labelledby="{prefix}title">'
        f'<h2 id="{prefix}title">{e(repo_path(path))}</h2>'
        f'<p class="meta">{report["summary"]["claims"]} claims, {report["summary"]["findings"]} findings · format {e(report["input"]["format"])} · '
        f'registry {e(report["registry"]["id"])} {e(report["registry"]["version"])} · sha256 {e(report["input"]["sha256"][:12])}…</p>'
        f'{_summary_chips(report)}{_scorecard(report, prefix)}{_toolbar(report)}'
        f'<div class="layout">{body}'
        f'<aside class="panel" aria-label="Selected claim and findings">'
        f'<div class="detail" tabindex="-1" aria-live="polite"></div>'
        f'<h3>Findings (<span class="fcount">{len(visible_findings)}</span>)</h3><ol class="flist">{items}</ol>{more}{suppressed}</aside></div>'
        f'<div class="claims"><h3>Claims, evidence and sources</h3>{cards}{evidence}</div></section>'
    )


def _index(reports: list[dict]) -> str:
    rows = []
    for i, r in enumerate(reports, 1):
        s = r["summary"]
        v, sev = s["verdicts"], s["severities"]
        rows.append(
            f'<tr><td><a href="#a{i}">{e(repo_path(r["input"]["path"]))}</a></td><td>{s["claims"]}</td>'
            + "".join(f"<td>{v[k]}</td>" for k in VERDICTS) + "".join(f"<td>{sev[k]}</td>" for k in SEVERITIES) + "</tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("article", "claims", *VERDICTS, "errors", "warnings", "notes"))
    return (f'<nav class="index" aria-label="Articles"><h2>{len(reports)} articles</h2>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="help">Each article opens in its own section below.</p></nav>')


def _export_bar() -> str:
    return ('<div class="index export" role="region" aria-label="Triage decisions">'
            '<button type="button" class="export-button">Export decisions</button>'
            '<span class="export-status" role="status"></span>'
            '<textarea id="decisions-json" aria-label="Exported decisions" readonly hidden></textarea></div>'
            '<noscript><p class="index help">Triage (accept, dismiss, fixed) needs JavaScript; everything else reads without it.</p></noscript>')


def render(reports: list[dict], options) -> str:
    single = len(reports) == 1
    title = repo_path(reports[0]["input"]["path"]) if single else f"{len(reports)} articles"
    if single:
        body = _report(reports[0], 1, options)
    else:
        sections = []
        for i, r in enumerate(reports, 1):
            s = r["summary"]
            sev = s["severities"]
            sections.append(
                f'<details class="article-sec" id="a{i}"><summary>{e(repo_path(r["input"]["path"]))} '
                f'<span class="where">{s["claims"]} claims · {sev["error"]} errors, {sev["warning"]} warnings, {sev["info"]} notes</span>'
                f'</summary>{_report(r, i, options)}</details>'
            )
        body = _index(reports) + "".join(sections)
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>factcheck review: {e(title)}</title><style>{CSS}</style></head><body>"
        f'<header class="page"><h1>factcheck review: {e(title)}</h1>'
        f"<p>factcheck {e(__version__)} · claims checked against the evidence registry; verdicts are editorial aids, "
        f"not medical advice. Click a highlighted claim for its evidence.</p></header>"
        f"<main>{_export_bar()}{body}</main><footer>Legend: "
        + "".join(f'<span class="chip v-{v}">{v}</span> ' for v in VERDICTS)
        + f"</footer><script>{SCRIPT}</script></body></html>\n"
    )
