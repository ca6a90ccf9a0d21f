"""Applying an edited tracker as an update, and reporting exactly what it did.

Rows are matched by their UUID. For every editable cell, three values are
compared: as exported (kept in the workbook's hidden sheet), as in the sheet
now, and as in the store now. A cell the person edited is applied when the
store still holds the exported value; when the store changed too (someone
edited the same field in the app since the export), it is a conflict: reported
with the three values, not applied. Values that cannot be read (a status that
does not exist, a date that is not a date, a formula), rows whose UUID is
unknown and edits to what an exported row cannot change (an assessment is
never rewritten: a new one is added) are reported with their sheet and row
number; the rest is applied. Rows a person added (new assessments, actions,
indicator values) become records (:mod:`.tracker_new`).

The whole import is one transaction (the caller's); each row is applied
through the services (the same checks as in the app) in its own savepoint,
so a row the services refuse leaves no trace and no row is half-applied.
Merging the same workbook twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from crc_reporter.i18n import N_, _
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.columns import BY_KEY, SHEETS, Column
from crc_reporter.services.interchange.normalise import BadCellError, normalise
from crc_reporter.services.interchange.tracker_edits import APPLY
from crc_reporter.services.interchange.tracker_new import apply_new_rows
from crc_reporter.services.interchange.tracker_read import SheetRows, TrackerSheets
from crc_reporter.services.interchange.tracker_rows import (
    Row,
    action_rows,
    actor_rows,
    assessment_rows,
    indicator_rows,
    recommendation_rows,
)


@dataclass(frozen=True)
class TrackerChange:
    sheet: str
    row: int
    uuid: str
    label: str
    field: str  # the column's header
    key: str  # the column's key
    old: Any
    new: Any


@dataclass(frozen=True)
class TrackerProblem:
    sheet: str
    row: int
    column: str | None
    message: str


@dataclass(frozen=True)
class TrackerConflict:
    sheet: str
    row: int
    label: str
    field: str
    exported: Any
    in_sheet: Any
    in_store: Any


@dataclass(frozen=True)
class TrackerReport:
    name: str
    applied: bool
    changes: tuple[TrackerChange, ...]
    problems: tuple[TrackerProblem, ...]
    conflicts: tuple[TrackerConflict, ...]
    unknown_rows: tuple[tuple[str, int, str], ...]  # (sheet, row, uuid)
    warnings: tuple[str, ...]


Reader = Callable[[Session, TrackerSheets], list[Row]]
_READERS: dict[str, tuple[Reader, Callable[[Row], str]]] = {
    "recommendations": (
        lambda s, t: recommendation_rows(s, t.side, t.language),
        lambda r: f"{r['document']} ¶{r['number']}",
    ),
    "actions": (lambda s, t: action_rows(s, True), lambda r: str(r["title"])),
    "assessments": (
        lambda s, t: assessment_rows(s),
        lambda r: f"{r['document']} ¶{r['number']}" + (f"({r['part']})" if r["part"] else ""),
    ),
    "indicators": (lambda s, t: indicator_rows(s), lambda r: f"{r['indicator']} {r['year']}"),
    "actors": (lambda s, t: actor_rows(s), lambda r: str(r["name"])),
}
_NOT_APPLIED = N_("the row's other changes were not applied either; correct it and import the workbook again")
_FIXED = {
    "assessments": N_("an assessment is never changed; add a row with the new assessment"),
    "actions": N_("change the paragraphs an action answers in the app"),
    "indicators": N_("add a row for another indicator, year or group; this one keeps its own"),
}


def apply_tracker(session: Session, sheets: TrackerSheets, *, dry_run: bool = False) -> TrackerReport:
    changes: list[TrackerChange] = []
    problems: list[TrackerProblem] = []
    conflicts: list[TrackerConflict] = []
    unknown: list[tuple[str, int, str]] = []
    warnings = list(sheets.warnings)
    if not sheets.originals:
        warnings.append(
            _("the workbook does not say what was exported; edits made in the app since then cannot be detected")
        )
    for key, (reader, labeller) in _READERS.items():
        data = sheets.sheets.get(key)
        if data is None:
            continue
        title = _(BY_KEY[key].title)
        for number, name in data.formulas:
            header = _(BY_KEY[key].column(name).header)
            problems.append(TrackerProblem(title, number, header, _("formulas are not imported; type the value")))
        for number in data.missing_uuid:
            problems.append(TrackerProblem(title, number, None, _("the row has no UUID; add new records in the app")))
        if BY_KEY[key].new_rows:
            _copies_are_new(data, key, sheets.originals)
        current = {row["uuid"]: row for row in reader(session, sheets) if row.get("uuid")}
        with_formula = {number for number, _column in data.formulas}
        for number, cells in data.rows:
            uuid = str(cells["uuid"]).strip()
            stored = current.get(uuid)
            if stored is None:
                unknown.append((title, number, uuid))
                continue
            unreadable = number in with_formula
            edits: dict[str, Any] = {}
            for column in BY_KEY[key].columns:
                if not column.editable or column.key not in cells:
                    continue
                try:
                    value = normalise(column, cells[column.key])
                except BadCellError as exc:
                    problems.append(TrackerProblem(title, number, _(column.header), str(exc)))
                    unreadable = True
                    continue
                exported = _comparable(column, sheets.originals.get(f"{key}:{uuid}", {}).get(column.key, _MISSING))
                now = _comparable(column, stored.get(column.key))
                if value == now or (exported is not _MISSING and value == exported):
                    continue
                if column.new_only:  # says which record the row is; an exported row keeps its own
                    problems.append(TrackerProblem(title, number, _(column.header), _(_FIXED[key])))
                    unreadable = True
                    continue
                if column.vocabulary and value is None:
                    continue  # an emptied status cannot be un-assessed; leave it
                if exported is not _MISSING and now != exported:
                    conflicts.append(
                        TrackerConflict(title, number, labeller(stored), _(column.header), exported, value, now)
                    )
                    continue
                edits[column.key] = value
            if edits and unreadable:  # a row is applied whole or not at all
                problems.append(TrackerProblem(title, number, None, _(_NOT_APPLIED)))
            elif edits:
                done = _apply_row(session, key, stored, edits, sheets, title, number, problems)
                headers = {c.key: _(c.header) for c in BY_KEY[key].columns}
                for field_, value in done.items():
                    old = _comparable(BY_KEY[key].column(field_), stored.get(field_))
                    changes.append(
                        TrackerChange(title, number, uuid, labeller(stored), headers[field_], field_, old, value)
                    )
    added = apply_new_rows(session, sheets)
    changes.extend(TrackerChange(t, n, u, label, what, "new", None, new) for t, n, u, label, what, new in added.changes)
    problems.extend(TrackerProblem(t, n, column, message) for t, n, column, message in added.problems)
    order = _order()
    problems.sort(key=lambda p: (order.get(p.sheet, 99), p.row))
    if dry_run:
        session.rollback()
    return TrackerReport(
        sheets.name, not dry_run, tuple(changes), tuple(problems), tuple(conflicts), tuple(unknown), tuple(warnings)
    )


_MISSING = object()


def _order() -> dict[str, int]:
    return {_(sheet.title): n for n, sheet in enumerate(SHEETS)}


def _copies_are_new(data: SheetRows, key: str, originals: dict[str, dict[str, Any]]) -> None:
    """Rows copied from an exported one to start a new record (how people add rows in Excel) are new rows:
    of the rows that share a UUID, the one still as exported (or else the first) keeps it."""
    by_uuid: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, cells in data.rows:
        by_uuid.setdefault(str(cells["uuid"]).strip(), []).append((number, cells))
    copies: set[int] = set()
    for uuid, rows in by_uuid.items():
        if len(rows) < 2:
            continue
        exported = originals.get(f"{key}:{uuid}", {})
        unchanged = [n for n, cells in rows if not _edited(key, cells, exported)]
        keep = unchanged[0] if unchanged else rows[0][0]
        copies.update(n for n, _cells in rows if n != keep)
    if copies:
        data.new.extend((n, {**cells, "uuid": None}) for n, cells in data.rows if n in copies)
        data.new.sort(key=lambda row: row[0])
        data.rows = [(n, cells) for n, cells in data.rows if n not in copies]


def _edited(key: str, cells: dict[str, Any], exported: dict[str, Any]) -> bool:
    for column in BY_KEY[key].columns:
        if column.editable and column.key in cells:
            try:
                if normalise(column, cells[column.key]) != _comparable(column, exported.get(column.key)):
                    return True
            except BadCellError:
                return True
    return False


def _comparable(column: Column, value: Any) -> Any:
    """A stored or exported value in the form :func:`normalise` gives a cell."""
    if value is _MISSING:
        return value
    if column.kind == "names":
        return sorted(value or [])
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return normalise(column, value)
    except BadCellError:
        return value


def _apply_row(
    session: Session,
    key: str,
    stored: Row,
    edits: dict[str, Any],
    sheets: TrackerSheets,
    title: str,
    number: int,
    problems: list[TrackerProblem],
) -> dict[str, Any]:
    try:
        with session.begin_nested():
            APPLY[key](session, stored, edits, sheets)
    except ServiceError as exc:
        problems.append(TrackerProblem(title, number, None, str(exc)))
        return {}
    return edits
