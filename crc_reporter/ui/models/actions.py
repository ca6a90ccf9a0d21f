"""The actions table; rows can be dragged onto recommendations to link them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from crc_reporter.domain.records import ActionInfo
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import short_date
from crc_reporter.ui.icons import icon
from crc_reporter.ui.models.base import CENTER, ID_ROLE, RIGHT, Column, RecordTableModel
from crc_reporter.ui.models.recommendations import ACTION_MIME, encode_action_ids
from crc_reporter.ui.style import DANGER, theme


def is_overdue(action: ActionInfo, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return bool(action.end_date and action.end_date < today and action.status in ("planned", "ongoing"))


class ActionTableModel(RecordTableModel[ActionInfo]):
    COL_TITLE, COL_ACTOR, COL_TYPE, COL_STATUS, COL_START, COL_END, COL_LINKS, COL_CONFIDENTIAL = range(8)

    columns: Sequence[Column[ActionInfo]] = (
        Column(N_("Action"), lambda a: a.title, tooltip=lambda a: a.title, stretch=True, width=300),
        Column(N_("Actor"), lambda a: a.actor or "", tooltip=lambda a: a.actor or "", width=120),
        Column(N_("Type"), lambda a: label(a.type), width=100),
        Column(N_("Status"), lambda a: label(a.status), status=lambda a: a.status, width=104),
        Column(N_("Start"), lambda a: short_date(a.start_date), sort_key=lambda a: a.start_date, sample="2028-12-31"),
        Column(N_("Target date"), lambda a: short_date(a.end_date), sort_key=lambda a: a.end_date, sample="2028-12-31"),
        Column(N_("Links"), lambda a: len(a.links) or "", sort_key=lambda a: len(a.links), align=RIGHT, width=52),
        Column(N_("Confidential"), lambda a: "", sort_key=lambda a: a.confidential, align=CENTER, width=34),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.short_names: dict[str, str] = {}  # actor name -> short name, when the page knows them

    def set_short_names(self, names: dict[str, str]) -> None:
        self.short_names = names
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.COL_ACTOR), self.index(self.rowCount() - 1, self.COL_ACTOR))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == self.COL_ACTOR:
            actor = self.record(index.row()).actor or ""
            return self.short_names.get(actor, actor)
        return super().data(index, role)

    def extra_data(self, record: ActionInfo, column: int, role: int) -> Any:
        if column == self.COL_END and is_overdue(record, self.today):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(DANGER)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Past its target date and not completed")
        if column == self.COL_CONFIDENTIAL and record.confidential:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("lock", theme().warning)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Confidential: left out of shared reports")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.COL_CONFIDENTIAL:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("lock", theme().muted)
            if role == Qt.ItemDataRole.DisplayRole:
                return ""
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return _("Confidential")
        return super().headerData(section, orientation, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [ACTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({int(i.data(ID_ROLE)) for i in indexes if i.isValid()})
        return encode_action_ids(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction
