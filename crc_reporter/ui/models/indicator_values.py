"""An indicator's values as a grid: one row per year, one column per series (total and breakdowns).

Editing a cell does not change the model: it asks (``value_edited``) for an
undoable edit, and the page reloads the indicator once the store has it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.i18n import N_, _
from crc_reporter.ui.formatting import integer, number, parse_number


def dt_year() -> int:
    return dt.date.today().year - 1


Series = tuple[str | None, str | None, str | None]  # (sex, age group, province)
TOTAL: Series = (None, None, None)

_SEX = {"female": N_("Girls"), "male": N_("Boys")}


def series_label(series: Series) -> str:
    if series == TOTAL:
        return _("Total")
    sex, age, province = series
    parts = [_(_SEX[sex]) if sex in _SEX else sex or "", age or "", province or ""]
    return ", ".join(p for p in parts if p)


class IndicatorValuesModel(QAbstractTableModel):
    value_edited = Signal(int, object, object)  # year, series, value (None clears)
    invalid_value = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._series: list[Series] = [TOTAL]
        self._values: dict[tuple[int, Series], float] = {}

    def set_indicator(self, info: IndicatorInfo | None, extra_years: list[int] | None = None) -> None:
        self.beginResetModel()
        self._values = {}
        series = {TOTAL}
        for v in info.values if info else ():
            key: Series = (v.sex, v.age_group, v.province)
            series.add(key)
            self._values[(v.year, key)] = v.value
        self._series = sorted(series, key=lambda s: (s != TOTAL, tuple(x or "" for x in s)))
        self._years = sorted({y for y, _s in self._values} | set(extra_years or []))
        self.endResetModel()

    def add_year(self, year: int) -> int:
        """Show an empty row for ``year`` (stored once a value is typed); returns its row."""
        if year not in self._years:
            row = sum(1 for y in self._years if y < year)
            self.beginInsertRows(QModelIndex(), row, row)
            self._years.insert(row, year)
            self.endInsertRows()
        return self._years.index(year)

    def years(self) -> list[int]:
        return list(self._years)

    def series(self) -> list[Series]:
        return list(self._series)

    def value(self, year: int, series: Series = TOTAL) -> float | None:
        return self._values.get((year, series))

    def points(self, series: Series) -> list[tuple[int, float]]:
        return [(y, self._values[(y, series)]) for y in self._years if (y, series) in self._values]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._years)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._series)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        year = self._years[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return integer(year)
            if role == Qt.ItemDataRole.EditRole:
                return str(year)
            return None
        value = self._values.get((year, self._series[index.column() - 1]))
        if role == Qt.ItemDataRole.DisplayRole:
            return number(value, 2) if value is not None else ""
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or index.column() == 0 or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            parsed = parse_number(str(value))
        except ValueError:
            self.invalid_value.emit(_("“{value}” is not a number").format(value=value))
            return False
        year, series = self._years[index.row()], self._series[index.column() - 1]
        if parsed != self._values.get((year, series)):
            self.value_edited.emit(year, series, parsed)
        return True

    def cells_for_paste(self, row: int, column: int, block: list[list[str]]) -> list[tuple[int, Series, float | None]]:
        """The values a block pasted at (``row``, ``column``) writes, as ``(year, series, value)``.

        Pasted on the Year column, the block's first column gives the years; elsewhere the rows below the
        last year continue with the following years. Raises ValueError with a one-line message when a
        value cannot be read or the block is wider than the grid.
        """
        cells: list[tuple[int, Series, float | None]] = []
        with_years = column == 0
        first_series = 0 if with_years else column - 1
        last_year = self._years[row - 1] if 0 < row <= len(self._years) else None
        for offset, texts in enumerate(block):
            values = texts[1:] if with_years else texts
            if with_years:
                try:
                    year = int(texts[0].strip().translate({0x17E0 + i: 48 + i for i in range(10)}))
                except ValueError:
                    raise ValueError(_("“{value}” is not a year").format(value=texts[0].strip())) from None
            elif row + offset < len(self._years):
                year = self._years[row + offset]
            else:
                year = (last_year if last_year is not None else dt_year()) + 1
            last_year = year
            if first_series + len(values) > len(self._series):
                raise ValueError(_("The pasted values are wider than the grid."))
            for step, text in enumerate(values):
                try:
                    value = parse_number(text)
                except ValueError:
                    raise ValueError(_("“{value}” is not a number").format(value=text.strip())) from None
                cells.append((year, self._series[first_series + step], value))
        return cells

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() > 0 else flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _("Year") if section == 0 else series_label(self._series[section - 1])
