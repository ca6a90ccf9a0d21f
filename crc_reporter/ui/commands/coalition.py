"""Edits of what a coalition enters for its alternative report: add, change, delete (all undoable)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.domain.report_records import CoalitionEntry
from crc_reporter.i18n import _
from crc_reporter.services import coalition_inputs as svc
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand

ENTRY = "coalition_entry"


def _what(kind: str) -> str:
    return _("question") if kind == "question" else _("proposed recommendation")


class AddCoalitionEntry(StoreCommand):
    """To a paragraph (``rec_id``) or to a cluster of a document (``document_id`` and ``cluster``)."""

    def __init__(
        self,
        kind: str,
        text: str,
        *,
        rec_id: int | None = None,
        document_id: int | None = None,
        cluster: str | None = None,
    ) -> None:
        super().__init__(_("Add {what}").format(what=_what(kind)))
        self.kind, self.text_value = kind, text
        self.rec_id, self.document_id, self.cluster = rec_id, document_id, cluster
        self.entry_id: int | None = None
        self._snapshot: CoalitionEntry | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:  # redo: the same record again
            self.entry_id = svc.restore_entry(session, self._snapshot).id
            self.remap(ENTRY, self._snapshot.id, self.entry_id)
            return
        entry = svc.add_entry(
            session, self.kind, self.text_value, rec_id=self.rec_id, document_id=self.document_id, cluster=self.cluster
        )
        self.entry_id = entry.id

    def revert(self, session: Session) -> None:
        assert self.entry_id is not None
        self._snapshot = svc.delete_entry(session, self.resolve(ENTRY, self.entry_id))

    def announce(self, events: StoreEvents) -> None:
        events.coalition_changed.emit()


class EditCoalitionEntry(StoreCommand):
    def __init__(self, entry_id: int, kind: str, text: str) -> None:
        super().__init__(_("Edit {what}").format(what=_what(kind)))
        self.entry_id, self.new_text = entry_id, text
        self._old: str | None = None

    def apply(self, session: Session) -> None:
        self._old = svc.update_entry(session, self.resolve(ENTRY, self.entry_id), self.new_text)

    def revert(self, session: Session) -> None:
        assert self._old is not None
        svc.update_entry(session, self.resolve(ENTRY, self.entry_id), self._old)

    def announce(self, events: StoreEvents) -> None:
        events.coalition_changed.emit()


class DeleteCoalitionEntry(StoreCommand):
    def __init__(self, entry_id: int, kind: str) -> None:
        super().__init__(_("Delete {what}").format(what=_what(kind)))
        self.entry_id = entry_id
        self._snapshot: CoalitionEntry | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = svc.delete_entry(session, self.resolve(ENTRY, self.entry_id))

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        self.remap(ENTRY, self._snapshot.id, svc.restore_entry(session, self._snapshot).id)

    def announce(self, events: StoreEvents) -> None:
        events.coalition_changed.emit()
