"""The state of a store file: sound, damaged, encrypted, from a newer version…

:func:`check_store` never raises for a problem with the file: it describes it.
It is what ``crc-reporter check`` prints, what a window shows before offering
to restore a backup, and what :func:`~crc_reporter.store.open.open_store` runs
after an unclean shutdown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from crc_reporter.i18n import _
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import (
    REQUIRED_TABLES,
    backups_are_plain,
    backups_locked,
    damaged_first_page_message,
    key_opens_backups,
    locked_backups_message,
    unrecognised_store_message,
)
from crc_reporter.store.cells import bad_cells
from crc_reporter.store.errors import (
    DamagedStoreError,
    PassphraseRequiredError,
    StoreError,
    WrongPassphraseError,
)
from crc_reporter.store.locking import StoreLock
from crc_reporter.store.models import Base
from crc_reporter.store.revisions import head_from_files, is_known


class HealthState(StrEnum):
    OK = "ok"
    NEEDS_UPGRADE = "needs_upgrade"  # sound, from an older version: upgraded (after a backup) when opened
    MISSING = "missing"
    NOT_A_STORE = "not_a_store"
    NEEDS_PASSPHRASE = "needs_passphrase"
    WRONG_PASSPHRASE = "wrong_passphrase"
    DAMAGED = "damaged"
    NEWER = "newer"


SOUND = frozenset({HealthState.OK, HealthState.NEEDS_UPGRADE})


@dataclass(frozen=True)
class StoreHealth:
    path: Path
    state: HealthState
    message: str  # one line for people
    revision: str | None = None
    encrypted: bool = False
    size: int = 0
    wal_size: int = 0
    integrity_errors: tuple[str, ...] = ()
    unclean_shutdown: bool = False  # the last writer did not close it (crash, power cut, kill)
    open_elsewhere_pid: int | None = None  # another instance holds the writer's lock

    @property
    def sound(self) -> bool:
        return self.state in SOUND


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _lock_facts(path: Path) -> tuple[bool, int | None]:
    """(unclean shutdown, pid of the instance holding the lock) without disturbing a running writer."""
    lock = StoreLock(path)
    if not lock.path.exists():
        return _size(sf.sidecars(path)[0]) > 0, None
    try:
        got = lock.acquire()
    except OSError:
        return False, None
    if not got:
        return False, lock.holder_pid()
    try:
        return lock.previous_unclean or _size(sf.sidecars(path)[0]) > 0, None
    finally:
        lock.release()


def check_store(path: Path, key: str | None = None) -> StoreHealth:
    """Examine the file (a full integrity check); read-only, never raises for a bad file."""
    kind = sf.sniff(path) if not path.is_dir() else sf.FileKind.OTHER
    unclean, holder = _lock_facts(path) if kind is not sf.FileKind.MISSING else (False, None)
    writer_active = holder is not None  # another instance, or this process's own open store
    base = StoreHealth(
        path,
        HealthState.OK,
        "",
        encrypted=kind is sf.FileKind.MAYBE_ENCRYPTED,
        size=_size(path),
        wal_size=_size(sf.sidecars(path)[0]),
        unclean_shutdown=unclean,
        open_elsewhere_pid=holder if holder != os.getpid() else None,
    )
    if kind is sf.FileKind.MISSING:
        return replace(base, state=HealthState.MISSING, message=_("there is no store at {path}").format(path=path))
    if kind is sf.FileKind.EMPTY:
        return replace(base, state=HealthState.DAMAGED, message=sf.empty_store_message(path))
    try:
        conn = sf.connect(path, key, read_only=True)
    except (PassphraseRequiredError, WrongPassphraseError) as exc:
        if backups_are_plain(path):  # it was never encrypted: the header is damaged
            message = _(
                "the store {path} is damaged (its first page is unreadable; its backups show it was not encrypted)"
            )
            return replace(base, state=HealthState.DAMAGED, message=message.format(path=path), encrypted=False)
        if isinstance(exc, PassphraseRequiredError):
            return replace(base, state=HealthState.NEEDS_PASSPHRASE, message=str(exc))
        if key_opens_backups(path, key):  # the passphrase is right: the first page is damaged
            return replace(base, state=HealthState.DAMAGED, message=damaged_first_page_message(path))
        message = str(exc)
        if backups_locked(path, key):
            message += "; " + locked_backups_message(path)
        return replace(base, state=HealthState.WRONG_PASSPHRASE, message=message)
    except DamagedStoreError as exc:
        return replace(base, state=HealthState.DAMAGED, message=str(exc))
    except StoreError as exc:
        damaged = unrecognised_store_message(path) if kind is sf.FileKind.OTHER else None
        if damaged is not None:
            return replace(base, state=HealthState.DAMAGED, message=damaged)
        state = HealthState.NOT_A_STORE if kind is sf.FileKind.OTHER else HealthState.DAMAGED
        return replace(base, state=state, message=str(exc))
    try:
        health = _examine(conn, base)
    finally:
        conn.close()
    # FTS5's own check needs a writable connection: not possible (nor needed) where nothing can be written
    if health.state is HealthState.OK and health.revision and not writer_active and not sf.read_only_place(path):
        health = _check_search_indexes(health, key)
    return health


def _check_search_indexes(health: StoreHealth, key: str | None) -> StoreHealth:
    """FTS5's integrity check needs a writable connection: only done when no instance is writing."""
    try:
        conn = sf.connect(health.path, key)
    except StoreError as exc:
        return replace(health, state=HealthState.DAMAGED, message=str(exc))
    try:
        problems = tuple(sf.search_index_problems(conn))
    finally:
        conn.close()
    if not problems:
        return health
    message = _("the store {path} is damaged ({reason})").format(path=health.path, reason=problems[0])
    return replace(health, state=HealthState.DAMAGED, message=message, integrity_errors=problems)


def _examine(conn: Any, base: StoreHealth) -> StoreHealth:
    path = base.path
    try:
        errors = tuple(sf.integrity_errors(conn))
        if not errors:
            errors = tuple(bad_cells(conn))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = sf.schema_revision(conn) if "alembic_version" in tables else None
    except sf.driver_errors() as exc:
        reason = sf.first_line(exc)
        message = _("the store {path} is damaged ({reason})").format(path=path, reason=reason)
        return replace(base, state=HealthState.DAMAGED, message=message, integrity_errors=(reason,))
    if errors:
        message = _("the store {path} is damaged ({reason})").format(path=path, reason=errors[0])
        return replace(base, state=HealthState.DAMAGED, message=message, integrity_errors=errors, revision=revision)
    base = replace(base, revision=revision)
    if not tables:
        return replace(base, message=_("the store is empty (new)"))
    if not tables >= REQUIRED_TABLES:
        message = _("{path} is an SQLite database but not a CRC Reporter store").format(path=path)
        return replace(base, state=HealthState.NOT_A_STORE, message=message)
    if not is_known(revision):
        message = _("the store was written by a newer version of CRC Reporter (schema {rev})").format(rev=revision)
        return replace(base, state=HealthState.NEWER, message=message)
    if revision != head_from_files():
        message = _("the store is sound; it will be upgraded to this version when opened (a backup is taken first)")
        return replace(base, state=HealthState.NEEDS_UPGRADE, message=message)
    drift = _schema_drift(conn)
    if drift:
        message = _("the store {path} is damaged ({reason})").format(path=path, reason=drift[0])
        return replace(base, state=HealthState.DAMAGED, message=message, integrity_errors=drift)
    return replace(base, message=_("the store is sound"))


def _schema_drift(conn: Any) -> tuple[str, ...]:
    """Tables and columns that differ from what this version's models expect.

    A flipped bit in the schema text can rename a column and still leave a
    schema SQLite accepts; only a comparison with the models shows it.
    """
    problems = []
    for table in Base.metadata.sorted_tables:
        found = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
        expected = {c.name for c in table.columns}
        if not found:
            problems.append(_("table {table} is missing").format(table=table.name))
        elif found != expected:
            odd = ", ".join(sorted(found ^ expected))
            problems.append(_("table {table} has unexpected columns ({columns})").format(table=table.name, columns=odd))
    return tuple(problems)
