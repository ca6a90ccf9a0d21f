"""Opening a store that resists: passphrases, damaged files, newer versions, restoring backups.

Every failure to open a store comes here (at start and from File ▸ Open). The
user gets one plain explanation in their language and, where it helps, the
remedy: the passphrase of an encrypted store is asked for and the open is
tried again; for a damaged store (or a file that is not a store) the latest
good backup is offered and, once restored, opened; a store from a newer
version can go back to a backup this version reads. Restoring from the
Backups tab goes the same way: close the store, put the backup in place,
open it again. The slow parts (checking backups, restoring, opening) run in
the background.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from crc_reporter import APP_NAME
from crc_reporter.i18n import _
from crc_reporter.services.backups import BackupInfo, RestoreResult, latest_good_backup, restore
from crc_reporter.store.engine import Store, is_url
from crc_reporter.store.errors import (
    DamagedStoreError,
    NewerStoreError,
    NotAStoreError,
    PassphraseRequiredError,
    StoreError,
    WrongPassphraseError,
)
from crc_reporter.store.open import open_store
from crc_reporter.ui.dialogs import ask
from crc_reporter.ui.errors import error_text, show_error
from crc_reporter.ui.formatting import date_time
from crc_reporter.ui.tasks import TaskControl

if TYPE_CHECKING:
    from crc_reporter.ui.main_window import MainWindow

#: Failures a backup can remedy.
RESTORABLE = (DamagedStoreError, NotAStoreError, NewerStoreError)


def ask_secret(parent: QWidget, title: str, prompt: str) -> str | None:
    """A passphrase, typed unseen; None when the user cancels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("Open"))
    dialog.setCancelButtonText(_("Cancel"))
    dialog.resize(460, dialog.sizeHint().height())  # room for a long passphrase
    accepted = dialog.exec()
    return dialog.textValue() if accepted and dialog.textValue() else None


def store_path_of(target: str) -> Path | None:
    return None if is_url(target) else Path(target).expanduser().resolve()


class StoreRecovery(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _user(self) -> str | None:
        store = self.window.store
        return store.user if store is not None else (self.window.settings.user_name or None)

    # --- opening --------------------------------------------------------------------------------------
    def open(
        self,
        target: str,
        *,
        create: bool = False,
        passphrase: str | None = None,
        then: Callable[[Store], None] | None = None,
    ) -> None:
        """Open ``target`` in the background; show it when opened, explain (and offer remedies) when not."""
        user = self._user()

        def work(_control: TaskControl) -> Store:
            return open_store(target, user=user, create=create, passphrase=passphrase)

        def opened(store: Store) -> None:
            self.window.switcher.adopt(store)
            if then is not None:
                then(store)

        self.window.tasks.run(
            work,
            title=_("Opening {store}…").format(store=Path(target).name),
            on_success=opened,
            on_failure=lambda exc: self.explain(target, exc, create=create, passphrase=passphrase),
            cancellable=False,
        )

    def explain(self, target: str, exc: BaseException, *, create: bool = False, passphrase: str | None = None) -> None:
        """Tell the user why ``target`` did not open, and offer what can be done about it."""
        if not isinstance(exc, StoreError):
            show_error(self.window, exc)
            return
        path = store_path_of(target)
        if isinstance(exc, (PassphraseRequiredError, WrongPassphraseError)):
            self.ask_passphrase(target, wrong=isinstance(exc, WrongPassphraseError))
            return
        if path is not None and isinstance(exc, RESTORABLE):
            self.offer_restore(path, exc, passphrase)
            return
        self.window.settings.remove_recent_store(target)  # a store that is gone or not a store
        QMessageBox.warning(self.window, APP_NAME, _("The store cannot be opened: {reason}").format(reason=exc))

    def ask_passphrase(self, target: str, *, wrong: bool = False) -> None:
        name = Path(target).name
        prompt = (
            _("That passphrase does not open {store}. Type it again:")
            if wrong
            else _("{store} is encrypted. Type its passphrase:")
        ).format(store=name)
        text = ask_secret(self.window, _("Encrypted store"), prompt)
        if text:
            self.open(target, passphrase=text)

    # --- damaged stores -----------------------------------------------------------------------------------
    def offer_restore(self, path: Path, exc: StoreError, passphrase: str | None = None) -> None:
        """Look for the latest good backup (in the background), then offer it."""
        self.window.tasks.run(
            lambda _control: latest_good_backup(path, passphrase),
            title=_("Looking for a good backup…"),
            on_success=lambda backup: self._offer(path, exc, backup, passphrase),
            cancellable=False,
        )

    def _offer(self, path: Path, exc: StoreError, backup: BackupInfo | None, passphrase: str | None) -> None:
        if isinstance(exc, NewerStoreError):
            title = _("This store is from a newer version")
            text = _("{store} was written by a newer version of CRC Reporter.").format(store=path.name)
            advice = _("Install that version to open it.")
        else:
            title = _("This file is not a store") if isinstance(exc, NotAStoreError) else _("The store is damaged")
            text = _("The store cannot be opened: {reason}.").format(reason=error_text(exc))
            advice = ""
        if backup is None:
            more = _(
                "There is no good backup of it to restore. Keep the file as it is: a specialist may still "
                "recover its data ('crc-reporter check' tells what is wrong)."
            )
            QMessageBox.warning(self.window, title, " ".join(filter(None, (text, advice, more))))
            return
        offer = _(
            "The latest good backup is from {when}. Restoring it puts that version back; the current file is "
            "kept beside the backups, so nothing is thrown away."
        ).format(when=date_time(backup.created))
        if ask.ask(
            self.window,
            title,
            text,
            " ".join(filter(None, (advice, offer))),
            accept=_("Restore the backup"),
            reject=_("Not now"),
            icon=QMessageBox.Icon.Warning,
        ):
            self.restore(path, backup.path, passphrase)

    # --- restoring ---------------------------------------------------------------------------------------
    def restore(self, path: Path, backup: Path | None = None, passphrase: str | None = None) -> None:
        """Put ``backup`` (the latest good one when None) in place of the store at ``path``, then open it."""
        current = self.window.store
        if current is not None and current.path == path:
            passphrase = passphrase or current.key
            self.window.close_store()  # the store must be closed: this window holds its lock

        def work(_control: TaskControl) -> RestoreResult:
            return restore(path, backup, passphrase)

        def restored(result: RestoreResult) -> None:
            def done(_store: Store) -> None:
                parts = [_("Restored the backup {name}.").format(name=result.restored_from.name)]
                if result.previous_kept_as:
                    parts.append(_("The state before was kept as {name}.").format(name=result.previous_kept_as[0].name))
                QMessageBox.information(self.window, APP_NAME, " ".join(parts))

            self.open(str(path), passphrase=passphrase, then=done)

        def failed(exc: BaseException) -> None:
            show_error(self.window, _("The backup was not restored: {reason}").format(reason=error_text(exc)))
            if current is not None and current.path == path:
                self.open(str(path), passphrase=passphrase)  # the store is as it was: show it again

        self.window.tasks.run(
            work,
            title=_("Restoring the backup…"),
            on_success=restored,
            on_failure=failed,
            cancellable=False,
        )
