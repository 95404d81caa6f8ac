"""Expanding the command line's paths into the articles to check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .source import FORMATS_BY_SUFFIX

STDIN = "-"


@dataclass(frozen=True)
class Target:
    """One article to check, or a path that could not be expanded (``problem`` set)."""

    path: str
    problem: str | None = None


def expand(paths: list[str]) -> list[Target]:
    """Files as given; directories searched recursively for .txt/.md/.html articles, sorted."""
    targets: list[Target] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            targets.append(Target(STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS_BY_SUFFIX and p.is_file())
            if not found:
                targets.append(Target(raw, "directory has no .txt, .md or .html files"))
            for p in found:
                if str(p) not in seen:
                    seen.add(str(p))
                    targets.append(Target(str(p)))
        elif str(path) not in seen:
            seen.add(str(path))
            targets.append(Target(raw))
    return targets
