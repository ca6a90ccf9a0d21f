"""What runs beside the open store: automatic backups, others' changes, conflicts, a second instance.

The window creates one :class:`StoreCompanions` and attaches it to each store
it opens: it starts the automatic-backup timer and the single-instance
server for a store this window writes, the feed of changes made elsewhere,
and the conflict dialog; and stops them all before the store is closed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from crc_reporter.i18n import _
from crc_reporter.services.backups import BackupInfo, maybe_backup
from crc_reporter.ui.change_feed import ChangeFeed
from crc_reporter.ui.conflicts import ConflictResolver
from crc_reporter.ui.errors import USER_ERRORS, error_text
from crc_reporter.ui.single_instance import InstanceServer
from crc_reporter.ui.tasks import TaskControl

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext
    from crc_reporter.ui.main_window import MainWindow

log = logging.getLogger("crc_reporter.ui")

#: How often to ask whether an automatic backup is due (one is, 30 minutes after changes).
BACKUP_CHECK_MS = 5 * 60 * 1000


class StoreCompanions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx: AppContext | None = None
        self.change_feed: ChangeFeed | None = None
        self.conflicts: ConflictResolver | None = None
        self.instance_server = InstanceServer(self)
        self.instance_server.activation_requested.connect(self.bring_forward)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.auto_backup)

    def attach(self, ctx: AppContext) -> None:
        self.ctx = ctx
        store = ctx.store
        self.conflicts = ConflictResolver(ctx, self.window)
        self.change_feed = ChangeFeed(store, ctx.events, self)
        self.change_feed.refreshed.connect(
            lambda _r: self.window.statusBar().showMessage(_("Updated with changes saved elsewhere."), 4000)
        )
        if store.path is not None and store.lock is not None and store.lock.held:
            self.instance_server.listen(store.path)  # a second window on this store asks us to come forward
            self.backup_timer.start()

    def detach(self) -> None:
        """Stop everything (before the store is closed)."""
        self.backup_timer.stop()
        self.instance_server.close()
        if self.change_feed is not None:
            self.change_feed.stop()
            self.change_feed.deleteLater()
            self.change_feed = None
        if self.conflicts is not None:
            self.conflicts.deleteLater()
            self.conflicts = None
        self.ctx = None

    # --- automatic backups ------------------------------------------------------------------------------
    def auto_backup(self) -> None:
        """Take the automatic backup when due (in the background; it decides whether one is due)."""
        store = self.ctx.store if self.ctx is not None else None
        if store is None or store.path is None or store.read_only:
            return

        def work(_control: TaskControl) -> BackupInfo | None:
            return maybe_backup(store)

        def done(info: BackupInfo | None) -> None:
            if info is not None:
                self.window.statusBar().showMessage(_("Backed up: {name}").format(name=info.name), 5000)

        def failed(exc: BaseException) -> None:  # keep working; the next tick tries again
            message = _("The automatic backup failed: {reason}").format(reason=error_text(exc))
            self.window.statusBar().showMessage(message)

        self.window.tasks.run(work, on_success=done, on_failure=failed, show_progress=False)

    def backup_at_close(self) -> None:
        """The last changes of the session, when a backup is due (the window is closing: no background)."""
        self.backup_timer.stop()
        if self.change_feed is not None:
            self.change_feed.stop()
        store = self.ctx.store if self.ctx is not None else None
        if store is not None and store.path is not None and not store.read_only:
            try:
                maybe_backup(store)
            except USER_ERRORS as exc:
                log.warning("no backup at close: %s", exc)

    # --- a second instance ------------------------------------------------------------------------------
    def bring_forward(self, files: list[str]) -> None:
        """Another instance was started on this store: come to the front (and import what it was given)."""
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        window.statusBar().showMessage(_("This store is already open here."), 6000)
        if files and self.ctx is not None and self.ctx.access.allowed:
            QTimer.singleShot(0, lambda: window.open_import_dialog(files[0]))
