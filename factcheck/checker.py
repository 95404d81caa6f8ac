"""The pipeline end to end: source → prose → NLP → claims → matches → verdicts → report.

:class:`Checker` holds what is built once (the spaCy pipeline, the registry and its
index) and checks any number of articles with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .article_checks import check_article
from .assess import Assessment, assess
from .extract import Claim, Sentence, extract_claims, main_treatment, sentences_of
from .lexicon import bundled_lexicon
from .load import load_prose
from .match import BlockHits, RegistryIndex
from .obfuscation import check_obfuscation
from .nlp import get_pipeline
from .prose import BOILERPLATE, HEADING, Prose
from .registry import Registry, load_registry
from .report import Finding, build_report
from .rules import UNLOCATED_CITATION_RULE, VERDICT_RULES, rule
from .source import Source, source_from_bytes

PIPE_BATCH = 256


@dataclass
class Analysis:
    """Everything the stages found in one article, for the report and the article-level checks."""

    source: Source
    prose: Prose
    sentences: list[Sentence]
    main_treatment: str | None
    claims: list[Claim]
    assessments: list[Assessment]
    hits: dict[int, BlockHits] = field(default_factory=dict)


def claim_findings(claims: list[Claim], assessments: list[Assessment]) -> list[Finding]:
    findings = []
    for claim, assessment in zip(claims, assessments):
        if assessment.verdict == "supported":
            continue
        code = UNLOCATED_CITATION_RULE if assessment.unlocated_citation else VERDICT_RULES[assessment.verdict]
        meta = rule(code)
        headline = meta.message.split(":", 1)[0]
        message = f"{headline}: {'; '.join(assessment.reasons)}" if assessment.reasons else meta.message
        findings.append(
            Finding(code=code, rule=meta.name, kind=meta.kind, severity=meta.severity, message=message,
                    start=claim.start, end=claim.end, claim_id=claim.id)
        )
    return findings


def section_scopes(prose: Prose, hits: dict[int, BlockHits]) -> dict[int, frozenset]:
    """For each heading, the scope cues found in its section (the blocks up to the next heading).

    A heading such as "Rapid Relief From Symptoms" speaks for the section under it, so
    the qualifiers that section states count as kept for the heading's claim."""
    scopes: dict[int, frozenset] = {}
    current: int | None = None
    for index, block in enumerate(prose.blocks):
        if block.kind == HEADING:
            current = index
            scopes[current] = hits[index].scope_keys if index in hits else frozenset()
        elif current is not None and index in hits:
            scopes[current] = scopes[current] | hits[index].scope_keys
    return scopes


class Checker:
    """Checks articles against a registry; build once, call :meth:`check` many times."""

    def __init__(self, registry_dirs: list[str] | None = None, include_bundled: bool = True, registry: Registry | None = None):
        self.nlp = get_pipeline()
        self.registry = registry or load_registry(registry_dirs, include_bundled=include_bundled)
        self.index = RegistryIndex(self.registry, self.nlp)
        self.conditions = bundled_lexicon("conditions")
        self.article_checks = [check_article, check_obfuscation]

    def analyse(self, source: Source) -> Analysis:
        prose = load_prose(source)
        analysed = [(i, b) for i, b in enumerate(prose.blocks) if b.kind != BOILERPLATE]
        texts = (prose.block_text(b) for _, b in analysed)
        sentences: list[Sentence] = []
        hits: dict[int, BlockHits] = {}
        for (index, block), doc in zip(analysed, self.nlp.pipe(texts, batch_size=PIPE_BATCH)):
            sentences.extend(sentences_of(doc, block, index))
            hits[index] = self.index.scan(doc, block.start)
        main = main_treatment(sentences)
        claims = extract_claims(sentences, main)
        scopes = section_scopes(prose, hits)
        lead_in_block = {s.start: s.block_index for s in sentences}
        assessments = []
        for c in claims:
            scope = scopes.get(c.sentence.block_index)
            if c.inherited_from is not None and c.inherited_from in lead_in_block:
                # a bullet speaks with its lead-in: the qualifiers stated there count
                scope = hits[c.sentence.block_index].scope_keys | hits[lead_in_block[c.inherited_from]].scope_keys
            candidates = self.index.candidates(c, hits[c.sentence.block_index], scope)
            assessments.append(assess(c, candidates, self.registry, self.conditions))
        return Analysis(source, prose, sentences, main, claims, assessments, hits)

    def check(self, source: Source) -> dict[str, Any]:
        """The report (a dict valid against report.schema.json) for one article."""
        analysis = self.analyse(source)
        findings = claim_findings(analysis.claims, analysis.assessments)
        scorecard = None
        for check in self.article_checks:
            more, card = check(analysis)
            findings.extend(more)
            if card is not None:
                scorecard = (scorecard or []) + card
        return build_report(source, self.registry, analysis.claims, analysis.assessments, findings, scorecard,
                            offsets=analysis.prose.offsets)

    def check_text(self, text: str, path: str = "<text>", fmt: str = "txt") -> dict[str, Any]:
        return self.check(source_from_bytes(text.encode("utf-8"), path, fmt))
