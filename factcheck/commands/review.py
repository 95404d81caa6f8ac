"""``factcheck review apply``: record the review page's triage decisions for CI."""

from __future__ import annotations

import click

from factcheck.commands.common import HelpGroup, guarded


@click.group("review", cls=HelpGroup)
def review_group() -> None:
    """Apply the decisions editors made on the review page."""


@review_group.command("apply")
@click.argument("decisions_file", metavar="DECISIONS", type=click.Path(dir_okay=False))
@click.option("--baseline", "baseline_file", default=".factcheck-baseline.json", show_default=True, metavar="FILE",
              help="The baseline to add dismissed findings to (created if missing).")
@guarded
def apply_command(decisions_file, baseline_file):
    """Add the dismissed findings in DECISIONS (exported from the review page) to a baseline.

    The next `factcheck check --baseline FILE` then passes over them, while new findings
    still fail. Accepted and fixed findings are left alone: they fail until the text changes.
    """
    from factcheck.baseline import dump
    from factcheck.decisions import apply, load_decisions, read_baseline
    from factcheck.outputs import write_output

    decisions = load_decisions(decisions_file)
    tally, reasons = read_baseline(baseline_file)
    merged, reasons, outcome = apply(decisions, tally, reasons)
    write_output(dump(merged, reasons), baseline_file)
    added = sum(merged.values()) - sum(tally.values())
    click.echo(
        f"factcheck: {baseline_file}: {added} dismissed finding{'s' if added != 1 else ''} added "
        f"({outcome['dismissed']} dismissed, {outcome['accepted']} accepted, {outcome['fixed']} fixed in {decisions_file})"
    )
