"""Helpers shared by the CI formats (sarif, github, markdown, html)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePath
from typing import Iterator
from urllib.parse import quote as url_quote

from ..registry import source_link
from ..rules import rule



def repo_path(path: str) -> str:
    """``path`` relative to the working directory (the repository root in CI), POSIX separators."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p.as_posix()
    posix = PurePath(os.path.normpath(path)).as_posix()
    return posix


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?) for SARIF: a relative reference when the file is under the working directory."""
    rel = repo_path(path)
    if rel.startswith("/"):
        return "file://" + url_quote(rel, safe="/"), False
    return url_quote(rel, safe="/"), True


def rule_anchor(code: str) -> str:
    """The GitHub anchor of a rule's heading in docs/rules.md ("## HC101 overstated-claim")."""
    try:
        return f"{code.lower()}-{rule(code).name}"
    except KeyError:
        return code.lower()


def rules_doc_url(base: str) -> str:
    """Where docs/rules.md lives: the given base, else the GitHub repository of this workflow run."""
    if base:
        return base
    server, repo = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if server and repo:
        return f"{server}/{repo}/blob/HEAD/docs/rules.md"
    return "docs/rules.md"


def claim_of(report: dict, finding: dict) -> dict | None:
    if not finding.get("claim_id"):
        return None
    return next((c for c in report["claims"] if c["id"] == finding["claim_id"]), None)


source_ref = source_link  # a report's source dict has the same fields


def folded(text: str | None) -> str:
    return " ".join((text or "").split())


# C0 controls other than tab, LF and CR; DEL; C1 controls; bidi embeddings, overrides and
# isolates. Printed raw they ring bells, move the cursor or recolour a terminal, or
# reorder what a reader sees (the "Trojan Source" trick).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_control(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str | None) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``), for human-readable output."""
    return _CONTROL.sub(_escape_control, text or "")


def one_line(text: str | None) -> str:
    """White space folded and control characters escaped: safe to print on one line."""
    return visible(folded(text))


NOTE_QUOTES = 2
NOTE_QUOTE_CHARS = 90


def criterion_note(entry: dict) -> str:
    """A scorecard entry's reason and the first sentences it rests on, on one line ("" if none)."""
    quotes = []
    for item in entry.get("evidence", [])[:NOTE_QUOTES]:
        quote = folded(item["quote"])
        quote = quote if len(quote) <= NOTE_QUOTE_CHARS else quote[:NOTE_QUOTE_CHARS - 1] + "…"
        quotes.append(f"line {item['span']['line']}: “{quote}”")
    return "; ".join(([entry["reason"]] if entry.get("reason") else []) + quotes)


_ITEMS = "factcheck:items-go-here"


def json_list_stream(document, items) -> Iterator[str]:
    """``json.dumps(document(list(items)), ensure_ascii=False, indent=2) + "\n"``, in pieces.

    ``document(items)`` builds the whole JSON document around one list; the list's
    items are serialised one at a time as they arrive, so a report set or a SARIF log
    over thousands of files never holds more than one file's findings. The pieces
    joined are byte for byte the document dumped at once."""
    head, tail = (json.dumps(document([_ITEMS]), ensure_ascii=False, indent=2) + "\n").split(json.dumps(_ITEMS))
    indent = head[head.rindex("\n") + 1 :]
    started = False
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        yield (head if not started else ",\n" + indent) + body
        started = True
    yield tail if started else json.dumps(document([]), ensure_ascii=False, indent=2) + "\n"


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z']{3,}", text.lower())}


def restates(detail: str, message: str, share: float = 0.7) -> bool:
    """Whether a finding's detail line only repeats its message ("The benefit is not
    quantified." under "Benefits not quantified: ..."): most of its words are the message's."""
    words = _words(detail)
    return bool(words) and len(words & _words(message)) >= share * len(words)
