"""HC501: words the normaliser found invisible characters or look-alike letters in.

The words come from ``Prose.hidden`` (analysed offsets, mapped to the original by the
report like every other span); a finding covers a run of such words with no clean word
between them, and names the characters found.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from .report import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Analysis

MAX_NAMED = 5


def obfuscation_findings(analysis: "Analysis") -> list[Finding]:
    from .rules import rule

    meta = rule("HC501")
    claims = sorted((c.start, c.end, c.id) for c in analysis.claims)
    starts = [c[0] for c in claims]
    findings = []
    for start, end, what in analysis.prose.hidden:
        i = bisect_right(starts, start) - 1
        claim_id = claims[i][2] if i >= 0 and start < claims[i][1] else None
        named = ", ".join(what[:MAX_NAMED]) + (f" and {len(what) - MAX_NAMED} more" if len(what) > MAX_NAMED else "")
        findings.append(Finding(
            code=meta.code, rule=meta.name, kind=meta.kind, severity=meta.severity,
            message=f"{meta.message}: {named}", start=start, end=end, claim_id=claim_id,
            detail=("The checker read these words without the hidden characters; remove them from the article.",),
        ))
    return findings


def check_obfuscation(analysis: "Analysis") -> tuple[list[Finding], list[dict[str, Any]] | None]:
    """The Checker's article check for HC501 (no scorecard entries)."""
    return obfuscation_findings(analysis), None
