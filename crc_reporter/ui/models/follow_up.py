"""The Follow-up page's lists: update requests, what is still open per body, and that body's open items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crc_reporter.domain.follow_up import (
    BodyFollowUp,
    RequestForm,
    RequestItemInfo,
    RequestState,
    UpdateKind,
    UpdateRequestInfo,
)
from crc_reporter.i18n import N_, _
from crc_reporter.ui.formatting import short_date
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel
from crc_reporter.ui.style import DANGER

STATE_LABELS: dict[RequestState, str] = {
    RequestState.SENT: N_("Sent"),
    RequestState.ANSWERED: N_("Answered"),
    RequestState.PARTLY_ANSWERED: N_("Partly answered"),
    RequestState.OVERDUE: N_("Overdue"),
}
#: the colour of each state's badge, by the implementation status whose colour it borrows
STATE_COLOURS: dict[RequestState, str] = {
    RequestState.SENT: "not_assessed",
    RequestState.ANSWERED: "implemented",
    RequestState.PARTLY_ANSWERED: "partially_implemented",
    RequestState.OVERDUE: "not_implemented",
}
FORM_LABELS: dict[RequestForm, str] = {
    RequestForm.PACKAGE: N_("Package"),
    RequestForm.WORKBOOK: N_("Workbook"),
    RequestForm.DIRECT: N_("On the server"),
}
KIND_LABELS: dict[UpdateKind, str] = {
    UpdateKind.NEW_ACTION: N_("New action"),
    UpdateKind.ACTION_STATUS: N_("Status of an action"),
    UpdateKind.EVIDENCE: N_("Evidence"),
    UpdateKind.INDICATOR_VALUE: N_("Indicator value"),
    UpdateKind.ASSESSMENT: N_("Assessment"),
}


def state_text(request: UpdateRequestInfo) -> str:
    text = _(STATE_LABELS[request.state])
    if request.late and request.state == RequestState.PARTLY_ANSWERED:
        text = _("{state}, overdue").format(state=text)
    return text


def _open_text(request: UpdateRequestInfo) -> str:
    return _("{open} of {items}").format(open=request.open_items, items=request.items)


class RequestTableModel(RecordTableModel[UpdateRequestInfo]):
    COL_RECIPIENT, COL_DOCUMENT, COL_FORM, COL_SENT, COL_DUE, COL_STATE, COL_OPEN, COL_WAITING = range(8)
    columns: Sequence[Column[UpdateRequestInfo]] = (
        Column(N_("Recipient"), lambda r: r.recipient, tooltip=lambda r: r.recipient, stretch=True, width=200),
        Column(N_("Document"), lambda r: r.document or _("All documents"), width=130),
        Column(N_("Form"), lambda r: _(FORM_LABELS[r.form]), width=90),
        Column(N_("Sent"), lambda r: short_date(r.sent_on), sort_key=lambda r: r.sent_on, sample="2028-12-31"),
        Column(N_("Due"), lambda r: short_date(r.due_on), sort_key=lambda r: r.due_on, sample="2028-12-31"),
        Column(
            N_("State"),
            state_text,
            sort_key=lambda r: list(RequestState).index(r.state),
            status=lambda r: STATE_COLOURS[r.state],
            width=130,
        ),
        Column(N_("Still open"), _open_text, sort_key=lambda r: r.open_items, align=RIGHT, width=90),
        Column(N_("To approve"), lambda r: r.proposed or "", sort_key=lambda r: r.proposed, align=RIGHT, width=84),
    )

    def extra_data(self, record: UpdateRequestInfo, column: int, role: int) -> Any:
        if column == self.COL_DUE and record.late:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(DANGER)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Past its due date and not fully answered")
        if column == self.COL_RECIPIENT and role == Qt.ItemDataRole.ToolTipRole and record.reminder_of:
            return _("{name} (a reminder)").format(name=record.recipient)
        return None


class BodyTableModel(RecordTableModel[BodyFollowUp]):
    COL_BODY, COL_REQUESTS, COL_LATE, COL_OPEN, COL_WAITING = range(5)
    columns: Sequence[Column[BodyFollowUp]] = (
        Column(N_("Body"), lambda b: b.actor, tooltip=lambda b: b.actor, stretch=True, width=180),
        Column(N_("Requests"), lambda b: b.requests, align=RIGHT, width=80),
        Column(N_("Late"), lambda b: b.late_requests or "", sort_key=lambda b: b.late_requests, align=RIGHT, width=60),
        Column(N_("Still open"), lambda b: len(b.open_items), align=RIGHT, width=90),
        Column(N_("To approve"), lambda b: b.proposed or "", sort_key=lambda b: b.proposed, align=RIGHT, width=84),
    )

    @staticmethod
    def record_id(record: BodyFollowUp) -> Any:
        return record.actor_uuid

    def extra_data(self, record: BodyFollowUp, column: int, role: int) -> Any:
        if column == self.COL_LATE and record.late_requests and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DANGER)
        return None


def _item_text(item: RequestItemInfo) -> str:
    return f"{item.label} ({item.year})" if item.year else item.label


class OpenItemModel(RecordTableModel[RequestItemInfo]):
    columns: Sequence[Column[RequestItemInfo]] = (
        Column(N_("Asked for"), lambda i: _(KIND_LABELS[i.kind]), width=140),
        Column(N_("About"), _item_text, tooltip=_item_text, stretch=True, width=200),
    )

    @staticmethod
    def record_id(record: RequestItemInfo) -> Any:
        return record.uuid
