"""Noticing what other people changed, so that open windows can refresh.

PostgreSQL: a dedicated connection LISTENs on ``crc_changes``. A notification
is only a wake-up (its payload is ignored: anyone connected may send one):
what changed is read from ``audit_log`` with this person's own login, so
row-level security leaves out what they may not see (the server does not even
notify changes of confidential records, see migration 0009; people who see
them read the trail at every poll). SQLite: ``PRAGMA
data_version`` on a dedicated connection changes whenever another connection
commits (it does not say what changed). The GUI calls :meth:`ChangeWatcher.poll`
from a timer; nothing here blocks.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from crc_reporter.store.engine import Store

#: audit rows read again behind the newest one (a transaction may commit after a later one)
SLACK = 200
#: beyond this many new rows, "everything changed"
MAX_ROWS = 500


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
        self._mark = 0  # PostgreSQL: the newest audit row read
        self._seen: set[int] = set()  # audit rows read above ``_mark - SLACK`` (ids commit out of order)
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
            self._mark = self._newest_audit_id()
            self._seen = {
                int(r[0]) for r in self._conn.execute("SELECT id FROM audit_log WHERE id > %s", (self._mark - SLACK,))
            }
        elif store.path is not None:
            self._conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, check_same_thread=False)
            self._data_version = self._sqlite_version()

    def _sqlite_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self, wait: float = 0.0) -> ChangeSet:
        """What changed since the last poll, by other people (PostgreSQL) or other connections (SQLite).

        ``wait``: on PostgreSQL, seconds to wait for a first notification (tests; the GUI never waits).
        """
        if self._conn is None:
            return ChangeSet()
        if self.store.dialect == "postgresql":
            first = list(self._conn.notifies(timeout=wait, stop_after=1)) if wait > 0 else []
            woken = bool(first) | bool(list(self._conn.notifies(timeout=0, stop_after=10_000)))
            if not woken and not self.store.confidential:
                return ChangeSet()
            return self._read_trail()
        current = self._sqlite_version()
        changed = current != self._data_version
        self._data_version = current
        return ChangeSet(everything=changed)

    def _newest_audit_id(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])

    def _read_trail(self) -> ChangeSet:
        """Audit rows this person may see, written by others since the last look."""
        rows = self._conn.execute(
            'SELECT id, table_name, record_uuid, "user" FROM audit_log WHERE id > %s AND NOT (id = ANY(%s)) '
            "ORDER BY id LIMIT %s",
            (self._mark - SLACK, sorted(self._seen), MAX_ROWS + 1),
        ).fetchall()
        fresh = [r for r in rows if r[0] not in self._seen]
        if not fresh:
            return ChangeSet()
        if len(rows) > MAX_ROWS:
            self._mark, self._seen = self._newest_audit_id(), set()
            return ChangeSet(everything=True)
        self._mark = max(self._mark, max(r[0] for r in fresh))
        self._seen = {i for i in self._seen | {r[0] for r in fresh} if i > self._mark - SLACK}
        others = [r for r in fresh if r[3] != self.store.user]
        return ChangeSet(frozenset(r[1] for r in others), frozenset(r[2] for r in others if r[2]))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
