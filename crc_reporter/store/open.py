"""The one way to open a store: connect, upgrade the schema (backup first), seed reference data.

On a shared PostgreSQL server only the database owner upgrades the schema and
writes reference data; everybody else gets the role the server gives them, and
their login name is the author in the audit trail, whatever they claim.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from crc_reporter.domain.roles import Role
from crc_reporter.store import migrate
from crc_reporter.store.engine import Store, make_store, open_engine
from crc_reporter.store.errors import StoreError
from crc_reporter.store.reference import seed_reference


def default_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _server_identity(engine: Engine) -> tuple[str, Role, bool, bool]:
    """The authenticated user, their role, whether they own the database, whether they see confidential rows."""
    from crc_reporter.store import pg_security

    with engine.connect() as conn:
        user = str(conn.execute(text("SELECT current_user")).scalar())
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


def open_store(
    target: str | Path,
    *,
    user: str | None = None,
    create: bool = True,
    upgrade: bool = True,
) -> Store:
    """Open (and when ``create``, create) a store; raises :class:`StoreError` with a readable message."""
    engine, path = open_engine(target, create=create)
    try:
        role, owner, confidential = Role.ADMIN, True, True
        if engine.dialect.name == "postgresql":
            user, role, owner, confidential = _server_identity(engine)
        if owner and upgrade:
            if engine.dialect.name == "postgresql":
                _upgrade_shared(engine)
            else:
                migrate.upgrade(engine, path)
        elif migrate.needs_upgrade(engine):
            if migrate.current_revision(engine) is None:
                raise StoreError(
                    "this database is not set up for CRC Reporter; its owner must run 'crc-reporter server-setup'"
                )
            raise StoreError(
                "this store needs an upgrade; its owner must run 'crc-reporter init' (or server-setup) first"
            )
        store = make_store(engine, path, user or default_user())
        store.role = role
        store.confidential = confidential
        if owner:
            with store.session() as session:
                seed_reference(session)
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"the store cannot be used: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return store
