"""Undo and redo over a store where every edit is committed at once.

A :class:`StoreCommand` does its edit through the services in its own unit of
work, so a crash never loses it. The services return the previous values;
undo writes those back, again as a committed edit (and redo writes the new
values once more). Commands never hold ORM objects, only ids and values.

Undoing a creation deletes the record and keeps a snapshot; redoing restores
it with the same UUID and, when still free, the same id. If the id had to
change, :meth:`EditHistory.remap` records it and later commands find the
record through :meth:`EditHistory.resolve`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from crc_reporter.services.errors import EditConflictError
from crc_reporter.store.engine import Store
from crc_reporter.store.errors import ConcurrentEditError
from crc_reporter.ui.errors import USER_ERRORS, error_text
from crc_reporter.ui.events import StoreEvents

log = logging.getLogger("crc_reporter.ui")

#: Someone else changed the record since it was shown: the window offers both versions.
CONFLICTS = (EditConflictError, ConcurrentEditError)


class StoreCommand(QUndoCommand):
    """One user edit. Subclasses implement :meth:`apply`, :meth:`revert` and :meth:`announce`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.history: EditHistory | None = None
        self._skip_redo = False

    # --- for subclasses ------------------------------------------------------------
    def apply(self, session: Session) -> None:
        """Make the edit (first time and every redo)."""
        raise NotImplementedError

    def revert(self, session: Session) -> None:
        """Write back what :meth:`apply` replaced."""
        raise NotImplementedError

    def announce(self, events: StoreEvents) -> None:
        """Tell the pages what changed (after apply and after revert)."""

    def resolve(self, kind: str, record_id: int) -> int:
        return self.history.resolve(kind, record_id) if self.history else record_id

    def remap(self, kind: str, old_id: int, new_id: int) -> None:
        if self.history and old_id != new_id:
            self.history.remap(kind, old_id, new_id)

    def version_key(self) -> tuple[str, object] | None:
        """For edits checked against a record's version: which record (see ``commands/versioned.py``)."""
        return None

    expected_version: int | None = None

    # --- QUndoCommand ---------------------------------------------------------------
    def redo(self) -> None:
        if self._skip_redo:  # QUndoStack.push() calls redo(); the edit is already done
            self._skip_redo = False
            return
        if self.history is not None:
            self.history.execute(self, undo=False)

    def undo(self) -> None:
        if self.history is not None:
            self.history.execute(self, undo=True)


class EditHistory(QObject):
    """The undo stack of one store, and the place where commands are run."""

    failed = Signal(str)  # a one-line message: the edit was not made
    edited = Signal(str)  # the command's text, after it was applied, undone or redone
    #: someone else changed the record first: (command, the error, True when it was an undo)
    conflict = Signal(object, object, bool)

    def __init__(self, store: Store, events: StoreEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.events = events
        self.stack = QUndoStack(self)
        self._ids: dict[tuple[str, int], int] = {}
        self._versions: dict[tuple[str, object], int] = {}

    def push(self, command: StoreCommand) -> bool:
        """Make the edit now; if the store accepts it, put it on the undo stack."""
        command.history = self
        if not self._run(command, undo=False):
            return False
        command._skip_redo = True
        self.stack.push(command)
        return True

    def execute(self, command: StoreCommand, *, undo: bool) -> None:
        if not self._run(command, undo=undo):
            # the store no longer accepts this step (the record is gone, say): drop the command
            command.setObsolete(True)

    def retry(self, command: StoreCommand, *, undo: bool = False) -> bool:
        """Run a command again after a conflict (the user chose to apply their version on top)."""
        if undo:
            return self._run(command, undo=True)
        return self.push(command)

    def _run(self, command: StoreCommand, *, undo: bool) -> bool:
        key = command.version_key()
        known = self._versions.get(key) if key is not None else None
        if known is not None and command.expected_version is not None and known > command.expected_version:
            # the record moved on through this window's own later edits (or the editor still shows
            # it as it was before them, its refresh being on the way): those are not someone else's
            command.expected_version = known
        try:
            with self.store.session() as session:
                if undo:
                    command.revert(session)
                else:
                    command.apply(session)
        except CONFLICTS as exc:
            self.conflict.emit(command, exc, undo)
            return False
        except (*USER_ERRORS, SQLAlchemyError) as exc:
            if not isinstance(exc, USER_ERRORS):
                log.warning("edit refused by the store: %s", exc)
            self.failed.emit(error_text(exc))
            return False
        if key is not None and command.expected_version is not None:
            self._versions[key] = command.expected_version  # the version this window itself wrote
        command.announce(self.events)
        self.edited.emit(command.text())
        return True

    def resolve(self, kind: str, record_id: int) -> int:
        seen = {record_id}
        while (kind, record_id) in self._ids:
            record_id = self._ids[(kind, record_id)]
            if record_id in seen:  # a cycle cannot happen, but never loop forever
                break
            seen.add(record_id)
        return record_id

    def remap(self, kind: str, old_id: int, new_id: int) -> None:
        self._ids[(kind, old_id)] = new_id
        self._ids.pop((kind, new_id), None)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several edits into one undo step (linking three dropped actions, say)."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    def clear(self) -> None:
        self.stack.clear()
        self._ids.clear()
        self._versions.clear()
