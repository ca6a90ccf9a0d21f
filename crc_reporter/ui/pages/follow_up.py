"""The Follow-up page (issue 23, item 3): every update request, its recipient, dates and state, and what is
still open per body; "Send a reminder" makes a fresh request for what is still open, in one step."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.follow_up import BodyFollowUp, RequestForm, UpdateRequestInfo
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.services.follow_up import create_reminder, list_requests, open_by_body
from crc_reporter.services.follow_up_files import REQUEST_SUFFIX
from crc_reporter.services.request_out import write_request
from crc_reporter.ui import signing_key
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.formatting import long_date, number
from crc_reporter.ui.models.follow_up import BodyTableModel, OpenItemModel, RequestTableModel
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable

#: a reminder gives the body as long as the request it follows did, and at least this many days
MIN_REMINDER_DAYS = 7
DEFAULT_REMINDER_DAYS = 30


def reminder_due(request: UpdateRequestInfo, today: dt.date) -> dt.date:
    days = (request.due_on - request.sent_on).days if request.due_on else DEFAULT_REMINDER_DAYS
    return today + dt.timedelta(days=max(days, MIN_REMINDER_DAYS))


class FollowUpPage(Page):
    key = "follow_up"
    TITLE = N_("Follow-up")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today: dt.date | None = None  # None: the real today (tests fix the day)
        self._requests: list[UpdateRequestInfo] = []
        layout = self.page_layout()
        header, _t, self.subtitle = self.header(self.title(), _("Loading…"))
        self.late_only = QCheckBox(_("Overdue only"))
        self.reminder = QPushButton(_("Send a reminder"))
        self.reminder.setObjectName("Primary")
        self.reminder.setToolTip(_("A fresh request to the same body for what is still open, in the same form"))
        ctx.access.guard(self.reminder)
        header.addWidget(self.late_only)
        header.addWidget(self.reminder)
        layout.addLayout(header)

        self.requests = RequestTableModel(self)
        self.request_table = RecordTable(self.requests)
        self.request_table.setAccessibleName(_("Update requests"))
        self.empty = muted_label(
            _("No update request yet. Ask a responsible body for updates from the Follow-up menu or the command line.")
        )
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(section_label(_("Update requests")))
        top_layout.addWidget(self.request_table, 1)
        top_layout.addWidget(self.empty)

        self.bodies = BodyTableModel(self)
        self.body_table = RecordTable(self.bodies)
        self.body_table.setAccessibleName(_("Still open per body"))
        self.items = OpenItemModel(self)
        self.item_table = RecordTable(self.items)
        self.item_table.setAccessibleName(_("Still open for the selected body"))
        self.items_title = section_label(_("Still open for the selected body"))
        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(section_label(_("Still open per body")))
        left.addWidget(self.body_table, 1)
        right.addWidget(self.items_title)
        right.addWidget(self.item_table, 1)
        row.addLayout(left, 6)
        row.addLayout(right, 5)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.late_only.toggled.connect(lambda _on: self._fill_requests())
        self.reminder.clicked.connect(self.send_reminder)
        self.request_table.current_changed.connect(lambda _r: self._update_buttons())
        self.body_table.current_changed.connect(self._body_chosen)
        ctx.events.store_reloaded.connect(self.mark_stale)
        ctx.events.actors_changed.connect(self.mark_stale)
        ctx.events.actions_changed.connect(self.mark_stale)
        self._update_buttons()

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    # --- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        generation, day = self.next_generation(), self.day()

        def work(session: Session, _control: TaskControl) -> tuple[list[UpdateRequestInfo], list[BodyFollowUp]]:
            return list_requests(session, today=day), open_by_body(session, today=day)

        def done(result: tuple[list[UpdateRequestInfo], list[BodyFollowUp]]) -> None:
            if self.is_current(generation):
                self._show(*result)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _show(self, requests: list[UpdateRequestInfo], bodies: list[BodyFollowUp]) -> None:
        self._requests = requests
        self._fill_requests()
        chosen = self.body_table.current_id()
        self.bodies.set_rows(bodies)
        if chosen is None or not self.body_table.select_id(chosen):
            if bodies:
                self.body_table.select_row(0)
            else:
                self._body_chosen(None)
        late = sum(1 for r in requests if r.late)
        self.subtitle.setText(
            ngettext("{n} request", "{n} requests", len(requests)).format(n=number(len(requests)))
            + " · "
            + ngettext("{n} overdue", "{n} overdue", late).format(n=number(late))
            + " · "
            + _("as of {date}").format(date=long_date(self.day()))
        )

    def _fill_requests(self) -> None:
        chosen = self.request_table.current_id()
        shown = [r for r in self._requests if r.late] if self.late_only.isChecked() else self._requests
        self.requests.set_rows(shown)
        if chosen is not None:
            self.request_table.select_id(chosen)
        self.request_table.setVisible(bool(self._requests))
        self.empty.setVisible(not self._requests)
        self._update_buttons()

    def _body_chosen(self, record: object) -> None:
        if isinstance(record, BodyFollowUp):
            self.items.set_rows(record.open_items)
            self.items_title.setText(_("Still open for {body}").format(body=record.actor))
        else:
            self.items.set_rows([])
            self.items_title.setText(_("Still open for the selected body"))

    def _update_buttons(self) -> None:
        request = self.current_request()
        self.reminder.setEnabled(self.ctx.access.allowed and request is not None and request.open_items > 0)

    def current_request(self) -> UpdateRequestInfo | None:
        record = self.request_table.current_record()
        return record if isinstance(record, UpdateRequestInfo) else None

    # --- acting -------------------------------------------------------------------------------------------
    def reminder_path(self, request: UpdateRequestInfo) -> Path | None:
        """Where to write the reminder's file (asked); None when cancelled. A request typed on the server has none."""
        if request.form == RequestForm.DIRECT:
            return Path()
        workbook = request.form == RequestForm.WORKBOOK
        suffix = ".xlsx" if workbook else REQUEST_SUFFIX
        folder = self.ctx.settings.value("follow_up/folder") or str(Path.home())
        name = re.sub(r"[^\w\- ]+", "-", _("Reminder {body} {date}").format(body=request.recipient, date=self.day()))
        kinds = _("Excel workbook (*.xlsx)") if workbook else _("Update request (*{suffix})").format(suffix=suffix)
        path, _f = QFileDialog.getSaveFileName(
            self, _("Save the reminder as"), str(Path(folder) / (name + suffix)), kinds
        )
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        self.ctx.settings.set_value("follow_up/folder", str(Path(path).parent))
        return Path(path)

    def send_reminder(self) -> None:
        """A fresh request for what is still open, and its file written, in one step (one transaction: a file
        that cannot be written leaves no reminder behind)."""
        request = self.current_request()
        if request is None or not self.reminder.isEnabled():
            return
        target = self.reminder_path(request)
        if target is None:
            return
        out = target if target != Path() else None
        today, signer = self.day(), self.ctx.store.user or ""
        due = reminder_due(request, today)
        self.reminder.setEnabled(False)

        def work(session: Session, _control: TaskControl) -> int:
            reminder = create_reminder(session, request.uuid, due_on=due, today=today)
            if out is not None:
                key_file = None
                if RequestForm(reminder.form) == RequestForm.PACKAGE:
                    signing_key.ensure_key(signer)
                    key_file = signing_key.key_path()
                write_request(session, reminder, out, key_file=key_file)
            return len(reminder.items)

        def done(items: int) -> None:
            message = ngettext(
                "Reminder recorded for {body}: {n} item still open, due on {date}.",
                "Reminder recorded for {body}: {n} items still open, due on {date}.",
                items,
            ).format(body=request.recipient, n=number(items), date=long_date(due))
            if out is not None:
                message += " " + _("Written: {path}").format(path=out)
            self.window().statusBar().showMessage(message, 10000)  # type: ignore[attr-defined]
            self.ctx.events.store_reloaded.emit()  # this page and the dashboard's attention list reload

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            self.subtitle.setText(error_text(exc))

        self.ctx.tasks.run(
            work, store=self.ctx.store, on_success=done, on_failure=failed, title=_("Sending a reminder…")
        )

    # --- navigation ------------------------------------------------------------------------------------------
    def show_record(self, **target: object) -> None:
        filters = target.get("filters")
        if isinstance(filters, dict):
            self.late_only.setChecked(bool(filters.get("late")))
