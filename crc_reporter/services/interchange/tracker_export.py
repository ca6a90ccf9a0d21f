"""The tracker as an Excel workbook (.xlsx): one sheet per kind of record, ready to filter, edit and send back.

Each sheet has a frozen header row, filters on every column, drop-down lists
for closed vocabularies and yes/no cells, and status colours (conditional
formatting, so a status changed in Excel is coloured too). Headers of the
columns a re-import reads are dark; the others are grey. Text wraps, and every
sheet prints landscape at the page's width with its header row repeated; the
UUID column (kept for matching) is hidden. A text cell that starts like a
formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written as
text with Excel's *quote prefix* style: the text stays as it is, no apostrophe
shows, and no spreadsheet evaluates it.

A very hidden sheet keeps what the re-import needs: the format marker, the
workbook's id, language and side, the column keys behind the (translated)
headers, and each row's editable values as exported, so that a re-import can
tell the person's edits from changes made in the app meanwhile (those are
reported, not overwritten).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import unicodedata
import uuid
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
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.i18n import N_, _, current_language
from crc_reporter.safe_io import FORMULA_TRIGGERS, atomic_write, neutralise_cell
from crc_reporter.services.common import parse_enum
from crc_reporter.services.errors import ServiceError, ValidationError
from crc_reporter.services.interchange.columns import (
    LISTS_SHEET,
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

_EDITABLE_HEAD = PatternFill("solid", fgColor="1F3864")
_READONLY_HEAD = PatternFill("solid", fgColor="7F7F7F")
_READONLY_BODY = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(vertical="top", wrap_text=True)
_NEW_ROWS = 500  # rows below the records that keep drop-down lists and colours, for rows a person adds

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
    if column.kind == "bool":
        return yes_no(bool(value))
    if column.kind == "names":
        return "; ".join(value)
    if column.kind in ("int", "number", "date") and isinstance(value, (int, float, dt.date)):
        return value
    return str(value)


def yes_no(value: bool) -> str:
    """A yes/no cell, in the workbook's language (read back in any language)."""
    return _("Yes") if value else _("No")


def _body_cell(ws: Any, column: Column, value: Any) -> tuple[WriteOnlyCell, bool]:
    """A cell of a record's row, and whether its text starts like a formula (kept as text by a quote prefix)."""
    cell = WriteOnlyCell(ws, value=value)
    guarded = isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
    if guarded:
        cell.data_type = "s"  # openpyxl would write a text starting with "=" as a formula
        cell.quotePrefix = True
    cell.alignment = _WRAP
    if not column.editable and column.key != "uuid":
        cell.fill = _READONLY_BODY
    if column.kind == "date" and isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell, guarded


def _original(column: Column, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "names":
        return sorted(value or [])
    return value


_LINE = 15.0  # points per line of the default font (Calibri 11)
_KHMER_LINE = 22.0  # Khmer script: stacked vowels and subscripts need taller lines
_MAX_HEIGHT = 409.0  # the tallest row a spreadsheet keeps


def _width(text: str) -> float:
    """How wide a line of text is, in units of column width (one Latin character is about one unit).

    Khmer writes a syllable as several code points: marks above and below
    (combining) and subscript consonants (after the coeng sign) take no width
    of their own, while a base letter is wider than a Latin one.
    """
    total, below = 0.0, False
    for ch in text:
        if below:  # the consonant after a coeng is written beneath the previous one
            below = False
        elif ch == "\u17d2":
            below = True
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            total += 1.3 if "\u1780" <= ch <= "\u17ff" else 1.0
    return total


def row_height(widths: list[int], texts: list[str], bold: bool = False) -> float:
    """The height (points) a row needs to show its wrapped text in full.

    Spreadsheets do not fit rows to wrapped text on opening a generated file
    (LibreOffice prints them one line high), so the export sets each row's
    height from the text's width and the column's (a row rather too tall than
    cut); Khmer lines are taller.
    """
    lines, khmer = 1, False
    for width, text in zip(widths, texts, strict=True):
        if not text:
            continue
        khmer = khmer or any("\u1780" <= ch <= "\u17ff" for ch in text)
        per_line = max(1, width - 3 if bold else width + 1)  # bold headers are wider
        lines = max(lines, sum(max(1, math.ceil(_width(part) / per_line)) for part in text.split("\n")))
    return min(_MAX_HEIGHT, round(lines * (_KHMER_LINE if khmer else _LINE) + 3, 1))


def _fit_row(ws: Any, sheet: Sheet, number: int, values: list[Any]) -> None:
    texts = ["" if v is None or c.key == "uuid" else str(v) for c, v in zip(sheet.columns, values, strict=True)]
    height = row_height([c.width for c in sheet.columns], texts, bold=number == 1)
    if height > _LINE + 3:
        ws.row_dimensions[number].height = height


def _header(ws: Any, sheet: Sheet) -> None:
    _fit_row(ws, sheet, 1, [_(c.header) for c in sheet.columns])
    cells = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=_(column.header))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _EDITABLE_HEAD if column.editable else _READONLY_HEAD
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    ws.append(cells)


def _layout(ws: Any, sheet: Sheet) -> None:
    """What a write-only sheet writes before its first row: the frozen header, the column widths (the UUID
    column hidden) and the page: landscape, one page wide, the header row on every page."""
    ws.freeze_panes = "B2"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.3)
    ws.oddFooter.center.text = "&A — &P / &N"
    for index, column in enumerate(sheet.columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.key == "uuid":
            dimension.hidden = True


def _decorate(ws: Any, sheet: Sheet, rows: int, lists: dict[str, str], lang: str) -> None:
    last = get_column_letter(len(sheet.columns))
    ws.auto_filter.ref = f"A1:{last}{max(rows + 1, 2)}"
    end = max(rows + 1, 2) + (_NEW_ROWS if sheet.new_rows else 0)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{end}"
        if column.editable and (column.vocabulary or column.kind == "bool"):
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
                _fits(_value(column, row.get(column.key), lang), sheet, number, _(column.header))
            edits = {c.key: _original(c, row.get(c.key)) for c in sheet.columns if c.editable}
            _fits(json.dumps(edits, ensure_ascii=False, default=str), sheet, number, _("all its texts together"))


def export_tracker(
    session: Session,
    out: Path,
    *,
    include_confidential: bool = False,
    side: str | None = None,
    progress: Progress | None = None,
    narrowed: dict[str, list[Row]] | None = None,
    request: str | None = None,
) -> TrackerExport:
    """Write the tracker workbook to ``out`` (atomically).

    ``side`` (government / civil_society): whose workbook this is. Assessments
    added without a side, and comments, count for that side; the comment and
    evidence columns show that side's latest (without a side: either side's).
    ``narrowed`` and ``request``: a workbook narrowed to what an update request asks, and that request's id
    (see :mod:`crc_reporter.services.request_out`).
    """
    lang = current_language()
    if side is not None:
        side = parse_enum(AssessmentSide, side, N_("side")).value
    data = narrowed if narrowed is not None else all_rows(session, include_confidential, side, lang)
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
        for number, row in enumerate(rows, start=2):
            shown = [_value(column, row.get(column.key), lang) for column in sheet.columns]
            values = []
            for column, value in zip(sheet.columns, shown, strict=True):
                cell, guarded = _body_cell(ws, column, value)
                neutralised += guarded
                values.append(cell)
            _fit_row(ws, sheet, number, shown)
            ws.append(values)
            if row.get("uuid"):
                edits = {c.key: _original(c, row.get(c.key)) for c in sheet.columns if c.editable}
                if row.get("translated"):
                    edits["translated"] = True  # the text shown is the paragraph's translation
                originals.append(["row", sheet.key, row["uuid"], json.dumps(edits, ensure_ascii=False, default=str)])
        _decorate(ws, sheet, len(rows), lists, lang)
    _write_lists(wb, lang)
    _write_meta(wb, originals, lang, side, request)
    buffer = io.BytesIO()  # built in memory: a failed write leaves no half-closed zip behind
    wb.save(buffer)
    try:
        with atomic_write(out) as fh:
            fh.write(buffer.getbuffer())
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    return TrackerExport(path=out, rows={s.key: len(data[s.key]) for s in SHEETS}, neutralised=neutralised)


def _list_columns() -> list[tuple[Sheet, Column]]:
    return [(s, c) for s in SHEETS for c in s.columns if c.editable and (c.vocabulary or c.kind == "bool")]


def _choices(column: Column, lang: str) -> list[str]:
    if column.kind == "bool":
        return [yes_no(True), yes_no(False)]
    return [display(k, lang) for k in column.vocabulary]


def _lists_sheet_refs() -> dict[str, str]:
    refs = {}
    for index, (sheet, column) in enumerate(_list_columns(), start=1):
        letter = get_column_letter(index)
        refs[column.key + ":" + sheet.key] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(column.vocabulary) if column.vocabulary else 2}"
        )
    return refs


def _write_lists(wb: Workbook, lang: str) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = [_choices(column, lang) for _sheet, column in _list_columns()]
    for i in range(max(len(c) for c in columns)):
        ws.append([c[i] if i < len(c) else None for c in columns])


def _write_meta(
    wb: Workbook, originals: list[list[Any]], lang: str, side: str | None, request: str | None = None
) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(["format", TRACKER_FORMAT, TRACKER_VERSION])
    ws.append(["exported_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
    ws.append(["workbook", str(uuid.uuid4())])  # names the records made from rows a person adds: merged once
    ws.append(["language", lang])
    ws.append(["side", side or ""])
    if request:
        ws.append(["request", request])  # the update request this workbook answers
    for sheet in SHEETS:
        ws.append(["sheet", sheet.key, _(sheet.title)[:31], *(c.key for c in sheet.columns)])
        ws.append(["headers", sheet.key, "", *(_(c.header) for c in sheet.columns)])
    for row in originals:
        ws.append([neutralise_cell(v) for v in row])
