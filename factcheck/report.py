"""Stage 7: the one report model, and its deterministic JSON form.

The report is a plain dict that validates against ``report.schema.json``. Building
it is the only place that turns offsets into spans and quotes, so the offset rule
(``original[start:end] == quote``) holds by construction; it is also asserted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import TOOL_NAME, __version__
from .assess import Assessment
from .extract import Claim
from .registry import Registry
from .rules import KINDS
from .source import Source
from .spans import LineIndex

SCHEMA_VERSION = "1.2"
VERDICTS = ("supported", "overstated", "unsupported", "unverified")


@dataclass(frozen=True)
class Finding:
    """Something to report: a rule code, its kind and severity, where, and why."""

    code: str
    rule: str
    kind: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    claim_id: str | None = None
    detail: tuple[str, ...] = ()
    related: tuple[tuple[int, int], ...] = ()

    def sort_key(self) -> tuple:
        return (self.start is None, self.start or 0, self.end or 0, self.code, self.message)


def _evidence(candidate, registry: Registry) -> dict[str, Any]:
    entry = candidate.entry
    return {
        "entry": entry.id,
        "statement": entry.statement,
        "verdict": entry.verdict,
        "certainty": entry.certainty,
        "sources": [registry.sources[s].as_report() for s in entry.sources],
    }


def claim_record(claim: Claim, assessment: Assessment, registry: Registry, text: str, lines: LineIndex) -> dict[str, Any]:
    primary = assessment.primary
    match = None
    if primary is not None:
        match = {
            "entry": primary.entry.id,
            "score": primary.score,
            "matched_terms": list(primary.matched_terms),
            "facets": dict(sorted(primary.facets.items())),
            "scope": dict(primary.scope_kept),
            "also": [c.entry.id for c in assessment.also],
        }
        if primary.similarity is not None:
            match["similarity"] = {"score": primary.similarity.score, "shared_terms": list(primary.similarity.shared)}
    wording = None
    if assessment.verdict in ("overstated", "unsupported") and primary is not None:
        wording = primary.entry.suggested_wording
    return {
        "id": claim.id,
        "span": lines.span(claim.start, claim.end),
        "quote": text[claim.start:claim.end],
        "text": claim.sentence.text,
        "block": claim.sentence.block.kind,
        "category": claim.category,
        "categories": list(claim.categories),
        "subject": claim.subject,
        "subject_inferred": claim.subject_inferred,
        "treatments": list(claim.treatments),
        "comparators": list(claim.comparators),
        "conditions": list(claim.conditions),
        "assertiveness": claim.assertiveness,
        "assertiveness_cues": list(claim.assertiveness_cues),
        "verdict": assessment.verdict,
        "reasons": list(assessment.reasons),
        "grounds": list(assessment.grounds),
        "match": match,
        "evidence": [_evidence(c, registry) for c in assessment.used],
        "suggested_wording": wording,
    }


def finding_record(number: int, finding: Finding, text: str, lines: LineIndex) -> dict[str, Any]:
    has_span = finding.start is not None and finding.end is not None
    record: dict[str, Any] = {
        "id": f"F{number:03d}",
        "code": finding.code,
        "rule": finding.rule,
        "kind": finding.kind,
        "severity": finding.severity,
        "span": lines.span(finding.start, finding.end) if has_span else None,
        "quote": text[finding.start:finding.end] if has_span else None,
        "message": finding.message,
        "claim_id": finding.claim_id,
    }
    if finding.detail:
        record["detail"] = list(finding.detail)
    if finding.related:
        record["related"] = [lines.span(s, e) for s, e in finding.related]
    return record


def summarise(claims: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    return {
        "claims": len(claims),
        "verdicts": {v: sum(1 for c in claims if c["verdict"] == v) for v in VERDICTS},
        "findings": len(findings),
        "severities": {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")},
        "kinds": {k: kinds[k] for k in KINDS if k in kinds},
    }


def build_report(
    source: Source,
    registry: Registry,
    claims: list[Claim],
    assessments: list[Assessment],
    findings: list[Finding],
    scorecard: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    lines = LineIndex(source.text)
    claim_records = [claim_record(c, a, registry, source.text, lines) for c, a in zip(claims, assessments)]
    ordered = sorted(findings, key=Finding.sort_key)
    finding_records = [finding_record(i, f, source.text, lines) for i, f in enumerate(ordered, 1)]
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "registry": {"id": registry.id, "version": registry.version, "sha256": registry.sha256},
        "input": {"path": source.path, "sha256": source.sha256, "format": source.format},
        "summary": summarise(claim_records, finding_records),
        "claims": claim_records,
        "findings": finding_records,
    }
    if scorecard is not None:
        from .scorecard import resolve  # entries name rule codes; the finding ids exist only now

        report["scorecard"] = resolve(scorecard, finding_records, source.text, lines)
    return report


def to_json(report: dict[str, Any]) -> str:
    """Deterministic JSON: fixed key order, UTF-8 characters kept, trailing newline."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
