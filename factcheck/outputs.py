"""Writing results: to standard output, or atomically to a file.

A file is written to a temporary sibling first and renamed over the target only
when complete, so a failed run never truncates an existing report.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import OutputError


def write_output(text: str, path: str | None) -> None:
    """Write ``text`` to standard output, or atomically to ``path``."""
    with OutputStream(path) as stream:
        stream.write(text)
        stream.commit()


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path`` (links followed), or None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def refuse_overwriting_inputs(outputs: dict[str, str | None], inputs: list[str]) -> None:
    """Raise :class:`OutputError` when an output (``{flag: path}``) is one of ``inputs``.

    Compared by device and inode, so another spelling of the path, a symbolic or a hard
    link, or a file found inside a checked directory is recognised; replacing it would
    destroy the article being checked."""
    wanted = {}
    for flag, path in outputs.items():
        identity = None if path in (None, "-") else _identity(path)
        if identity is not None:
            wanted.setdefault(identity, (flag, path))
    if not wanted:
        return
    for item in inputs:
        clash = wanted.get(_identity(item))
        if clash is not None:
            flag, path = clash
            same = "" if os.path.normpath(item) == os.path.normpath(path) else f" ({item})"
            raise OutputError(path, f"{flag} would overwrite an input being checked{same}; write it to another file")


def _final_mode(target: Path) -> int:
    """The permissions the finished file gets: those of the file it replaces, else the
    usual ``0o666`` less the umask (a temporary file is created ``0o600``)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class OutputStream:
    """Write in pieces, to standard output or to a temporary sibling of ``path``.

    :meth:`commit` renames the temporary file over the target; :meth:`discard` (or an
    exception inside ``with``) removes it, so an existing report is never truncated.
    """

    def __init__(self, path: str | None):
        self.path = None if path in (None, "-") else path
        self._handle = None
        self._tmp: str | None = None
        self.written = False
        if self.path is not None:
            target = Path(self.path)
            directory = target.parent if str(target.parent) else Path(".")
            if not directory.is_dir():
                raise OutputError(self.path, "cannot write output: the directory does not exist")
            if target.is_dir():
                raise OutputError(self.path, "cannot write output: it is a directory")
            try:
                fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            except OSError as exc:
                raise OutputError(self.path, f"cannot write output ({exc.strerror or exc})") from None
            os.chmod(self._tmp, _final_mode(target))
            self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        if not text:
            return
        self.written = True
        try:
            if self._handle is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                self._handle.write(text)
        except BrokenPipeError:
            if self._handle is None:
                raise  # the reader of standard output has gone: the command ends quietly
            raise OutputError(self.path, "cannot write output (broken pipe)") from None
        except OSError as exc:
            raise OutputError(self.path or "<stdout>", f"cannot write output ({exc.strerror or exc})") from None

    def commit(self) -> None:
        if self._handle is None:
            return
        try:
            self._handle.close()
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(self.path, f"cannot write output ({exc.strerror or exc})") from None
        self._handle = None

    def discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._tmp:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.discard()
        return False
