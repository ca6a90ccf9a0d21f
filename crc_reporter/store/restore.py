"""Putting a backup back in place of a store, even when the store itself is damaged.

The order of the steps is what keeps the user's work safe:

1. the backup is checked first; a bad backup is refused and nothing changes;
2. the writer's lock is taken, so no other instance is writing while we swap files;
3. the current state is kept: a checked online backup (``before-restore``) when the
   store can be read, otherwise a byte copy of the damaged file and its WAL
   (``damaged``, never rotated away) — nothing the user had is thrown away;
4. the backup is copied beside the store under a temporary name, flushed and checked;
5. the store's old WAL and index are removed (a stale WAL replayed onto the
   restored file would corrupt it), then the copy is renamed over the store.

A crash at any point leaves either the old store (with its kept copy) or the
restored one, never a mixture.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from crc_reporter.i18n import _
from crc_reporter.paths import backups_dir_for
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import (
    backup_name,
    backups_locked,
    latest_good_backup,
    locked_backups_message,
    take_backup,
    verify_backup,
)
from crc_reporter.store.errors import StoreError, StoreLockedError, WrongPassphraseError
from crc_reporter.store.locking import StoreLock


@dataclass(frozen=True)
class RestoreResult:
    store: Path
    restored_from: Path
    revision: str | None
    previous_kept_as: tuple[Path, ...]  # the state before the restore (empty when there was no store)


def restore_backup(store_path: Path, backup: Path | None = None, key: str | None = None) -> RestoreResult:
    """Replace the store with ``backup`` (default: the latest good backup). The store must not be open."""
    if backup is None:
        latest = latest_good_backup(store_path, key)
        if latest is None and backups_locked(store_path, key):
            raise WrongPassphraseError(
                _("{path} cannot be restored: {problem}").format(
                    path=store_path, problem=locked_backups_message(store_path)
                )
            )
        if latest is None:
            raise StoreError(
                _("there is no good backup of {path} in {folder}").format(
                    path=store_path, folder=backups_dir_for(store_path)
                )
            )
        backup = latest.path
    check = verify_backup(backup, key)
    if not check.ok:
        raise StoreError(_("{path} cannot be restored: {problem}").format(path=backup, problem=check.problem))
    lock = StoreLock(store_path)
    try:
        got = lock.acquire()
    except OSError as exc:
        raise StoreError(_("cannot lock {path}: {reason}").format(path=store_path, reason=exc.strerror)) from exc
    if not got:
        raise StoreLockedError(
            _("{path} is open in another CRC Reporter window; close it before restoring").format(path=store_path),
            lock.holder_pid(),
        )
    try:
        kept = _keep_current_state(store_path, key)
        _swap_in(store_path, backup, key)
        lock.write_state("closed")
    finally:
        lock.release()
    return RestoreResult(store=store_path, restored_from=backup, revision=check.revision, previous_kept_as=kept)


def _keep_current_state(store_path: Path, key: str | None) -> tuple[Path, ...]:
    kind = sf.sniff(store_path)
    if kind in (sf.FileKind.MISSING, sf.FileKind.EMPTY):
        return ()
    try:
        return (take_backup(store_path, reason="before-restore", key=key, policy=None).path,)
    except StoreError:
        pass  # damaged, not a database, wrong key: keep its bytes as they are instead
    folder = backups_dir_for(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(store_path, dt.datetime.now(dt.UTC), "damaged")
    kept = []
    # A byte copy is right here (and only here): the store is not live (we hold the writer's
    # lock) and the point is to keep the damaged bytes exactly as they are, for rescue tools.
    # The WAL copy gets the name SQLite looks for, so opening the copy sees what the store saw.
    copies = [(store_path, target), (sf.sidecars(store_path)[0], sf.sidecars(target)[0])]
    for source, dest in copies:
        if source.exists() and (source == store_path or source.stat().st_size > 0):
            shutil.copyfile(source, dest)
            sf.fsync_file(dest)
            kept.append(dest)
    sf.fsync_dir(folder)
    return tuple(kept)


def _swap_in(store_path: Path, backup: Path, key: str | None) -> None:
    temp = store_path.with_name(f".{store_path.name}.restoring")
    try:
        # the backup is a closed, checked, single file (journal_mode=DELETE), not a live store
        shutil.copyfile(backup, temp)
        sf.fsync_file(temp)
        check = verify_backup(temp, key)
        if not check.ok:
            raise StoreError(_("the restored copy failed its check: {problem}").format(problem=check.problem))
        for sidecar in sf.sidecars(store_path):
            sidecar.unlink(missing_ok=True)
        os.replace(temp, store_path)
        sf.fsync_dir(store_path.parent)
    except OSError as exc:
        raise StoreError(_("cannot restore {path}: {reason}").format(path=store_path, reason=exc.strerror)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        # verify_backup opened the copy read-only; its empty WAL files must not follow it
        for sidecar in sf.sidecars(temp):
            with contextlib.suppress(OSError):
                sidecar.unlink(missing_ok=True)
