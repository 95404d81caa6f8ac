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
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(path, "cannot write output: the directory does not exist")
    if target.is_dir():
        raise OutputError(path, "cannot write output: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(path, f"cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(path, f"cannot write output ({exc.strerror or exc})") from None


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
