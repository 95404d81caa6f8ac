"""The incremental cache: a finished report stored under a key of everything it depends on.

Modelled on ruff's cache. A report is a pure function of the article's bytes, its
format, the registry, the configuration that shapes findings (``select``, ``ignore``,
``severity``) and factcheck itself, so the key is the sha256 of those five (factcheck
counted as its version plus a digest of the package's own code and data, so an edited
lexicon in a source checkout is a new key, not a stale hit). The article's path is not
part of the key; a hit gets the path of the file being checked.

Layout (safe to delete at any time)::

    .factcheck_cache/
        CACHEDIR.TAG            (backup tools skip the folder)
        .gitignore              ("*": never committed)
        v1/ab/ab12….entry       (one report per file)

An entry is one header line ``factcheck-cache 1 <key> <sha256 of the body>`` and the
report as compact JSON. It is written to a temporary sibling and renamed into place,
so readers never see half an entry; an entry whose header, key or checksum does not
hold is a miss (and is rewritten), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .errors import FactcheckError

CACHE_DIR_NAME = ".factcheck_cache"
LAYOUT = "v1"
_HEADER = "factcheck-cache 1"
_TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
CACHEDIR_TAG = (
    f"{_TAG_SIGNATURE}\n"
    "# This file is a cache directory tag created by factcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class CacheError(FactcheckError):
    """A cache directory that cannot be used or cleaned."""


@lru_cache(maxsize=1)
def build_digest() -> str:
    """factcheck's version and a sha256 of the package's code and bundled data.

    Reading the package's files costs about a millisecond; it makes a cache entry
    written by different code (an edited lexicon, a new rule) unreachable. The bundled
    registry is left out: its own sha256 is part of every key, and an installed package
    holds it inside ``factcheck/`` while a source checkout keeps it in ``claims/``, so
    leaving it out gives the two the same digest (a Dask worker importing the checkout
    and a client importing the installed copy must agree)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode() + b"\0")
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if relative[0] == "claims" or "__pycache__" in relative:
            continue
        if path.suffix in (".py", ".yaml", ".json") and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"


def config_digest(select: Iterable[str], ignore: Iterable[str], severity: dict[str, str]) -> str:
    """sha256 of the settings that change a report's findings (not those that change only what is shown)."""
    canonical = {"select": sorted(select), "ignore": sorted(ignore), "severity": dict(sorted(severity.items()))}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def cache_key(text_sha256: str, fmt: str, registry_sha256: str, config_sha256: str, build: str | None = None) -> str:
    """The key of a report: sha256 over (article sha256, format, registry sha256, configuration, build)."""
    parts = [text_sha256, fmt, registry_sha256, config_sha256, build or build_digest()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    write_errors: int = 0


class ReportCache:
    """Reports on disk under ``root``; see the module docstring for the layout.

    Reading and writing never raise: a cache that cannot be read is a miss, one that
    cannot be written is skipped (``stats.write_errors`` counts it), so the cache can
    slow a run down at worst, never change or break it."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.entries = self.root / LAYOUT
        self.stats = CacheStats()
        self._prepared = False

    def path_for(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.entry"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored report, or ``None`` when absent or not intact."""
        try:
            data = self.path_for(key).read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        report = _decode(data, key)
        if report is None:
            self.stats.corrupt += 1
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return report

    def put(self, key: str, report: dict[str, Any]) -> None:
        """Store ``report`` atomically (a temporary sibling renamed into place)."""
        body = json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = f"{_HEADER} {key} {hashlib.sha256(body).hexdigest()}\n".encode()
        target = self.path_for(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(header + body)
                os.replace(tmp, target)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            self.stats.write_errors += 1

    def _prepare(self) -> None:
        """Create the folder with its CACHEDIR.TAG and .gitignore, once."""
        if self._prepared:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# created by factcheck\n*\n")):
            path = self.root / name
            if not path.exists():
                path.write_text(text, encoding="utf-8")
        self._prepared = True


def _decode(data: bytes, key: str) -> dict[str, Any] | None:
    header, newline, body = data.partition(b"\n")
    parts = header.decode("ascii", "replace").split(" ")
    if not newline or len(parts) != 4 or " ".join(parts[:2]) != _HEADER or parts[2] != key:
        return None
    if hashlib.sha256(body).hexdigest() != parts[3]:
        return None
    try:
        report = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def cache_directory(config) -> Path:
    """The cache folder a configuration names: ``cache-dir`` (a file's value is relative to
    that file), else ``.factcheck_cache`` beside the configuration file (the working
    directory when there is none), as ruff places ``.ruff_cache``."""
    return config.root / (config["cache-dir"] or CACHE_DIR_NAME)


def is_cache_dir(root: Path) -> bool:
    try:
        return (root / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(_TAG_SIGNATURE)
    except OSError:
        return False


def clean(root: str | Path) -> bool:
    """Delete the cache folder ``root``; ``False`` when there was none.

    Refuses a folder that is not a cache (no CACHEDIR.TAG written by a cache), so a
    mistyped ``--cache-dir`` cannot delete someone's files."""
    path = Path(root)
    if not path.exists():
        return False
    if not path.is_dir() or not is_cache_dir(path):
        raise CacheError(str(path), "not a factcheck cache (no CACHEDIR.TAG); not deleted")
    try:
        shutil.rmtree(path)
    except OSError as exc:
        raise CacheError(str(path), f"cannot delete the cache ({exc.strerror or exc})") from None
    return True
