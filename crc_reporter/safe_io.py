"""Safe outputs, for every layer: files written atomically, spreadsheet cells that cannot run formulas.

:func:`atomic_write` writes to a temporary file in the destination's folder,
flushes it to disk and renames it over the destination (``os.replace`` is
atomic on the same file system, on POSIX and Windows alike). A crash, a full
disk or an exception while writing leaves the previous file untouched — a
half-written report never replaces a good one. The folder is synced after the
rename so that the new name itself survives a power cut.

:func:`neutralise_cell` defends exported spreadsheets against formula injection
(OWASP, "CSV injection"; ASVS 5.0 requirement 1.2.10): user text that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
formula by Excel or LibreOffice when the file is opened. Such text gets a
leading apostrophe, which spreadsheet programs show as text.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal, overload

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # folders cannot be opened for syncing on Windows; NTFS journals renames
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@overload
def atomic_write(
    path: str | os.PathLike[str], mode: Literal["wb"] = "wb", *, encoding: None = None
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def atomic_write(
    path: str | os.PathLike[str], mode: Literal["w"], *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]: ...
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", *, encoding: str | None = None) -> Any:
    """``with atomic_write(path) as fh: fh.write(...)`` — the file appears complete or not at all.

    ``mode`` is ``"wb"`` (default) or ``"w"`` (text, UTF-8 unless ``encoding``).
    The new file keeps the permissions of the file it replaces.
    """
    if mode not in ("w", "wb"):
        raise ValueError("atomic_write writes whole files: mode must be 'w' or 'wb'")
    return _atomic_write(Path(path), mode, encoding or ("utf-8" if mode == "w" else None))


#: a temporary file of ours older than this was left by a process that was killed (a power cut, a
#: full disk, the task manager): cleaned when the next one is written in that folder
STALE_SECONDS = 2 * 3600


def remove_stale(folder: Path, pattern: re.Pattern[str], max_age: float = STALE_SECONDS) -> list[Path]:
    """Delete files in ``folder`` whose whole name matches ``pattern`` (only ours) and that are older than
    ``max_age`` seconds (only left-overs, never the file another process is writing now)."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > max_age:
                entry.unlink()
                removed.append(entry)
    return removed


def temporary_pattern(name: str) -> re.Pattern[str]:
    """The names :func:`atomic_write` gives its temporary files for the file ``name``."""
    return re.compile(re.escape(f".{name}.") + r"[0-9a-f]{12}\.tmp")


@contextmanager
def _atomic_write(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    folder = path.parent
    remove_stale(folder, temporary_pattern(path.name))
    # O_EXCL under a random name in the same folder (a rename across file systems is not atomic);
    # mode 0o666 lets the umask decide, as for any new file
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline="" if mode == "w" else None) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    with atomic_write(path, "w", encoding=encoding) as fh:
        fh.write(text)


def neutralise_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will show as text, never evaluate; non-text passes through.

    Numbers stay numbers (a negative number is data, not a formula); only strings are changed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise_cell(v) for v in values]
