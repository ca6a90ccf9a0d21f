"""Trusted keys (a tab of Settings): whose signed packages this store recognises; the person's own key.

A key is trusted from the public key file its owner sends (``.pub``), or from a
package it signed (the merge dialog's "Trust this key…"). Either way the person
sees the fingerprint first and is asked to check it with the sender: anyone can
make a key and give it any name. Trusting and removing need a coordinator on a
shared server and a store this window may write.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _, ngettext
from crc_reporter.services.exchange import (
    PublicKeyInfo,
    TrustedKeyInfo,
    read_public_key,
    require_trusted_packages,
    set_require_trusted_packages,
    trust_key,
    trusted_keys,
    untrust_key,
)
from crc_reporter.store.engine import Store
from crc_reporter.ui import signing_key
from crc_reporter.ui.access import WriteAccess, role_name
from crc_reporter.ui.dialogs import ask
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.errors import USER_ERRORS, error_text
from crc_reporter.ui.models.trusted_keys import TrustedKeyModel
from crc_reporter.ui.tasks import TaskControl, TaskRunner
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable

KEY_FILTER = "{keys} (*.pub);;{all} (*)"


def offer_public_key(parent: QWidget) -> tuple[str, bool] | None:
    """Ask where to save the person's public key and save it there: the line to show, and whether it worked.

    None when they chose no file.
    """
    path, _f = QFileDialog.getSaveFileName(
        parent,
        _("Save my public key"),
        str(Path.home() / "my-crc-reporter-key.pub"),
        KEY_FILTER.format(keys=_("Public keys"), all=_("All files")),
    )
    if not path:
        return None
    try:
        signing_key.save_public_key(Path(path))
    except USER_ERRORS as exc:
        return error_text(exc), False
    return _("Saved your public key to {path}: send it to the people you exchange with.").format(path=path), True


def may_manage_keys(store: Store, access: WriteAccess) -> str:
    """Empty when this window may trust and remove keys; otherwise the one line that says why not."""
    if not access.allowed:
        return access.reason
    if not store.role.at_least(Role.COORDINATOR):
        return _("Only a coordinator may change the trusted keys; your role on this server is {role}.").format(
            role=role_name(store.role)
        )
    return ""


class TrustKeyDialog(FormDialog):
    """Show a key's fingerprint, ask for the name to trust it under."""

    def __init__(self, key: PublicKeyInfo, parent: QWidget | None = None) -> None:
        super().__init__(_("Trust a key"), parent, ok_text=_("Trust"))
        self.setMinimumWidth(560)
        fingerprint = QLabel(key.fingerprint)
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fingerprint.setStyleSheet("font-family: monospace; font-weight: 600;")
        self.name = QLineEdit(key.name)
        self.name.setPlaceholderText(_("Whose key it is, e.g. “Child Rights Coalition – Sokha”"))
        self.form.addRow(_("Fingerprint"), fingerprint)
        self.form.addRow(_("Name"), self.name)
        warning = muted_label(
            _(
                "Check the fingerprint with its owner (by phone or in person) before you trust it: anyone can make "
                "a key and give it any name. Packages signed with a trusted key show that name when they are merged."
            )
        )
        self.form.addRow("", warning)

    def validate(self) -> str | None:
        return None if self.name.text().strip() else _("Give the key a name.")


class TrustedKeysPanel(QWidget):
    def __init__(self, store: Store, tasks: TaskRunner, access: WriteAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.tasks = store, tasks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 10, 4, 4)
        layout.setSpacing(8)
        layout.addWidget(section_label(_("Keys this store trusts")))
        layout.addWidget(
            muted_label(
                _(
                    "A package signed with one of these keys shows who sent it. Trust the public key file (.pub) "
                    "that a person gives you, or the key of a package when you merge it."
                )
            )
        )
        self.require = QCheckBox(_("Require trusted packages"))
        self.require.setToolTip(
            _("Refuse packages that are unsigned or signed by a key this store does not trust, when merging.")
        )
        layout.addWidget(self.require)
        self.model = TrustedKeyModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Trusted keys"))
        self.table.setMinimumHeight(150)
        layout.addWidget(self.table, 1)
        self.status = muted_label("")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Trust a public key file…"))
        self.add_button.setObjectName("Primary")
        self.remove_button = QPushButton(_("Stop trusting"))
        self.remove_button.setObjectName("Danger")
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._own_key_card())
        self.require.clicked.connect(self._require_clicked)  # a person's click only, not a reload
        self.add_button.clicked.connect(self.trust_file)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.current_changed.connect(lambda _r: self._update_buttons())
        self.blocked = may_manage_keys(store, access)
        if self.blocked:
            for button in (self.add_button, self.remove_button, self.require):
                button.setEnabled(False)
                button.setToolTip(self.blocked)
        self.reload()
        self._load_require()

    def _own_key_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        row = QHBoxLayout(card)
        row.setContentsMargins(12, 8, 12, 8)
        self.own_key = QLabel()
        self.own_key.setWordWrap(True)
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_public_button = QPushButton(_("Save my public key…"))
        self.save_public_button.setToolTip(_("Write your public key to a file to send to the people you exchange with"))
        self.save_public_button.clicked.connect(self.save_public_key)
        row.addWidget(self.own_key, 1)
        row.addWidget(self.save_public_button)
        self._show_own_key()
        return card

    def _show_own_key(self) -> None:
        mine = signing_key.my_key()
        if mine is None:
            self.own_key.setText(
                _("You have no signing key yet: one is made the first time you sign a package you send.")
            )
        else:
            self.own_key.setText(_("Your own key (“{name}”): {fp}").format(name=mine.name, fp=mine.fingerprint))
        self.save_public_button.setVisible(mine is not None)

    # --- showing ------------------------------------------------------------------------------------------
    def reload(self, select: str | None = None, message: str = "") -> None:
        """Read the keys again; ``message`` (what was just done) is shown instead of the count."""

        def done(keys: list[TrustedKeyInfo]) -> None:
            self.model.set_rows(keys)
            if not (select and self.table.select_id(select)) and keys:
                self.table.select_row(0)
            count = ngettext("{n} trusted key", "{n} trusted keys", len(keys)).format(n=len(keys))
            self.status.setText(message or (count if keys else _("No trusted key yet.")))
            self._update_buttons()

        self.tasks.run(
            lambda session, _c: trusted_keys(session),
            store=self.store,
            on_success=done,
            on_failure=self._failed,
            show_progress=False,
        )

    def _load_require(self) -> None:
        self.tasks.run(
            lambda session, _c: require_trusted_packages(session),
            store=self.store,
            on_success=lambda on: self.require.setChecked(bool(on)),
            on_failure=self._failed,
            show_progress=False,
        )

    def _require_clicked(self, on: bool) -> None:
        def done(_result: object) -> None:
            self.status.setText(
                _("Only packages signed by a trusted key are merged.")
                if on
                else _("Unsigned packages and unknown keys are merged too.")
            )

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            self._load_require()  # show what the store really holds

        self.tasks.run(
            lambda session, _c: set_require_trusted_packages(session, on),
            store=self.store,
            on_success=done,
            on_failure=failed,
            show_progress=False,
        )

    def selected(self) -> TrustedKeyInfo | None:
        record = self.table.current_record()
        return record if isinstance(record, TrustedKeyInfo) else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(not self.blocked and self.selected() is not None)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))

    # --- trusting and removing --------------------------------------------------------------------------------
    def trust_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            _("Choose the public key to trust"),
            str(Path.home()),
            KEY_FILTER.format(keys=_("Public keys"), all=_("All files")),
        )
        if not path:
            return
        try:
            key = read_public_key(Path(path))
        except USER_ERRORS as exc:
            self.status.setText(error_text(exc))
            return
        self.trust(key)

    def trust(self, key: PublicKeyInfo) -> None:
        dialog = TrustKeyDialog(key, self)
        if not dialog.exec():
            return
        name = dialog.name.text().strip()

        def work(session: Session, _control: TaskControl) -> TrustedKeyInfo:
            return trust_key(session, key, name)

        def done(info: TrustedKeyInfo) -> None:
            self.reload(info.fingerprint, _("Trusted {name}: {fp}").format(name=info.name, fp=info.fingerprint))

        self.tasks.run(work, store=self.store, on_success=done, on_failure=self._failed, show_progress=False)

    def remove_selected(self) -> None:
        key = self.selected()
        if key is None or not ask.ask(
            self,
            _("Stop trusting a key"),
            _("Stop trusting the key of {name}?").format(name=key.name),
            _("Packages it signed will show as signed by an unknown key. You can trust it again later."),
            accept=_("Stop trusting"),
            danger=True,
        ):
            return

        def done(_result: object) -> None:
            self.reload(message=_("No longer trusted: {name}").format(name=key.name))

        self.tasks.run(
            lambda session, _c: untrust_key(session, key.fingerprint),
            store=self.store,
            on_success=done,
            on_failure=self._failed,
            show_progress=False,
        )

    def save_public_key(self) -> None:
        mine = signing_key.my_key()
        if mine is None:
            return
        saved = offer_public_key(self)
        if saved is not None:
            self.status.setText(saved[0])
