#!/usr/bin/env python
"""factcheck benchmarks: each measure side by side with its baseline, reported as a ratio.

Run from the repository root (a script, never a test):

    python benchmarks/run.py                # full run, prints a Markdown table
    python benchmarks/run.py --words 50000  # a quicker, noisier run

Measures (targets in brackets):

* throughput: words per second checking a corpus of the seed articles
  (../shared/seeds/*.txt) repeated to at least --words words, each repetition a
  separate document through ``factcheck.checker.Checker``, against the floor:
  ``spacy.blank("en")`` + the built-in "sentencizer" over the same texts with
  ``nlp.pipe`` [full check <= 8x the floor's time];
* registry scaling: the same corpus against the real registry and synthetic registries
  20x and 100x larger (every entry copied with suffixed ids and perturbed phrase
  patterns, sources kept), generated into a temporary directory [100x <= 1.5x real];
* cold start: median wall time of ``factcheck check <one article>`` in a subprocess
  against ``python -c "import spacy; spacy.blank('en')"`` [<= 1.5x];
* memory: peak resident memory (``ru_maxrss`` of a child process) checking 1,000
  articles against checking 100 [flat: <= 1.1x].

Timings alternate the two sides of a comparison and keep the best (throughput,
scaling) or the median (cold start) of several rounds, so a busy machine shifts both.
"""

from __future__ import annotations

import argparse
import copy
import glob
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO))


def seed_texts() -> list[str]:
    paths = sorted(glob.glob(str(SEEDS / "*.txt")))
    if not paths:
        sys.exit(f"benchmarks: no seed articles in {SEEDS}")
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def corpus(min_words: int) -> tuple[list[str], int]:
    seeds = seed_texts()
    docs: list[str] = []
    words = 0
    while words < min_words:
        for text in seeds:
            docs.append(text)
            words += len(text.split())
    return docs, words


def check_all(checker, docs: list[str]) -> float:
    from factcheck.source import source_from_bytes

    sources = [source_from_bytes(text.encode("utf-8"), f"article-{i}.txt", "txt") for i, text in enumerate(docs)]
    start = time.perf_counter()
    for source in sources:
        checker.check(source)
    return time.perf_counter() - start


def floor_all(nlp, docs: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=256):
        pass
    return time.perf_counter() - start


# --- synthetic registries -------------------------------------------------------------


def _perturb(pattern, k: int, vocabulary: list[str]):
    """A distinct variant of a pattern for copy ``k``, which stands for an entry about
    another treatment. A phrase gets a corpus word appended, so that some variants
    still occur in the articles and go through candidate scoring (where the treatment
    facet rejects them); a token pattern gets the copy's treatment name as one more
    token, as a real entry about that treatment would name it."""
    if isinstance(pattern, str):
        return f"{pattern} {vocabulary[(len(pattern) * 31 + k * 7919) % len(vocabulary)]}"
    return [*pattern, {"LOWER": f"synthdrug{k}"}]


def synthetic_registry(times: int, target: Path, vocabulary: list[str]) -> Path:
    """The bundled registry with every entry copied ``times`` times into ``target``."""
    import yaml

    from factcheck.registry import registry_files
    from factcheck.resources import bundled_registry_dir

    source = bundled_registry_dir()
    target.mkdir(parents=True, exist_ok=True)
    for path in registry_files(source):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "entries" in data:
            entries = []
            for entry in data["entries"]:
                entries.append(entry)
                for k in range(1, times):
                    clone = copy.deepcopy(entry)
                    clone["id"] = f"{entry['id']}-x{k}"
                    # A registry 100 times larger covers other treatments: each copy is
                    # about a synthetic treatment of its own, as a real one would be.
                    clone["topic"] = f"synthetic{k}"
                    clone["match"]["treatments"] = [f"synthetic_treatment_{k}"]
                    clone["match"]["patterns"] = [_perturb(p, k, vocabulary) for p in entry["match"]["patterns"]]
                    for scope in clone.get("scope", []):
                        scope["cues"] = [_perturb(c, k, vocabulary) for c in scope["cues"]]
                    entries.append(clone)
            data["entries"] = entries
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


# --- child processes -------------------------------------------------------------------


def child_memory(count: int) -> None:
    """Check ``count`` articles and print the peak resident memory in KiB."""
    from factcheck.checker import Checker
    from factcheck.report import to_json
    from factcheck.source import source_from_bytes

    seeds = seed_texts()
    checker = Checker()
    for i in range(count):
        report = checker.check(source_from_bytes(seeds[i % len(seeds)].encode("utf-8"), f"a{i}.txt", "txt"))
        to_json(report)  # rendered and dropped, as a streaming run would
    print(peak_rss_kib())


def peak_rss_kib() -> int:
    """Peak resident memory of this process in KiB.

    VmHWM from /proc where there is one: unlike ``ru_maxrss``, which a child started
    with fork+exec inherits from its parent, it belongs to this program alone (the
    parent may have just held a 100-times registry)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def timed_run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - start


# --- report ----------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=200_000, help="minimum corpus size in words")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per throughput/scaling measure (best kept)")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs per cold-start measure (median kept)")
    parser.add_argument("--skip", action="append", default=[], choices=["throughput", "scaling", "cold", "memory"])
    parser.add_argument("--child-memory", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory is not None:
        child_memory(args.child_memory)
        return

    rows: list[tuple[str, str, str, float, str, bool]] = []
    docs, words = corpus(args.words)
    print(f"corpus: {len(docs)} articles, {words:,} words; machine: {machine()}", file=sys.stderr)

    checker = None
    if "throughput" not in args.skip or "scaling" not in args.skip:
        import spacy

        from factcheck.checker import Checker

        start = time.perf_counter()
        checker = Checker()
        build = time.perf_counter() - start
        print(f"checker built in {build:.2f}s", file=sys.stderr)

    if "throughput" not in args.skip:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        floor_all(nlp, docs[:20])
        check_all(checker, docs[:20])  # warm both
        ours, floor = [], []
        for _ in range(args.rounds):
            floor.append(floor_all(nlp, docs))
            ours.append(check_all(checker, docs))
        t_ours, t_floor = min(ours), min(floor)
        ratio = t_ours / t_floor
        rows.append((
            "throughput (time, full check vs blank+sentencizer)",
            f"{words / t_ours:,.0f} words/s ({t_ours:.2f} s)",
            f"{words / t_floor:,.0f} words/s ({t_floor:.2f} s)",
            ratio, "≤ 8×", ratio <= 8,
        ))

    if "scaling" not in args.skip:
        from factcheck.checker import Checker

        vocabulary = sorted({w.lower().strip(".,;:!?()\"'“”’") for text in seed_texts() for w in text.split()} - {""})
        times: dict[int, float] = {}
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
            checkers = {1: (checker, len(checker.registry.entries), 0.0)}
            for factor in (20, 100):
                directory = synthetic_registry(factor, Path(tmp) / f"x{factor}", vocabulary)
                start = time.perf_counter()
                big = Checker([str(directory)], include_bundled=False)
                checkers[factor] = (big, len(big.registry.entries), time.perf_counter() - start)
            samples: dict[int, list[float]] = {f: [] for f in checkers}
            for _ in range(args.rounds):
                for factor, (c, _, _) in checkers.items():
                    samples[factor].append(check_all(c, docs))
            times = {f: min(s) for f, s in samples.items()}
            for factor in (20, 100):
                _, entries, build = checkers[factor]
                ratio = times[factor] / times[1]
                rows.append((
                    f"registry ×{factor} ({entries:,} entries; built in {build:.1f} s)",
                    f"{times[factor]:.2f} s",
                    f"{times[1]:.2f} s ({checkers[1][1]} entries)",
                    ratio, "≤ 1.5× (×100)" if factor == 100 else "—", ratio <= 1.5,
                ))

    if "cold" not in args.skip:
        exe = Path(sys.executable).with_name("factcheck")
        command = [str(exe)] if exe.exists() else [sys.executable, str(REPO / "cli.py")]
        article = sorted(SEEDS.glob("*.txt"))[0]
        ours_cmd = command + ["check", str(article), "--format", "json"]
        base_cmd = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
        help_cmd = command + ["--help"]
        timed_run(ours_cmd), timed_run(base_cmd)  # warm the page cache
        ours, base, helps = [], [], []
        for _ in range(args.cold_runs):
            ours.append(timed_run(ours_cmd))
            base.append(timed_run(base_cmd))
            helps.append(timed_run(help_cmd))
        t_ours, t_base = statistics.median(ours), statistics.median(base)
        ratio = t_ours / t_base
        rows.append(("cold start: `factcheck check <article>`", f"{t_ours:.2f} s", f"{t_base:.2f} s (import spaCy + blank)", ratio, "≤ 1.5×", ratio <= 1.5))
        t_help = statistics.median(helps)
        rows.append(("cold start: `factcheck --help`", f"{t_help:.2f} s", f"{t_base:.2f} s (import spaCy + blank)", t_help / t_base, "no spaCy", t_help / t_base < 0.5))

    if "memory" not in args.skip:
        peaks = {}
        for count in (100, 1000):
            out = subprocess.run([sys.executable, __file__, "--child-memory", str(count)], capture_output=True, text=True, cwd=REPO)
            if out.returncode:
                sys.exit(f"benchmarks: the memory child failed:\n{out.stderr[-2000:]}")
            peaks[count] = int(out.stdout.strip().splitlines()[-1])
        ratio = peaks[1000] / peaks[100]
        rows.append(("peak memory, 1,000 articles vs 100", f"{peaks[1000] / 1024:.0f} MiB", f"{peaks[100] / 1024:.0f} MiB", ratio, "flat (≤ 1.1×)", ratio <= 1.1))

    print(f"Machine: {machine()}. Commit: `<commit>`. Corpus: {len(docs)} articles, {words:,} words.\n")
    print("| measure | factcheck | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for name, ours, base, ratio, target, ok in rows:
        print(f"| {name} | {ours} | {base} | {ratio:.2f}× | {target} | {'yes' if ok else 'NO'} |")


if __name__ == "__main__":
    main()
