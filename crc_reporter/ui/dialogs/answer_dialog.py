"""Follow-up ▸ Answer a request…: the recipient opens an update request and saves a signed reply.

Needs no store: the request holds what is asked. Each asked item gets an answer
typed in the form below the list; the reply is signed with the person's key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.enums import ActionStatus, ImplementationStatus
from crc_reporter.domain.errors import ServiceError
from crc_reporter.domain.follow_up import UpdateKind
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.services.follow_up import list_requests, request_by_uuid
from crc_reporter.services.proposals import propose_direct
from crc_reporter.services.request_out import request_content
from crc_reporter.services.request_reply import ReplyChange, RequestView, make_reply, open_request, view_of
from crc_reporter.ui import signing_key
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.errors import show_error
from crc_reporter.ui.models.base import RECORD_ROLE, Column, RecordTableModel


@dataclass(frozen=True)
class AnswerRow:
    id: str  # the asked item
    kind: UpdateKind
    about: str
    year: int | None
    target: str
    answer: dict[str, Any] | None = None


def _answer_text(row: AnswerRow) -> str:
    if not row.answer:
        return ""
    return "; ".join(label(str(v)) if k == "status" else str(v) for k, v in row.answer.items() if v not in (None, ""))


class AnswerModel(RecordTableModel[AnswerRow]):
    columns: Sequence[Column[AnswerRow]] = (
        Column(N_("Asked"), lambda r: label(r.kind.value), sample="Status of an action"),
        Column(
            N_("About"), lambda r: r.about + (f" ({r.year})" if r.year else ""), tooltip=lambda r: r.about, width=320
        ),  # fmt: skip
        Column(N_("Your answer"), _answer_text, tooltip=_answer_text, stretch=True, width=260),
    )


class AnswerDialog(QDialog):
    def __init__(
        self, view: RequestView, user: str, parent: QWidget | None = None, ctx: AppContext | None = None
    ) -> None:
        super().__init__(parent)
        self.view, self.user = view, user
        self.ctx = ctx  # set: a focal point on the shared store, whose answers go straight in as proposals
        self.setWindowTitle(_("Answer the request"))
        layout = QVBoxLayout(self)
        due = view.due_on or "-"
        intro = QLabel(_("{sender} asks {body} for updates by {due} (signed by {signer}).").format(
            sender=view.sender or "-", body=view.recipient, due=due, signer=view.signer_name or "-"))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = AnswerModel(self)
        self.model.set_rows([AnswerRow(i.uuid, i.kind, i.label, i.year, i.target) for i in view.items])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.status = QComboBox()
        self.text = QLineEdit()
        self.url = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.value = QDoubleSpinBox()
        self.value.setRange(-1e12, 1e12)
        self.value.setDecimals(2)
        self.context = QLabel()  # the paragraph's text or the action's status, as the request gives them
        self.context.setWordWrap(True)
        layout.addWidget(self.context)
        self.hint = QLabel()
        form.addRow(self.hint)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Text"), self.text)
        form.addRow(_("Web address"), self.url)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Value"), self.value)
        layout.addLayout(form)
        self.keep = QPushButton(_("Keep this answer"))
        self.keep.clicked.connect(self._keep)
        layout.addWidget(self.keep)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save_text = _("Propose these updates") if ctx is not None else _("Save the signed reply…")
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.written: Path | None = None
        self.proposed = 0
        self.resize(900, 600)
        if view.items:
            self.table.selectRow(0)

    def current(self) -> AnswerRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, RECORD_ROLE) if index.isValid() else None

    def _show(self, index: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.record(index.row())
        self.status.clear()
        statuses = (
            ActionStatus if row.kind in (UpdateKind.NEW_ACTION, UpdateKind.ACTION_STATUS) else ImplementationStatus
        )
        for status in statuses:
            self.status.addItem(label(status.value), status.value)
        hints = {
            UpdateKind.NEW_ACTION: _("Type the new action's title, its status and start date."),
            UpdateKind.ACTION_STATUS: _("Choose the action's status; the date is its end; the text its outcome."),
            UpdateKind.EVIDENCE: _("Type the title of the report or law, and a link to it."),
            UpdateKind.INDICATOR_VALUE: _("Type the value for {year}.").format(year=row.year or ""),
            UpdateKind.ASSESSMENT: _("Choose how far the paragraph is implemented; the text is your note."),
        }
        self.hint.setText(hints[row.kind])
        self.context.setText(self._context(row))
        self.status.setEnabled(row.kind not in (UpdateKind.EVIDENCE, UpdateKind.INDICATOR_VALUE))
        self.url.setEnabled(row.kind is UpdateKind.EVIDENCE)
        self.value.setEnabled(row.kind is UpdateKind.INDICATOR_VALUE)
        self.date.setEnabled(row.kind in (UpdateKind.NEW_ACTION, UpdateKind.ACTION_STATUS, UpdateKind.ASSESSMENT))

    def _context(self, row: AnswerRow) -> str:
        for paragraph in self.view.paragraphs:
            if paragraph.get("uuid") == row.target:
                text = str(paragraph.get("text") or "")
                return text if len(text) < 600 else text[:600] + "…"
        for action in self.view.actions:
            if action.get("uuid") == row.target:
                return f"{action.get('title')} — {label(str(action.get('status')))}"
        return ""

    def _keep(self) -> None:
        row = self.current()
        if row is None:
            return
        day = self.date.date().toPython().isoformat()  # type: ignore[attr-defined]
        status = self.status.currentData()
        answers: dict[UpdateKind, dict[str, Any]] = {
            UpdateKind.NEW_ACTION: {"title": self.text.text(), "status": status, "start_date": day},
            UpdateKind.ACTION_STATUS: {"status": status, "end_date": day, "outcome": self.text.text()},
            UpdateKind.EVIDENCE: {"title": self.text.text(), "url": self.url.text()},
            UpdateKind.INDICATOR_VALUE: {"year": row.year, "value": self.value.value(), "note": self.text.text()},
            UpdateKind.ASSESSMENT: {
                "status": status,
                "assessed_on": day,
                "note": self.text.text(),
                "side": "government",
            },
        }
        answer = answers[row.kind]
        if row.kind in (UpdateKind.NEW_ACTION, UpdateKind.EVIDENCE) and not self.text.text().strip():
            self._error(_("type a title"))
            return
        self._error("")
        rows = [replace(r, answer=answer) if r.id == row.id else r for r in self.model.rows()]
        self.model.set_rows(rows)

    def _error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def changes(self) -> list[ReplyChange]:
        return [ReplyChange(r.kind, r.target, r.answer, r.id) for r in self.model.rows() if r.answer]

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self._error(_("the reply holds no answer"))
            return
        if self.ctx is not None:
            self._propose(changes)
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Save the signed reply"), str(Path.home() / "reply.crcreply"))
        if not path:
            return
        try:
            signing_key.ensure_key(self.user)
            make_reply(self.view, changes, Path(path), key_file=signing_key.key_path(), by=self.user)
        except ServiceError as exc:
            self._error(str(exc))
            return
        self.written = Path(path)
        self.accept()

    def _propose(self, changes: list[ReplyChange]) -> None:
        """On the shared store: each answer becomes a proposed change waiting for a coordinator."""
        assert self.ctx is not None
        try:
            with self.ctx.store.session() as session:
                for change in changes:
                    propose_direct(session, self.view.recipient, change.kind, change.target, change.payload)
        except ServiceError as exc:
            self._error(str(exc))
            return
        self.proposed = len(changes)
        self.accept()


def enter_updates(ctx: AppContext, parent: QWidget | None) -> None:
    """Follow-up ▸ Enter updates for a request…: a focal point answers a request stored here, no file."""
    with ctx.store.session() as session:
        requests = list_requests(session)
    if not requests:
        show_error(parent, _("no update request was sent from this store"))
        return
    names = [f"{r.recipient} — {r.sent_on.isoformat()} ({label(r.state.value)})" for r in requests]
    choice, ok = QInputDialog.getItem(parent, _("Enter updates"), _("Which request?"), names, 0, False)
    if not ok:
        return
    chosen = requests[names.index(choice)]
    try:
        with ctx.store.session() as session:
            content = request_content(session, request_by_uuid(session, chosen.uuid))
        view = view_of(content, chosen.uuid)
    except ServiceError as exc:
        show_error(parent, exc)
        return
    AnswerDialog(view, ctx.store.user, parent, ctx).exec()


def answer_request_file(user: str, parent: QWidget | None) -> None:
    kinds = _("Update requests ({patterns});;All files (*)").format(patterns="*.crcrequest")
    path, _f = QFileDialog.getOpenFileName(parent, _("Choose the update request"), str(Path.home()), kinds)
    if not path:
        return
    try:
        view = open_request(Path(path).read_bytes(), Path(path).name)
    except (ServiceError, OSError) as exc:
        show_error(parent, exc if isinstance(exc, ServiceError) else str(exc))
        return
    AnswerDialog(view, user, parent).exec()
