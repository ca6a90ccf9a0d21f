"""Backups of SQLite stores: taken with SQLite's online backup API, test-opened, rotated.

A backup is never a file copy of a live store: a copy taken while a transaction
is being written (or with part of the data still in the write-ahead log) can be
inconsistent. The online backup API copies a consistent snapshot while the app
keeps working. Each backup is written under a temporary name, flushed to disk,
opened again and checked (``PRAGMA integrity_check``, a CRC Reporter schema at
a revision this version knows) and only then given its final name; only after
that may rotation delete older backups. Backups of an encrypted store are
encrypted with the same key.

Backups live in ``backups/`` beside the store, named
``<store name>_<UTC time>_<reason>.sqlite``, e.g.
``crc-reporter_2026-11-21_14-03-09.120Z_auto.sqlite``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crc_reporter.i18n import _
from crc_reporter.paths import backups_dir_for
from crc_reporter.safe_io import remove_stale
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.errors import DamagedStoreError, PassphraseRequiredError, StoreError, WrongPassphraseError
from crc_reporter.store.revisions import is_known
from crc_reporter.store.rotation import DEFAULT_POLICY, NEVER_ROTATED, RotationPolicy, backups_to_delete

SUFFIX = ".sqlite"
_STAMP = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}-[0-9]{2}-[0-9]{2})\.(?P<ms>[0-9]{3})Z_"
    r"(?P<reason>[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)\.sqlite$"
)  # (ASCII digits only; a reason as clean_reason writes it)
# tables every CRC Reporter store has since the first revision
REQUIRED_TABLES = frozenset({"alembic_version", "document", "recommendation", "action", "audit_log"})


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime  # aware, UTC
    reason: str  # auto, manual, before-upgrade-0002, before-import, before-merge, before-restore, damaged…
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def automatic(self) -> bool:
        return self.reason not in NEVER_ROTATED


@dataclass(frozen=True)
class BackupCheck:
    ok: bool
    revision: str | None
    problem: str  # one line, empty when ok


def clean_reason(reason: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")[:40].rstrip("-")
    return text or "auto"


def backup_name(store_path: Path, created: dt.datetime, reason: str) -> str:
    utc = created.astimezone(dt.UTC)
    return f"{store_path.stem}_{utc.strftime(_STAMP)}.{utc.microsecond // 1000:03d}Z_{clean_reason(reason)}{SUFFIX}"


def parse_backup_name(path: Path) -> tuple[str, dt.datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        created = dt.datetime.strptime(match["stamp"], _STAMP).replace(
            microsecond=int(match["ms"]) * 1000, tzinfo=dt.UTC
        )
    except ValueError:
        return None
    return match["stem"], created, match["reason"]


def list_backups(store_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of this store, newest first (only names this module writes are listed)."""
    folder = folder or backups_dir_for(store_path)
    out: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_backup_name(path)
        if parsed is None or parsed[0] != store_path.stem:
            continue
        with contextlib.suppress(OSError):
            out.append(BackupInfo(path=path, created=parsed[1], reason=parsed[2], size=path.stat().st_size))
    out.sort(key=lambda b: (b.created, b.name), reverse=True)
    return out


def verify_backup(path: Path, key: str | None = None) -> BackupCheck:
    """Open a backup and check it; never raises for a bad file."""
    try:
        conn = sf.connect(path, key, read_only=True)
    except StoreError as exc:
        return BackupCheck(False, None, str(exc))
    try:
        errors = sf.integrity_errors(conn, limit=5)
        if errors:
            return BackupCheck(False, None, _("integrity check failed: {error}").format(error=errors[0]))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = sf.schema_revision(conn)
        if not tables >= REQUIRED_TABLES:
            return BackupCheck(False, revision, _("not a CRC Reporter store"))
        if not is_known(revision):
            return BackupCheck(
                False, revision, _("schema revision {rev} is unknown to this version").format(rev=revision)
            )
        return BackupCheck(True, revision, "")
    except sf.driver_errors() as exc:
        return BackupCheck(False, None, sf.first_line(exc))
    finally:
        conn.close()


def _driver_for(store_path: Path, key: str | None) -> tuple[Any, str | None]:
    """The driver and key a backup of this store is written with (encrypted stores stay encrypted)."""
    if key is not None and sf.sniff(store_path) is not sf.FileKind.SQLITE:
        return sf.sqlcipher(), key
    return sqlite3, None


def snapshot(store_path: Path, dest: Path, key: str | None = None) -> None:
    """Write a consistent copy of a (possibly live) store to ``dest`` with the online backup API."""
    driver, dest_key = _driver_for(store_path, key)
    source = sf.connect(store_path, key, read_only=True)
    try:
        out = driver.connect(str(dest), isolation_level=None)
        try:
            if dest_key is not None:
                out.execute(f"PRAGMA key = {sf.quote_key(dest_key)}")
            source.backup(out)  # all pages in one step: one read transaction, one consistent state
            # the copied header says WAL; a backup is one self-contained file
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    except sf.driver_errors() as exc:
        failure = sf.translate(exc, store_path)
        if not isinstance(failure, StoreError):
            failure = StoreError(
                _("cannot write the backup {path}: {reason}").format(path=dest, reason=sf.first_line(exc))
            )
        raise failure from exc
    finally:
        source.close()
    sf.fsync_file(dest)


def take_backup(
    store_path: Path,
    *,
    reason: str,
    key: str | None = None,
    now: dt.datetime | None = None,
    folder: Path | None = None,
    policy: RotationPolicy | None = DEFAULT_POLICY,
) -> BackupInfo:
    """Back up the store, check the copy, then rotate older automatic backups (``policy=None``: never)."""
    folder = folder or backups_dir_for(store_path)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    created = created.replace(microsecond=created.microsecond // 1000 * 1000)  # what the name can hold
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("cannot create the backup folder {folder}: {reason}").format(folder=folder, reason=exc.strerror)
        ) from exc
    remove_stale_partials(store_path, folder)
    final = folder / backup_name(store_path, created, reason)
    while final.exists():  # two backups in the same millisecond
        created += dt.timedelta(milliseconds=1)
        final = folder / backup_name(store_path, created, reason)
    partial = folder / f".{final.name}.partial"
    try:
        snapshot(store_path, partial, key)
        check = verify_backup(partial, key)
        if not check.ok:
            raise DamagedStoreError(
                _("the backup of {path} failed its check ({problem}); older backups were kept").format(
                    path=store_path, problem=check.problem
                ),
                store_path,
            )
        os.replace(partial, final)
        sf.fsync_dir(folder)
    except OSError as exc:
        raise StoreError(_("cannot write the backup {path}: {reason}").format(path=final, reason=exc.strerror)) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    info = BackupInfo(path=final, created=created, reason=clean_reason(reason), size=final.stat().st_size)
    if policy is not None and info.automatic:
        rotate(store_path, folder, policy)
    return info


def remove_stale_partials(store_path: Path, folder: Path | None = None) -> list[Path]:
    """Delete what backups of this store that were killed while being written left behind (hours old)."""
    folder = folder or backups_dir_for(store_path)
    return remove_stale(folder, re.compile(re.escape(f".{store_path.stem}_") + r".*" + re.escape(f"{SUFFIX}.partial")))


def rotate(store_path: Path, folder: Path | None = None, policy: RotationPolicy = DEFAULT_POLICY) -> list[BackupInfo]:
    """Delete the automatic backups the policy no longer keeps, and leftovers of interrupted backups."""
    folder = folder or backups_dir_for(store_path)
    deleted = []
    for backup in backups_to_delete(list_backups(store_path, folder), policy):
        with contextlib.suppress(OSError):
            backup.path.unlink()
            deleted.append(backup)
    remove_stale_partials(store_path, folder)  # only old ones: never a backup another window is writing
    return deleted


def backups_are_plain(store_path: Path) -> bool:
    """True when the newest backup of this store is a plain SQLite file: then the store was not
    encrypted, and a store file that looks encrypted is really a damaged one."""
    found = list_backups(store_path)
    return bool(found) and sf.sniff(found[0].path) is sf.FileKind.SQLITE


def _opens(path: Path, key: str | None) -> bool | None:
    """True when ``key`` opens this encrypted backup, False when it does not, None when it is no encrypted file."""
    if sf.sniff(path) is not sf.FileKind.MAYBE_ENCRYPTED:
        return None
    try:
        sf.connect(path, key, read_only=True).close()
    except (PassphraseRequiredError, WrongPassphraseError):
        return False
    except StoreError:
        return None
    return True


def backups_locked(store_path: Path, key: str | None) -> bool:
    """True when the store has encrypted backups and ``key`` opens none of them (none given, or a wrong one)."""
    results = [_opens(b.path, key) for b in list_backups(store_path)]
    return False in results and True not in results


def key_opens_backups(store_path: Path, key: str | None) -> bool:
    """True when ``key`` opens an encrypted backup of this store: then it is the store's passphrase."""
    return key is not None and any(_opens(b.path, key) for b in list_backups(store_path))


def locked_backups_message(store_path: Path) -> str:
    return _(
        "the backups in {folder} are encrypted and the passphrase given does not open them (a wrong passphrase?)"
    ).format(folder=backups_dir_for(store_path))


def unrecognised_store_message(store_path: Path) -> str | None:
    """For a file that is no database: when it has backups, it is this store, cut short or overwritten."""
    if not list_backups(store_path):
        return None
    return _(
        "the store {path} is damaged (cut short or overwritten: it is no longer a database, but it has backups)"
    ).format(path=store_path)


def damaged_first_page_message(store_path: Path) -> str:
    return _("the store {path} is damaged (its first page is unreadable; the passphrase opens its backups)").format(
        path=store_path
    )


def latest_good_backup(store_path: Path, key: str | None = None) -> BackupInfo | None:
    """The newest backup that passes :func:`verify_backup`."""
    for backup in list_backups(store_path):
        if verify_backup(backup.path, key).ok:
            return backup
    return None
