"""``factcheck batch``: check a JSON Lines file of records on a Dask cluster (the ``dask`` extra)."""

from __future__ import annotations

import logging
import sys

import click

from factcheck.commands.common import EXIT_ERROR, guarded


@click.command("batch")
@click.argument("records", type=click.Path(dir_okay=False, exists=True))
@click.option("--output-dir", "-o", required=True, type=click.Path(file_okay=False), help="Write the shards and manifest.json here.")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786); without it a local cluster is started.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes of the local cluster.")
@click.option("--partition-lines", type=click.IntRange(min=1), default=2000, show_default=True, help="Records per partition (and shard).")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True, help="Times a failed partition is retried.")
@click.option("--registry", "registries", multiple=True, type=click.Path(file_okay=False), help="Add a registry directory (repeatable).")
@click.option("--no-bundled-registry", is_flag=True, default=None, help="Use only the --registry directories.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@guarded
def batch_command(records, output_dir, scheduler, workers, partition_lines, retries, registries, no_bundled_registry,
                  config_file, isolated):
    """Check RECORDS (JSON Lines: {id, text, format?, url?} per line) on a Dask cluster.

    Output: OUTPUT_DIR/part-NNNNN.jsonl, one output record per input record (as
    `factcheck check --input-format jsonl` writes them; the shards joined in order are
    byte-identical to it) and manifest.json listing the shards. Every worker must be
    able to read RECORDS and write OUTPUT_DIR (a shared file system). Exit code 2 when
    any record was bad (see its error record), else 0.
    """
    from factcheck.config import resolve
    from factcheck.suppress import Policy

    try:
        from distributed import Client, LocalCluster

        from factcheck.dask import run
    except ImportError:
        raise click.UsageError("factcheck batch needs Dask: pip install 'factcheck-health[dask]'") from None
    config = resolve([records], config_file, isolated)
    config.override("registry", list(registries), "--registry")
    config.override("bundled-registry", False if no_bundled_registry else None, "--no-bundled-registry")
    if not config["bundled-registry"] and not config["registry"]:
        raise click.UsageError("--no-bundled-registry needs at least one --registry")
    policy = Policy(tuple(config["select"]), tuple(config["ignore"]), dict(config["severity"]))
    options = dict(registry_dirs=list(config["registry"]), include_bundled=bool(config["bundled-registry"]), policy=policy,
                   lines_per_partition=partition_lines, retries=retries)
    if scheduler:
        with Client(scheduler) as client:
            manifest = run(client, records, output_dir, **options)
    else:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            manifest = run(client, records, output_dir, **options)
    click.echo(f"factcheck: {manifest['records']} records, {manifest['errors']} errors, "
               f"{len(manifest['shards'])} shards in {output_dir}", err=True)
    if manifest["errors"]:
        sys.exit(EXIT_ERROR)
