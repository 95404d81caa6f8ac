"""``factcheck eval``: score the checker against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factcheck.commands.common import guarded


@click.command("eval")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False), default="corpus/gold", show_default=True, help="Directory of *.gold.json files.")
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="Where 'seeds/…' articles live (default: ../shared/seeds beside the repository).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True)
@click.option("--topic", "topics", multiple=True, help="Only articles whose gold topic is this (repeatable; default: every topic).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--registry", "registries", multiple=True, type=click.Path(file_okay=False), help="Add a registry directory (repeatable).")
@click.option("--errors", is_flag=True, help="List every wrong verdict, grouped by cause (no entry, booster, scope, number, ...).")
@click.option("--external", metavar="SET", help="Score an external development set instead (e.g. fakehealth), per tuning and check half.")
@click.option("--shared", "shared_dir", type=click.Path(file_okay=False), help="Where external sets live (default: ../shared/external beside the repository).")
@guarded
def eval_command(gold_dir, seeds_dir, split, topics, fmt, registries, errors, external, shared_dir):
    """Run the checker on annotated articles and report precision, recall and F1."""
    from factcheck.checker import Checker
    from factcheck.evaluate import evaluate, render_text

    if external:
        from factcheck.eval_external import evaluate_external, render_external_text

        result = evaluate_external(external, Checker(list(registries)), Path(shared_dir) if shared_dir else None)
        click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else render_external_text(result), nl=fmt == "json")
        return

    gold = Path(gold_dir)
    seeds = Path(seeds_dir) if seeds_dir else gold.resolve().parent.parent.parent / "shared" / "seeds"
    result = evaluate(Checker(list(registries)), gold, seeds, split, topics)
    if fmt == "json" and not errors:
        result.pop("errors_by_cause")
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else render_text(result, errors=errors), nl=fmt == "json")
