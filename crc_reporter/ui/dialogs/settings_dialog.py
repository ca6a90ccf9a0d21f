"""Settings: the name written in the audit trail, the interface language, the store opened at start; backups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from crc_reporter.i18n import LANGUAGES, _
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.settings import AppSettings


class SettingsDialog(FormDialog):
    GENERAL, BACKUPS, KEYS = 0, 1, 2

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        backups: QWidget | None = None,
        tab: int = 0,
        keys: QWidget | None = None,
    ) -> None:
        super().__init__(_("Settings"), parent, ok_text=_("Save"))
        self.settings = settings
        self.setMinimumWidth(640)
        self.user = QLineEdit(settings.user_name)
        self.user.setPlaceholderText(_("Your name, as it should appear in the history of changes"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.khmer_digits = QCheckBox(_("Write numbers and dates in Khmer digits (០១២៣…)"))
        self.khmer_digits.setChecked(settings.khmer_digits)
        self.khmer_digits.setToolTip(_("Only for the Khmer interface; document symbols keep their Latin digits"))
        self.language.currentIndexChanged.connect(self._language_changed)
        self._language_changed()
        self.store = QLineEdit(str(settings.default_store))
        self.store.setCursorPosition(0)
        self.store.setAccessibleName(_("Store opened at start"))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store, 1)
        store_row.addWidget(browse)
        self.form.addRow(_("User name"), self.user)
        self.form.addRow(_("Language"), self.language)
        self.form.addRow("", self.khmer_digits)
        self.form.addRow(_("Store opened at start"), store_row)
        hint = QLabel(_("New stores are proposed in the same folder. The language applies at once."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.tabs: QTabWidget | None = None
        self.backups = backups
        if backups is not None:
            # the form moves into a "General" tab beside "Backups"
            self.layout_.takeAt(self.layout_.indexOf(self.form))
            self.form.setParent(None)
            general = QWidget()
            general.setLayout(self.form)
            self.form.setContentsMargins(4, 12, 4, 4)
            self.tabs = QTabWidget()
            self.tabs.addTab(general, _("General"))
            self.tabs.addTab(backups, _("Backups"))
            if keys is not None:
                self.tabs.addTab(keys, _("Trusted keys"))
            self.tabs.setCurrentIndex(tab)
            self.layout_.insertWidget(0, self.tabs, 1)
            self.resize(780, 540)

    def _language_changed(self) -> None:
        self.khmer_digits.setEnabled(self.language.currentData() == "km")

    def _browse(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self,
            _("Store opened at start"),
            self.store.text(),
            _("CRC Reporter stores (*.sqlite *.db)") + ";;" + _("All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.store.setText(path)

    def validate(self) -> str | None:
        path = Path(self.store.text().strip()).expanduser()
        if not self.store.text().strip():
            return _("Choose where the store is.")
        if path.is_dir():
            return _("Choose a file, not a folder.")
        if not path.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=path.parent)
        return None

    def save(self) -> None:
        self.settings.user_name = self.user.text()
        self.settings.language = self.language.currentData()
        self.settings.khmer_digits = self.khmer_digits.isChecked()
        self.settings.default_store = Path(self.store.text().strip()).expanduser()
        self.settings.sync()
