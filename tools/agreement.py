#!/usr/bin/env python3
"""Cohen's kappa between two annotations of the same articles (see factcheck/agreement.py).

    python tools/agreement.py                                  # corpus/gold vs corpus/gold-second
    python tools/agreement.py --first corpus/gold --second corpus/gold-second --disagreements
    python tools/agreement.py --format json

Bad input (a missing or invalid gold file, a span that does not match its article) is a
one-line error and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.agreement import compare_dirs, disagreements, render_text, summarise  # noqa: E402
from factcheck.errors import InputError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=Path, default=REPO / "corpus" / "gold")
    parser.add_argument("--second", type=Path, default=REPO / "corpus" / "gold-second")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--disagreements", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    try:
        comparisons = compare_dirs(args.first, args.second, args.seeds)
    except InputError as exc:
        print(f"agreement: {exc}", file=sys.stderr)
        return 2
    result = summarise(comparisons)
    rows = disagreements(comparisons) if args.disagreements else []
    if args.format == "json":
        print(json.dumps({**result, "disagreements": rows}, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(result, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
