"""Checking records on a Dask distributed cluster (the ``dask`` extra).

``pip install 'factcheck-health[dask]'``, then::

    from distributed import Client
    from factcheck.dask import run
    with Client("tcp://scheduler:8786") as client:
        manifest = run(client, "records.jsonl", "out/")

How it works:

* **One checker per worker process.** :class:`CheckerPlugin` is registered on every
  worker; its ``setup`` builds the :class:`~factcheck.Checker` once, and every task
  on that worker uses it.
* **One registry everywhere.** The plugin carries the user's registry files (bytes)
  and the sha256 of the registry as the client loaded it; a worker writes the files
  to a private folder, loads them with its bundled registry, and refuses to check
  (``RegistryMismatch``) when its sha256 differs, e.g. a worker with another
  factcheck version installed.
* **Records as a Dask bag.** :func:`read_records` splits a JSON Lines file into
  partitions of whole lines by byte range (the file must be readable by every worker,
  as on a shared file system), so line numbers stay exact; :func:`check_bag` accepts
  any bag of record dicts too.
* **Sharded output, retried safely.** Partition *i* is written to
  ``part-0000i.jsonl`` through a temporary file renamed into place, so a partition
  that fails and is retried (``retries``) overwrites its own shard and never
  duplicates output. ``manifest.json``, written last, lists the shards in order with
  their record and error counts and sha256; the shards concatenated in that order are
  byte for byte what ``factcheck check --input-format jsonl FILE`` writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import __version__
from .errors import FactcheckError, OutputError
from .records import BadRecord, Record, check_record, parse_line, record_from, result_line
from .registry import registry_digest, registry_directories, registry_files
from .suppress import Policy

PLUGIN_NAME = "factcheck-checker"
SHARD = "part-{:05d}.jsonl"
_SHARD_RE = re.compile(r"^part-(\d{5,})\.jsonl$")
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
DEFAULT_PARTITION_LINES = 2000


class RegistryMismatch(FactcheckError):
    """A worker's registry (or factcheck build) differs from the client's."""


@dataclass(frozen=True)
class RegistryBundle:
    """The registry as shipped to workers: the user's registry files and the whole registry's sha256."""

    include_bundled: bool
    files: tuple[tuple[int, str, bytes], ...]  # (directory number, relative path, bytes)
    directories: int
    sha256: str

    @classmethod
    def collect(cls, registry_dirs: Iterable[str] = (), include_bundled: bool = True) -> "RegistryBundle":
        user = [Path(d) for d in registry_dirs]
        all_dirs = registry_directories(user, include_bundled)
        files = tuple(
            (number, path.relative_to(directory).as_posix(), path.read_bytes())
            for number, directory in enumerate(user)
            for path in registry_files(directory)
        )
        return cls(include_bundled, files, len(user), registry_digest(all_dirs))

    def materialise(self, root: str | Path) -> list[str]:
        """Write the user's registry files under ``root``; the directories, in order."""
        dirs = [Path(root) / f"registry-{n}" for n in range(self.directories)]
        for number, relative, data in self.files:
            target = dirs[number] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for directory in dirs:
            directory.mkdir(parents=True, exist_ok=True)
        return [str(d) for d in dirs]


def _plugin_base():
    from distributed.diagnostics.plugin import WorkerPlugin

    return WorkerPlugin


class CheckerPlugin(_plugin_base()):
    """Builds one :class:`~factcheck.Checker` per worker process, against the shipped registry."""

    name = PLUGIN_NAME

    def __init__(self, bundle: RegistryBundle, policy: Policy | None = None, build: str | None = None):
        from .cache import build_digest

        self.bundle = bundle
        self.policy = policy or Policy()
        self.build = build or build_digest()
        self.checker = None
        self._folder: str | None = None

    def setup(self, worker=None) -> None:
        from .cache import build_digest
        from .checker import Checker

        if build_digest() != self.build:
            raise RegistryMismatch(None, f"worker runs factcheck {build_digest()}, the client {self.build}")
        self._folder = tempfile.mkdtemp(prefix="factcheck-registry-")
        dirs = self.bundle.materialise(self._folder)
        checker = Checker(dirs, include_bundled=self.bundle.include_bundled, policy=self.policy)
        if checker.registry.sha256 != self.bundle.sha256:
            raise RegistryMismatch(None, f"worker registry sha256 {checker.registry.sha256} differs from the client's {self.bundle.sha256}")
        self.checker = checker

    def teardown(self, worker=None) -> None:
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)


def worker_checker(registry_sha256: str):
    """The checker the plugin built on this worker, after checking it uses ``registry_sha256``."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.checker is None:
        raise RuntimeError("the factcheck CheckerPlugin is not registered on this worker (use factcheck.dask.register)")
    if plugin.checker.registry.sha256 != registry_sha256:
        raise RegistryMismatch(None, f"worker registry {plugin.checker.registry.sha256} is not the requested {registry_sha256}")
    return plugin.checker


def register(client, registry_dirs: Iterable[str] = (), include_bundled: bool = True, policy: Policy | None = None) -> str:
    """Register the checker plugin on every worker (present and future); the registry's sha256."""
    bundle = RegistryBundle.collect(list(registry_dirs), include_bundled)
    client.register_plugin(CheckerPlugin(bundle, policy), name=PLUGIN_NAME)
    return bundle.sha256


# --- records as a bag --------------------------------------------------------------


@dataclass(frozen=True)
class LineRange:
    """Whole lines ``first_line``… of ``path`` between byte offsets ``start`` and ``end``."""

    path: str
    start: int
    end: int
    first_line: int


def line_ranges(path: str, lines_per_partition: int = DEFAULT_PARTITION_LINES) -> list[LineRange]:
    """Split a JSON Lines file into ranges of ``lines_per_partition`` lines (one pass, bounded memory)."""
    ranges: list[LineRange] = []
    with open(path, "rb") as handle:
        start, first, count, offset = 0, 1, 0, 0
        for line in handle:
            offset += len(line)
            count += 1
            if count == lines_per_partition:
                ranges.append(LineRange(path, start, offset, first))
                start, first, count = offset, first + count, 0
        if count:
            ranges.append(LineRange(path, start, offset, first))
    return ranges


def read_range(part: LineRange) -> Iterator[Record | BadRecord]:
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.end - part.start)
    for number, raw in enumerate(data.splitlines(keepends=True), part.first_line):
        item = parse_line(raw, number)
        if item is not None:
            yield item


def read_records(path: str, lines_per_partition: int = DEFAULT_PARTITION_LINES):
    """A Dask bag of the records in a JSON Lines file, one partition per line range."""
    import dask.bag as db

    ranges = line_ranges(path, lines_per_partition)
    if not ranges:
        return db.from_sequence([], npartitions=1)
    return db.from_sequence(ranges, npartitions=len(ranges)).map(_read_list).flatten()


def _read_list(part: LineRange) -> list[Record | BadRecord]:
    return list(read_range(part))


def _as_record(item: Any) -> Record | BadRecord:
    if isinstance(item, (Record, BadRecord)):
        return item
    return record_from(item, None)


def _check_partition(items: Iterable[Any], registry_sha256: str) -> list[dict[str, Any]]:
    checker = worker_checker(registry_sha256)
    return [check_record(checker, _as_record(item)) for item in items]


def check_bag(bag, registry_sha256: str):
    """A bag of output records (one per input record, in order) from a bag of records or
    record dicts; :func:`write_shards` writes them. Run it on a client where
    :func:`register` put the checker plugin on the workers."""
    return bag.map_partitions(_check_partition, registry_sha256)


# --- sharded output -------------------------------------------------------------------


def write_shard(index: int, results: Iterable[dict[str, Any]], out_dir: str) -> dict[str, Any]:
    """Write partition ``index``'s output records to its shard, atomically; what the manifest says of it."""
    name = SHARD.format(index)
    tmp = Path(out_dir) / f".{name}.{uuid.uuid4().hex}.tmp"
    digest = hashlib.sha256()
    records = errors = size = 0
    try:
        with open(tmp, "wb") as handle:
            for result in results:
                data = result_line(result).encode("utf-8")
                handle.write(data)
                digest.update(data)
                size += len(data)
                records += 1
                errors += "error" in result
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, Path(out_dir) / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"shard": name, "records": records, "errors": errors, "bytes": size, "sha256": digest.hexdigest()}


def write_shards(results_bag, out_dir: str, client, retries: int = 2, extra: dict | None = None) -> dict[str, Any]:
    """Compute every partition of ``results_bag`` (from :func:`check_bag`) into its shard; write
    and return the manifest."""
    from dask import delayed

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out_dir, f"cannot create the output folder ({exc.strerror or exc})") from None
    parts = results_bag.to_delayed()
    tasks = [delayed(write_shard)(i, part, str(out)) for i, part in enumerate(parts)]
    shards = client.gather(client.compute(tasks, retries=retries))
    keep = {s["shard"] for s in shards}
    for path in out.iterdir():  # shards of an earlier, larger run, and temporary files of failed attempts
        if (_SHARD_RE.match(path.name) and path.name not in keep) or (path.name.startswith(".part-") and path.name.endswith(".tmp")):
            path.unlink()
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        **(extra or {}),
        "records": sum(s["records"] for s in shards),
        "errors": sum(s["errors"] for s in shards),
        "shards": shards,
    }
    from .outputs import write_output

    write_output(json.dumps(manifest, indent=2) + "\n", str(out / MANIFEST))
    return manifest


def run(client, input_path: str, out_dir: str, *, registry_dirs: Iterable[str] = (), include_bundled: bool = True,
        policy: Policy | None = None, lines_per_partition: int = DEFAULT_PARTITION_LINES, retries: int = 2) -> dict[str, Any]:
    """Check the JSON Lines records in ``input_path`` on ``client``'s cluster into sharded JSONL in ``out_dir``."""
    from .cache import config_digest

    policy = policy or Policy()
    sha = register(client, registry_dirs, include_bundled, policy)
    bag = check_bag(read_records(input_path, lines_per_partition), sha)
    extra = {"registry_sha256": sha, "config_sha256": config_digest(policy.select, policy.ignore, policy.severity)}
    return write_shards(bag, out_dir, client, retries=retries, extra=extra)


def concatenated(out_dir: str) -> bytes:
    """The shards of ``out_dir`` joined in manifest order, each checked against its sha256."""
    out = Path(out_dir)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    chunks = []
    for shard in manifest["shards"]:
        data = (out / shard["shard"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != shard["sha256"]:
            raise OutputError(str(out / shard["shard"]), "does not match its sha256 in the manifest")
        chunks.append(data)
    return b"".join(chunks)
