"""``factcheck check --input-format jsonl|parquet``: records in, records out (see :mod:`factcheck.records`)."""

from __future__ import annotations

import sys

import click

from factcheck.commands.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail
from factcheck.rules import SEVERITY_RANK

RECORD_OUTPUTS = ("jsonl", "parquet")


def check_records(paths, input_format: str, fmt: str, output: str | None, spec, policy, workers: int,
                  fail_on: str, exit_zero: bool, max_bytes: int) -> int:
    """Check every record of the one input; the exit code (2 when any record was bad)."""
    from factcheck.outputs import OutputStream
    from factcheck.records import ParquetSink, check_stream, read_jsonl, read_parquet, result_line

    if len(paths) != 1:
        raise click.UsageError(f"--input-format {input_format} reads one FILE (or '-' for standard input)")
    if fmt not in RECORD_OUTPUTS:
        raise click.UsageError(f"--input-format {input_format} writes --format jsonl or parquet, not {fmt}")
    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError("--format parquet needs --output FILE")
    name = paths[0]
    if input_format == "parquet":
        if name == "-":
            raise click.UsageError("--input-format parquet reads a file, not standard input")
        items = read_parquet(name)
        handle = None
    else:
        handle = sys.stdin.buffer if name == "-" else _open(name)
        items = read_jsonl(handle)
    shown = "<stdin>" if name == "-" else name
    sink = ParquetSink(output) if fmt == "parquet" else OutputStream(output)
    bad = 0
    worst = -1
    try:
        for result in check_stream(items, spec, policy, workers, max_bytes):
            if "error" in result:
                bad += 1
                fail(f"{shown}:{result['line']}: {result['error']}")
            else:
                for finding in result["report"]["findings"]:
                    worst = max(worst, SEVERITY_RANK[finding["severity"]])
            sink.write(result if fmt == "parquet" else result_line(result))
        sink.commit()
    except BaseException:
        sink.discard()
        raise
    finally:
        if handle is not None and handle is not sys.stdin.buffer:
            handle.close()
    if bad:
        return EXIT_ERROR
    if exit_zero or fail_on == "never" or worst < SEVERITY_RANK[fail_on]:
        return EXIT_OK
    return EXIT_FINDINGS


def _open(name: str):
    from factcheck.source import open_error

    try:
        return open(name, "rb")
    except OSError as exc:
        raise open_error(name, exc) from None
