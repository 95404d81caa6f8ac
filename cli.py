"""The ``factcheck`` command: a click app over the :mod:`factcheck` library.

Exit codes: 0 when nothing reaches ``--fail-on``; 1 when something does; 2 on usage,
input, registry or output errors. Errors are one line on standard error naming the
file and the problem; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
from functools import wraps
from pathlib import Path

import click

from factcheck import __version__
from factcheck.errors import FactcheckError, InputError

from factcheck.commands.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail as _fail, guarded  # noqa: F401

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _color_wanted(output: str | None) -> bool:
    return output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check the health claims in articles against a curated evidence registry.

    factcheck reports what the evidence supports, what is overstated, unsupported or
    unverified, and which statements are promotion. It gives no medical advice.
    """
    ctx.ensure_object(dict)["debug"] = debug


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here (atomically) instead of standard output.")
@click.option("--registry", "registries", multiple=True, type=click.Path(file_okay=False), help="Add a registry directory (repeatable).")
@click.option("--no-bundled-registry", is_flag=True, help="Use only the --registry directories.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True, help="Lowest severity shown in text output.")
@click.option("--stdin-filename", help="Name (and so format) for the article read from '-'.")
@click.option("--max-bytes", type=click.IntRange(min=0), default=10 * 1024 * 1024, show_default=True, help="Refuse larger files (0: no limit).")
@guarded
def check(paths, fmt, output, registries, no_bundled_registry, fail_on, min_severity, stdin_filename, max_bytes):
    """Check articles (.txt, .md, .html; '-' for standard input; directories recursively)."""
    from factcheck.checker import Checker
    from factcheck.formats import RenderOptions, render
    from factcheck.inputs import STDIN, expand
    from factcheck.outputs import write_output
    from factcheck.source import format_for, read_source, source_from_bytes

    if no_bundled_registry and not registries:
        raise click.UsageError("--no-bundled-registry needs at least one --registry")
    checker = Checker(list(registries), include_bundled=not no_bundled_registry)
    reports, failed = [], False
    for target in expand(list(paths)):
        try:
            if target.problem:
                raise InputError(target.path, target.problem)
            if target.path == STDIN:
                name = stdin_filename or "<stdin>"
                source = source_from_bytes(sys.stdin.buffer.read(), name, format_for(name), max_bytes)
            else:
                source = read_source(target.path, max_bytes=max_bytes)
        except InputError as exc:
            _fail(exc.one_line())
            failed = True
            continue
        reports.append(checker.check(source))
    if reports:
        options = RenderOptions(color=_color_wanted(output), min_severity=min_severity)
        write_output(render(fmt, reports, options), output)
    if failed:
        sys.exit(EXIT_ERROR)
    if fail_on != "never":
        worst = max((SEVERITY_RANK[f["severity"]] for r in reports for f in r["findings"]), default=-1)
        if worst >= SEVERITY_RANK[fail_on]:
            sys.exit(EXIT_FINDINGS)


@main.group()
def report() -> None:
    """Work with saved JSON reports."""


@report.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@guarded
def report_validate(files):
    """Validate saved JSON reports against report.schema.json."""
    from factcheck.validate import validate_report_file

    bad = 0
    for file in files:
        problems = validate_report_file(file)
        for problem in problems:
            _fail(problem)
        bad += bool(problems)
        if not problems:
            click.echo(f"{file}: valid")
    if bad:
        sys.exit(EXIT_ERROR)


@main.command()
@click.argument("name", type=click.Choice(["report", "registry", "lexicon", "gold"]))
@guarded
def schema(name):
    """Print a JSON Schema shipped with factcheck."""
    from factcheck.resources import schema as load_schema

    click.echo(json.dumps(load_schema(name), indent=2, ensure_ascii=False))


# --- commands defined in factcheck/commands/ (one add_command line each) ---
from factcheck.commands.registry import registry_group  # noqa: E402

main.add_command(registry_group)
from factcheck.commands.eval import eval_command  # noqa: E402

main.add_command(eval_command)


if __name__ == "__main__":  # pragma: no cover
    main()
