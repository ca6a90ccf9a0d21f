"""The log of internal errors: owner-only, and nothing of the data in it.

A bug's traceback is written to ``<data folder>/logs/crc-reporter.log`` so that it
can be reported. The folder is created ``0700`` and the file ``0600`` (both are
tightened if they already exist). Only the stack (files, lines, functions, the
code) and the type of each exception are written: exception messages are
withheld, because they may quote a cell, an SQL statement or a password (a
driver error repeats its statement). The same holds for an encrypted store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import traceback
from pathlib import Path

from crc_reporter.paths import user_data_dir

LOG_NAME = "crc-reporter.log"


def log_file() -> Path:
    return user_data_dir() / "logs" / LOG_NAME


def redacted_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes, each exception shown by its type only."""
    chain: list[traceback.TracebackException] = []
    current: traceback.TracebackException | None = traceback.TracebackException.from_exception(exc)
    while current is not None and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    parts: list[str] = []
    for index, item in enumerate(reversed(chain)):
        if index:
            parts.append("\nwhich led to:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(item.stack.format())
        kind = item.exc_type
        name = f"{kind.__module__}.{kind.__qualname__}" if kind is not None else "?"
        parts.append(f"{name} (message withheld)\n")
    return "".join(parts)


def write_exception(exc: BaseException) -> Path | None:
    """Append the redacted traceback to the owner-only log; None when it cannot be written."""
    path = log_file()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # a folder made by an older version, or on a file system without modes
            os.chmod(path.parent, 0o700)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            with contextlib.suppress(OSError):
                os.fchmod(fh.fileno(), 0o600)
            fh.write(f"--- {dt.datetime.now().isoformat()} ---\n")
            fh.write(redacted_traceback(exc))
    except OSError:
        return None
    return path
