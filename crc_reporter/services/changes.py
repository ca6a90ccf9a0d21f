"""Noticing what other people changed, so that open windows can refresh.

PostgreSQL: a dedicated connection LISTENs on ``crc_changes`` (every audit
entry sends ``table:uuid:user``, see migration 0005). SQLite: ``PRAGMA
data_version`` on a dedicated connection changes whenever another connection
commits (it does not say what changed). The GUI calls :meth:`ChangeWatcher.poll`
from a timer; nothing here blocks.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from crc_reporter.store.engine import Store


@dataclass(frozen=True)
class ChangeSet:
    tables: frozenset[str] = field(default_factory=frozenset)
    uuids: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False  # the store changed, but we cannot tell where

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)


class ChangeWatcher:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: Any = None
        self._data_version: int | None = None
        if store.dialect == "postgresql":
            import psycopg

            url = store.engine.url
            self._conn = psycopg.connect(
                host=url.host,
                port=url.port,
                user=url.username,
                password=url.password,
                dbname=url.database,
                autocommit=True,
                connect_timeout=5,
            )
            self._conn.execute("LISTEN crc_changes")
        elif store.path is not None:
            self._conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, check_same_thread=False)
            self._data_version = self._sqlite_version()

    def _sqlite_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> ChangeSet:
        """What changed since the last poll, by other people (PostgreSQL) or other connections (SQLite)."""
        if self._conn is None:
            return ChangeSet()
        if self.store.dialect == "postgresql":
            tables: set[str] = set()
            uuids: set[str] = set()
            for note in self._conn.notifies(timeout=0, stop_after=10_000):
                table, uuid, user = (note.payload.split(":", 2) + ["", ""])[:3]
                if user == self.store.user:
                    continue
                tables.add(table)
                if uuid:
                    uuids.add(uuid)
            return ChangeSet(frozenset(tables), frozenset(uuids))
        current = self._sqlite_version()
        changed = current != self._data_version
        self._data_version = current
        return ChangeSet(everything=changed)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
