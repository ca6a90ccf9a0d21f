"""Table views set up the same way everywhere: column widths from the model, status badges, one proxy.

What a table's detail pane shows follows :attr:`RecordTable.current_changed`, which carries the record
of the selection model's new current row. A pane never reads the selection back while a click is still
being handled: Qt moves the current index *before* it updates the selection, so the selection seen from
``currentRowChanged`` is still the row clicked before.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.models.base import RECORD_ROLE, PassThroughProxyModel, RecordProxyModel, RecordTableModel
from crc_reporter.ui.widgets.badges import BADGE_PADDING, BADGE_ROOM
from crc_reporter.ui.widgets.delegates import StatusDelegate

#: a badge picture's room beyond its text: the pill's own padding, the cell's padding and Qt's margins
_BADGE_MARGINS = BADGE_PADDING + 12


class RecordTable(QTableView):
    """A read-only table over a :class:`RecordTableModel` through its :class:`RecordProxyModel`."""

    current_changed = Signal(object)  # the record of the new current row, None when no row is current

    def __init__(
        self,
        model: RecordTableModel,
        parent: QWidget | None = None,
        *,
        sortable: bool = True,
        proxy: RecordProxyModel | PassThroughProxyModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy: RecordProxyModel | PassThroughProxyModel = proxy or RecordProxyModel(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control; the arrows move inside it
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(30)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(36)
        header.setStretchLastSection(False)
        status_columns = []
        badges = bool(getattr(model, "paints_badges", False))  # the model hands its badges over as pictures
        if badges:
            self.setIconSize(QSize(*BADGE_ROOM))
        self._stretched: list[tuple[int, int]] = []  # (column, the least width its text may have)
        cell_metrics = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        head_metrics = QFontMetrics(bold)
        for column, spec in enumerate(model.columns):
            if spec.stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                self._stretched.append((column, max(spec.width, 160)))
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                if not title and spec.width:  # an icon column keeps its size
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                # wide enough for the header (with the sort arrow) and for a typical value
                width = max(
                    spec.width,
                    head_metrics.horizontalAdvance(title) + 26 if title else 0,
                    cell_metrics.horizontalAdvance(_(spec.sample)) + (_BADGE_MARGINS if badges and spec.status else 22)
                    if spec.sample
                    else 0,
                )
                if width:
                    header.resizeSection(column, width)
            if spec.status is not None and not badges:
                status_columns.append(column)
        if status_columns:
            delegate = StatusDelegate(self)
            for column in status_columns:
                self.setItemDelegateForColumn(column, delegate)
        if sortable:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _current_row_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.current_changed.emit(current.data(RECORD_ROLE) if current.isValid() else None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keep_text_readable()

    def keep_text_readable(self) -> None:
        """A stretched column (a recommendation's text) never shrinks to "…": below its least width it
        stops stretching and the table scrolls sideways instead (a narrow window, a laptop at 125 %)."""
        header = self.horizontalHeader()
        for column, least in self._stretched:
            if header.isSectionHidden(column):
                continue
            others = sum(
                header.sectionSize(c) for c in range(header.count()) if c != column and not header.isSectionHidden(c)
            )
            room = self.viewport().width() - others
            stretching = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
            if room < least and stretching:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, least)
            elif room >= least and not stretching:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # --- the selected record, through the proxy ---------------------------------------------
    def current_record(self) -> object | None:
        """The record of the current row: the one a click or the arrow keys moved to.

        The current index, not the selection, is what a click sets first; reading the selection here
        gave the row clicked before while the click was being handled.
        """
        index = self.currentIndex()
        if not index.isValid():
            rows = self.selectionModel().selectedRows()
            index = rows[0] if rows else QModelIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def selected_records(self) -> list[object]:
        """The selected records in the order shown (several with Shift/Ctrl-click or Ctrl+A)."""
        rows = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(RECORD_ROLE) for i in rows]

    def current_id(self) -> object | None:
        record = self.current_record()
        return self.source.record_id(record) if record is not None else None

    def select_id(self, record_id: object, *, scroll: bool = True) -> bool:
        row = self.source.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        if scroll:
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def select_row(self, row: int) -> None:
        """Make a visible row current and selected (``selectRow`` alone may leave no current index)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.selectionModel().setCurrentIndex(index, flags)
            self.scrollTo(index)
