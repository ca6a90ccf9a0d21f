"""What happens when an edit meets someone else's newer version of the record (shared server).

The edit history reports the conflict; this shows both versions and does what
the user chose: keep theirs (the pages reload the record) or apply theirs
again on top of the new version (the same edit, expecting the version now stored).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from crc_reporter.i18n import _
from crc_reporter.services.errors import EditConflictError
from crc_reporter.ui.commands.versioned import VersionedEdit, field_label
from crc_reporter.ui.dialogs.conflict_dialog import APPLY_MINE, ConflictDialog, ConflictRow
from crc_reporter.ui.errors import USER_ERRORS, show_error
from crc_reporter.ui.undo import StoreCommand

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext


class ConflictResolver(QObject):
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        # queued: the dialog opens once the edit (or the undo) that failed has returned
        ctx.history.conflict.connect(self.resolve, Qt.ConnectionType.QueuedConnection)

    def resolve(self, command: StoreCommand, error: BaseException, undo: bool) -> None:
        if not isinstance(command, VersionedEdit):
            # a link or an assessment: nothing to compare field by field; show what is stored now
            show_error(self.window, error)
            command.announce(self.ctx.events)
            return
        try:
            rows, version = self.compare(command, error, undo)
        except USER_ERRORS as exc:  # the record was deleted meanwhile, say
            show_error(self.window, exc)
            command.announce(self.ctx.events)
            return
        dialog = ConflictDialog(_(command.what).capitalize(), rows, self.window)
        choice = dialog.exec()
        if choice == APPLY_MINE:
            command.retry_with(version)
            if self.ctx.history.retry(command, undo=undo):
                self.window.statusBar().showMessage(_("Your version was saved on top of theirs."), 6000)
            return
        command.announce(self.ctx.events)  # the pages show the stored version again
        self.window.statusBar().showMessage(_("Kept their version; your change was not saved."), 6000)

    def compare(self, command: VersionedEdit, error: BaseException, undo: bool) -> tuple[list[ConflictRow], int]:
        """Both versions of the fields the edit touches, and the version now stored."""
        attempted = dict(command._previous) if undo else dict(command.fields)
        with self.ctx.store.session() as session:
            if isinstance(error, EditConflictError):
                mine, theirs, version = error.mine, error.theirs, error.version
            else:  # the store noticed at the last moment (ConcurrentEditError): read theirs now
                theirs, version = command.current_values(session, list(attempted))
                mine = attempted
            rows = [
                ConflictRow(
                    field_label(key),
                    command.describe(session, key, theirs.get(key)),
                    command.describe(session, key, mine.get(key)),
                )
                for key in mine
            ]
        return rows, version
