"""Reading an edited tracker workbook back (no store involved): rows, cells, and what was exported.

Columns are found by their headers (in the language they were written in, as
the hidden sheet recorded them), so a person may reorder or hide columns.
Cells a spreadsheet would compute (formulas) are reported, never evaluated.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

from crc_reporter import untrusted
from crc_reporter.domain.parsed import PayloadKind
from crc_reporter.i18n import _
from crc_reporter.services.interchange.columns import (
    BY_KEY,
    LISTS_SHEET,
    META_SHEET,
    TRACKER_FORMAT,
    TRACKER_VERSION,
)
from crc_reporter.untrusted import SourceError

MAX_ROWS = 500_000
_BOOLEAN_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


@dataclass
class SheetRows:
    key: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, column key -> cell value)
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row number, column key)
    missing_uuid: list[int] = field(default_factory=list)  # rows with content but no UUID, where none may be added
    new: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # rows a person added (no UUID)


@dataclass
class TrackerSheets:
    kind: ClassVar[PayloadKind] = PayloadKind.TRACKER
    name: str
    sheets: dict[str, SheetRows]
    originals: dict[str, dict[str, Any]]  # "sheet:uuid" -> editable values as exported
    warnings: list[str] = field(default_factory=list)
    workbook: str = ""  # the export's id: records made from added rows are named after it (merged once)
    side: str | None = None  # whose workbook: the side of assessments and comments that name none
    language: str | None = None
    request: str = ""  # the update request this workbook answers (empty: a plain tracker)


def is_tracker(data: bytes) -> bool:
    """Is this workbook a CRC Reporter tracker (cheap: the workbook's sheet list only)?"""
    try:
        zf = untrusted.open_zip(data, "workbook")
        workbook = untrusted.read_member(zf, "xl/workbook.xml", "workbook", 2 * 1024 * 1024)
    except SourceError:
        return False
    return f'name="{META_SHEET}"'.encode() in workbook


def read_tracker(data: bytes, name: str) -> TrackerSheets:
    from openpyxl import load_workbook

    untrusted.open_zip(data, name)  # bombs and encrypted files get the same one-line refusal as anywhere else
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise SourceError(
            _("{name} is not a readable Excel workbook ({reason})").format(name=name, reason=reason)
        ) from None
    try:
        if META_SHEET not in book.sheetnames:
            raise SourceError(_("{name} is not a tracker exported by CRC Reporter").format(name=name))
        titles, headers, originals, facts = _meta(book[META_SHEET], name)
        result = TrackerSheets(
            name=name,
            sheets={},
            originals=originals,
            workbook=facts.get("workbook", ""),
            side=facts.get("side") or None,
            language=facts.get("language") or None,
            request=facts.get("request", ""),
        )
        for key, title in titles.items():
            if title not in book.sheetnames:
                result.warnings.append(_("the sheet {title} is missing; it was skipped").format(title=title))
                continue
            result.sheets[key] = _rows(book[title], key, headers[key], result, name)
        for extra in book.sheetnames:
            if extra not in titles.values() and extra not in (META_SHEET, LISTS_SHEET):
                result.warnings.append(
                    _("the sheet {title} is not one of the tracker's; it was not read").format(title=extra)
                )
        return result
    finally:
        book.close()


_FACTS = ("workbook", "side", "language", "request")


def _meta(
    ws: Any, name: str
) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, dict[str, Any]], dict[str, str]]:
    facts: dict[str, str] = {}
    titles: dict[str, str] = {}
    keys: dict[str, list[str]] = {}
    headers: dict[str, dict[str, str]] = {}
    originals: dict[str, dict[str, Any]] = {}
    first = True
    for row in ws.iter_rows(values_only=True):
        cells = [c for c in row]
        if first:
            if len(cells) < 3 or cells[0] != "format" or cells[1] != TRACKER_FORMAT:
                raise SourceError(_("{name} is not a tracker exported by CRC Reporter").format(name=name))
            if not isinstance(cells[2], int) or cells[2] > TRACKER_VERSION:
                raise SourceError(_("{name} was exported by a newer version of CRC Reporter").format(name=name))
            first = False
            continue
        tag = cells[0] if cells else None
        if tag in _FACTS and len(cells) > 1 and isinstance(cells[1], str):
            facts[str(tag)] = cells[1]
        elif tag == "sheet" and cells[1] in BY_KEY:
            titles[str(cells[1])] = str(cells[2])
            keys[str(cells[1])] = [str(c) for c in cells[3:] if c]
        elif tag == "headers" and cells[1] in keys:
            labels = [str(c) if c is not None else "" for c in cells[3:]]
            headers[str(cells[1])] = dict(zip(labels, keys[str(cells[1])], strict=False))
        elif tag == "row" and len(cells) >= 4 and isinstance(cells[3], str):
            try:
                values = json.loads(cells[3])
            except ValueError:
                continue
            if isinstance(values, dict):
                originals[f"{cells[1]}:{cells[2]}"] = values
    return titles, headers, originals, facts


def _rows(ws: Any, key: str, headers: dict[str, str], result: TrackerSheets, name: str) -> SheetRows:
    out = SheetRows(key)
    columns: dict[int, str] = {}
    known = {c.key for c in BY_KEY[key].columns}
    for number, row in enumerate(ws.iter_rows(), start=1):
        if number > MAX_ROWS:
            raise SourceError(_("{name} has more than {max} rows in one sheet").format(name=name, max=MAX_ROWS))
        if number == 1:
            for index, cell in enumerate(row):
                label = str(cell.value).strip() if cell.value is not None else ""
                column = headers.get(label) or (label if label in known else None)
                if column:
                    columns[index] = column
            if "uuid" not in columns.values():
                result.warnings.append(
                    _("the sheet {title} has no UUID column; its rows cannot be matched").format(title=ws.title)
                )
                return out
            continue
        values: dict[str, Any] = {}
        formulas = set()
        for index, cell in enumerate(row):
            column = columns.get(index)
            if column is None:
                continue
            if cell.value is not None and getattr(cell, "data_type", None) == "f":
                constant = _BOOLEAN_FORMULAS.get(str(cell.value).replace(" ", "").upper())
                if constant is not None:  # LibreOffice saves TRUE and FALSE as =TRUE() and =FALSE()
                    values[column] = constant
                    continue
                out.formulas.append((number, column))
                formulas.add(column)
                continue
            values[column] = cell.value  # an emptied cell counts: it clears the field
        for column in columns.values():
            if column not in formulas:
                values.setdefault(column, None)  # rows shorter than the header (trailing empty cells)
        if all(v is None or v == "" for v in values.values()):
            continue
        if not values.get("uuid"):
            if BY_KEY[key].new_rows:
                out.new.append((number, values))
            else:
                out.missing_uuid.append(number)
            continue
        out.rows.append((number, values))
    return out
