#!/usr/bin/env python
"""Scaling figures: Dask workers, the report cache, memory per worker (a script, never a test).

Run from the repository root with the dask extra installed::

    python benchmarks/scale.py                 # all figures, a Markdown table and JSON
    python benchmarks/scale.py --records 200   # records per Dask run

Measures:

* Dask throughput: records per second checking ``--records`` records (the seed articles
  of ../shared/seeds and the corpus articles, repeated, each record distinct) with
  ``factcheck.dask.run`` on a ``distributed.LocalCluster`` of 1 and of 2 worker
  processes (one thread each). The cluster is started and the checker plugin
  registered before the clock starts (reported apart as start-up cost). Rounds
  alternate 1 and 2 workers; the best and the spread of the rounds are reported.
* Cache: wall time of ``factcheck check DIR --format json`` over ``--articles``
  articles, cold (empty cache) against warm (unchanged tree, every report cached),
  each in a fresh process, as a user runs it.
* Memory per worker: resident memory of one worker process after checking N records,
  for N = ``--records`` / 4 and N = 4 × ``--records`` / 4 ... (two sizes, 1:10).
* Registry broadcast: the pickled size of the checker plugin (what the client ships).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO))


def articles() -> list[tuple[str, str]]:
    """(text, format) of the seed articles and the corpus articles."""
    found = [(Path(p).read_text(encoding="utf-8"), "txt") for p in sorted(glob.glob(str(SEEDS / "*.txt")))]
    for path in sorted((REPO / "corpus" / "articles").iterdir()):
        found.append((path.read_text(encoding="utf-8"), path.suffix.lstrip(".")))
    if not found:
        sys.exit("benchmarks: no articles")
    return found


def distinct(i: int, text: str, fmt: str) -> str:
    """Article ``i``: the text with its own first line, so no two records are the same text."""
    heading = f"# Article {i}\n\n" if fmt == "md" else f"<p>Article {i}</p>\n" if fmt == "html" else f"Article {i}.\n\n"
    return heading + text


def write_records(path: Path, n: int) -> int:
    pool = articles()
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text, fmt = pool[i % len(pool)]
            body = distinct(i, text, fmt)
            words += len(body.split())
            handle.write(json.dumps({"id": f"r{i}", "text": body, "format": fmt}) + "\n")
    return words


def dask_rounds(records: Path, n: int, rounds: int, out: Path) -> dict:
    import distributed

    from factcheck.dask import read_records, register, check_bag, write_shards

    result: dict = {}
    clusters = {}
    try:
        for workers in (1, 2):
            start = time.perf_counter()
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            client = distributed.Client(cluster)
            started = time.perf_counter()
            sha = register(client)
            registered = time.perf_counter()
            clusters[workers] = (cluster, client, sha)
            result[f"startup_{workers}"] = {"cluster_s": started - start, "plugin_s": registered - started}
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu_seconds: dict[int, list[float]] = {1: [], 2: []}
        for r in range(rounds):
            for workers in ((1, 2) if r % 2 == 0 else (2, 1)):
                cluster, client, sha = clusters[workers]
                target = out / f"w{workers}"
                shutil.rmtree(target, ignore_errors=True)
                # four partitions per worker, so both workers stay busy to the end
                bag = check_bag(read_records(str(records), max(1, n // (4 * workers))), sha)
                cpu = sum(client.run(_cpu).values())
                t = time.perf_counter()
                write_shards(bag, str(target), client, retries=0)
                times[workers].append(time.perf_counter() - t)
                cpu_seconds[workers].append(sum(client.run(_cpu).values()) - cpu)
        for workers in (1, 2):
            best = min(times[workers])
            result[f"workers_{workers}"] = {
                "seconds": times[workers], "best_s": best, "records_per_s": n / best,
                "median_records_per_s": n / statistics.median(times[workers]),
                "worker_cpu_s": cpu_seconds[workers],
                "records_per_cpu_s": n / statistics.median(cpu_seconds[workers]),
            }
        a, b = (out / "w1"), (out / "w2")
        from factcheck.dask import concatenated

        result["identical_output"] = concatenated(str(a)) == concatenated(str(b))
        result["speedup_best"] = result["workers_2"]["records_per_s"] / result["workers_1"]["records_per_s"]
        result["speedup_median"] = result["workers_2"]["median_records_per_s"] / result["workers_1"]["median_records_per_s"]
        result["speedup_per_round"] = [x / y for x, y in zip(times[1], times[2])]
    finally:
        for cluster, client, _ in clusters.values():
            client.close()
            cluster.close()
    return result


def worker_memory(records: Path, sizes: list[int], out: Path) -> dict:
    """RSS (MiB) of a single worker process after checking each number of records (a fresh cluster each)."""
    import distributed

    from factcheck.dask import read_records, register, check_bag, write_shards

    memory = {}
    for n in sizes:
        part = out / f"mem{n}.jsonl"
        with records.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                distributed.Client(cluster) as client:
            sha = register(client)
            before = client.run(_rss)
            write_shards(check_bag(read_records(str(part), 50), sha), str(out / f"mem{n}"), client, retries=0)
            after = client.run(_rss)
        memory[n] = {"after_build_mib": list(before.values())[0], "after_run_mib": list(after.values())[0]}
    return memory


def _cpu() -> float:
    """CPU seconds (user + system) this worker process has used."""
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def _rss() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def cache_speedup(n: int, rounds: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="fc-cache-bench-"))
    pool = articles()
    tree = folder / "tree"
    for i in range(n):
        text, fmt = pool[i % len(pool)]
        sub = tree / f"d{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:04d}.{fmt}").write_text(distinct(i, text, fmt), encoding="utf-8")
    cache = folder / "cache"
    command = [sys.executable, "-m", "cli", "check", str(tree), "--format", "json", "--cache-dir", str(cache), "-q"]

    cpu: dict[str, list[float]] = {"cold": [], "warm": [], "no_cache": []}

    def timed(extra: list[str], out: str, kind: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        done = subprocess.run(command + extra + ["-o", str(folder / out)], cwd=REPO, capture_output=True)
        if done.returncode not in (0, 1):
            sys.exit(done.stderr.decode())
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[kind].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return wall

    cold, warm = [], []
    for _ in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(timed([], "cold.json", "cold"))
        warm.append(timed([], "warm.json", "warm"))
    identical = (folder / "cold.json").read_bytes() == (folder / "warm.json").read_bytes()
    nocache = timed(["--no-cache"], "nocache.json", "no_cache")
    identical = identical and (folder / "nocache.json").read_bytes() == (folder / "warm.json").read_bytes()
    shutil.rmtree(folder)
    return {"articles": n, "cold_s": cold, "warm_s": warm, "no_cache_s": nocache, "identical_output": identical,
            "speedup_median": statistics.median(cold) / statistics.median(warm),
            "speedup_worst": min(cold) / max(warm), "cpu_s": cpu,
            "cpu_speedup_median": statistics.median(cpu["cold"]) / statistics.median(cpu["warm"])}


def main() -> None:
    import dask

    # the workers' statistical profiler samples every thread every 10 ms; off, as on a production cluster
    dask.config.set({"distributed.worker.profile.enabled": False})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--memory-sizes", default="100,1000", help="numbers of records for the memory figure")
    parser.add_argument("--only", choices=["dask", "cache", "memory"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["dask", "cache", "memory"])
    work = Path(tempfile.mkdtemp(prefix="fc-scale-"))
    records = work / "records.jsonl"
    sizes = [int(x) for x in args.memory_sizes.split(",")]
    words = write_records(records, max([args.records, *sizes]))
    figures: dict = {"machine": f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python {platform.python_version()}",
                     "load_before": os.getloadavg()}
    try:
        if "dask" in only:
            small = work / "dask.jsonl"
            figures["dask_records"] = args.records
            figures["dask_words"] = write_records(small, args.records)
            figures["dask"] = dask_rounds(small, args.records, args.rounds, work)
            from factcheck.dask import CheckerPlugin, RegistryBundle

            figures["plugin_pickled_bytes"] = len(pickle.dumps(CheckerPlugin(RegistryBundle.collect())))
        if "memory" in only:
            figures["memory"] = worker_memory(records, [int(x) for x in args.memory_sizes.split(",")], work)
        if "cache" in only:
            figures["cache"] = cache_speedup(args.articles, max(1, args.rounds - 1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["load_after"] = os.getloadavg()
    figures["words_per_record_1000"] = words / max(args.records, 1000)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
