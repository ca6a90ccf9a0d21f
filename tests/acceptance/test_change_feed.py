"""Another person's edit is noticed; one's own is not reported back on a server."""

from __future__ import annotations

from crc_reporter.services import actions as action_svc
from crc_reporter.services.changes import ChangeWatcher
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store


def test_other_connections_changes_are_noticed(store: Store) -> None:
    watcher = ChangeWatcher(store)
    try:
        assert not watcher.poll()
        other = open_store(store.url if store.dialect == "postgresql" else store.path, user="colleague")  # type: ignore[arg-type]
        other.user = "colleague"
        try:
            with other.session() as session:
                uuid = action_svc.create_action(session, "Community-based prevention").uuid
        finally:
            other.close()
        changes = watcher.poll()
        assert changes
        if store.dialect == "postgresql":
            assert "action" in changes.tables and uuid in changes.uuids
        assert not watcher.poll()  # reported once
    finally:
        watcher.close()
