"""The table of what importing an edited tracker or an IMPACT OSS actions file does, row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crc_reporter.i18n import N_, _
from crc_reporter.services.interchange.impact import ImpactActionsReport
from crc_reporter.services.interchange.tracker_apply import TrackerReport
from crc_reporter.ui.commands.versioned import value_text
from crc_reporter.ui.formatting import integer
from crc_reporter.ui.models.base import Column, RecordTableModel
from crc_reporter.ui.style import DANGER

CHANGE, CONFLICT, PROBLEM, UNKNOWN = "change", "conflict", "problem", "unknown"
WHAT: dict[str, str] = {
    CHANGE: N_("Change"),
    CONFLICT: N_("Not applied: changed here too"),
    PROBLEM: N_("Problem"),
    UNKNOWN: N_("Unknown row"),
}
_COLOURS = {CHANGE: "#1f55ad", CONFLICT: "#8a6d00", PROBLEM: DANGER, UNKNOWN: DANGER}


@dataclass(frozen=True)
class InterchangeRow:
    id: int
    what: str  # a WHAT key
    where: str  # "Actions, row 12"
    record: str
    field: str
    detail: str


def _value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "—"
    return " ".join(value_text(value).split())


def _where(sheet: str, row: int) -> str:
    return _("{sheet}, row {row}").format(sheet=sheet, row=integer(row))


def tracker_rows(report: TrackerReport) -> list[InterchangeRow]:
    rows: list[InterchangeRow] = []

    def add(what: str, where: str, record: str, field: str, detail: str) -> None:
        rows.append(InterchangeRow(len(rows), what, where, record, field, detail))

    for c in report.changes:
        detail = _value(c.new) if c.key == "new" else f"{_value(c.old)} → {_value(c.new)}"  # "new": an added row
        add(CHANGE, _where(c.sheet, c.row), c.label, c.field, detail)
    for k in report.conflicts:
        add(
            CONFLICT,
            _where(k.sheet, k.row),
            k.label,
            k.field,
            _("here now: {store}; in the sheet: {sheet} (exported: {exported})").format(
                store=_value(k.in_store), sheet=_value(k.in_sheet), exported=_value(k.exported)
            ),
        )
    for p in report.problems:
        add(PROBLEM, _where(p.sheet, p.row), "", p.column or "", p.message)
    for sheet, row, uuid in report.unknown_rows:
        add(UNKNOWN, _where(sheet, row), "", "", _("no record with UUID {uuid} in this store").format(uuid=uuid))
    return rows


def impact_rows(report: ImpactActionsReport) -> list[InterchangeRow]:
    return [InterchangeRow(n, PROBLEM, "", "", "", problem) for n, problem in enumerate(report.problems)]


class InterchangeModel(RecordTableModel[InterchangeRow]):
    COL_WHAT = 0
    columns: Sequence[Column[InterchangeRow]] = (
        Column(N_("What"), lambda r: _(WHAT[r.what]), sample="Not applied: changed here too"),
        Column(N_("Where"), lambda r: r.where, sample="Recommendations, row 000"),
        Column(N_("Which record"), lambda r: r.record, tooltip=lambda r: r.record, width=200),
        Column(N_("Column"), lambda r: r.field, sample="Government status"),
        Column(N_("Detail"), lambda r: r.detail, tooltip=lambda r: r.detail, stretch=True, width=260),
    )

    def extra_data(self, record: InterchangeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_WHAT:
            return QColor(_COLOURS[record.what])
        return None
