"""Another person's edit is noticed by an open window; on a server one's own is not reported back.

On SQLite the other person is a second instance, which opens the store
read-only while the first one writes (one writer, see store/locking.py).
"""

from __future__ import annotations

import time

from crc_reporter.services import actions as action_svc
from crc_reporter.services.changes import ChangeWatcher
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from tests.support.pg_fixtures import admin_execute
from tests.support.pg_server import PgServer


def _second_window(store: Store) -> Store:
    """Another person: on a server another login (a name alone does not make someone else there)."""
    if store.dialect != "postgresql":
        second = open_store(store.path, user="viewer")  # type: ignore[arg-type]
        second.user = "second window"
        return second
    server: PgServer = store.info["pg_server"]
    admin_execute(
        server,
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'second_window') THEN "
        "CREATE ROLE second_window LOGIN SUPERUSER PASSWORD 'second-pass'; END IF; END $$",
    )
    return open_store(server.url("second_window", "second-pass", store.info["database"]), user="viewer")


def test_other_peoples_changes_are_noticed(store: Store) -> None:
    second = _second_window(store)
    assert second.read_only == (store.dialect == "sqlite")
    watcher = ChangeWatcher(second)
    try:
        assert not watcher.poll()
        store.user = "colleague"
        with store.session() as session:
            uuid = action_svc.create_action(session, "Community-based prevention").uuid
        deadline = time.monotonic() + 10  # notifications arrive asynchronously, as the window's timer expects
        changes = watcher.poll()
        while not changes and time.monotonic() < deadline:
            time.sleep(0.05)
            changes = watcher.poll()
        assert changes
        if store.dialect == "postgresql":
            assert "action" in changes.tables and uuid in changes.uuids
        assert not watcher.poll()  # reported once
    finally:
        watcher.close()
        second.close()
