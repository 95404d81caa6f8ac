"""Checking many articles: serially, or in a process pool whose workers each build the
:class:`~factcheck.checker.Checker` once.

Results come back in input order (``imap``), one at a time, so output is the same byte
for byte whatever ``--jobs`` is, and the caller can write each report as soon as the
ones before it are done. A worker reads its file itself; a file that cannot be read
comes back as an :class:`Outcome` with ``error`` set, and the others are still checked.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .errors import InputError
from .inputs import STDIN
from .suppress import Policy, check_source


@dataclass(frozen=True)
class CheckerSpec:
    """How to build the checker (picklable, so workers can build their own)."""

    registries: tuple[str, ...] = ()
    include_bundled: bool = True

    def build(self):
        from .checker import Checker

        return Checker(list(self.registries), include_bundled=self.include_bundled)


@dataclass(frozen=True)
class Job:
    index: int
    path: str
    data: bytes | None = None  # standard input, read by the parent
    problem: str | None = None
    max_bytes: int = 10 * 1024 * 1024


@dataclass
class Outcome:
    index: int
    path: str
    report: dict[str, Any] | None = None
    text: str | None = None  # the article as read, when the format needs it (html)
    error: str | None = None


_STATE: dict[str, Any] = {}


def _init(spec: CheckerSpec, policy: Policy, keep_text: bool) -> None:
    _STATE["checker"] = spec.build()
    _STATE["policy"] = policy
    _STATE["keep_text"] = keep_text


def _work(job: Job) -> Outcome:
    from .source import format_for, read_source, source_from_bytes

    try:
        if job.problem:
            raise InputError(job.path, job.problem)
        if job.data is not None:
            source = source_from_bytes(job.data, job.path, format_for(job.path), job.max_bytes)
        else:
            source = read_source(job.path, max_bytes=job.max_bytes)
    except InputError as exc:
        return Outcome(job.index, job.path, error=exc.one_line())
    report = check_source(_STATE["checker"], source, _STATE["policy"])
    return Outcome(job.index, job.path, report, source.text if _STATE["keep_text"] else None)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


# Text a worker must have to check before starting it pays: each worker imports spaCy
# and builds its own pipeline (about 0.8 s on the development machine, where checking
# runs at about 300 KB/s of article text), so below this much text per worker a second
# process only adds start-up time and memory.
MIN_BYTES_PER_WORKER = 256 * 1024


def _job_bytes(job: Job) -> int:
    if job.data is not None:
        return len(job.data)
    if job.problem:
        return 0
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


def worker_count(requested: int | None, jobs: list[Job]) -> int:
    """How many processes to check ``jobs`` with.

    Never more than the cores this process may run on (``--jobs 32`` on 2 cores was
    5x slower than ``-j 1`` and took 15x the memory), nor than there are files, and
    one process while the text to check is less than :data:`MIN_BYTES_PER_WORKER` per
    extra worker. Output does not depend on the answer."""
    wanted = min(requested or default_jobs(), default_jobs(), len(jobs))
    if wanted <= 1:
        return 1
    total = 0
    for job in jobs:
        total += _job_bytes(job)
        if total >= wanted * MIN_BYTES_PER_WORKER:
            return wanted
    return max(1, min(wanted, total // MIN_BYTES_PER_WORKER))


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork is cheap and the parent has not built a pipeline; elsewhere spawn
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn")


def run(jobs: list[Job], spec: CheckerSpec, policy: Policy, workers: int, keep_text: bool = False) -> Iterator[Outcome]:
    """Check ``jobs``; yield their outcomes in input order."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        _init(spec, policy, keep_text)
        try:
            for job in jobs:
                yield _work(job)
        finally:
            _STATE.clear()
        return
    with _context().Pool(workers, initializer=_init, initargs=(spec, policy, keep_text)) as pool:
        yield from pool.imap(_work, jobs, chunksize=1)


def make_jobs(paths: Iterable[tuple[str, str | None]], stdin_name: str, stdin_data, max_bytes: int) -> list[Job]:
    """Jobs for expanded targets ``(path, problem)``; '-' takes ``stdin_data()`` once."""
    jobs = []
    for i, (path, problem) in enumerate(paths):
        if path == STDIN and not problem:
            jobs.append(Job(i, stdin_name, data=stdin_data(), max_bytes=max_bytes))
        else:
            jobs.append(Job(i, path, problem=problem, max_bytes=max_bytes))
    return jobs
