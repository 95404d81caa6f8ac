"""``factcheck cache``: the report cache (see :mod:`factcheck.cache`)."""

from __future__ import annotations

import os

import click

from factcheck.commands.common import guarded


@click.group("cache")
def cache_group() -> None:
    """The report cache (.factcheck_cache): reports of unchanged articles are reused."""


@cache_group.command("clean")
@click.argument("paths", nargs=-1)
@click.option("--cache-dir", type=click.Path(file_okay=False), help="The cache folder [default: from the configuration].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@guarded
def clean_command(paths, cache_dir, config_file, isolated):
    """Delete the cache folder that `factcheck check PATHS` would use (a folder without the
    cache's CACHEDIR.TAG is refused, never deleted)."""
    from factcheck.cache import cache_directory, clean
    from factcheck.config import resolve

    if cache_dir:
        folder = os.path.abspath(cache_dir)
    else:
        folder = str(cache_directory(resolve(list(paths) or ["."], config_file, isolated)))
    removed = clean(folder)
    click.echo(f"factcheck: {'removed' if removed else 'no cache at'} {folder}", err=True)
