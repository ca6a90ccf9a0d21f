"""An indicator's values as a grid: one row per year, one column per series (total and breakdowns).

Editing a cell does not change the model: it asks (``value_edited``) for an
undoable edit, and the page reloads the indicator once the store has it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.i18n import N_, _
from crc_reporter.ui.formatting import integer, number

Series = tuple[str | None, str | None, str | None]  # (sex, age group, province)
TOTAL: Series = (None, None, None)

_SEX = {"female": N_("Girls"), "male": N_("Boys")}


def series_label(series: Series) -> str:
    if series == TOTAL:
        return _("Total")
    sex, age, province = series
    parts = [_(_SEX[sex]) if sex in _SEX else sex or "", age or "", province or ""]
    return ", ".join(p for p in parts if p)


def parse_number(text: str) -> float | None:
    """A value typed by a person ("1 234", "1,234.5", "12,5"); None for an empty cell. Raises ValueError."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned and cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    return float(cleaned.replace(",", ""))


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

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() > 0 else flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _("Year") if section == 0 else series_label(self._series[section - 1])
