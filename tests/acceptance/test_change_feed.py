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


def test_other_peoples_changes_are_noticed(store: Store) -> None:
    second = open_store(store.url if store.dialect == "postgresql" else store.path, user="viewer")  # type: ignore[arg-type]
    assert second.read_only == (store.dialect == "sqlite")
    second.user = "second window"
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
