"""The Backups tab of Settings: the store's backups, "Back up now", "Restore…", check, delete, open the folder.

Backing up and checking run in the background. Restoring is the window's job
(it closes the store, puts the backup in place and opens it again); this panel
asks for confirmation and hands the chosen backup over.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from crc_reporter.i18n import _, ngettext
from crc_reporter.services.backups import (
    AUTO_BACKUP_INTERVAL,
    BackupCheck,
    BackupInfo,
    backup_now,
    backups_folder,
    check_backup,
    delete_backup,
    list_backups,
)
from crc_reporter.store.engine import Store
from crc_reporter.ui.access import WriteAccess
from crc_reporter.ui.dialogs import ask
from crc_reporter.ui.errors import USER_ERRORS, error_text
from crc_reporter.ui.formatting import date_time
from crc_reporter.ui.models.backups import BackupTableModel, reason_text
from crc_reporter.ui.tasks import TaskControl, TaskRunner
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable


class BackupsPanel(QWidget):
    def __init__(
        self,
        store: Store | None,
        tasks: TaskRunner,
        access: WriteAccess,
        restore: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.tasks, self.restore = store, tasks, restore
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 10, 4, 4)
        layout.setSpacing(8)
        self.heading = section_label("")
        layout.addWidget(self.heading)
        minutes = int(AUTO_BACKUP_INTERVAL.total_seconds() // 60)
        self.explanation = muted_label(
            _(
                "A backup is taken automatically every {minutes} minutes after changes, and before every import, "
                "merge and upgrade; about a year of them is kept. Backups you make yourself are never deleted "
                "automatically."
            ).format(minutes=minutes)
        )
        layout.addWidget(self.explanation)
        self.model = BackupTableModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Backups"))
        self.table.setMinimumHeight(220)
        layout.addWidget(self.table, 1)
        self.status = muted_label("")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setObjectName("Primary")
        self.restore_button = QPushButton(_("Restore…"))
        self.check_button = QPushButton(_("Check"))
        self.check_button.setToolTip(_("Open the backup and check that it is whole and readable"))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("Danger")
        self.folder_button = QPushButton(_("Open folder"))
        for button in (self.backup_button, self.restore_button, self.check_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.check_button.clicked.connect(self.check_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.folder_button.clicked.connect(self.open_folder)
        self.table.current_changed.connect(lambda _r: self._update_buttons())
        access.guard(self.restore_button, self.delete_button)
        self.reload()

    # --- showing ------------------------------------------------------------------------------------
    def reload(self, select: Path | None = None) -> None:
        store = self.store
        usable = store is not None and store.path is not None
        for widget in (self.table, self.backup_button, self.folder_button, self.explanation):
            widget.setVisible(usable)
        for button in (self.restore_button, self.check_button, self.delete_button):
            button.setVisible(usable)
        if store is None:
            self.heading.setText(_("No store is open."))
            return
        if store.path is None:
            self.heading.setText(_("This store is on a database server."))
            self.status.setText(_("A database server is backed up by its administrator, not by CRC Reporter."))
            return
        self.heading.setText(_("Backups of {store}").format(store=store.path.name))
        backups = list_backups(store)
        self.model.set_rows(backups)
        if select is not None and self.table.select_id(select):
            pass
        elif backups:
            self.table.select_row(0)
        self.status.setText(
            ngettext("{n} backup in {folder}", "{n} backups in {folder}", len(backups)).format(
                n=len(backups), folder=backups_folder(store)
            )
            if backups
            else _("No backup yet. The first is taken after your first changes, or now with “Back up now”.")
        )
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        record = self.table.current_record()
        return record if isinstance(record, BackupInfo) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.restore_button, self.check_button, self.delete_button):
            button.setEnabled(chosen)

    # --- actions --------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        store = self.store
        if store is None or store.path is None:
            return

        def work(_control: TaskControl) -> BackupInfo:
            return backup_now(store)

        self.backup_button.setEnabled(False)
        self.status.setText(_("Backing up…"))
        self.tasks.run(
            work,
            title=_("Backing up the store…"),
            on_success=self._backed_up,
            on_failure=self._failed,
            cancellable=False,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.reload(select=info.path)
        self.status.setText(_("Backed up and checked: {name}").format(name=info.name))

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self._update_buttons()
        self.status.setText(error_text(exc))

    def check_selected(self) -> None:
        backup = self.selected()
        if backup is None or self.store is None:
            return
        key = self.store.key

        def work(_control: TaskControl) -> BackupCheck:
            return check_backup(backup.path, key)

        def done(check: BackupCheck) -> None:
            self._update_buttons()
            if check.ok:
                self.status.setText(
                    _("{kind} of {when}: whole and readable.").format(
                        kind=reason_text(backup.reason), when=date_time(backup.created)
                    )
                )
            else:
                self.status.setText(_("This backup cannot be used: {problem}").format(problem=check.problem))

        self.check_button.setEnabled(False)
        self.status.setText(_("Checking…"))
        self.tasks.run(work, title=_("Checking the backup…"), on_success=done, on_failure=self._failed)

    def delete_selected(self) -> None:
        backup = self.selected()
        if backup is None or self.store is None:
            return
        if not ask.ask(
            self,
            _("Delete a backup"),
            _("Delete the backup of {when}?").format(when=date_time(backup.created)),
            _("The file {name} is deleted from the backups folder.").format(name=backup.name),
            accept=_("Delete"),
            danger=True,
        ):
            return
        try:
            delete_backup(self.store, backup.path)
        except USER_ERRORS as exc:
            self.status.setText(error_text(exc))
            return
        self.reload()
        self.status.setText(_("Deleted {name}").format(name=backup.name))

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is not None and ask.ask(
            self,
            _("Restore a backup"),
            _("Put back the store as it was on {when}?").format(when=date_time(backup.created)),
            _(
                "The store is closed, replaced by this backup and opened again. What was recorded since then is "
                "not lost: the current state is kept as a backup first, and you can restore it the same way."
            ),
            accept=_("Restore"),
        ):
            self.restore(backup.path)

    def open_folder(self) -> None:
        folder = backups_folder(self.store) if self.store is not None else None
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
