"""The ``factcheck`` command: a click app over the :mod:`factcheck` library.

Exit codes: 0 when nothing reaches ``--fail-on``; 1 when something does; 2 on usage,
input, registry or output errors. Errors are one line on standard error naming the
file and the problem; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from factcheck import __version__
from factcheck.commands.common import EXIT_ERROR, EXIT_FINDINGS, fail as _fail, guarded

from factcheck.rules import SEVERITY_RANK, code_problem


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


FORMAT_NAMES = ["text", "json", "jsonl", "sarif", "github", "html", "markdown"]


def _codes(values) -> tuple[str, ...]:
    """Rule codes or prefixes from repeatable, comma-separated options."""
    out = []
    for value in values or ():
        for part in value.replace(",", " ").split():
            problem = code_problem(part)
            if problem:
                raise click.BadParameter(problem)
            out.append(part.strip().upper())
    return tuple(out)


def _severities(values) -> dict[str, str]:
    out = {}
    for value in values or ():
        code, sep, level = value.partition("=")
        if not sep or level not in SEVERITY_RANK:
            raise click.BadParameter(f"{value!r}: expected CODE=LEVEL, e.g. HC103=warning")
        problem = code_problem(code)
        if problem:
            raise click.BadParameter(f"{value!r}: {problem}")
        out[code.strip().upper()] = level
    return out


def _progress(done: int, total: int, path: str) -> None:
    width = 24
    filled = width * done // total
    name = path if len(path) <= 40 else "…" + path[-39:]
    sys.stderr.write(f"\r\x1b[2K[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}")
    sys.stderr.flush()


def _config_options(command):
    command = click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file (no discovery).")(command)
    command = click.option("--isolated", is_flag=True, help="Ignore configuration files.")(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of standard output.")
@click.option("--registry", "registries", multiple=True, type=click.Path(file_okay=False), help="Add a registry directory (repeatable).")
@click.option("--no-bundled-registry", is_flag=True, default=None, help="Use only the --registry directories.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), help="Lowest severity shown (json/jsonl always hold everything) [default: info].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (errors still exit 2).")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Not these rule codes or prefixes (comma-separated, repeatable).")
@click.option("--severity", "severities", multiple=True, metavar="CODE=LEVEL", help="Override a rule's severity (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching this glob (repeatable).")
@_config_options
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Only findings not in this baseline fail the run.")
@click.option("--write-baseline", metavar="FILE", help="Write the findings to this baseline file (the run then exits 0 unless an input failed).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes, at most the number of cores; one when there is little text to check [default: number of cores].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; text output shows only the finding lines.")
@click.option("--rules-url", help="URL of docs/rules.md for SARIF helpUri.")
@click.option("--stdin-filename", help="Name (and so format) for the article read from '-'.")
@click.option("--max-bytes", type=click.IntRange(min=0), default=10 * 1024 * 1024, show_default=True, help="Refuse larger files (0: no limit).")
@guarded
def check(paths, fmt, output, registries, no_bundled_registry, fail_on, min_severity, exit_zero, select, ignore, severities,
          exclude, config_file, isolated, baseline_file, write_baseline, jobs, quiet, rules_url, stdin_filename, max_bytes):
    """Check articles (.txt, .md, .html; '-' for standard input; directories recursively; globs).

    Settings come from --config FILE, else the nearest .factcheck.toml, pyproject.toml
    [tool.factcheck] or setup.cfg [factcheck]; flags override them (see `factcheck config`).
    """
    from factcheck import baseline as baselines
    from factcheck.config import resolve
    from factcheck.formats import NEEDS_TEXT, RenderOptions, render_iter
    from factcheck.inputs import expand
    from factcheck.outputs import OutputStream, refuse_overwriting_inputs, write_output
    from factcheck.parallel import CheckerSpec, make_jobs, run, worker_count
    from factcheck.suppress import Policy

    config = resolve(list(paths), config_file, isolated)
    config.override("registry", list(registries), "--registry")
    config.override("bundled-registry", False if no_bundled_registry else None, "--no-bundled-registry")
    config.override("fail-on", fail_on, "--fail-on")
    config.override("min-severity", min_severity, "--min-severity")
    config.override("select", list(_codes(select)), "--select")
    config.override("ignore", list(_codes(ignore)), "--ignore")
    config.override("severity", {**config["severity"], **_severities(severities)} if severities else None, "--severity")
    config.override("exclude", list(config["exclude"]) + list(exclude) if exclude else None, "--exclude")
    config.override("rules-url", rules_url, "--rules-url")
    if not config["bundled-registry"] and not config["registry"]:
        raise click.UsageError("--no-bundled-registry needs at least one --registry")

    previous = baselines.load(baseline_file) if baseline_file else None
    targets = expand(list(paths), config["include"], config["exclude"], config.root)
    refuse_overwriting_inputs(
        {"--output": output, "--write-baseline": write_baseline}, [t.path for t in targets if not t.problem and t.path != "-"]
    )
    stdin_cache: list[bytes] = []

    def stdin_data() -> bytes:
        if not stdin_cache:
            stdin_cache.append(sys.stdin.buffer.read())
        return stdin_cache[0]

    job_list = make_jobs([(t.path, t.problem) for t in targets], stdin_filename or "<stdin>", stdin_data, max_bytes)
    policy = Policy(tuple(config["select"]), tuple(config["ignore"]), dict(config["severity"]))
    spec = CheckerSpec(tuple(config["registry"]), bool(config["bundled-registry"]))
    keep_text = fmt in NEEDS_TEXT
    show_progress = len(job_list) > 1 and not quiet and sys.stderr.isatty()
    sources: dict[str, str] = {}
    state = {"failed": False, "worst": -1, "done": 0}
    tally = baselines.counts([])

    def reports():
        for outcome in run(job_list, spec, policy, worker_count(jobs, job_list), keep_text):
            state["done"] += 1
            if show_progress:
                _progress(state["done"], len(job_list), outcome.path)
            if outcome.error:
                if show_progress:
                    sys.stderr.write("\r\x1b[2K")
                _fail(outcome.error)
                state["failed"] = True
                continue
            report = outcome.report
            if previous is not None:
                baselines.mark(report, previous)
            if write_baseline:
                tally.update(baselines.counts([report]))
            if outcome.text is not None:
                sources[report["input"]["path"]] = outcome.text
            for finding in report["findings"]:
                if finding.get("baseline") != "unchanged":
                    state["worst"] = max(state["worst"], SEVERITY_RANK[finding["severity"]])
            yield report

    options = RenderOptions(
        color=_color_wanted(output), min_severity=config["min-severity"], quiet=quiet, sources=sources,
        baseline=previous is not None, rules_url=config["rules-url"],
    )
    with OutputStream(output) as stream:
        for chunk in render_iter(fmt, reports(), options):
            stream.write(chunk)
        if show_progress:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
        if stream.written:
            stream.commit()
        else:
            stream.discard()
    if write_baseline and not state["failed"]:  # a partial baseline would make the missing files' findings new
        write_output(baselines.dump(tally), write_baseline)
        if not quiet:
            click.echo(f"factcheck: wrote baseline {write_baseline} ({sum(tally.values())} findings)", err=True)
    if state["failed"]:
        sys.exit(EXIT_ERROR)
    if exit_zero or (write_baseline and previous is None):
        return
    threshold = config["fail-on"]
    if threshold != "never" and state["worst"] >= SEVERITY_RANK[threshold]:
        sys.exit(EXIT_FINDINGS)


@main.command("config")
@click.argument("paths", nargs=-1)
@_config_options
@guarded
def config_command(paths, config_file, isolated):
    """Print the resolved configuration for PATHS and where each value came from."""
    from factcheck.config import describe, resolve

    click.echo(describe(resolve(list(paths) or ["."], config_file, isolated)), nl=False)


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


@report.command("show")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "html", "markdown", "sarif", "github", "json"]), default="text", show_default=True)
@click.option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of standard output.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True)
@guarded
def report_show(file, fmt, output, min_severity):
    """Render a saved JSON report (or set) in another format.

    For html the article text is shown when its file still exists (at the recorded path,
    or relative to the report) and its sha256 matches; otherwise the page lists the claims
    without the article body.
    """
    from factcheck.commands.report_tools import article_text, load_reports
    from factcheck.formats import RenderOptions, render
    from factcheck.outputs import refuse_overwriting_inputs, write_output

    refuse_overwriting_inputs({"--output": output}, [file])
    reports = load_reports(file)
    sources = {}
    if fmt == "html":
        for r in reports:
            text = article_text(r, Path(file).parent)
            if text is not None:
                sources[r["input"]["path"]] = text
    baseline = any("baseline" in f for r in reports for f in r["findings"])
    options = RenderOptions(color=_color_wanted(output), min_severity=min_severity, sources=sources, baseline=baseline)
    write_output(render(fmt, reports, options), output)


@report.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def report_diff(old, new, fmt):
    """Compare two saved reports: fixed, new and unchanged findings.

    Findings are matched by (path, rule code, normalised quote), as baselines are, so
    moved text is unchanged. Exit code 1 when there are new findings, else 0.
    """
    from factcheck.commands.report_tools import diff, diff_json, diff_text, load_reports

    result = diff(load_reports(old), load_reports(new))
    click.echo(diff_json(result) if fmt == "json" else diff_text(result), nl=False)
    if result["new"]:
        sys.exit(EXIT_FINDINGS)


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
from factcheck.commands.rules import rules_command  # noqa: E402

main.add_command(rules_command)


if __name__ == "__main__":  # pragma: no cover
    main()
