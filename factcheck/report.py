"""Stage 7: the one report model, and its deterministic JSON form.

The report is a plain dict that validates against ``report.schema.json``. Building
it is the only place that turns offsets into spans and quotes, so the offset rule
(``original[start:end] == quote``) holds by construction; it is also asserted.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import TOOL_NAME, __version__
from .offsets import IDENTITY, OffsetMap
from .rules import KINDS
from .spans import LineIndex

if TYPE_CHECKING:  # annotations only: reading a saved report (report show) needs no pipeline
    from .assess import Assessment
    from .extract import Claim
    from .registry import Registry
    from .source import Source

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


def claim_record(claim: Claim, assessment: Assessment, registry: Registry, text: str, lines: LineIndex,
                 offsets: OffsetMap = IDENTITY) -> dict[str, Any]:
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
    start, end = offsets.span(claim.start, claim.end)
    return {
        "id": claim.id,
        "span": lines.span(start, end),
        "quote": text[start:end],
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
        "relation": claim.relation,
        "outcomes": list(claim.outcomes),
        "verdict": assessment.verdict,
        "reasons": list(assessment.reasons),
        "grounds": list(assessment.grounds),
        "match": match,
        "evidence": [_evidence(c, registry) for c in assessment.used],
        "suggested_wording": wording,
    }


def finding_record(number: int, finding: Finding, text: str, lines: LineIndex, offsets: OffsetMap = IDENTITY) -> dict[str, Any]:
    has_span = finding.start is not None and finding.end is not None
    start, end = offsets.span(finding.start, finding.end) if has_span else (None, None)
    record: dict[str, Any] = {
        "id": f"F{number:03d}",
        "code": finding.code,
        "rule": finding.rule,
        "kind": finding.kind,
        "severity": finding.severity,
        "span": lines.span(start, end) if has_span else None,
        "quote": text[start:end] if has_span else None,
        "message": finding.message,
        "claim_id": finding.claim_id,
    }
    if finding.detail:
        record["detail"] = list(finding.detail)
    if finding.related:
        record["related"] = [lines.span(*offsets.span(s, e)) for s, e in finding.related]
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
    offsets: OffsetMap = IDENTITY,
) -> dict[str, Any]:
    """The report; ``offsets`` maps the analysed offsets of claims and findings to the original."""
    lines = LineIndex(source.text)
    claim_records = [claim_record(c, a, registry, source.text, lines, offsets) for c, a in zip(claims, assessments)]
    ordered = sorted(findings, key=Finding.sort_key)
    finding_records = [finding_record(i, f, source.text, lines, offsets) for i, f in enumerate(ordered, 1)]
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


class Report(Mapping[str, Any]):
    """One article's report, as :class:`factcheck.Checker` returns it.

    A read-only mapping over the report's JSON object (``report["findings"]``), with
    :meth:`to_dict` for a copy to change and :meth:`to_json` for the exact text
    ``factcheck check FILE --format json`` writes for the same article.
    """

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]):
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        summary = self._data.get("summary", {})
        return f"<Report {self.path!r}: {summary.get('claims')} claims, {summary.get('findings')} findings>"

    @property
    def path(self) -> str:
        """The article's path as given (the display name for text that came from no file)."""
        return self._data["input"]["path"]

    @property
    def claims(self) -> list[dict[str, Any]]:
        return self._data["claims"]

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self._data["findings"]

    @property
    def summary(self) -> dict[str, Any]:
        return self._data["summary"]

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the report as plain JSON-ready data (valid against ``report.schema.json``)."""
        return copy.deepcopy(self._data)

    def to_json(self) -> str:
        """Deterministic JSON, byte-identical to the CLI's ``--format json`` for one article."""
        return to_json(self._data)
