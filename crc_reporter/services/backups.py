"""Backups as the app uses them: automatic, before risky operations, on request; restore.

Everything a Backups page or a command needs, without Qt:

* :func:`maybe_backup` — the automatic policy; call it from a timer (every minute
  or so) and at close: it takes a backup only when the store changed since the
  newest backup and that backup is at least 30 minutes old;
* :func:`backup_before` — call before an import or a merge (upgrades take their
  own backup); it always takes one when the store holds any work;
* :func:`backup_now`, :func:`list_backups`, :func:`check_backup`,
  :func:`latest_good_backup`, :func:`restore`, :func:`delete_backup`,
  :func:`backups_folder` — the page's list and buttons (a restore needs the
  store closed: close it, restore, open it again).

All return frozen dataclasses (:class:`BackupInfo`, :class:`BackupCheck`,
:class:`RestoreResult`). Backups apply to SQLite stores; a database server is
backed up by its administrator, and these functions say so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.paths import backups_dir_for
from crc_reporter.safe_io import remove_stale
from crc_reporter.services.errors import ServiceError
from crc_reporter.store import backup as store_backup
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import BackupCheck, BackupInfo
from crc_reporter.store.engine import Store
from crc_reporter.store.restore import RestoreResult, restore_backup

__all__ = [
    "AUTO_BACKUP_INTERVAL",
    "BackupCheck",
    "BackupInfo",
    "RestoreResult",
    "backup_before",
    "backup_now",
    "backups_folder",
    "check_backup",
    "delete_backup",
    "latest_good_backup",
    "list_backups",
    "maybe_backup",
    "restore",
]

AUTO_BACKUP_INTERVAL = dt.timedelta(minutes=30)
_MARKS = "backup_marks"  # store.info cache: backup path -> change mark it holds


def _store_of(target: Store | Session) -> Store:
    if isinstance(target, Store):
        return target
    store = target.info.get("store")
    if not isinstance(store, Store):
        raise ServiceError(_("this session does not belong to a store"))
    return store


def _file_of(store: Store) -> Path:
    if store.path is None:
        raise ServiceError(
            _("{store} is a database server; its administrator backs it up").format(store=store.display_name())
        )
    return store.path


def _utc(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC)  # a naive time is taken as local time


def change_mark(store: Store) -> int:
    """A number that grows with every change: the newest audit-trail entry (every write adds one)."""
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar() or 0)


def _mark_of_backup(store: Store, backup: BackupInfo) -> int | None:
    cache: dict[Path, int | None] = store.info.setdefault(_MARKS, {})
    if backup.path not in cache:
        mark: int | None = None
        with contextlib.suppress(Exception):  # an unreadable backup simply does not count as up to date
            conn = sf.connect(backup.path, store.key, read_only=True)
            try:
                mark = int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])
            finally:
                conn.close()
        cache[backup.path] = mark
    return cache[backup.path]


def maybe_backup(store: Store, now: dt.datetime | None = None) -> BackupInfo | None:
    """The automatic backup: taken when the store changed and the newest backup is ≥ 30 minutes old.

    Returns the new backup, or None when none was due. Cheap when nothing is due
    (a folder listing and one small query). Raises :class:`StoreError` when a due
    backup cannot be written (disk full…): show it, keep working, try again later.
    """
    if store.path is None or store.read_only:
        return None
    at = _utc(now)
    backups = store_backup.list_backups(store.path)
    latest = backups[0] if backups else None
    if latest is not None and at - latest.created < AUTO_BACKUP_INTERVAL:
        return None
    mark = change_mark(store)
    if mark == 0:
        return None  # nothing was ever written: nothing to lose
    if latest is not None and _mark_of_backup(store, latest) == mark:
        return None
    return _take(store, "auto", at, mark)


def backup_before(target: Store | Session, reason: str) -> BackupInfo | None:
    """A backup before a risky operation (``reason``: ``"import"``, ``"merge"`` …).

    Call it before the operation writes anything (with a session, before its
    first flush): the backup holds the last committed state. Returns None for a
    store without any work in it yet, a read-only store, or a database server.
    """
    store = _store_of(target)
    if store.path is None or store.read_only:
        return None
    mark = change_mark(store)
    if mark == 0:
        return None
    label = reason if reason.startswith("before-") else f"before-{reason}"
    return _take(store, label, _utc(None), mark)


def backup_now(store: Store, to: Path | None = None) -> BackupInfo:
    """A backup a person asked for: into the backups folder (never rotated away) or to the file ``to``."""
    path = _file_of(store)
    if to is None:
        return _take(store, "manual", _utc(None), None)
    to = sf.usable_path(sf.usable_path(sf.expand_user(to)).resolve())
    sf.usable_path(to.parent)
    if to == path:
        raise ServiceError(_("a backup cannot replace the store itself"))
    if to.is_dir():
        raise ServiceError(_("{path} is a folder; give a file name for the backup").format(path=to))
    if not to.parent.is_dir():
        raise ServiceError(_("the folder {folder} does not exist").format(folder=to.parent))
    partial = to.with_name(f".{to.name}.partial")
    remove_stale(to.parent, re.compile(re.escape(partial.name)))  # left by a backup to this file that was killed
    try:
        store_backup.snapshot(path, partial, store.key)
        check = store_backup.verify_backup(partial, store.key)
        if not check.ok:
            raise ServiceError(_("the backup failed its check ({problem})").format(problem=check.problem))
        os.replace(partial, to)
        sf.fsync_dir(to.parent)
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=to, reason=exc.strerror)) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return BackupInfo(path=to, created=_utc(None), reason="manual", size=to.stat().st_size)


def _take(store: Store, reason: str, at: dt.datetime, mark: int | None) -> BackupInfo:
    info = store_backup.take_backup(_file_of(store), reason=reason, key=store.key, now=at)
    if mark is not None:
        store.info.setdefault(_MARKS, {})[info.path] = mark
    return info


def list_backups(target: Store | Path) -> list[BackupInfo]:
    """The backups of a store (or of the store file at a path), newest first."""
    path = target if isinstance(target, Path) else target.path
    return store_backup.list_backups(path) if path is not None else []


def backups_folder(target: Store | Path) -> Path | None:
    """The folder the backups of this store live in (None for a database server)."""
    path = target if isinstance(target, Path) else target.path
    return backups_dir_for(path) if path is not None else None


def delete_backup(target: Store | Path, backup: Path) -> None:
    """Delete one backup of this store (only a file this module named, in the store's backups folder)."""
    path = target if isinstance(target, Path) else target.path
    if path is None or backup not in {b.path for b in store_backup.list_backups(path)}:
        raise ServiceError(_("{name} is not a backup of this store").format(name=backup.name))
    try:
        backup.unlink()
    except OSError as exc:
        raise ServiceError(_("cannot delete {name}: {reason}").format(name=backup.name, reason=exc.strerror)) from exc


def check_backup(backup: Path, passphrase: str | None = None) -> BackupCheck:
    """Test-open a backup (integrity check, a CRC Reporter store of a known revision)."""
    return store_backup.verify_backup(backup, passphrase)


def latest_good_backup(store_path: Path, passphrase: str | None = None) -> BackupInfo | None:
    return store_backup.latest_good_backup(store_path, passphrase)


def restore(store_path: Path, backup: Path | None = None, passphrase: str | None = None) -> RestoreResult:
    """Put ``backup`` (default: the latest good one) in place of the store; the current state is kept first.

    The store must be closed in this process (close the :class:`Store`, restore, open it again);
    it may be damaged. Raises :class:`StoreError` with a readable message.
    """
    return restore_backup(store_path, backup, passphrase)
