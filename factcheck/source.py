"""Reading an article from disk or standard input, and deciding its encoding and format.

Decision on encodings (documented in the README): UTF-8, with or without a BOM, is
accepted. UTF-16/UTF-32 (recognised by their BOM), other encodings (bytes that are
not valid UTF-8) and binary files are refused with a one-line error naming the
file; nothing is guessed, because a wrong guess would silently shift every offset.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

FORMATS_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(frozen=True)
class Source:
    """An article as read: its display path, decoded text, format and digest."""

    path: str
    text: str
    format: str
    sha256: str


def format_for(name: str, default: str = "txt") -> str:
    return FORMATS_BY_SUFFIX.get(Path(name).suffix.lower(), default)


def decode(data: bytes, where: str) -> str:
    """UTF-8 text from ``data``, or an :class:`InputError` saying why not."""
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise InputError(where, f"{name} text is not supported; convert the file to UTF-8")
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(where, "binary file (contains NUL characters); expected UTF-8 text")
    return text


def source_from_bytes(data: bytes, path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    if max_bytes and len(data) > max_bytes:
        raise InputError(
            path, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit (raise it with --max-bytes)"
        )
    if not data:
        raise InputError(path, "file is empty")
    text = decode(data, path)
    if not text.strip():
        raise InputError(path, "no text to check (the file holds only whitespace)")
    return Source(path=path, text=text, format=fmt or format_for(path), sha256=hashlib.sha256(data).hexdigest())


def _read_at_most(p: Path, limit: int | None) -> bytes:
    """Up to ``limit`` bytes of ``p`` (all of it when ``limit`` is None).

    Bounded so that a device such as /dev/zero cannot exhaust memory, and reading
    stops early when the first chunk already shows a binary file (NUL bytes), so
    ``--max-bytes 0`` on /dev/zero is refused at once. A named pipe is read as ``cat``
    reads it: opening waits for a writer, and reading goes on until it closes."""
    fd = os.open(p, os.O_RDONLY)
    try:
        chunks: list[bytes] = []
        total = 0
        while limit is None or total < limit:
            chunk = os.read(fd, 1 << 20 if limit is None else min(1 << 20, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if len(chunks) == 1 and b"\x00" in chunk[:8192]:
                break  # decode() refuses it as binary; no need to read more
        return b"".join(chunks)
    finally:
        os.close(fd)


def _dangling(p: Path) -> str:
    """Why a symbolic link leads to no file: nothing at its end, or a loop of links."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic links loop (too many levels of symbolic links); no file to read"
    return "no such file (a broken symbolic link)"


def read_source(path: str | Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read ``path`` from disk, with every failure turned into an :class:`InputError`."""
    shown = display or str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(shown, "is a directory, not a file")
        if p.is_symlink() and not p.exists():
            raise InputError(shown, _dangling(p))
        info = p.stat()
        size = info.st_size
        if max_bytes and size > max_bytes:
            raise InputError(shown, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
        regular = stat.S_ISREG(info.st_mode)
        data = _read_at_most(p, max_bytes + 1 if max_bytes else None)
        if not regular and max_bytes and len(data) > max_bytes:
            raise InputError(shown, f"more than {max_bytes:,} bytes, over the limit (raise it with --max-bytes)")
    except OSError as exc:
        raise open_error(shown, exc) from None
    except MemoryError:
        raise InputError(shown, "too large to hold in memory (set a limit with --max-bytes)") from None
    return source_from_bytes(data, shown, format_for(str(p)), max_bytes)


def open_error(shown: str, exc: OSError) -> InputError:
    """The one-line error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(shown, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(shown, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(shown, "is a directory, not a file")
    return InputError(shown, f"cannot be read ({exc.strerror or exc})")
