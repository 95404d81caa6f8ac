"""Records in, records out: articles given as records ``{"id", "text", "format"?, "url"?}``.

Input is JSON Lines (one record a line, from a file or standard input) or, with the
``parquet`` extra, a Parquet file with the same columns. Each record becomes one
output line, in input order::

    {"id": "a1", "url": "https://…", "report": {…the report…}}
    {"id": "a2", "line": 2, "error": "missing \\"text\\""}

A record that is not valid (not JSON, not an object, ``id`` or ``text`` missing or of
the wrong type, an unknown ``format``, text with nothing to check) gets an error
record naming its line and the problem, and the run goes on. ``id`` is a string or
an integer and is echoed as given; ``format`` is ``txt`` (default), ``md`` or
``html``; ``url``, when given, is the report's ``input.path`` (else the id); other
keys are ignored. Records are read, checked and written one window at a time, so
memory does not grow with the input.
"""

from __future__ import annotations

import json
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .errors import InputError, OutputError
from .source import FORMATS_BY_SUFFIX, source_from_bytes

RECORD_FORMATS = tuple(dict.fromkeys(FORMATS_BY_SUFFIX.values()))
IN_FLIGHT_PER_WORKER = 16


@dataclass(frozen=True)
class Record:
    """One article as a record; ``line`` is its 1-based line (or row) in the input."""

    line: int | None
    id: str | int
    text: str
    format: str = "txt"
    url: str | None = None


@dataclass(frozen=True)
class BadRecord:
    line: int | None  # None for a record that came from no file (a Dask bag of dicts)
    id: str | int | None
    problem: str


def _is_id(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def record_from(data: Any, line: int | None) -> Record | BadRecord:
    """Validate one decoded record."""
    if not isinstance(data, dict):
        return BadRecord(line, None, f"expected a JSON object, got {type(data).__name__}")
    rid = data.get("id")
    shown_id = rid if _is_id(rid) else None
    if rid is None:
        return BadRecord(line, None, 'missing "id"')
    if not _is_id(rid):
        return BadRecord(line, None, f'"id" must be a string or an integer, not {type(rid).__name__}')
    text = data.get("text")
    if text is None:
        return BadRecord(line, shown_id, 'missing "text"')
    if not isinstance(text, str):
        return BadRecord(line, shown_id, f'"text" must be a string, not {type(text).__name__}')
    fmt = data.get("format")
    if fmt is None:
        fmt = "txt"
    if not isinstance(fmt, str) or fmt not in RECORD_FORMATS:
        return BadRecord(line, shown_id, f'unknown "format" {fmt!r}; use one of {", ".join(RECORD_FORMATS)}')
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        return BadRecord(line, shown_id, f'"url" must be a string, not {type(url).__name__}')
    return Record(line, rid, text, fmt, url)


def parse_line(raw: bytes | str, line: int) -> Record | BadRecord | None:
    """One JSON Lines line as a record; ``None`` for a blank line."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        return BadRecord(line, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        return BadRecord(line, None, f"not valid JSON ({exc})")
    return record_from(data, line)


def read_jsonl(handle: IO[bytes], first_line: int = 1) -> Iterator[Record | BadRecord]:
    """Records from a binary stream of JSON Lines, lazily."""
    for number, raw in enumerate(handle, first_line):
        item = parse_line(raw, number)
        if item is not None:
            yield item


def read_parquet(path: str, batch_size: int = 1024) -> Iterator[Record | BadRecord]:
    """Records from the ``id``, ``text``, ``format`` and ``url`` columns of a Parquet file, one
    batch of rows at a time (``line`` is the 1-based row number)."""
    pq = _parquet()
    try:
        handle = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot be read as Parquet ({exc})") from None
    names = set(handle.schema_arrow.names)
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise InputError(path, f"Parquet file has no {' or '.join(repr(c) for c in missing)} column")
    columns = [c for c in ("id", "text", "format", "url") if c in names]
    row = 0
    for batch in handle.iter_batches(batch_size=batch_size, columns=columns):
        for data in batch.to_pylist():
            row += 1
            yield record_from(data, row)


def _parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(None, "Parquet needs pyarrow: pip install 'factcheck-health[parquet]'") from None
    return pq


def error_result(item: BadRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id}
    if item.line is not None:
        out["line"] = item.line
    out["error"] = item.problem
    return out


def check_record(checker, item: Record | BadRecord, max_bytes: int = 0) -> dict[str, Any]:
    """The output record for one input record: its report, or the error that stopped it."""
    if isinstance(item, BadRecord):
        return error_result(item)
    path = item.url or str(item.id)
    try:
        source = source_from_bytes(item.text.encode("utf-8"), path, item.format, max_bytes)
    except InputError as exc:
        return error_result(BadRecord(item.line, item.id, exc.problem))
    out: dict[str, Any] = {"id": item.id}
    if item.url is not None:
        out["url"] = item.url
    out["report"] = checker.report(source)
    return out


def result_line(result: dict[str, Any]) -> str:
    """An output record as one line of JSON (compact, UTF-8 kept), as ``--format jsonl`` writes reports."""
    from .formats.jsonl_format import render_chunk

    return render_chunk(result, None, False)


_STATE: dict[str, Any] = {}


def _init(spec, policy, max_bytes: int) -> None:
    _STATE["checker"] = spec.build(policy)
    _STATE["max_bytes"] = max_bytes


def _work(item: Record | BadRecord) -> dict[str, Any]:
    return check_record(_STATE["checker"], item, _STATE["max_bytes"])


def check_stream(items: Iterable[Record | BadRecord], spec, policy, workers: int, max_bytes: int = 0) -> Iterator[dict[str, Any]]:
    """Check records in input order, in ``workers`` processes (each builds its checker once).

    At most ``IN_FLIGHT_PER_WORKER`` records per worker are read ahead, so memory stays
    bounded however long the input is."""
    if workers <= 1:
        checker = spec.build(policy)
        for item in items:
            yield check_record(checker, item, max_bytes)
        return
    from .parallel import _context

    with _context().Pool(workers, initializer=_init, initargs=(spec, policy, max_bytes)) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.apply_async(_work, (item,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


PARQUET_COLUMNS = ("id", "url", "line", "error", "claims", "findings", "report")


class ParquetSink:
    """Output records as Parquet rows (``id`` as text, the report as a JSON string plus its
    claim and finding counts), written in row groups to a temporary file that
    :meth:`commit` renames over ``path``."""

    def __init__(self, path: str, rows_per_group: int = 1024):
        import pyarrow as pa

        pq = _parquet()
        target = Path(path)
        if target.is_dir() or not target.parent.resolve().is_dir():
            raise OutputError(path, "cannot write output: " + ("it is a directory" if target.is_dir() else "the directory does not exist"))
        self.path = path
        self.tmp = str(target.parent / f".{target.name}.{os.getpid()}.tmp")
        self.schema = pa.schema([
            ("id", pa.string()), ("url", pa.string()), ("line", pa.int64()), ("error", pa.string()),
            ("claims", pa.int64()), ("findings", pa.int64()), ("report", pa.string()),
        ])
        self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.rows: list[dict[str, Any]] = []
        self.rows_per_group = rows_per_group

    def write(self, result: dict[str, Any]) -> None:
        report = result.get("report")
        self.rows.append({
            "id": None if result["id"] is None else str(result["id"]),
            "url": result.get("url"),
            "line": result.get("line"),
            "error": result.get("error"),
            "claims": report["summary"]["claims"] if report else None,
            "findings": report["summary"]["findings"] if report else None,
            "report": json.dumps(report, ensure_ascii=False, separators=(",", ":")) if report else None,
        })
        if len(self.rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        try:
            self.writer.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
