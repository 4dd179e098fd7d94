"""Files in and out: JSON written so that a reader, or a crash, never sees half of one;
any file the operator names read only when it is a regular file of bounded size.

Every file the program reads (a state, a config, a questions or dataset file, a solve
input) goes through ``read_bytes_capped`` / ``read_text_capped``: a FIFO, a device such as
``/dev/zero`` or a directory is refused in one line at once (the open never blocks), and a
file over its cap is refused before it is read, so nothing is read until memory runs out.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from logicnet.errors import ConfigError, FileRefused

__all__ = [
    "FileRefused",
    "describe_size",
    "file_kind",
    "read_bytes_capped",
    "read_text_capped",
    "write_json_atomic",
]


def describe_size(n: int) -> str:
    """``1.5 MiB``, ``64 KiB``, ``12 bytes``: a size as an error message says it."""
    for unit, step in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= step:
            return f"{n / step:g} {unit}"
    return f"{n} bytes"


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for a one-line refusal."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes_capped(path: str | os.PathLike[str], max_bytes: int, what: str = "file") -> bytes:
    """The bytes of ``path``, or a ``ConfigError`` in one line naming it.

    Opened without blocking (a FIFO with no writer would hang a plain open for ever) and
    read only when the open descriptor is a regular file (a symlink to one is fine); the
    size is checked first, and at most ``max_bytes + 1`` bytes are read (a file growing
    meanwhile is refused, not read without end).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused(what, path, "does not exist") from None
    except OSError as exc:
        try:  # a socket cannot be opened at all: say what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise FileRefused(what, path, f"is {file_kind(mode)}, not a regular file") from None
        raise FileRefused(what, path, f"cannot be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(what, path, f"is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise FileRefused(
                what,
                path,
                f"is {describe_size(info.st_size)}, over the {describe_size(max_bytes)} limit",
                True,
            )
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except OSError as exc:
                raise FileRefused(what, path, f"cannot be read ({exc.strerror or exc})") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise FileRefused(
                what, path, f"grew past the {describe_size(max_bytes)} limit while read", True
            )
        return data
    finally:
        os.close(fd)


def read_text_capped(path: str | os.PathLike[str], max_bytes: int, what: str = "file") -> str:
    """``read_bytes_capped`` decoded as UTF-8; bad bytes are one line naming the line."""
    data = read_bytes_capped(path, max_bytes, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{what} {path} line {line}: not UTF-8 text") from None


def write_json_atomic(path: Path, payload: Any, durable: bool = False) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    With ``durable`` the data and the rename are fsynced too: after a power loss or a
    ``kill -9`` the file holds either the old or the new content, never a torn one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=1)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
        if durable:
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
