"""Refreshing what others changed: a timer asks the store every two seconds and announces the changes.

On a shared server the watcher hears PostgreSQL's notifications (other people's
edits); on an SQLite file only the writing window changes it, so a read-only
window (a second instance) follows the writer's changes through the audit
trail, and the writing window ignores the notices of its own commits. The
poll itself is cheap (one notification check or one pragma); the records are
resolved only when something changed, and the pages then update those rows
in place, keeping the selection.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from crc_reporter.services.change_feed import ChangedRecords, audit_mark, changed_records, changes_since
from crc_reporter.services.changes import ChangeWatcher
from crc_reporter.store.engine import Store
from crc_reporter.ui.events import StoreEvents

log = logging.getLogger("crc_reporter.ui")

POLL_INTERVAL_MS = 2000


class ChangeFeed(QObject):
    refreshed = Signal(object)  # the ChangedRecords just announced

    def __init__(self, store: Store, events: StoreEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.events = events
        self.watcher: ChangeWatcher | None = None
        self._mark = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        if not self._follows_others():
            return
        try:
            self.watcher = ChangeWatcher(store)
            if store.is_sqlite:
                with store.session() as session:
                    self._mark = audit_mark(session)
        except Exception as exc:  # an encrypted file the plain watcher cannot read, a server that went away
            log.warning("changes by others will not be followed: %s", exc)
            self.watcher = None
            return
        self.timer.start()

    def _follows_others(self) -> bool:
        # an SQLite file has one writer: a writing window sees only its own commits
        return self.store.dialect == "postgresql" or (self.store.is_sqlite and self.store.read_only)

    @property
    def active(self) -> bool:
        return self.watcher is not None and self.timer.isActive()

    def poll(self) -> ChangedRecords:
        """Look once; announce and return what changed (empty when nothing did)."""
        if self.watcher is None:
            return ChangedRecords()
        try:
            changes = self.watcher.poll()
            if not changes:
                return ChangedRecords()
            with self.store.session() as session:
                if self.store.is_sqlite:
                    tables, uuids, self._mark, too_many = changes_since(session, self._mark)
                    everything = ChangedRecords(everything=True)
                    records = everything if too_many else changed_records(session, tables, uuids)
                else:
                    records = changed_records(session, changes.tables, changes.uuids)
        except Exception as exc:  # a lost connection must not flood the user with messages
            log.warning("polling for changes failed: %s", exc)
            return ChangedRecords()
        if records:
            self.announce(records)
            self.refreshed.emit(records)
        return records

    def announce(self, records: ChangedRecords) -> None:
        events = self.events
        if records.everything:
            events.store_reloaded.emit()
            return
        if records.documents:
            events.documents_changed.emit()
        if records.actors:
            events.actors_changed.emit()
        # an empty list tells the pages "anything may have changed": they reload
        if records.recommendations is None or records.recommendations:
            events.announce_recommendations(records.recommendations or ())
        if records.assessments is None or records.assessments:
            events.announce_assessments(records.assessments or ())
        if records.actions is None or records.actions:
            events.announce_actions(records.actions or ())
        if records.indicators is None or records.indicators:
            events.announce_indicators(records.indicators or ())

    def stop(self) -> None:
        self.timer.stop()
        if self.watcher is not None:
            try:
                self.watcher.close()
            except Exception as exc:  # closing a broken connection
                log.debug("closing the change watcher: %s", exc)
            self.watcher = None
