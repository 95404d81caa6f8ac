"""Expanding the command line's paths into the articles to check.

* ``-`` is standard input.
* A directory is searched recursively for files matching the ``include`` globs
  (default: the .txt, .md and .html suffixes), sorted by path.
* A path that does not exist but contains ``*``, ``?`` or ``[`` is a glob pattern
  (``**`` matches any number of directories), expanded and sorted. Links to
  directories are followed, but each real directory is entered once, so a link loop
  cannot make the expansion endless.
* ``exclude`` globs remove files and prune directories, including files named
  explicitly (so a pre-commit hook that passes every changed file honours them). A
  glob matches a path (as given, and relative to the configuration's directory), its
  file name, or any of its leading directories.
* A name given twice is checked once, in its first position (``-`` too: standard
  input can be read only once).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
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


def _name_matches(name: str, pattern: str) -> bool:
    """One path component against one pattern component, as :mod:`glob` does: hidden
    names (a leading dot) match only a pattern that starts with a dot."""
    return fnmatchcase(name, pattern) and (not name.startswith(".") or pattern.startswith("."))


def _parts_match(names: tuple[str, ...], patterns: tuple[str, ...], prefix: bool) -> bool:
    """Whether path components ``names`` match ``patterns`` (``**``: any number of
    non-hidden components); with ``prefix``, whether some longer path could."""

    @lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        if i == len(names):
            return prefix or all(p == "**" for p in patterns[j:])
        if j == len(patterns):
            return False
        if patterns[j] == "**":
            return match(i, j + 1) or (not names[i].startswith(".") and match(i + 1, j))
        return _name_matches(names[i], patterns[j]) and match(i + 1, j + 1)

    return match(0, 0)


def glob_files(pattern: str) -> list[str]:
    """The files a glob pattern names, without ever following a loop of links.

    Without ``**`` this is :func:`glob.glob`, which cannot loop. With it, the tree
    under the pattern's literal leading directories is walked once: symbolic links to
    directories are followed (as :mod:`glob` does), but each real directory (device,
    inode) is entered only once, so a link back to an ancestor ends the descent
    instead of recursing until memory runs out."""
    if "**" not in pattern:
        return glob.glob(pattern)
    parts = pattern.split("/")
    literal = 0
    while literal < len(parts) - 1 and not glob.has_magic(parts[literal]):
        literal += 1
    base, patterns = "/".join(parts[:literal]), tuple(p for p in parts[literal:] if p)
    if base == "" and literal:
        base = "/"
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[str, tuple[str, ...]]] = [(base, ())]
    while stack:
        folder, names = stack.pop()
        try:
            info = os.stat(folder or ".")
            if (info.st_dev, info.st_ino) in visited:
                continue
            visited.add((info.st_dev, info.st_ino))
            with os.scandir(folder or ".") as scan:
                entries = sorted(scan, key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(folder, entry.name) if folder else entry.name
            inner = (*names, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if _parts_match(inner, patterns, prefix=True):
                    stack.append((path, inner))
            elif _parts_match(inner, patterns, prefix=False):
                found.append(path)
    return found


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
            add(STDIN, "\0stdin")  # read once: "-" twice is one article; no path holds a NUL
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
            matches = sorted(m for m in glob_files(raw) if os.path.isfile(m))
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
