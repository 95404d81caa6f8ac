#!/usr/bin/env python
"""factcheck scaling: time against input size, to show it is linear (a script, never a test).

    python benchmarks/scaling.py                    # articles up to 10 MB, runs up to 160,000
    python benchmarks/scaling.py --max-mb 2         # quicker

Two series, each checked in this process with one ``Checker``:

* article size: the seed articles (../shared/seeds/*.txt) joined and repeated into one
  plain-text article of 0.5, 1, 2, 5 and 10 MB (``--max-mb``);
* punctuation runs: "Ketamine is safe" followed by n exclamation marks, and n "[" then
  a claim then n "]" as Markdown, for n = 10,000 to 160,000.

For each size it prints wall and process (CPU) time, time per MB or per 10,000
characters, and peak resident memory so far. Linear time shows as a flat rate column.
On a shared machine the process time is the steadier figure.
"""

from __future__ import annotations

import argparse
import glob
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO))


def seeds_article(size_bytes: int) -> str:
    texts = [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(SEEDS / "*.txt")))]
    if not texts:
        sys.exit(f"benchmarks: no seed articles in {SEEDS}")
    unit = "\n\n".join(texts) + "\n\n"
    text = unit * (size_bytes // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size_bytes].decode("utf-8", "ignore")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(checker, text: str, fmt: str) -> tuple[float, float, int]:
    from factcheck.source import source_from_bytes

    source = source_from_bytes(text.encode("utf-8"), f"bench.{fmt}", fmt, max_bytes=0)
    wall, cpu = time.perf_counter(), time.process_time()
    report = checker.check(source)
    return time.perf_counter() - wall, time.process_time() - cpu, len(report["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=10)
    parser.add_argument("--max-run", type=int, default=160_000)
    args = parser.parse_args()
    from factcheck.checker import Checker

    checker = Checker()
    timed(checker, "Ketamine rewires the brain.", "txt")  # warm up
    print("| article | wall s | CPU s | CPU s per MB | findings | peak MiB |")
    print("|---|---|---|---|---|---|")
    for mb in (0.5, 1, 2, 5, 10):
        if mb > args.max_mb:
            break
        wall, cpu, findings = timed(checker, seeds_article(int(mb * 1024 * 1024)), "txt")
        print(f"| {mb:g} MB seeds | {wall:.1f} | {cpu:.1f} | {cpu / mb:.1f} | {findings:,} | {peak_mib():.0f} |", flush=True)
    print()
    print("| input | n | wall s | CPU s | CPU s per 10,000 |")
    print("|---|---|---|---|---|")
    n = 10_000
    while n <= args.max_run:
        for name, text, fmt in (
            ("'!' run (txt)", "Ketamine is safe" + "!" * n, "txt"),
            ("'[' … ']' (md)", "[" * n + "Ketamine rewires the brain." + "]" * n, "md"),
        ):
            wall, cpu, _ = timed(checker, text, fmt)
            print(f"| {name} | {n:,} | {wall:.2f} | {cpu:.2f} | {cpu / (n / 10_000):.3f} |", flush=True)
        n *= 2


if __name__ == "__main__":
    main()
