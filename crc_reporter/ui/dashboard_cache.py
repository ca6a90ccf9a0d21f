"""The dashboard's figures kept from the last session, shown while the store opens, when still true.

Opening a store imports SQLAlchemy and the services and runs the dashboard's
queries: most of a cold start. When the store file has not changed since the
figures were computed (same size, modification time and header, same
write-ahead log, byte for byte) and it is still the same day (days left and
overdue actions count from today), the figures are the ones the store would
give, so the window shows them at once and the page adopts them once the
store is open. Anything else (another store, a change, an encrypted store, a
server, a damaged or foreign cache file) means nothing is shown early.

The stamp is taken *before* the figures are read, so a change made in between
can only make the stamp stale, never the figures. Encrypted stores keep no
figures outside the store. The file is read with an unpickler that accepts
only the dashboard's own record types and dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from crc_reporter.paths import user_data_dir

log = logging.getLogger("crc_reporter.ui")

FORMAT = 1  # bump when DashboardFigures changes shape
SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_LOG_BYTES = 16 * 1024 * 1024  # a longer write-ahead log is not hashed: no figures kept early

Stamp = tuple[Any, ...]


def cache_file(store: Path) -> Path:
    """Where the figures of ``store`` are kept (one file per store, named by its absolute path)."""
    digest = hashlib.sha256(str(store.resolve()).encode("utf-8")).hexdigest()[:20]
    return user_data_dir() / "cache" / f"dashboard-{digest}.pickle"


def store_stamp(store: Path) -> Stamp | None:
    """What identifies the store's content now; None when nothing may be kept (encrypted, missing, too busy)."""
    try:
        with open(store, "rb") as fh:
            header = fh.read(100)
        if not header.startswith(SQLITE_MAGIC):
            return None  # encrypted (or not a store): its figures stay inside it
        stat = store.stat()
        wal = store.with_name(store.name + "-wal")
        log_digest = ""  # no log and an empty one (after a clean close, or before the first write) alike
        size = wal.stat().st_size if wal.exists() else 0
        if size > MAX_LOG_BYTES:
            return None
        if size:
            log_digest = hashlib.sha256(wal.read_bytes()).hexdigest()
    except OSError:
        return None
    return (FORMAT, stat.st_size, stat.st_mtime_ns, header, log_digest)


class _Figures(pickle.Unpickler):
    """Only the dashboard's records, dates and Python's plain containers may come out of the file."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "crc_reporter.domain.summaries" or (module == "datetime" and name == "date"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(name)  # (caught by load: never shown)


def save(store: Path, stamp: Stamp | None, loaded: tuple[Any, ...]) -> None:
    """Keep ``loaded`` (what the dashboard page shows, for the default scope) for the next start."""
    if stamp is None:
        return
    target = cache_file(store)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((stamp, loaded), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)
    except OSError:
        log.info("the dashboard's figures could not be kept for the next start", exc_info=True)


def load(store: Path, today: dt.date | None = None, stamp: Stamp | None = None) -> tuple[Any, ...] | None:
    """The figures kept for ``store`` if the store has not changed since (and it is the same day), else None.

    ``stamp``: the store's :func:`store_stamp`, if just taken.
    """
    stamp = stamp or store_stamp(store)
    if stamp is None:
        return None
    try:
        raw = cache_file(store).read_bytes()
        kept_stamp, loaded = _Figures(io.BytesIO(raw)).load()
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file only means no early figures
        log.info("the dashboard cache could not be read", exc_info=True)
        return None
    if kept_stamp != stamp or not isinstance(loaded, tuple) or len(loaded) != 3:
        return None
    figures = loaded[2]
    if figures is None or getattr(figures, "today", None) != (today or dt.date.today()):
        return None
    return loaded
