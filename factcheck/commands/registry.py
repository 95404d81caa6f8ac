"""``factcheck registry``: tools for the registry's maintainers (validate, list, show, stats)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date

import click

from factcheck.commands.common import guarded


def _load(directories: tuple[str, ...], no_bundled: bool, validate_bundled: bool = False):
    from factcheck.registry import load_registry

    return load_registry(list(directories), include_bundled=not no_bundled, validate_bundled=validate_bundled)


registry_dirs = click.option(
    "--registry", "registries", multiple=True, type=click.Path(file_okay=False), help="Add a registry directory (repeatable)."
)
no_bundled = click.option("--no-bundled-registry", is_flag=True, help="Use only the --registry directories.")


@click.group("registry")
def registry_group() -> None:
    """Validate, list and inspect the evidence registry."""


@registry_group.command("validate")
@click.argument("directories", nargs=-1, type=click.Path(file_okay=False))
@click.option("--skip-examples", is_flag=True, help="Check schema, ids, sources and patterns only.")
@no_bundled
@guarded
def validate(directories, skip_examples, no_bundled_registry):
    """Validate registry DIRECTORIES together with the bundled registry, as they are used.

    With no DIRECTORIES, the bundled registry alone. Checks the schema, unique ids,
    that every source id resolves (a team registry may cite the bundled
    bibliography), that every pattern compiles on the blank pipeline, and that every
    entry's examples behave. Errors name the file, the line and the field (a JSON
    pointer); exit code 2.
    """
    from factcheck.checker import Checker
    from factcheck.registry_check import example_problems

    if no_bundled_registry and not directories:
        raise click.UsageError("--no-bundled-registry needs at least one DIRECTORY")
    registry = _load(directories, no_bundled_registry, validate_bundled=True)
    checker = Checker(registry=registry)  # compiles every pattern
    problems = [] if skip_examples else example_problems(registry, checker)
    for problem in problems:
        click.echo(f"factcheck: error: {problem.one_line()}", err=True)
    examples = sum(len(e.examples_match) + len(e.examples_no_match) for e in registry.entries.values())
    if problems:
        click.echo(f"{len(problems)} problem(s) in {registry.id}", err=True)
        sys.exit(2)
    checked = "" if skip_examples else f", {examples} examples"
    click.echo(f"{registry.id} {registry.version}: valid ({len(registry.entries)} entries, {len(registry.sources)} sources{checked})")


def _entry_row(entry) -> dict:
    return {
        "id": entry.id, "topic": entry.topic, "theme": entry.theme, "verdict": entry.verdict,
        "certainty": entry.certainty, "statement": entry.statement, "sources": list(entry.sources),
    }


@registry_group.command("list")
@click.option("--topic", help="Only entries of this topic.")
@click.option("--verdict", type=click.Choice(["supported", "mixed", "unsupported", "refuted"]), help="Only entries with this verdict.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@registry_dirs
@no_bundled
@guarded
def list_entries(topic, verdict, fmt, registries, no_bundled_registry):
    """List registry entries."""
    registry = _load(registries, no_bundled_registry)
    topics = sorted(set(registry.topics) | {e.topic for e in registry.entries.values()})
    if topic and topic not in topics:
        raise click.BadParameter(f"no topic {topic!r} in {registry.id}; known topics: {', '.join(topics)}", param_hint="'--topic'")
    entries = [e for e in registry.entries.values() if (not topic or e.topic == topic) and (not verdict or e.verdict == verdict)]
    if fmt == "json":
        click.echo(json.dumps([_entry_row(e) for e in entries], indent=2, ensure_ascii=False))
        return
    width = max((len(e.id) for e in entries), default=10)
    for e in entries:
        click.echo(f"{e.id:<{width}}  {e.verdict:<11} {e.certainty:<8}  {e.statement[:90]}")


@registry_group.command("show")
@click.argument("entry_id")
@registry_dirs
@no_bundled
@guarded
def show(entry_id, registries, no_bundled_registry):
    """Show one entry: statement, verdict, certainty, scope, sources and examples."""
    registry = _load(registries, no_bundled_registry)
    entry = registry.entries.get(entry_id)
    if entry is None:
        from factcheck.errors import RegistryError

        close = [i for i in registry.entries if entry_id.split(".")[-1] in i][:5]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise RegistryError(registry.id, f"no entry {entry_id!r}{hint}")
    lines = [
        entry.id, f"  topic: {entry.topic}   theme: {entry.theme}   file: {entry.file}",
        f"  verdict: {entry.verdict}   certainty: {entry.certainty.replace('_', ' ')}",
        f"  statement: {entry.statement}",
    ]
    if entry.claim:
        lines.append(f"  claim as clinics word it: {entry.claim}")
    for scope in entry.scope:
        lines.append(f"  scope ({scope.facet}): {scope.literal}")
    lines.append("  sources:")
    for source_id in entry.sources:
        source = registry.sources[source_id]
        link = source.link() or ""
        lines.append(f"    - [{source.status}] {source.citation} {link}".rstrip())
    lines.append(f"  suggested wording: {entry.suggested_wording}")
    lines.append(f"  reviewed: {entry.reviewed}" + (f"   review by: {entry.review_by}" if entry.review_by else ""))
    lines.append("  must match:")
    lines += [f"    - {t}" + (f"  [{v}]" if v else "") for t, v in entry.examples_match]
    lines.append("  must not match:")
    lines += [f"    - {t}" for t in entry.examples_no_match]
    click.echo("\n".join(lines))


@registry_group.command("stats")
@click.option("--today", help="Date for the review check (YYYY-MM-DD; default: today).")
@registry_dirs
@no_bundled
@guarded
def stats(today, registries, no_bundled_registry):
    """Entries per topic, theme, verdict and certainty; sources per entry; overdue reviews."""
    registry = _load(registries, no_bundled_registry)
    entries = list(registry.entries.values())
    when = date.fromisoformat(today) if today else date.today()
    out = [f"{registry.id} {registry.version}: {len(entries)} entries, {len(registry.sources)} sources"]
    for label, key in (("topic", "topic"), ("theme", "theme"), ("verdict", "verdict"), ("certainty", "certainty")):
        counts = Counter(getattr(e, key) for e in entries)
        out.append(f"  by {label}: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)))
    per_entry = Counter(len(e.sources) for e in entries)
    out.append("  sources per entry: " + ", ".join(f"{n}: {per_entry[n]}" for n in sorted(per_entry)))
    status = Counter(s.status for s in registry.sources.values())
    out.append("  sources by status: " + ", ".join(f"{k} {status[k]}" for k in sorted(status)))
    overdue = registry.overdue(when)
    out.append(f"  past their review date ({when.isoformat()}): {len(overdue)}")
    out += [f"    - {e.id} (review by {e.review_by})" for e in overdue]
    click.echo("\n".join(out))
