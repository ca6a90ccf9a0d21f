"""Savepoints that really nest on SQLite.

Python's sqlite3 module opens a transaction only before a statement that
writes; a ``SAVEPOINT`` sent first (``session.begin_nested()``) then starts
SQLite's own transaction, and releasing that savepoint *commits* it. A service
that wraps each row in a savepoint would write for good even when the caller
rolls back (a dry run, a cancel). :func:`open_transaction` makes sure the
outer transaction is open before the first savepoint, so that releasing a
savepoint keeps its changes inside it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def open_transaction(session: Session) -> None:
    """Begin the session's transaction on the database now (SQLite only; other databases already do)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.dbapi_connection
    if raw is not None and not getattr(raw, "in_transaction", True):
        conn.exec_driver_sql("BEGIN")
