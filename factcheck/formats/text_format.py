"""Terminal output for writers, modelled on ruff's concise output and Vale's alerts.

Per file: one line per finding (``line:col  severity  code  message``), then the quote
and, for overstated and unsupported claims, the suggested wording: what to change and
what to write instead. A one-line summary closes the file's section.

``--output-format full`` (or ``--evidence``) adds each finding's detail lines, the
quote in full, and at the end of the file's section the evidence behind the verdicts:
each registry entry once, with its statement, certainty, sources and the lines of the
claims that rest on it, and the editorial scorecard. Everything is wrapped to
``options.width``; everything taken from an article or a registry is passed through
:func:`~factcheck.formats.common.visible`, so control characters cannot reach the
terminal. Colour only when asked for (the CLI asks on a terminal without ``NO_COLOR``).
"""

from __future__ import annotations

import textwrap

from . import not_shown, shown
from ..rules import rule
from .common import criterion_note, one_line, restates, visible

VERDICT_KINDS = frozenset({"overstated", "unsupported", "unverified"})
COLORS = {"error": "31", "warning": "33", "info": "36", "supported": "32", "dim": "2", "bold": "1"}
MARKS = {"met": "✓", "not_met": "✗", "not_applicable": "–"}
INDENT = "      "


def _paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if on else text


def _wrap(text: str, indent: str, width: int, rest: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=indent, subsequent_indent=indent if rest is None else rest,
        break_on_hyphens=False,
    ) or [indent]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _shortened(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    return text if len(text) <= width else textwrap.shorten(text, width=width, placeholder=" …")


def _full(options) -> bool:
    return getattr(options, "detail", "concise") == "full"


def _message(finding: dict, explained: set[str], options) -> str:
    """The finding's message; in concise output a rule's explanation (the text after its
    one-line message) is given once per file, as ruff and Vale do."""
    message = finding["message"]
    if _full(options):
        return message
    try:
        short = rule(finding["code"]).message
    except KeyError:
        return message
    if message.startswith(short + ":") and message != short:
        if message in explained:
            return short
        explained.add(message)
    return message


def _finding_lines(finding: dict, claim: dict | None, options, explained: set[str]) -> list[str]:
    width, color = options.width, options.color
    where = f"{finding['span']['line']}:{finding['span']['column']}" if finding["span"] else "-"
    mark = " [new]" if finding.get("baseline") == "new" else ""
    head = f"  {where:<8} {finding['severity']:<7} {finding['code']}  "
    lines = _wrap(one_line(_message(finding, explained, options)) + mark, head, width, INDENT)
    if color:
        lines[0] = lines[0].replace(f" {finding['severity']:<7} ", " " + _paint(f"{finding['severity']:<7}", finding["severity"], True) + " ", 1)
    if getattr(options, "quiet", False):
        return lines
    if finding["quote"]:
        quote = f"“{one_line(finding['quote'])}”"
        lines += _wrap(quote, INDENT, width) if _full(options) else [INDENT + _shortened(quote, width - len(INDENT))]
    for line in finding.get("detail", []):
        if not _full(options) and restates(line, finding["message"]):
            continue  # the concise report does not say the same thing twice
        lines += _wrap(one_line(line), INDENT, width)
    if claim and claim.get("relation") and _full(options):
        lines.append(f"{INDENT}claim strength: {claim['relation'].replace('_', ' ')}")
    if claim and claim.get("suggested_wording"):
        lines += _wrap("suggested: " + one_line(claim["suggested_wording"]), INDENT, width, INDENT + "           ")
    return lines


def _source_line(source: dict) -> str:
    ref = source.get("doi") and f"doi:{source['doi']}" or source.get("pmid") and f"PMID {source['pmid']}" or source.get("url", "")
    if ref and ref in source["citation"]:
        ref = ""
    status = "" if source["status"] == "verified" else f"[{source['status'].replace('_', ' ')}]"
    return " ".join(part for part in ("-", one_line(source["citation"]), ref, status) if part)


def _evidence_lines(entries: dict[str, tuple[dict, list[int]]], width: int) -> list[str]:
    """Each evidence entry once, with the lines of the claims that rest on it."""
    out = ["  evidence:"]
    for entry_id, (evidence, lines) in entries.items():
        at = ", ".join(str(n) for n in sorted(set(lines)))
        label = "line" if len(set(lines)) == 1 else "lines"
        certainty = evidence["certainty"].replace("_", " ")
        out += _wrap(
            f"{label} {at}: the evidence is {evidence['verdict']} ({certainty} certainty). {one_line(evidence['statement'])} "
            f"[{visible(entry_id)}]",
            "    ", width, INDENT,
        )
        for source in evidence["sources"]:
            out += _wrap(_source_line(source), INDENT, width, INDENT + "  ")
    return out


def _summary(report: dict, options) -> str:
    s = report["summary"]
    v, sev = s["verdicts"], s["severities"]
    counts = [plural(sev["error"], "error"), plural(sev["warning"], "warning"), plural(sev["info"], "note")]
    line = (", ".join(counts) if any(sev.values()) else "no findings") + (
        f"; claims: {v['supported']} supported, {v['overstated']} overstated, {v['unsupported']} unsupported, "
        f"{v['unverified']} unverified" if s["claims"] else "; no health claims"
    )
    notes = [not_shown(report["findings"], options)] if not_shown(report["findings"], options) else []
    if report.get("suppressed"):
        notes.append(f"{len(report['suppressed'])} suppressed in the article")
    unchanged = sum(1 for f in report["findings"] if f.get("baseline") == "unchanged")
    if unchanged and not options.changed_only:
        notes.append(f"{unchanged} in the baseline")
    return line + (f" ({'; '.join(notes)})" if notes else "")


def _scorecard_lines(report: dict, options) -> list[str]:
    criteria = report.get("scorecard") or []
    if not criteria:
        return []
    unmet = sum(1 for c in criteria if c["status"] == "not_met")
    met = sum(1 for c in criteria if c["status"] == "met")
    line = f"  scorecard: {met} of {plural(met + unmet, 'applicable criterion', 'applicable criteria')} met"
    if not _full(options):
        return [line + (" (--evidence lists them)" if unmet else "")]
    out = [line + ":"]
    for criterion in criteria:
        note = criterion_note(criterion)
        out += _wrap(f"{MARKS.get(criterion['status'], '?')} {one_line(criterion['standard'])}: {one_line(criterion['criterion'])}"
                     + (f" ({one_line(note)})" if note else ""), "    ", options.width, INDENT)
    return out


def render_one(report: dict, options) -> list[str]:
    claims = {c["id"]: c for c in report["claims"]}
    out = [_paint(visible(report["input"]["path"]), "bold", options.color)]
    visible_findings = shown(report["findings"], options)
    used: dict[str, tuple[dict, list[int]]] = {}
    explained: set[str] = set()
    for finding in visible_findings:
        # Evidence and suggestions belong to verdict findings; a promotional finding on
        # the same claim would only repeat them.
        claim = claims.get(finding["claim_id"]) if finding["claim_id"] and finding["kind"] in VERDICT_KINDS else None
        out += _finding_lines(finding, claim, options, explained)
        for evidence in claim["evidence"] if claim else ():
            used.setdefault(evidence["entry"], (evidence, []))[1].append(claim["span"]["line"])
    if getattr(options, "quiet", False):
        return out
    if _full(options) and used:
        out += _evidence_lines(used, options.width)
    out += _wrap(_summary(report, options), "  ", options.width, "    ")
    out += _scorecard_lines(report, options)
    return out


def render(reports: list[dict], options) -> str:
    return "".join(render_chunk(r, options, i == 0) for i, r in enumerate(reports))


def render_chunk(report: dict, options, first: bool) -> str:
    """One report's block; blocks are separated by a blank line."""
    return ("" if first else "\n") + "\n".join(render_one(report, options)) + "\n"
