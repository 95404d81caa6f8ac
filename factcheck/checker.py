"""The pipeline end to end: source → prose → NLP → claims → matches → verdicts → report.

:class:`Checker` holds what is built once (the spaCy pipeline, the registry and its
index) and checks any number of articles with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import ReportCache, cache_directory, cache_key, config_digest
from .config import Config
from .errors import RegistryError
from .load import load_prose
from .obfuscation import check_obfuscation
from .prose import BOILERPLATE, HEADING, Prose
from .registry import Registry, load_registry, registry_digest, registry_directories
from .report import Finding, Report, build_report
from .rules import UNLOCATED_CITATION_RULE, VERDICT_RULES, rule
from .source import FORMATS_BY_SUFFIX, Source, source_from_bytes
from .suppress import Policy, check_source

if TYPE_CHECKING:
    # The spaCy stages are imported when the checker is built (``Checker._build``), so
    # a run whose reports all come from the cache never imports spaCy.
    from spacy.language import Language

    from .assess import Assessment
    from .extract import Claim, Sentence
    from .match import BlockHits, RegistryIndex

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
        code = assessment.rule_code or (UNLOCATED_CITATION_RULE if assessment.unlocated_citation else VERDICT_RULES[assessment.verdict])
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
    """Checks articles against a registry: build once, then check any number of articles.

    Building loads the registry and compiles the spaCy pipeline and every registry
    pattern (about a second); checking is then a pure function of the article's
    text and format, the registry and the configuration (``policy``), so one
    checker serves many threads (they take turns on the spaCy pipeline, see
    :func:`factcheck.nlp.pipeline_lock`) and a process pool builds one per worker.

    >>> checker = Checker()
    >>> report = checker.check_text("Ketamine cures depression in every patient.")
    >>> report["claims"][0]["verdict"]
    'unsupported'

    ``registry_dirs`` adds registry directories to the bundled one (or replaces it
    with ``include_bundled=False``); ``policy`` is the rule selection and severities
    of a configuration (:meth:`from_config` reads them from ``.factcheck.toml``);
    ``cache_dir`` turns on the report cache (:mod:`factcheck.cache`). With a cache,
    the pipeline is built on the first miss, so a run that only hits never builds it.
    """

    def __init__(
        self,
        registry_dirs: list[str] | None = None,
        include_bundled: bool = True,
        registry: Registry | None = None,
        *,
        policy: Policy | None = None,
        cache_dir: str | Path | None = None,
    ):
        self.registry_dirs = [str(d) for d in registry_dirs or []]
        self.include_bundled = include_bundled
        self.policy = policy or Policy()
        self.cache = ReportCache(cache_dir) if cache_dir is not None else None
        self._registry = registry
        self._built: tuple[Language, RegistryIndex] | None = None
        self._registry_sha256 = registry.sha256 if registry is not None else None
        self._config_sha256 = config_digest(self.policy.select, self.policy.ignore, self.policy.severity)
        if self.cache is None:
            self._build()

    @classmethod
    def from_config(cls, config: Config, *, cache: bool = False) -> "Checker":
        """A checker for a resolved configuration (see :func:`factcheck.config.resolve`)."""
        policy = Policy(tuple(config["select"]), tuple(config["ignore"]), dict(config["severity"]))
        cache_dir = cache_directory(config) if cache and config["cache"] else None
        return cls(list(config["registry"]), bool(config["bundled-registry"]), policy=policy, cache_dir=cache_dir)

    def _build(self) -> tuple[Language, RegistryIndex]:
        if self._built is None:
            from .match import RegistryIndex
            from .nlp import get_pipeline

            nlp = get_pipeline()
            if self._registry is None:
                registry = load_registry(self.registry_dirs, include_bundled=self.include_bundled)
                if self._registry_sha256 is not None and registry.sha256 != self._registry_sha256:
                    raise RegistryError(None, "the registry changed while articles were being checked; run again")
                self._registry = registry
                self._registry_sha256 = registry.sha256
            self._built = (nlp, RegistryIndex(self._registry, nlp))
        return self._built

    @property
    def nlp(self) -> Language:
        return self._build()[0]

    @property
    def index(self) -> RegistryIndex:
        return self._build()[1]

    @property
    def registry(self) -> Registry:
        self._build()
        assert self._registry is not None
        return self._registry

    @property
    def registry_sha256(self) -> str:
        """The registry's sha256 (computed from its files, without loading it, when a cache needs only that)."""
        if self._registry_sha256 is None:
            self._registry_sha256 = registry_digest(registry_directories(self.registry_dirs, self.include_bundled))
        return self._registry_sha256

    @property
    def config_sha256(self) -> str:
        """sha256 of the settings that shape findings (part of every cache key)."""
        return self._config_sha256

    def analyse(self, source: Source) -> Analysis:
        """What every stage found in ``source`` (the article as the checker sees it)."""
        from .assess import assess
        from .extract import extract_claims, main_treatment, sentences_of
        from .lexicon import bundled_lexicon
        from .nlp import pipeline_lock

        nlp, index = self._build()
        prose = load_prose(source)
        analysed = [(i, b) for i, b in enumerate(prose.blocks) if b.kind != BOILERPLATE]
        texts = (prose.block_text(b) for _, b in analysed)
        sentences: list[Sentence] = []
        hits: dict[int, BlockHits] = {}
        with pipeline_lock():
            for (index_, block), doc in zip(analysed, nlp.pipe(texts, batch_size=PIPE_BATCH)):
                sentences.extend(sentences_of(doc, block, index_))
                hits[index_] = index.scan(doc, block.start)
        main = main_treatment(sentences)
        claims = extract_claims(sentences, main)
        scopes = section_scopes(prose, hits)
        lead_in_block = {s.start: s.block_index for s in sentences}
        assessments = []
        conditions = bundled_lexicon("conditions")
        for c in claims:
            scope = scopes.get(c.sentence.block_index)
            if c.inherited_from is not None and c.inherited_from in lead_in_block:
                # a bullet speaks with its lead-in: the qualifiers stated there count
                scope = hits[c.sentence.block_index].scope_keys | hits[lead_in_block[c.inherited_from]].scope_keys
            candidates = index.candidates(c, hits[c.sentence.block_index], scope)
            assessments.append(assess(c, candidates, self.registry, conditions))
        return Analysis(source, prose, sentences, main, claims, assessments, hits)

    def check(self, source: Source) -> dict[str, Any]:
        """The bare report for one article (a dict valid against report.schema.json), before the
        policy and suppression comments are applied (what evaluation scores); see :meth:`report`."""
        analysis = self.analyse(source)
        findings = claim_findings(analysis.claims, analysis.assessments)
        scorecard = None
        from .article_checks import check_article

        for check in (check_article, check_obfuscation):
            more, card = check(analysis)
            findings.extend(more)
            if card is not None:
                scorecard = (scorecard or []) + card
        return build_report(source, self.registry, analysis.claims, analysis.assessments, findings, scorecard,
                            offsets=analysis.prose.offsets)

    def cache_key(self, source: Source) -> str:
        return cache_key(source.sha256, source.format, self.registry_sha256, self.config_sha256)

    def report(self, source: Source) -> dict[str, Any]:
        """What ``factcheck check`` reports for ``source``: the policy and the article's suppression
        comments applied, read from the cache when it holds this article's report."""
        if self.cache is None:
            return check_source(self, source, self.policy)
        key = self.cache_key(source)
        cached = self.cache.get(key)
        if cached is not None:
            cached["input"]["path"] = source.path
            return cached
        report = check_source(self, source, self.policy)
        self.cache.put(key, report)
        return report

    def check_source(self, source: Source) -> Report:
        """:meth:`report` as a :class:`~factcheck.report.Report`."""
        return Report(self.report(source))

    def check_text(self, text: str, *, format: str = "txt", path: str | None = None) -> Report:
        """Check an article given as a string.

        ``format`` is ``"txt"``, ``"md"`` or ``"html"``; ``path`` is the name the report
        gives the article (default ``"<text>"``). For a file's text read as UTF-8 with
        its line endings kept, ``check_text(text, format="md", path="a.md").to_json()``
        is byte for byte what ``factcheck check a.md --format json`` writes.
        Raises :class:`~factcheck.errors.InputError` for text with nothing to check.
        """
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        return self.check_source(source_from_bytes(text.encode("utf-8"), path or "<text>", format, max_bytes=0))


FORMATS = tuple(dict.fromkeys(FORMATS_BY_SUFFIX.values()))
