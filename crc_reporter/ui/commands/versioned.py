"""Edits of one record's fields, checked against the version the editor showed (optimistic locking).

On a shared server two people may edit the same record. The editor passes
the ``version`` of the record it displayed; the service refuses the change
with :class:`~crc_reporter.services.errors.EditConflictError` when the stored
record has moved on, and the window shows both versions side by side. Undo and
redo are checked the same way: each step expects the version the previous step
left, so an undo never silently overwrites what someone else wrote meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import LABELS, label
from crc_reporter.ui.formatting import long_date, number
from crc_reporter.ui.undo import StoreCommand

#: Names of the fields a conflict may show (translated when shown).
FIELD_LABELS: dict[str, str] = {
    "title": N_("Title"),
    "name": N_("Name"),
    "short_name": N_("Short name"),
    "actor_type": N_("Type"),
    "actor_id": N_("Actor"),
    "action_type": N_("Type"),
    "doc_type": N_("Type"),
    "treaty_code": N_("Treaty"),
    "status": N_("Status"),
    "start_date": N_("Start"),
    "end_date": N_("End or target date"),
    "date": N_("Date"),
    "next_report_due": N_("Next report due"),
    "next_report_word_limit": N_("Word limit of the next report"),
    "description": N_("Description"),
    "outcome": N_("Outcome"),
    "confidential": N_("Confidential"),
    "kind": N_("Kind"),
    "cluster": N_("Cluster"),
    "urgent": N_("Urgent"),
    "subheading": N_("Subheading"),
    "articles": N_("Articles"),
    "text": N_("Text"),
    "unit": N_("Unit"),
    "source": N_("Source"),
    "parts": N_("Parts"),
    "previous": N_("Earlier recommendations"),
    # issue 22
    "label": N_("Number as printed"),
    "recommending_states": N_("Recommending States"),
    "position": N_("Position"),
    "upr_session": N_("UPR session"),
    "upr_cycle": N_("UPR cycle"),
    "cluster_confirmed": N_("Cluster confirmed"),
}


def field_label(key: str) -> str:
    return _(FIELD_LABELS[key]) if key in FIELD_LABELS else key.replace("_", " ").capitalize()


def value_text(value: object) -> str:
    """A stored value as people read it (labels for keys, dates in the interface language)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    text = str(value)
    return label(text) if text in LABELS else text


class VersionedEdit(StoreCommand):
    """Change some fields of one record; subclasses say how (``update``) and how to read it back."""

    #: what the record is, for messages ("this action")
    what = N_("this record")

    def __init__(self, text: str, fields: Mapping[str, object], expected_version: int | None = None) -> None:
        super().__init__(text)
        self.fields = dict(fields)
        #: the version this edit expects to find: the editor's at first, then the one the last step left
        self.expected_version = expected_version
        self._previous: dict[str, object] = {}

    # --- for subclasses -----------------------------------------------------------------------------
    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        """Write ``fields`` through the service; return the previous values."""
        raise NotImplementedError

    def record(self, session: Session) -> Any:
        """The stored record (read inside ``session``): its ``version`` and field values."""
        raise NotImplementedError

    def describe(self, session: Session, key: str, value: object) -> str:
        """How a value reads in the conflict dialog (an actor id shows as the actor's name, say)."""
        return value_text(value)

    def apply_more(self, session: Session) -> None:
        """Edits besides the fields (sources, members, tags…), made after them."""

    def revert_more(self, session: Session) -> None:
        """Undo :meth:`apply_more`."""

    # --- the edit -----------------------------------------------------------------------------------
    def version_key(self) -> tuple[str, object] | None:
        return (type(self).__name__, self.record_key())

    def record_key(self) -> object:
        """What identifies the record (its id, a document's symbol)."""
        raise NotImplementedError

    def _write(self, session: Session, fields: dict[str, object]) -> dict[str, object]:
        if self.expected_version is not None and self.record(session).version < self.expected_version:
            # versions only grow: a lower one is the record re-created by an undo or redo in this window
            self.expected_version = int(self.record(session).version)
        previous = self.update(session, fields, self.expected_version)
        session.flush()
        self.expected_version = int(self.record(session).version)
        return previous

    def apply(self, session: Session) -> None:
        if self.fields:
            self._previous = self._write(session, self.fields)
        self.apply_more(session)

    def revert(self, session: Session) -> None:
        if self._previous:
            self._write(session, self._previous)
        self.revert_more(session)

    # --- conflicts ----------------------------------------------------------------------------------
    def current_values(self, session: Session, keys: list[str]) -> tuple[dict[str, object], int]:
        """The stored values of ``keys`` and the stored version (what "theirs" is now)."""
        record = self.record(session)
        return {key: getattr(record, key) for key in keys}, int(record.version)

    def retry_with(self, version: int) -> None:
        """Apply mine again, on top of ``version`` (the version the user has now seen)."""
        self.expected_version = version
