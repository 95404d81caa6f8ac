#!/usr/bin/env python3
"""Render factcheck's HTML review page in headless Chromium and save a screenshot.

    python tools/render_html.py ARTICLE_OR_REPORT.html [--out /tmp/shot.png] [--size 1280,2000]
    python tools/render_html.py --article ../shared/seeds/002_8035aff0240b0d78.txt --out /tmp/seed002.png

With --article, the article is checked first (``factcheck check --format html``) into a
temporary file. Needs ``chromium`` (or ``chromium-browser``/``google-chrome``) on PATH;
the browser gets no network access it could use (the page loads nothing anyway, and
background networking is disabled). Keep screenshots out of the repository.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    sys.exit("render_html: no Chromium found (apt-get install -y chromium)")


def screenshot(page: Path, out: Path, size: str) -> None:
    with tempfile.TemporaryDirectory(prefix="factcheck-chromium-") as profile:
        cmd = [
            browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--screenshot={out}", f"--window-size={size}", page.resolve().as_uri(),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    if not out.is_file():
        sys.exit(f"render_html: Chromium wrote no screenshot to {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", nargs="?", help="an HTML page written by factcheck --format html")
    parser.add_argument("--article", help="check this article first and render its page")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "factcheck-review.png"))
    parser.add_argument("--size", default="1280,2000", help="window size W,H (default 1280,2000)")
    args = parser.parse_args(argv)
    if bool(args.page) == bool(args.article):
        parser.error("give either PAGE or --article")
    if args.article:
        page = Path(tempfile.mkdtemp(prefix="factcheck-html-")) / "review.html"
        result = subprocess.run([sys.executable, "-m", "cli", "check", str(Path(args.article).resolve()), "--format", "html", "-o", str(page)],
                                cwd=Path(__file__).resolve().parent.parent)
        if result.returncode not in (0, 1):
            sys.exit(f"render_html: factcheck check failed (exit {result.returncode})")
    else:
        page = Path(args.page)
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(page, out, args.size)
    print(out)


if __name__ == "__main__":
    main()
