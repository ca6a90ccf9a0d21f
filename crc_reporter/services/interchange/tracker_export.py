"""The tracker as an Excel workbook (.xlsx): one sheet per kind of record, ready to filter, edit and send back.

Each sheet has a frozen header row, filters on every column, drop-down lists
for closed vocabularies and status colours (conditional formatting, so a
status changed in Excel is coloured too). Headers of the columns a re-import
applies are dark; the others are grey. Every text cell goes through
:func:`~crc_reporter.safe_io.neutralise_cell` (formula injection).

A very hidden sheet keeps what the re-import needs: the format marker, the
column keys behind the (translated) headers, and each row's editable values as
exported, so that a re-import can tell the person's edits from changes made in
the app meanwhile (those are reported, not overwritten).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from sqlalchemy.orm import Session

from crc_reporter.i18n import _, current_language
from crc_reporter.safe_io import atomic_write, neutralise_cell
from crc_reporter.services.errors import ServiceError, ValidationError
from crc_reporter.services.interchange.columns import (
    META_SHEET,
    SHEETS,
    STATUS_COLOURS,
    TRACKER_FORMAT,
    TRACKER_VERSION,
    Column,
    Sheet,
    display,
)
from crc_reporter.services.interchange.tracker_rows import Row, all_rows

LISTS_SHEET = "crc_lists"
_EDITABLE_HEAD = PatternFill("solid", fgColor="1F3864")
_READONLY_HEAD = PatternFill("solid", fgColor="7F7F7F")
_READONLY_BODY = PatternFill("solid", fgColor="F2F2F2")

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class TrackerExport:
    path: Path
    rows: dict[str, int]  # sheet key -> rows written
    neutralised: int  # cells that would have been formulas


def _value(column: Column, value: Any, lang: str) -> Any:
    if value is None:
        return None
    if column.vocabulary:
        return display(str(value), lang)
    if column.kind == "names":
        return "; ".join(value)
    if column.kind in ("int", "bool", "date") and isinstance(value, (int, bool, dt.date)):
        return value
    return str(value)


def _original(column: Column, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "names":
        return sorted(value or [])
    return value


def _header(ws: Any, sheet: Sheet) -> None:
    cells = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=_(column.header))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _EDITABLE_HEAD if column.editable else _READONLY_HEAD
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    ws.append(cells)


def _layout(ws: Any, sheet: Sheet) -> None:
    """What a write-only sheet writes before its first row: the frozen header and the column widths."""
    ws.freeze_panes = "A2"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # printed: one page wide, header repeated
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _decorate(ws: Any, sheet: Sheet, rows: int, lists: dict[str, str], lang: str) -> None:
    last = get_column_letter(len(sheet.columns))
    ws.auto_filter.ref = f"A1:{last}{max(rows + 1, 2)}"
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{max(rows + 1, 2)}"
        if column.editable and column.vocabulary:
            dv = DataValidation(type="list", formula1=lists[column.key + ":" + sheet.key], allow_blank=True)
            dv.error = _("Choose a value from the list")
            dv.add(area)
            ws.data_validations.append(dv)
        if column.colours:
            for key in column.vocabulary:
                colour = STATUS_COLOURS.get(key)
                if colour:
                    label = display(key, lang).replace('"', '""')
                    fill = PatternFill("solid", fgColor=colour, bgColor=colour)
                    ws.conditional_formatting.add(area, CellIsRule(operator="equal", formula=[f'"{label}"'], fill=fill))


CELL_LIMIT = 32_767  # characters a spreadsheet cell holds; Excel cuts longer text without a word


def _fits(value: Any, sheet: Sheet, row: int, what: str) -> None:
    """Refuse the export rather than let a spreadsheet cut a text short."""
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        raise ValidationError(
            _(
                "{sheet}, row {row} ({what}): {n} characters, more than a spreadsheet cell holds ({limit}); "
                "nothing was written. Shorten the text, or send this work as an exchange package"
            ).format(sheet=_(sheet.title), row=row, what=what, n=len(value), limit=CELL_LIMIT)
        )


def _check_lengths(data: dict[str, list[Row]], lang: str) -> None:
    for sheet in SHEETS:
        for number, row in enumerate(data[sheet.key], start=2):
            for column in sheet.columns:
                _fits(neutralise_cell(_value(column, row.get(column.key), lang)), sheet, number, _(column.header))
            edits = {c.key: _original(c, row.get(c.key)) for c in sheet.columns if c.editable}
            _fits(json.dumps(edits, ensure_ascii=False, default=str), sheet, number, _("all its texts together"))


def export_tracker(
    session: Session, out: Path, *, include_confidential: bool = False, progress: Progress | None = None
) -> TrackerExport:
    """Write the tracker workbook to ``out`` (atomically)."""
    lang = current_language()
    data = all_rows(session, include_confidential)
    _check_lengths(data, lang)
    wb = Workbook(write_only=True)
    wb.custom_doc_props.append(StringProperty(name=TRACKER_FORMAT, value=str(TRACKER_VERSION)))
    lists = _lists_sheet_refs()
    neutralised = 0
    originals: list[list[Any]] = []
    for n, sheet in enumerate(SHEETS):
        if progress:
            progress(n, len(SHEETS) + 1, _("Writing the sheet {name}").format(name=_(sheet.title)))
        ws = wb.create_sheet(_(sheet.title)[:31])
        _layout(ws, sheet)
        _header(ws, sheet)
        rows: list[Row] = data[sheet.key]
        for row in rows:
            values = []
            for column in sheet.columns:
                value = _value(column, row.get(column.key), lang)
                safe = neutralise_cell(value)
                neutralised += safe is not value
                if not column.editable and column.key != "uuid" and safe is not None:
                    cell = WriteOnlyCell(ws, value=safe)
                    cell.fill = _READONLY_BODY
                    values.append(cell)
                else:
                    values.append(safe)
            ws.append(values)
            edits = {c.key: _original(c, row.get(c.key)) for c in sheet.columns if c.editable}
            originals.append(["row", sheet.key, row["uuid"], json.dumps(edits, ensure_ascii=False, default=str)])
        _decorate(ws, sheet, len(rows), lists, lang)
    _write_lists(wb, lang)
    _write_meta(wb, originals, lang)
    buffer = io.BytesIO()  # built in memory: a failed write leaves no half-closed zip behind
    wb.save(buffer)
    try:
        with atomic_write(out) as fh:
            fh.write(buffer.getbuffer())
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    return TrackerExport(path=out, rows={s.key: len(data[s.key]) for s in SHEETS}, neutralised=neutralised)


def _list_columns() -> list[tuple[Sheet, Column]]:
    return [(s, c) for s in SHEETS for c in s.columns if c.editable and c.vocabulary]


def _lists_sheet_refs() -> dict[str, str]:
    refs = {}
    for index, (sheet, column) in enumerate(_list_columns(), start=1):
        letter = get_column_letter(index)
        refs[column.key + ":" + sheet.key] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(column.vocabulary)}"
        )
    return refs


def _write_lists(wb: Workbook, lang: str) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = [[display(k, lang) for k in column.vocabulary] for _sheet, column in _list_columns()]
    for i in range(max(len(c) for c in columns)):
        ws.append([c[i] if i < len(c) else None for c in columns])


def _write_meta(wb: Workbook, originals: list[list[Any]], lang: str) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(["format", TRACKER_FORMAT, TRACKER_VERSION])
    ws.append(["exported_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
    ws.append(["language", lang])
    for sheet in SHEETS:
        ws.append(["sheet", sheet.key, _(sheet.title)[:31], *(c.key for c in sheet.columns)])
        ws.append(["headers", sheet.key, "", *(_(c.header) for c in sheet.columns)])
    for row in originals:
        ws.append([neutralise_cell(v) for v in row])
