"""Expanding the command line's paths into the articles to check.

* ``-`` is standard input.
* A directory is searched recursively for files matching the ``include`` globs
  (default: the .txt, .md and .html suffixes), sorted by path.
* A path that does not exist but contains ``*``, ``?`` or ``[`` is a glob pattern
  (``**`` matches any number of directories), expanded and sorted.
* ``exclude`` globs remove files and prune directories, including files named
  explicitly (so a pre-commit hook that passes every changed file honours them). A
  glob matches a path (as given, and relative to the configuration's directory), its
  file name, or any of its leading directories.
* A name given twice is checked once, in its first position.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from .source import FORMATS_BY_SUFFIX

STDIN = "-"
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in FORMATS_BY_SUFFIX)
_GLOB_CHARS = "*?["


@dataclass(frozen=True)
class Target:
    """One article to check, or a path that could not be expanded (``problem`` set)."""

    path: str
    problem: str | None = None


def _candidates(path: str, root: Path | None) -> list[str]:
    posix = PurePosixPath(Path(path).as_posix())
    names = {str(posix)}
    if str(posix).startswith("./"):
        names.add(str(posix)[2:])
    if root is not None:
        try:
            names.add(Path(os.path.abspath(path)).relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    out = set()
    for name in names:
        parts = PurePosixPath(name).parts
        out.add(name)
        for i in range(1, len(parts)):
            out.add("/".join(parts[:i]))
    return sorted(out)


def excluded(path: str, patterns: tuple[str, ...] | list[str], root: Path | None = None) -> bool:
    if not patterns:
        return False
    names = _candidates(path, root)
    base = Path(path).name
    for pattern in patterns:
        pat = pattern.rstrip("/")
        simple = pat[3:] if pat.startswith("**/") else pat
        if fnmatchcase(base, pat) or any(fnmatchcase(n, pat) or fnmatchcase(n, simple) for n in names):
            return True
    return False


def included(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    name = Path(path).name
    return any(fnmatchcase(name, p) or fnmatchcase(name.lower(), p) for p in patterns)


def expand(
    paths: list[str],
    include: tuple[str, ...] | list[str] = DEFAULT_INCLUDE,
    exclude: tuple[str, ...] | list[str] = (),
    root: Path | None = None,
) -> list[Target]:
    """The articles named by ``paths``, in order; problems become targets with ``problem`` set."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(p: str, key: str | None = None) -> None:
        key = key or os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            targets.append(Target(p))

    for raw in paths:
        if raw == STDIN:
            targets.append(Target(STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not excluded(os.path.join(folder, d), exclude, root))
                for name in files:
                    full = os.path.join(folder, name)
                    if included(full, include) and not excluded(full, exclude, root) and os.path.isfile(full):
                        found.append(full)
            if not found:
                targets.append(Target(raw, "directory has no files to check (" + ", ".join(include) + ")"))
            for p in sorted(found):
                add(p)
        elif not path.exists() and any(ch in raw for ch in _GLOB_CHARS):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if os.path.isfile(m))
            matches = [m for m in matches if not excluded(m, exclude, root)]
            if not matches:
                targets.append(Target(raw, "no files match this pattern"))
            for m in matches:
                add(m)
        elif excluded(raw, exclude, root):
            continue
        else:
            add(raw)
    return targets
