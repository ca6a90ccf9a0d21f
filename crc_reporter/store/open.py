"""The one way to open a store: lock, check after a crash, connect, upgrade (backup first), seed.

For an SQLite file, in this order:

1. the writer's lock next to the file (:mod:`crc_reporter.store.locking`); when another
   instance holds it, the store opens read-only (``access="auto"``) or the open is
   refused (``access="write"``);
2. if the previous writer did not close the store cleanly (the lock file still says
   ``state=open``, or a WAL with content was left behind), a full ``PRAGMA
   integrity_check`` runs before anything else touches the file; a damaged store is
   reported (:class:`DamagedStoreError`) and left exactly as it is;
3. the session is marked open (fsynced), the engine connects, the schema is upgraded
   (a checked backup first) and the reference data seeded.

On a shared PostgreSQL server only the database owner upgrades the schema and
writes reference data; everybody else gets the role the server gives them, and
their login name is the author in the audit trail, whatever they claim.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.store import migrate
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import (
    backups_are_plain,
    damaged_first_page_message,
    key_opens_backups,
    remove_stale_partials,
)
from crc_reporter.store.engine import Store, check_sqlite_path, explain_failure, is_url, make_store, open_engine
from crc_reporter.store.errors import (
    DamagedStoreError,
    NewerStoreError,
    PassphraseRequiredError,
    StoreError,
    StoreLockedError,
    WrongPassphraseError,
)
from crc_reporter.store.exchange_settings import seed_exchange_settings
from crc_reporter.store.locking import StoreLock
from crc_reporter.store.reference import seed_reference
from crc_reporter.store.revisions import head_from_files, is_known

Access = Literal["auto", "write", "read"]


def default_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def open_store(
    target: str | Path,
    *,
    user: str | None = None,
    create: bool = True,
    upgrade: bool = True,
    passphrase: str | None = None,
    access: Access = "auto",
) -> Store:
    """Open (and when ``create``, create) a store; raises :class:`StoreError` with a readable message.

    ``passphrase`` opens an encrypted store, or creates a new store encrypted.
    ``access``: ``"auto"`` writes when this is the only instance and reads otherwise,
    ``"write"`` refuses to open a store another instance is writing, ``"read"`` never writes.
    """
    if isinstance(target, str) and is_url(target):
        engine, _path = open_engine(target, create=create)
        return _finish(engine, None, user, upgrade=upgrade, read_only=access == "read", key=None)
    path = sf.expand_user(Path(target)).resolve()
    if sf.sniff(path) is sf.FileKind.EMPTY and StoreLock(path).held_elsewhere():
        raise StoreError(_("this store is being created by another window; try again in a moment"))
    check_sqlite_path(path, create)
    place = sf.read_only_place(path)  # a read-only file or folder: read it where it is, write nothing
    lock, reason = _lock(path, "read" if place else access)
    reason = place or reason
    read_only = not lock.held
    try:
        unclean = False
        if not read_only:
            unclean = lock.previous_unclean or _wal_has_content(path)
            if unclean and sf.sniff(path) not in (sf.FileKind.MISSING, sf.FileKind.EMPTY):
                check_after_crash(path, passphrase)
            lock.write_state("open")
            remove_stale_partials(path)  # left by backups that were killed (hours ago)
        elif not path.exists():
            raise StoreLockedError(reason, lock.holder_pid())
        engine, _path = open_engine(path, create=create, key=passphrase, read_only=read_only)
        store = _finish(engine, path, user, upgrade=upgrade, read_only=read_only, key=passphrase)
    except DamagedStoreError:
        lock.release()  # the file still says "open": the next open checks it again
        raise
    except (PassphraseRequiredError, WrongPassphraseError) as exc:
        lock.restore_previous()
        lock.release()
        if backups_are_plain(path):
            raise DamagedStoreError(unreadable_plain_store(path), path) from exc
        if isinstance(exc, WrongPassphraseError) and key_opens_backups(path, passphrase):
            raise DamagedStoreError(damaged_first_page_message(path), path) from exc
        raise
    except BaseException:
        lock.restore_previous()
        lock.release()
        raise
    store.lock = lock if lock.held else None
    store.read_only_reason = reason
    store.unclean_shutdown = unclean
    return store


def unreadable_plain_store(path: Path) -> str:
    return _(
        "the store {path} is damaged (its first page is unreadable; its backups show it was not encrypted)"
    ).format(path=path)


def _lock(path: Path, access: Access) -> tuple[StoreLock, str]:
    lock = StoreLock(path)
    if access == "read":
        return lock, _("{path} is open read-only").format(path=path)
    try:
        if lock.acquire():
            return lock, ""
    except OSError as exc:
        if access == "write":
            raise StoreError(_("cannot lock {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
        return lock, _("the lock file {lock} cannot be created ({reason}); the store is open read-only").format(
            lock=lock.path, reason=exc.strerror
        )
    pid = lock.holder_pid()
    if access == "write":
        raise StoreLockedError(
            _("{path} is open in another CRC Reporter window (process {pid}); close it first").format(
                path=path, pid=pid or "?"
            ),
            pid,
        )
    return lock, _("{path} is open in another CRC Reporter window (process {pid}); it is read-only here").format(
        path=path, pid=pid or "?"
    )


def _wal_has_content(path: Path) -> bool:
    try:
        return sf.sidecars(path)[0].stat().st_size > 0
    except OSError:
        return False


def check_after_crash(path: Path, key: str | None) -> None:
    """The full integrity check after an unclean shutdown; raises :class:`DamagedStoreError`."""
    conn = sf.connect(path, key)  # read-write: SQLite recovers the WAL as it would on any open
    try:
        errors = sf.integrity_errors(conn, limit=5)
    except sf.driver_errors() as exc:
        raise sf.translate(exc, path) from exc
    finally:
        conn.close()
    if errors:
        raise DamagedStoreError(
            _("the store {path} is damaged after an unclean shutdown ({reason})").format(path=path, reason=errors[0]),
            path,
        )


def _server_identity(engine: Engine) -> tuple[str, Role, bool, bool]:
    """The authenticated user, their role, whether they own the database, whether they see confidential rows."""
    from crc_reporter.store import pg_security

    with engine.connect() as conn:
        user = str(conn.execute(text("SELECT session_user")).scalar())
        return user, pg_security.current_role(conn), pg_security.is_owner(conn), pg_security.sees_confidential(conn)


def _upgrade_shared(engine: Engine) -> None:
    """Upgrade a server store as its owner, and re-apply grants for tables a migration added."""
    from crc_reporter.store import pg_security

    before = migrate.current_revision(engine)
    migrate.upgrade(engine, None)
    if before is not None and before != migrate.current_revision(engine):
        with engine.begin() as conn:
            if conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                {"n": pg_security.role_names(conn).group(Role.VIEWER)},
            ).scalar():
                pg_security.apply_security(conn)


def _finish(
    engine: Engine, path: Path | None, user: str | None, *, upgrade: bool, read_only: bool, key: str | None
) -> Store:
    try:
        role, owner, confidential = Role.ADMIN, True, True
        server = engine.dialect.name == "postgresql"
        if server:
            user, role, owner, confidential = _server_identity(engine)
        if read_only:
            _check_revision_for_reading(engine)
        elif upgrade and owner:
            if server:
                _upgrade_shared(engine)
            else:
                migrate.upgrade(engine, path, key=key)
        elif migrate.needs_upgrade(engine):
            if server and migrate.current_revision(engine) is None:
                raise StoreError(
                    _("this database is not set up for CRC Reporter; its owner must run 'crc-reporter server-setup'")
                )
            if server:
                raise StoreError(_("this store needs an upgrade; its owner must run 'crc-reporter server-setup' first"))
            raise StoreError(_("this store needs an upgrade; run 'crc-reporter init' to upgrade it"))
        store = make_store(engine, path, user or default_user(), read_only=read_only, key=key)
        if server:
            store.login = user  # the author on a server, whatever name is given later
        store.role = role
        store.confidential = confidential
        if not read_only and owner:
            with store.session() as session:
                seed_reference(session)
                seed_exchange_settings(session)
    except BaseException as exc:
        engine.dispose()
        failure = explain_failure(exc, path, key) if path is not None else None
        if failure is None and isinstance(exc, DBAPIError):  # a database server
            orig = exc.orig or exc
            failure = StoreError(_("the store cannot be used: {reason}").format(reason=sf.first_line(orig)))
        if failure is None or failure is exc:
            raise
        raise failure from exc
    return store


def _check_revision_for_reading(engine: Engine) -> None:
    revision = migrate.current_revision(engine)
    if revision is None:
        raise StoreError(_("this store is being created by another window; try again in a moment"))
    if not is_known(revision):
        raise NewerStoreError(
            _("this store was written by a newer version of CRC Reporter; install that version to open it")
        )
    if revision != head_from_files():
        raise StoreError(_("this store needs an upgrade, which only the window writing to it can do"))
