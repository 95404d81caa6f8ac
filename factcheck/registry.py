"""The evidence registry: loading, validation and lookup.

A registry directory holds ``registry.yaml`` (its manifest), ``bibliography.yaml``
(the sources) and any number of entry files, in sub-folders too. Every file is
validated against ``registry.schema.json``; errors name the file, the line and the
field as a JSON pointer. Several directories may be combined (the bundled registry
plus a team's own); ids must be unique across all of them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import yaml

from .errors import RegistryError
from .regex_safety import find_regexes, regex_problem
from .resources import bundled_registry_dir, schema
from .yamlsafe import compose_yaml, load_yaml

VERDICTS = ("supported", "mixed", "unsupported", "refuted")


@dataclass(frozen=True)
class Scope:
    facet: str
    literal: str
    cues: tuple[Any, ...]


def source_link(fields: Mapping[str, Any]) -> str:
    """Where a reader can open a source: its DOI, else its PubMed page, else its URL."""
    if fields.get("doi"):
        return f"https://doi.org/{fields['doi']}"
    if fields.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{fields['pmid']}/"
    return fields.get("url") or ""


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    citation: str
    status: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    finding: str | None = None
    year: int | None = None

    def link(self) -> str | None:
        return source_link({"doi": self.doi, "pmid": self.pmid, "url": self.url}) or None

    def as_report(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "citation": self.citation, "kind": self.kind, "status": self.status}
        for key in ("doi", "pmid", "url"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    theme: str
    statement: str
    verdict: str
    certainty: str
    scope: tuple[Scope, ...]
    categories: tuple[str, ...]
    treatments: tuple[str, ...]
    conditions: tuple[str, ...]
    patterns: tuple[Any, ...]
    sources: tuple[str, ...]
    suggested_wording: str
    reviewed: str
    review_by: str | None
    examples_match: tuple[tuple[str, str | None], ...]
    examples_no_match: tuple[str, ...]
    claim: str | None = None
    figures: tuple[dict[str, Any], ...] = ()  # rates the sources report (quantity, value, population, timeframe, source)
    file: str = ""
    pointer: str = ""
    path: str = ""


@dataclass
class Registry:
    ids: tuple[str, ...]
    version: str
    sha256: str
    entries: dict[str, Entry]
    sources: dict[str, Source]
    topics: dict[str, str] = field(default_factory=dict)
    directories: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return "+".join(self.ids)

    def overdue(self, today: date) -> list[Entry]:
        return [e for e in self.entries.values() if e.review_by and e.review_by < today.isoformat()]


def _line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (a JSON pointer's parts)."""
    current = node
    for part in path:
        if isinstance(current, yaml.MappingNode):
            current = next((v for k, v in current.value if k.value == part), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
            current = current.value[part]
        else:
            break
        if current is None:
            break
    target = current or node
    return target.start_mark.line + 1 if target is not None else None


def pointer(path) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


def load_file(path: Path, shown: str, validate: bool = True) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RegistryError(shown, "not valid UTF-8") from None
    except OSError as exc:
        raise RegistryError(shown, f"cannot be read ({exc.strerror or exc})") from None
    data = load_yaml(text, shown, RegistryError)
    if not isinstance(data, dict):
        raise RegistryError(shown, "line 1: expected a mapping with one of the keys manifest, entries or sources")
    if not validate:
        return data
    import jsonschema  # noqa: PLC0415 - only when validating: it costs a twentieth of a second to import

    errors = sorted(
        jsonschema.Draft202012Validator(schema("registry")).iter_errors(data),
        key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))),
    )
    if errors:
        error = max(errors, key=lambda e: len(list(e.absolute_path)))
        path_parts = list(error.absolute_path)
        line = _line_of(compose_yaml(text), path_parts)
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        raise RegistryError(shown, f"line {line}: {pointer(path_parts)}: {message}")
    for parts, regex in find_regexes(data):
        problem = regex_problem(regex)
        if problem:
            line = _line_of(compose_yaml(text), list(parts))
            raise RegistryError(shown, f"line {line}: {pointer(parts)}: {problem}")
    return data


def _example(item: Any) -> tuple[str, str | None]:
    return (item, None) if isinstance(item, str) else (item["text"], item.get("verdict"))


def _entry(raw: dict[str, Any], shown: str, index: int, path: Path) -> Entry:
    match = raw["match"]
    return Entry(
        id=raw["id"],
        topic=raw["topic"],
        theme=raw["theme"],
        statement=" ".join(raw["statement"].split()),
        verdict=raw["verdict"],
        certainty=raw["certainty"],
        scope=tuple(Scope(s["facet"], s["literal"], tuple(s["cues"])) for s in raw.get("scope", [])),
        categories=tuple(match.get("categories") or [raw["theme"]]),
        treatments=tuple(match.get("treatments", [])),
        conditions=tuple(match.get("conditions", [])),
        patterns=tuple(match["patterns"]),
        sources=tuple(raw["sources"]),
        suggested_wording=" ".join(raw["suggested_wording"].split()),
        reviewed=str(raw["reviewed"]),
        review_by=str(raw["review_by"]) if raw.get("review_by") else None,
        examples_match=tuple(_example(e) for e in raw["examples"]["match"]),
        examples_no_match=tuple(raw["examples"]["no_match"]),
        claim=raw.get("claim"),
        figures=tuple(dict(f) for f in raw.get("figures", [])),
        file=shown,
        pointer=f"/entries/{index}",
        path=str(path),
    )


def _source(raw: dict[str, Any]) -> Source:
    return Source(
        id=raw["id"], kind=raw["kind"], citation=" ".join(raw["citation"].split()), status=raw["status"],
        doi=raw.get("doi"), pmid=raw.get("pmid"), url=raw.get("url"), finding=raw.get("finding"), year=raw.get("year"),
    )


def registry_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_registry(
    directories: list[str | Path] | None = None, include_bundled: bool = True, validate_bundled: bool = False
) -> Registry:
    """Load and cross-check the registry from ``directories`` (bundled one first unless excluded).

    Every file of a user's registry is validated against the schema. The bundled
    registry was validated when the package was tested (``tests/test_registry.py``,
    ``factcheck registry validate``), so a check skips its schema pass unless asked;
    ids and source references are cross-checked either way.
    """
    dirs: list[Path] = [bundled_registry_dir()] if include_bundled else []
    dirs += [Path(d) for d in directories or []]
    if not dirs:
        raise RegistryError(None, "no registry directory given")
    digest = hashlib.sha256()
    ids: list[str] = []
    versions: list[str] = []
    topics: dict[str, str] = {}
    entries: dict[str, Entry] = {}
    sources: dict[str, Source] = {}
    where_entry: dict[str, str] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise RegistryError(str(directory), "registry directory not found")
        files = registry_files(directory)
        if not any(f.name == "registry.yaml" for f in files):
            raise RegistryError(str(directory), "not a registry: registry.yaml (the manifest) is missing")
        for path in files:
            shown = str(path) if directory != dirs[0] or not include_bundled else f"<bundled>/{path.relative_to(directory)}"
            digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes() + b"\0")
            bundled = include_bundled and directory == dirs[0]
            data = load_file(path, shown, validate=validate_bundled or not bundled)
            if "manifest" in data:
                ids.append(data["manifest"]["id"])
                versions.append(data["manifest"]["version"])
                topics.update(data["manifest"].get("topics", {}))
            for raw in data.get("sources", []):
                if raw["id"] in sources:
                    raise RegistryError(shown, f"duplicate source id {raw['id']!r}")
                sources[raw["id"]] = _source(raw)
            for index, raw in enumerate(data.get("entries", [])):
                if raw["id"] in entries:
                    raise RegistryError(shown, f"/entries/{index}/id: duplicate entry id {raw['id']!r} (also in {where_entry[raw['id']]})")
                entries[raw["id"]] = _entry(raw, shown, index, path)
                where_entry[raw["id"]] = shown
    for entry in entries.values():
        for source_id in entry.sources:
            if source_id not in sources:
                raise RegistryError(entry.file, f"{entry.pointer}/sources: unknown source id {source_id!r} in entry {entry.id!r}")
        for i, figure in enumerate(entry.figures):
            if figure["source"] not in entry.sources:
                raise RegistryError(entry.file, f"{entry.pointer}/figures/{i}/source: {figure['source']!r} is not one of the entry's sources")
    return Registry(
        ids=tuple(ids), version="+".join(versions), sha256=digest.hexdigest(), entries=dict(sorted(entries.items())),
        sources=dict(sorted(sources.items())), topics=topics, directories=tuple(str(d) for d in dirs),
    )
