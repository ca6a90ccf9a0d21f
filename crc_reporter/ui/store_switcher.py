"""Opening, creating and switching stores, the demo store, and the settings dialog.

Opening runs in the background (an upgrade may first back the store up); a
store that cannot be opened is reported in one line in the user's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from crc_reporter import APP_NAME
from crc_reporter.i18n import _
from crc_reporter.paths import user_data_dir
from crc_reporter.services.demo import load_demo
from crc_reporter.services.documents import list_documents
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from crc_reporter.ui.access import WriteAccess
from crc_reporter.ui.dialogs.backups_panel import BackupsPanel
from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.tasks import TaskControl

if TYPE_CHECKING:
    from crc_reporter.ui.main_window import MainWindow

STORE_FILTER = "CRC Reporter (*.sqlite *.db);;*"


def demo_store_path() -> Path:
    return user_data_dir() / "demo" / "xamplia-demo.sqlite"


def open_demo_store(path: Path, user: str, control: TaskControl) -> Store:
    """Open (creating and filling, the first time) the separate store that holds the demo data set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(path, user=user, create=True)
    try:
        with store.session() as session:
            if not list_documents(session):
                control.progress(0, 1, _("Loading the demo data set…"))
                load_demo(session, 1, lambda done, total: control.progress(done, total))
            control.check()  # cancelled: roll back instead of committing
    except BaseException:
        store.close()
        raise
    return store


class StoreSwitcher(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _user(self) -> str | None:
        if self.window.store is not None:
            return self.window.store.user
        return self.window.settings.user_name or None

    def _start_folder(self) -> str:
        return str(self.window.settings.default_store.parent)

    # --- opening ------------------------------------------------------------------------------------
    def open_store(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self.window, _("Open a store"), self._start_folder(), STORE_FILTER)
        if path:
            self.open_path(path, False)

    def new_store(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self.window,
            _("Create a new store"),
            str(Path(self._start_folder()) / "crc-reporter.sqlite"),
            STORE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        if Path(path).exists():
            QMessageBox.warning(
                self.window, APP_NAME, _("{path} already exists: open it, or choose another name.").format(path=path)
            )
            return
        self.open_path(path, True)

    def open_path(self, target: str, create: bool = False) -> None:
        """Open a store in the background; a failure is explained, with the remedy when there is one."""
        self.window.recovery.open(target, create=create)

    def open_demo(self) -> None:
        path, user = demo_store_path(), self._user() or "demo"
        if self.window.store is not None and self.window.store.path == path.resolve():
            self.window.navigate("dashboard")
            return
        self.window.tasks.run(
            lambda control: open_demo_store(path, user, control),
            title=_("Opening the demo data set…"),
            on_success=self.adopt,
            on_failure=lambda exc: self.window.recovery.explain(str(path), exc),
        )

    def adopt(self, store: Store) -> None:
        """Show a store just opened."""
        self.window.set_store(store)
        self.window.navigate("dashboard")
        self.window.statusBar().showMessage(_("Opened {store}").format(store=store.display_name()), 6000)

    def clear_recent(self) -> None:
        for target in self.window.settings.recent_stores:
            self.window.settings.remove_recent_store(target)
        self.window.retranslate()

    # --- settings and about ------------------------------------------------------------------------
    def show_settings(self, tab: int = SettingsDialog.GENERAL) -> None:
        window = self.window
        settings = window.settings
        store = window.store
        chosen: list[Path] = []
        access = window.ctx.access if window.ctx is not None else WriteAccess()

        def restore_after_closing(path: Path) -> None:
            chosen.append(path)
            dialog.reject()

        panel = BackupsPanel(store, window.tasks, access, restore=restore_after_closing)
        keys = None
        if store is not None:
            from crc_reporter.ui.dialogs.trusted_keys_panel import TrustedKeysPanel

            keys = TrustedKeysPanel(store, window.tasks, access)
        dialog = SettingsDialog(settings, window, backups=panel, tab=tab, keys=keys)
        accepted = dialog.exec()
        if chosen and store is not None and store.path is not None:
            window.recovery.restore(store.path, chosen[0])  # after the dialog has closed
            return
        if not accepted:
            return
        old = (settings.language, settings.khmer_digits)
        dialog.save()
        if window.store is not None and settings.user_name:
            window.store.user = settings.user_name  # the store keeps a server's login as the author
        if (settings.language, settings.khmer_digits) != old:
            apply_language(settings.language, settings.khmer_digits)
            window.retranslate()
        else:
            window._update_titles()

    def show_backups(self) -> None:
        self.show_settings(SettingsDialog.BACKUPS)

    def show_trusted_keys(self) -> None:
        self.show_settings(SettingsDialog.KEYS)

    def about(self, text: str) -> None:
        QMessageBox.about(self.window, APP_NAME, text)
