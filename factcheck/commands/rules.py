"""``factcheck rules``: list the rule catalogue, explain one rule, or print docs/rules.md."""

from __future__ import annotations

import click

from factcheck.commands.common import guarded


@click.command("rules")
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as Markdown (the source of docs/rules.md).")
@guarded
def rules_command(code, markdown):
    """List every rule, or explain the rule CODE (such as HC201)."""
    from factcheck.errors import FactcheckError
    from factcheck.rules import all_rules
    from factcheck.rules_doc import render_rule_markdown, render_rule_text, render_rules_markdown

    rules = all_rules()
    if code is None:
        if markdown:
            click.echo(render_rules_markdown(), nl=False)
        else:
            click.echo("\n".join(f"{r.code}  {r.severity:<7}  {r.name:<26}  {r.message}" for r in rules))
        return
    found = [r for r in rules if r.code.upper() == code.upper()]
    if not found:
        raise FactcheckError(code, f"no such rule (known: {', '.join(r.code for r in rules)})")
    click.echo("\n".join(render_rule_markdown(found[0])) if markdown else render_rule_text(found[0]))
