"""The one way to open a store: connect, upgrade the schema (backup first), seed reference data."""

from __future__ import annotations

import getpass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from crc_reporter.store import migrate
from crc_reporter.store.engine import Store, make_store, open_engine
from crc_reporter.store.errors import StoreError
from crc_reporter.store.reference import seed_reference


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
) -> Store:
    """Open (and when ``create``, create) a store; raises :class:`StoreError` with a readable message."""
    engine, path = open_engine(target, create=create)
    try:
        if upgrade:
            migrate.upgrade(engine, path)
        elif migrate.needs_upgrade(engine):
            raise StoreError("this store needs an upgrade; run 'crc-reporter init' to upgrade it")
        store = make_store(engine, path, user or default_user())
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
