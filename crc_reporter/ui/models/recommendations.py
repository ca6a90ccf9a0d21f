"""The recommendations table: one row per paragraph, filtered in memory as the user types."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication

from crc_reporter.domain.clusters import cluster_position
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import N_, _, current_language
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import short_cluster, short_status
from crc_reporter.ui.icons import icon
from crc_reporter.ui.models.base import CENTER, RIGHT, Column, RecordTableModel
from crc_reporter.ui.style import DANGER, Theme, theme
from crc_reporter.ui.widgets.badges import status_badge, urgent_badge

ACTION_MIME = "application/x-crc-reporter-actions"

_TOOLTIP, _ACCESSIBLE = int(Qt.ItemDataRole.ToolTipRole.value), int(Qt.ItemDataRole.AccessibleTextRole.value)
_FONT, _FOREGROUND = int(Qt.ItemDataRole.FontRole.value), int(Qt.ItemDataRole.ForegroundRole.value)
_DISPLAY, _DECORATION = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.DecorationRole.value)
#: roles ``data()`` never answers for this table (decorations, the badges, come from ``_painted``)
_NEVER = frozenset(
    int(r.value)
    for r in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.BackgroundRole)
)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemNeverHasChildren
    | Qt.ItemFlag.ItemIsDropEnabled
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

_STATUS_RANK = {
    "not_assessed": 0,
    "not_implemented": 1,
    "in_progress": 2,
    "partially_implemented": 3,
    "implemented": 4,
    "superseded": 5,
}


def _status_key(status: str | None) -> int:
    return _STATUS_RANK.get(status or "not_assessed", 0)


def short_symbol(symbol: str) -> str:
    """ "XMP/CO/5-6" for "CRC/C/XMP/CO/5-6": every symbol in the table starts alike (the tooltip has it all)."""
    return symbol.removeprefix("CRC/C/")


def _status(row: RecommendationRow, status: str | None) -> str | None:
    """No badge for introductory paragraphs that nobody assessed: there is nothing to implement."""
    if status is None and row.kind == "other":
        return None
    return status or "not_assessed"


def _status_text(row: RecommendationRow, status: str | None, full: bool = False) -> str:
    shown = _status(row, status)
    if shown is None:
        return ""
    return label(shown) if full else short_status(shown)


def shown_text(row: RecommendationRow) -> str:
    """The paragraph in the interface's language when a translation into it was typed, else as adopted."""
    if row.translation and row.translation_lang == current_language():
        return row.translation
    return row.text


def _cluster(row: RecommendationRow) -> str:
    if not row.cluster:
        return ""
    if not row.cluster_confirmed:  # another mechanism's recommendation, placed by the proposer only
        return _("{cluster}: proposed, not yet confirmed").format(cluster=label(row.cluster))
    return label(row.cluster)


def _short_cluster(row: RecommendationRow) -> str:
    if not row.cluster:
        return ""
    return short_cluster(row.cluster) + ("?" if not row.cluster_confirmed else "")


def _number_key(row: RecommendationRow) -> tuple[tuple[int, ...], str]:
    """Paragraphs by number across documents (12 before 110.45, 110.45 before 110.46), then by document."""
    parts = (row.label or "").split(".")
    number = tuple(int(p) for p in parts) if row.label and all(p.isdigit() for p in parts) else (row.number,)
    return number, row.document


class RecommendationTableModel(RecordTableModel[RecommendationRow]):
    COL_DOCUMENT, COL_NUMBER, COL_CLUSTER, COL_TEXT, COL_URGENT = 0, 1, 2, 3, 4
    COL_RESPONSIBLE, COL_GOVERNMENT, COL_CIVIL_SOCIETY, COL_ACTIONS = 5, 6, 7, 8

    columns: Sequence[Column[RecommendationRow]] = (
        Column(
            N_("Document"),
            lambda r: short_symbol(r.document),
            sort_key=lambda r: (r.document, r.number),
            tooltip=lambda r: r.document,
            width=100,
            sample="XMP/CO/5-6",
        ),
        Column(
            N_("Para."),
            lambda r: r.label or r.number,  # a UPR recommendation as printed: 110.45
            sort_key=_number_key,
            align=RIGHT,
            width=50,
        ),
        Column(
            N_("Cluster"),
            _short_cluster,
            sort_key=lambda r: (cluster_position(r.cluster), r.document, r.number),
            tooltip=_cluster,
            width=150,
            sample=N_("Special protection"),
        ),
        Column(N_("Recommendation"), lambda r: shown_text(r), tooltip=lambda r: r.text, stretch=True, width=320),
        Column(
            N_("Urgent"), lambda r: "", sort_key=lambda r: (not r.urgent, r.document, r.number), align=CENTER, width=36
        ),
        Column(
            N_("Responsible"),
            lambda r: ", ".join(r.responsible_short),
            tooltip=lambda r: "\n".join(r.responsible),
            width=104,
        ),
        Column(
            N_("Government"),
            lambda r: _status_text(r, r.government_status),
            sort_key=lambda r: _status_key(r.government_status),
            status=lambda r: _status(r, r.government_status),
            tooltip=lambda r: _status_text(r, r.government_status, full=True),
            width=110,
            sample=N_("Not implemented"),
        ),
        Column(
            N_("Civil society"),
            lambda r: _status_text(r, r.civil_society_status),
            sort_key=lambda r: _status_key(r.civil_society_status),
            status=lambda r: _status(r, r.civil_society_status),
            tooltip=lambda r: _status_text(r, r.civil_society_status, full=True),
            width=110,
            sample=N_("Not implemented"),
        ),
        Column(N_("Actions"), lambda r: r.action_count or "", sort_key=lambda r: r.action_count, align=RIGHT, width=60),
    )

    _BADGE_COLUMNS = frozenset((COL_GOVERNMENT, COL_CIVIL_SOCIETY))
    #: the model paints its own status badges (as pictures): the table needs no status delegate
    paints_badges = True

    #: action ids dropped on a row: (action ids, recommendation id)
    actions_dropped = Signal(list, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)
        self._cells_theme: Theme | None = None  # the colour scheme the cached cells were answered in

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:  # noqa: N803
        """Every role Qt paints a cell with, in one call (Qt 6), from what the cell answered before.

        A repaint asks each cell for seven roles; asked one by one (``data()``), that was seven calls
        from Qt into Python per cell, most of a repaint's time. The answers are kept until the rows
        change (:attr:`_cells`), so a repaint of rows already shown (a keystroke that leaves the first
        rows in place, the selection moving) computes nothing again.
        """
        if not index.isValid():
            return
        if self._cells_theme is not theme():  # the system switched between light and dark
            self._cells, self._cells_theme = {}, theme()
        key = (index.row(), index.column())
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = {}
        for item in roleDataSpan:
            role = item.role()
            if role in cell:
                value = cell[role]
            else:
                value = cell[role] = self._painted(index, role)
            if value is None:
                item.clearData()  # Qt hands the same span over for every cell: nothing from the last one stays
            else:
                item.setData(value)

    def _painted(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        """What a cell is painted with: its data, except that badges are pictures Qt draws by itself.

        A status is painted as a pill carrying its text (the cell's text is then not painted beside
        it), the urgent flag as a red disc: no Python delegate runs per cell (see ``widgets.badges``).
        ``data()`` still answers the text, for copying, sorting and screen readers.
        """
        column = index.column()
        if role == _DECORATION or (role == _DISPLAY and column in self._BADGE_COLUMNS):
            record = self._rows[index.row()]
            if column == self.COL_URGENT:
                return urgent_badge(QGuiApplication.font()) if record.urgent else None
            if column in self._BADGE_COLUMNS:
                if role == _DISPLAY:
                    return ""
                status = self.columns[column].status(record)  # type: ignore[misc]
                text = self.columns[column].display(record)
                return status_badge(status, text, QGuiApplication.font()) if status else None
            return None
        return self.data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.COL_URGENT:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("urgent", DANGER)
            if role == Qt.ItemDataRole.DisplayRole:
                return ""
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return _("Urgent")
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _NEVER:
            return None
        if role == _TOOLTIP and index.isValid() and index.column() == self.COL_URGENT:
            return _("The Committee asks for urgent measures") if self._rows[index.row()].urgent else None
        return super().data(index, role)

    def extra_data(self, record: RecommendationRow, column: int, role: int) -> Any:
        # plain ints: this runs for every role of every cell painted (see RecordTableModel.data)
        if role == _ACCESSIBLE and column == self.COL_URGENT:
            return _("Urgent") if record.urgent else ""
        if role == _FONT and column == self.COL_NUMBER:
            return self._bold
        if role == _FOREGROUND and column == self.COL_DOCUMENT:
            return QColor(theme().muted)  # quieter than the text, legible on either scheme
        return None

    # --- drag and drop: actions dropped on a paragraph are linked to it ----------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS  # asked for every cell painted: computed once

    def mimeTypes(self) -> list[str]:
        return [ACTION_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        return data.hasFormat(ACTION_MIME) and (parent.isValid() or 0 <= row < self.rowCount())

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not data.hasFormat(ACTION_MIME):
            return False
        target = parent.row() if parent.isValid() else row
        if not 0 <= target < self.rowCount():
            return False
        ids = decode_action_ids(data)
        if ids:
            self.actions_dropped.emit(ids, self.record(target).id)
        return bool(ids)


def encode_action_ids(ids: Sequence[int]) -> QMimeData:
    data = QMimeData()
    data.setData(ACTION_MIME, json.dumps(list(ids)).encode("ascii"))
    return data


def decode_action_ids(data: QMimeData) -> list[int]:
    try:
        raw = json.loads(bytes(data.data(ACTION_MIME).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [int(i) for i in raw if isinstance(i, int)]
