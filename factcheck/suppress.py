"""Suppression comments, rule selection and per-rule severity: what happens to a report's
findings after the checker has produced them.

Syntax (in Markdown and HTML an HTML comment; in plain text a line of its own)::

    <!-- factcheck: ignore HC102 reason="quoted in order to rebut it" -->   the next block
    <!-- factcheck: off HC2 reason="a patient's own words" -->              a region ...
    <!-- factcheck: on -->                                                  ... up to here
    <!-- factcheck: ignore-file HC301 reason="a press release we quote" --> the whole article

Codes are rule codes or prefixes (``HC2``), separated by spaces or commas; none means
every rule. ``on`` with codes closes the open regions that name any of them; a bare
``on`` closes all; a region never closed runs to the end of the article. ``ignore``
applies to findings starting in the next block (heading, paragraph or list item) after
the comment; ``ignore-file`` also covers whole-article findings (no span).

In plain text (.txt) a line ``factcheck: ignore HC102 reason="…"`` (optionally wrapped
in ``<!-- … -->``) is the marker. Such a line is blanked out before analysis (replaced
by spaces, so every offset stays valid) and never becomes article prose.

A suppression needs a reason. Without one it does not take effect and is reported as
HC401; one that suppresses nothing is HC402; a malformed one is HC403. These
findings cannot themselves be suppressed, but ``--ignore HC4`` turns them off.
Suppressed findings move to ``report["suppressed"]`` with ``suppression`` set to
the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .ci_rules import CI_RULES
from .load import load_prose
from .prose import BOILERPLATE
from .report import summarise
from .rules import all_rules
from .source import Source
from .spans import LineIndex

ACTIONS = ("ignore", "ignore-file", "off", "on")
_PREFIX = re.compile(r"^\s*factcheck\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)
_REASON = re.compile(r"""reason\s*=\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”)""", re.IGNORECASE)
_CODE = re.compile(r"^HC\d{1,3}$")
_TXT_MARKER = re.compile(r"^[ \t]*(?:<!--[ \t]*)?(factcheck[ \t]*:[^\r\n]*?)(?:[ \t]*-->)?[ \t]*$", re.IGNORECASE)
_RULES = {r.code: r for r in CI_RULES}


@dataclass
class Directive:
    start: int
    end: int
    action: str = ""
    codes: tuple[str, ...] = ()
    reason: str | None = None
    problem: str | None = None
    used: int = 0
    region_end: int | None = None
    block: tuple[int, int] | None = None

    def covers_code(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


def parse(text: str, start: int, end: int) -> Directive | None:
    """The directive in a comment's text, or ``None`` when it is not a factcheck comment."""
    match = _PREFIX.match(text)
    if not match:
        return None
    body = match.group(1)
    directive = Directive(start, end)
    reason = _REASON.search(body)
    if reason:
        value = next(g for g in reason.groups() if g is not None)
        directive.reason = " ".join(value.split()) or None
        body = body[: reason.start()] + body[reason.end():]
    tokens = [t for t in re.split(r"[\s,]+", body) if t]
    if not tokens or tokens[0].lower() not in ACTIONS:
        found = tokens[0] if tokens else "nothing"
        directive.problem = f"unknown action {found!r}; use ignore, ignore-file, off or on"
        return directive
    directive.action = tokens[0].lower()
    known = [r.code for r in all_rules()]
    codes = []
    for token in tokens[1:]:
        token_up = token.upper()
        if not _CODE.match(token_up):
            directive.problem = f"{token!r} is not a rule code (write reason=\"…\" for the reason)"
            return directive
        if not any(code.startswith(token_up) for code in known):
            directive.problem = f"no rule has the code or prefix {token_up}"
            return directive
        codes.append(token_up)
    directive.codes = tuple(codes)
    return directive


def prepare(source: Source) -> tuple[Source, list[tuple[int, int, str]]]:
    """For plain text: blank the marker lines and return them as directives (start, end, text)."""
    if source.format != "txt" or "factcheck" not in source.text.lower():
        return source, []
    found: list[tuple[int, int, str]] = []
    pieces: list[str] = []
    pos = 0
    for line in re.finditer(r"[^\r\n]*", source.text):
        if not line.group():
            continue
        match = _TXT_MARKER.match(line.group())
        if match:
            found.append((line.start(), line.end(), match.group(1)))
            pieces.append(source.text[pos:line.start()])
            pieces.append(" " * (line.end() - line.start()))
            pos = line.end()
    if not found:
        return source, []
    pieces.append(source.text[pos:])
    text = "".join(pieces)
    assert len(text) == len(source.text)
    return replace(source, text=text), found


def directives_for(analysed: Source, txt_directives: list[tuple[int, int, str]]) -> list[Directive]:
    """Parse the directives of an article (comments for .md/.html, marker lines for .txt) and place them."""
    prose = load_prose(analysed)
    raw = txt_directives if analysed.format == "txt" else prose.directives
    blocks = [(b.start, b.end) for b in prose.blocks if b.kind != BOILERPLATE]
    directives = [d for d in (parse(text, s, e) for s, e, text in raw) if d is not None]
    open_regions: list[Directive] = []
    for d in directives:
        if d.problem:
            continue
        if d.action == "ignore":
            d.block = next(((s, e) for s, e in blocks if s >= d.end), None)
        elif d.action == "off":
            open_regions.append(d)
        elif d.action == "on":
            closing = [r for r in open_regions if not d.codes or any(c in d.codes for c in r.codes) or not r.codes]
            if not closing:
                d.problem = "'on' without a matching 'off'"
            for r in closing:
                r.region_end = d.start
                open_regions.remove(r)
    for r in open_regions:
        r.region_end = len(analysed.text)
    return directives


def _matches(d: Directive, finding: dict) -> bool:
    if d.problem or d.reason is None or d.action == "on" or not d.covers_code(finding["code"]):
        return False
    if finding["code"].startswith("HC4"):
        return False
    span = finding["span"]
    if d.action == "ignore-file":
        return True
    if span is None:
        return False
    if d.action == "ignore":
        return d.block is not None and d.block[0] <= span["start"] < d.block[1]
    return d.end <= span["start"] < (d.region_end or 0)


# --- rule selection (ruff's convention: the most specific matching prefix decides) -----------


def rule_enabled(code: str, select: tuple[str, ...] | list[str], ignore: tuple[str, ...] | list[str]) -> bool:
    best_select = max((len(p) for p in select if code.startswith(p.upper())), default=-1) if select else 0
    best_ignore = max((len(p) for p in ignore if code.startswith(p.upper())), default=-1)
    if best_select < 0:
        return False
    return best_select > best_ignore


@dataclass(frozen=True)
class Policy:
    """What the configuration and flags say about findings."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        return rule_enabled(code, self.select, self.ignore)

    def severity_of(self, code: str, default: str) -> str:
        # the most specific override wins: HC103 over HC1
        best = max((p for p in self.severity if code.startswith(p.upper())), key=len, default=None)
        return self.severity[best] if best else default


def _new_finding(code: str, message: str, d: Directive, original: str, lines: LineIndex, number: int) -> dict[str, Any]:
    meta = _RULES[code]
    return {
        "id": f"F{number:03d}",
        "code": code,
        "rule": meta.name,
        "kind": meta.kind,
        "severity": meta.severity,
        "span": lines.span(d.start, d.end),
        "quote": original[d.start:d.end],
        "message": message,
        "claim_id": None,
    }


def apply(report: dict[str, Any], source: Source, analysed: Source, txt_directives, policy: Policy) -> dict[str, Any]:
    """Apply severities, rule selection and suppressions to ``report`` (in place) and return it.

    ``source`` is the article as read (for quotes of the comments); ``analysed`` is what
    the checker saw (plain-text markers blanked).
    """
    findings = []
    for f in report["findings"]:
        f["severity"] = policy.severity_of(f["code"], f["severity"])
        if policy.enabled(f["code"]):
            findings.append(f)
    directives = directives_for(analysed, txt_directives)
    kept, suppressed = [], []
    for f in findings:
        hit = next((d for d in directives if _matches(d, f)), None)
        if hit is None:
            kept.append(f)
            continue
        hit.used += 1
        f["suppression"] = hit.reason
        suppressed.append(f)
    numbers = [int(f["id"][1:]) for f in report["findings"] if f.get("id", "F").startswith("F") and f.get("id", "")[1:].isdigit()]
    number = max(numbers, default=0)
    lines = LineIndex(source.text)
    extra = []
    for d in directives:
        if d.problem:
            code, message = "HC403", f"Invalid suppression comment: {d.problem}; it is ignored"
        elif d.action != "on" and d.reason is None:
            code, message = "HC401", "Suppression without a reason: add reason=\"…\"; until then it does not take effect"
        elif d.action != "on" and d.used == 0:
            what = " ".join(d.codes) or "any finding"
            code, message = "HC402", f"Unused suppression: no {what} finding {_scope(d)}; remove it"
        else:
            continue
        if not policy.enabled(code):
            continue
        number += 1
        finding = _new_finding(code, message, d, source.text, lines, number)
        finding["severity"] = policy.severity_of(code, finding["severity"])
        extra.append(finding)
    kept = sorted(kept + extra, key=_position)
    report["findings"] = kept
    if suppressed:
        report["suppressed"] = suppressed
    else:
        report.pop("suppressed", None)
    report["summary"] = summarise(report["claims"], kept)
    return report


def _scope(d: Directive) -> str:
    return {"ignore": "in the next block", "off": "in this region", "ignore-file": "in this article"}.get(d.action, "")


def _position(f: dict) -> tuple:
    span = f["span"]
    return (span is None, span["start"] if span else 0, span["end"] if span else 0, f["code"], f["message"])


def check_source(checker, source: Source, policy: Policy | None = None) -> dict[str, Any]:
    """Check one article with suppressions and the policy applied: what ``factcheck check`` reports."""
    analysed, markers = prepare(source)
    report = checker.check(analysed)
    return apply(report, source, analysed, markers, policy or Policy())
