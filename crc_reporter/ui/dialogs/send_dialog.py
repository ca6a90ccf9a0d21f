"""Send my work: an exchange package (.crcx) of the store, or of one document, cluster or actor's actions.

The dialog says how many records the choice means and how many confidential
actions it holds (they go only when ticked), signs the package with the
person's own key when asked (making the key pair the first time), and writes
the file in the background. Cancel stops the export only before it starts to
write: from then on the store's record of what was sent and the file must
both be finished.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.exchange import SUFFIX, ExportResult, Selection, export_package
from crc_reporter.services.exchange.outline import Outline, SelectionChoices, outline, selection_choices
from crc_reporter.ui import signing_key
from crc_reporter.ui.dialogs.export_base import _ERROR, _OK, ExportDialog
from crc_reporter.ui.dialogs.trusted_keys_panel import offer_public_key
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.exchange_texts import counts_text, export_summary
from crc_reporter.ui.formatting import number
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

EVERYTHING, DOCUMENT, CLUSTER, ACTOR = range(4)


class SendWorkDialog(ExportDialog):
    folder_key = "exchange/folder"
    suffix = SUFFIX

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Send my work"),
            _(
                "Make a package (.crcx) for another copy of CRC Reporter and send it by e-mail or on a USB stick; "
                "the other side merges it (File ▸ Merge a package). Records are matched one by one, so sending "
                "everything again later is safe: nothing is doubled."
            ),
            _("Save the package…"),
            parent,
        )
        self.setMinimumWidth(700)
        self._generation = 0
        self.outline: Outline | None = None
        self.body.addWidget(self._selection_box())
        self.signing_box = self._signing_box()
        self.after.addWidget(self.signing_box)
        self.save_button.setEnabled(False)
        self.include_confidential.toggled.connect(lambda _on: self._show_size())
        self._load_choices()

    # --- the form -------------------------------------------------------------------------------------------
    def _selection_box(self) -> QGroupBox:
        box = QGroupBox(_("What goes in the package"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        self.scope = QButtonGroup(self)
        self.document = QComboBox()
        self.cluster = QComboBox()
        self.actor = QComboBox()
        options = (
            (EVERYTHING, _("Everything in this store"), None),
            (DOCUMENT, _("One document and what answers it"), self.document),
            (CLUSTER, _("The paragraphs of one cluster"), self.cluster),
            (ACTOR, _("One actor's actions"), self.actor),
        )
        for row, (key, text, combo) in enumerate(options):
            radio = QRadioButton(text)
            self.scope.addButton(radio, key)
            grid.addWidget(radio, row, 0)
            if combo is not None:
                combo.setEnabled(False)
                combo.setMinimumWidth(300)
                combo.currentIndexChanged.connect(lambda _i: self._selection_changed())
                grid.addWidget(combo, row, 1)
        self.scope.button(EVERYTHING).setChecked(True)
        self.scope.idToggled.connect(lambda _id, on: self._selection_changed() if on else None)
        self.size_line = muted_label(_("Counting…"))
        self.size_line.setMinimumHeight(2 * self.size_line.fontMetrics().lineSpacing() + 4)  # text comes later
        grid.addWidget(self.size_line, len(options), 0, 1, 2)
        grid.setColumnStretch(1, 1)
        return box

    def _signing_box(self) -> QGroupBox:
        box = QGroupBox(_("Signature"))
        column = QVBoxLayout(box)
        self.sign = QCheckBox(_("Sign the package with my key"))
        self.sign.setChecked(True)
        self.sign.setToolTip(
            _("Lets the people you send it to see that it comes from you and was not changed on the way")
        )
        row = QHBoxLayout()
        self.key_line = QLabel()
        self.key_line.setWordWrap(True)
        self.key_line.setObjectName("Muted")
        self.public_button = QPushButton(_("Save my public key…"))
        self.public_button.setToolTip(_("Give this file once to the people you exchange with, so they can trust it"))
        self.public_button.clicked.connect(self.save_public_key)
        row.addWidget(self.key_line, 1)
        row.addWidget(self.public_button)
        column.addWidget(self.sign)
        column.addLayout(row)
        self._show_key()
        return box

    def _show_key(self) -> None:
        mine = signing_key.my_key()
        if mine is None:
            self.key_line.setText(
                _("You have no key yet: one is made for you when you save this package (kept in {folder}).").format(
                    folder=signing_key.key_folder()
                )
            )
        else:
            self.key_line.setText(_("Your key “{name}”: {fp}").format(name=mine.name, fp=mine.fingerprint))
        self.public_button.setVisible(mine is not None)

    # --- what the choice means --------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        self.ctx.tasks.run(
            lambda session, _c: selection_choices(session),
            store=self.ctx.store,
            on_success=self._fill_choices,
            on_failure=lambda exc: self.show_message(error_text(exc)),
            show_progress=False,
        )

    def _fill_choices(self, choices: SelectionChoices) -> None:
        for combo in (self.document, self.cluster, self.actor):
            combo.blockSignals(True)
            combo.clear()
        for symbol in choices.documents:
            self.document.addItem(symbol, symbol)
        for key in choices.clusters:
            self.cluster.addItem(label(key), key)
        for name, actions in choices.actors:
            text = ngettext("{name} ({n} action)", "{name} ({n} actions)", actions).format(name=name, n=number(actions))
            self.actor.addItem(text, name)
        for combo, scope in ((self.document, DOCUMENT), (self.cluster, CLUSTER), (self.actor, ACTOR)):
            combo.blockSignals(False)
            self.scope.button(scope).setEnabled(combo.count() > 0)
        self._selection_changed()

    def selection(self) -> Selection:
        scope = self.scope.checkedId()
        if scope == DOCUMENT:
            return Selection(document=self.document.currentData())
        if scope == CLUSTER:
            return Selection(cluster=self.cluster.currentData())
        if scope == ACTOR:
            return Selection(actor=self.actor.currentData())
        return Selection()

    def _selection_changed(self) -> None:
        scope = self.scope.checkedId()
        for combo, key in ((self.document, DOCUMENT), (self.cluster, CLUSTER), (self.actor, ACTOR)):
            combo.setEnabled(scope == key)
        self._generation += 1
        generation, selection = self._generation, self.selection()
        self.outline = None
        self.size_line.setText(_("Counting…"))
        self.set_confidential(None)
        self.save_button.setEnabled(False)

        def done(result: Outline) -> None:
            if generation != self._generation:
                return
            self.outline = result
            self._show_size()
            self.set_confidential(result.confidential)
            self.save_button.setEnabled(self._task is None)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.size_line.setText(error_text(exc))
                self._confidential = 0
                self.confidential_line.setText("")

        self.ctx.tasks.run(
            lambda session, _c: outline(session, selection),
            store=self.ctx.store,
            on_success=done,
            on_failure=failed,
            show_progress=False,
        )

    def _show_size(self) -> None:
        result = self.outline
        if result is None:
            return
        included = self.include_confidential.isChecked()
        counts = result.counts_with_confidential if included else result.counts
        text = _("The package will hold {records}.").format(records=counts_text(counts))
        if result.indicators_left_out and not included:
            text += " " + ngettext(
                "{n} indicator stays out with the confidential actions it points at.",
                "{n} indicators stay out with the confidential actions they point at.",
                result.indicators_left_out,
            ).format(n=number(result.indicators_left_out))
        self.size_line.setText(text)

    # --- writing -------------------------------------------------------------------------------------------------
    def target(self) -> tuple[str, str, str] | None:
        if self.outline is None:
            return None
        store = self.ctx.store
        stem = store.path.stem if store.path is not None else "crc-reporter"
        name = f"{stem}-{dt.date.today().isoformat()}{SUFFIX}"
        kinds = "{packages} (*{suffix});;{all} (*)".format(
            packages=_("Exchange packages"), suffix=SUFFIX, all=_("All files")
        )
        return _("Save the package"), name, kinds

    def work(self, out: Path) -> Callable[[TaskControl], ExportResult]:
        store, selection = self.ctx.store, self.selection()
        include, sign = self.include_confidential.isChecked(), self.sign.isChecked()
        signer = self.ctx.settings.user_name or store.user

        def run(control: TaskControl) -> ExportResult:
            key_file = None
            if sign:
                signing_key.ensure_key(signer)
                key_file = signing_key.key_path()

            def step(done: int, total: int, message: str) -> None:
                # before the first write the export may stop; after it, the file and the store's record of
                # what was sent must both be finished, so progress is only reported
                (control.progress if done == 0 else control.report)(done, total, message)

            with store.session() as session:  # committed here, whatever the window does meanwhile
                return export_package(
                    session, out, selection=selection, include_confidential=include, key_file=key_file, progress=step
                )

        return run

    def write(self, out: Path) -> None:
        super().write(out)
        if self._task is not None:
            self._task.progressed.connect(
                lambda done, _t, _m: self.progress.cancel_button.setEnabled(False) if done >= 1 else None
            )

    def summary(self, result: ExportResult) -> str:
        self._show_key()
        return export_summary(result)

    def _written(self, result: ExportResult) -> None:
        super()._written(result)
        self.signing_box.setEnabled(True)  # the public key may now be saved, to send with the package
        self.sign.setEnabled(False)

    def save_public_key(self) -> None:
        saved = offer_public_key(self)
        if saved is not None:
            text, ok = saved
            self.show_message(text, colour=_OK if ok else _ERROR)
