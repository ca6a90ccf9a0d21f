"""The Follow-up page's lists: update requests, what is still open per body, and that body's open items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crc_reporter.domain.follow_up import BodyFollowUp, RequestItemInfo, RequestState, UpdateRequestInfo
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import short_date
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel
from crc_reporter.ui.style import DANGER

#: the colour of each state's badge, by the implementation status whose colour it borrows
STATE_COLOURS: dict[RequestState, str] = {
    RequestState.SENT: "not_assessed",
    RequestState.ANSWERED: "implemented",
    RequestState.PARTLY_ANSWERED: "partially_implemented",
    RequestState.OVERDUE: "not_implemented",
}


def state_text(request: UpdateRequestInfo) -> str:
    text = label(request.state.value)
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
        Column(N_("Form"), lambda r: label(r.form.value), width=90),
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
        Column(N_("Body"), lambda b: b.actor, tooltip=lambda b: b.actor, stretch=True, width=150),
        Column(N_("Requests"), lambda b: b.requests, align=RIGHT, width=70),
        Column(N_("Late"), lambda b: b.late_requests or "", sort_key=lambda b: b.late_requests, align=RIGHT, width=50),
        Column(N_("Still open"), lambda b: len(b.open_items), align=RIGHT, width=76),
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
        Column(N_("Asked for"), lambda i: label(i.kind.value), width=140),
        Column(N_("About"), _item_text, tooltip=_item_text, stretch=True, width=200),
    )

    @staticmethod
    def record_id(record: RequestItemInfo) -> Any:
        return record.uuid
