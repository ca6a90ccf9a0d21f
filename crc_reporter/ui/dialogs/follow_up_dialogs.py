"""Follow-up ▸ Ask for updates… and Review proposed changes…: a coordinator's two dialogs of issue 23.

Both run their (small) service calls in one session each and announce a reload, so every page shows
the approved changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.errors import ServiceError
from crc_reporter.domain.follow_up import Asks, ChangeState, RequestForm
from crc_reporter.i18n import _, current_language
from crc_reporter.i18n.labels import label
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.actors import list_actors
from crc_reporter.services.reply_in import merge_reply
from crc_reporter.services.request_out import write_request
from crc_reporter.ui import signing_key
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.errors import show_error
from crc_reporter.ui.models.base import RECORD_ROLE, RecordProxyModel
from crc_reporter.ui.models.proposals import ProposedChangeModel

LANGUAGES = (("en", "English"), ("fr", "Français"), ("km", "ខ្មែរ"))


class AskDialog(FormDialog):
    """Whom to ask, for what, by when, in which form and language; then where to save the request."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Ask for updates"), parent, ok_text=_("Save the request…"))
        self.ctx = ctx
        self.written: Path | None = None
        self.body_box = QComboBox()
        with ctx.store.session() as session:
            for actor in list_actors(session):
                self.body_box.addItem(actor.name, actor.name)
        self.form.addRow(_("Body asked"), self.body_box)
        self.due = QDateEdit(QDate.currentDate().addDays(30))
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setCalendarPopup(True)
        self.form.addRow(_("Due by"), self.due)
        self.form_box = QComboBox()
        self.form_box.addItem(_("Signed package (they run CRC Reporter)"), RequestForm.PACKAGE.value)
        self.form_box.addItem(_("Excel workbook (they do not)"), RequestForm.WORKBOOK.value)
        self.form.addRow(_("Form"), self.form_box)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.form.addRow(_("Their language"), self.language)
        self.new_actions = QCheckBox(_("New actions"))
        self.statuses = QCheckBox(_("Status of their actions"))
        self.evidence = QCheckBox(_("Evidence"))
        self.assessments = QCheckBox(_("Their own assessment"))
        for box in (self.new_actions, self.statuses, self.evidence):
            box.setChecked(True)
        asked = QVBoxLayout()
        for box in (self.new_actions, self.statuses, self.evidence, self.assessments):
            asked.addWidget(box)
        self.form.addRow(_("What is asked"), asked)
        self.years = QLineEdit()
        self.years.setPlaceholderText(str(dt.date.today().year - 1))
        self.form.addRow(_("Indicator values for the years"), self.years)

    def validate(self) -> str | None:
        try:
            years = tuple(int(y) for y in self.years.text().replace(" ", "").split(",") if y)
        except ValueError:
            return _("'{value}' is not a list of years (e.g. 2025,2026)").format(value=self.years.text())
        form = str(self.form_box.currentData())
        key: Path | None = None
        if form == RequestForm.PACKAGE.value:
            try:
                signing_key.ensure_key(self.ctx.store.user)
            except ServiceError as exc:
                return str(exc)
            key = signing_key.key_path()
        suffix = ".crcrequest" if form == RequestForm.PACKAGE.value else ".xlsx"
        name = str(self.body_box.currentData() or "")
        path, _f = QFileDialog.getSaveFileName(self, _("Save the request"), str(Path.home() / f"request{suffix}"))
        if not path:
            return _("choose where to save the request")
        asks = Asks(
            new_actions=self.new_actions.isChecked(),
            status_changes=self.statuses.isChecked(),
            evidence=self.evidence.isChecked(),
            assessments=self.assessments.isChecked(),
            indicator_years=years,
        )
        try:
            with self.ctx.store.session() as session:
                request = fu.create_request(
                    session,
                    name,
                    asks=asks,
                    due_on=self.due.date().toPython(),  # type: ignore[arg-type]
                    form=form,
                    language=str(self.language.currentData()),
                )
                self.written = write_request(session, request, Path(path), key_file=key).path
        except ServiceError as exc:
            return str(exc)
        return None


class ReviewDialog(QDialog):
    """Every proposed change with what it replaces: approve the chosen ones, or send one back with a note."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Review proposed changes"))
        layout = QVBoxLayout(self)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        self.show_decided = QCheckBox(_("Show approved changes too"))
        self.show_decided.toggled.connect(self.reload)
        layout.addWidget(self.show_decided)
        self.model = ProposedChangeModel(self)
        self.proxy = RecordProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.approve_button = QPushButton(_("Approve"))
        self.approve_button.setObjectName("Primary")
        self.approve_button.clicked.connect(self.approve_selected)
        self.send_back_button = QPushButton(_("Send back…"))
        self.send_back_button.clicked.connect(self.send_back_selected)
        row.addWidget(self.approve_button)
        row.addWidget(self.send_back_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        ctx.access.guard(self.approve_button, self.send_back_button)
        self.resize(1100, 520)
        self.reload()

    def reload(self) -> None:
        with self.ctx.store.session() as session:
            changes = pr.list_changes(session)
        if not self.show_decided.isChecked():
            changes = [c for c in changes if c.state is not ChangeState.APPROVED]
        self.model.set_rows(changes)
        self.table.resizeColumnsToContents()

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(i, RECORD_ROLE).uuid for i in rows]

    def _report(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def approve_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self._report(_("choose the changes to approve"))
            return
        try:
            with self.ctx.store.session() as session:
                for ident in ids:
                    pr.approve(session, ident)
        except ServiceError as exc:
            self._report(str(exc))
            return
        self._report("")
        self.ctx.events.store_reloaded.emit()
        self.reload()

    def send_back_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self._report(_("choose one change to send back"))
            return
        note, ok = QInputDialog.getMultiLineText(self, _("Send back"), _("Why is it sent back?"))
        if not ok:
            return
        try:
            with self.ctx.store.session() as session:
                pr.send_back(session, ids[0], note)
        except ServiceError as exc:
            self._report(str(exc))
            return
        self._report("")
        self.reload()


def merge_reply_file(ctx: AppContext, parent: QWidget | None) -> None:
    """Choose a reply (package or workbook), take it as proposals, then show them for review."""
    kinds = _("Replies ({patterns});;All files (*)").format(patterns="*.crcreply *.xlsx")
    path, _f = QFileDialog.getOpenFileName(parent, _("Choose the reply to merge"), str(Path.home()), kinds)
    if not path:
        return
    try:
        data = Path(path).read_bytes()
        with ctx.store.session() as session:
            result = merge_reply(session, data, Path(path).name)
    except (ServiceError, OSError) as exc:
        show_error(parent, exc if isinstance(exc, ServiceError) else str(exc))
        return
    message = _("{name}: {added} new proposed changes from {who}; the request is {state}.").format(
        name=result.name, added=result.added, who=result.recipient, state=label(result.state.value).lower()
    )
    ReviewDialog(ctx, parent, message).exec()


def ask_for_updates(ctx: AppContext, parent: QWidget | None) -> None:
    dialog = AskDialog(ctx, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.written is not None:
        ctx.events.store_reloaded.emit()


def review_changes(ctx: AppContext, parent: QWidget | None) -> None:
    ReviewDialog(ctx, parent).exec()
