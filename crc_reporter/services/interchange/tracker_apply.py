"""Applying an edited tracker as an update, and reporting exactly what it did.

Rows are matched by their UUID. For every editable cell, three values are
compared: as exported (kept in the workbook's hidden sheet), as in the sheet
now, and as in the store now. A cell the person edited is applied when the
store still holds the exported value; when the store changed too (someone
edited the same field in the app since the export), it is a conflict: reported
with the three values, not applied. Values that cannot be read (a status that
does not exist, a date that is not a date, a formula) and rows whose UUID is
unknown are reported with their sheet and row number; the rest is applied.
Each row is applied through the services (the same checks as in the app) in
its own savepoint, so a row the services refuse leaves no trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.columns import BY_KEY, Column
from crc_reporter.services.interchange.normalise import BadCellError, normalise
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.services.interchange.tracker_rows import action_rows as _action_rows
from crc_reporter.services.interchange.tracker_rows import actor_rows, recommendation_rows
from crc_reporter.services.transactions import open_transaction
from crc_reporter.store.models import Action, Actor, Recommendation


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


_READERS = {
    "recommendations": (recommendation_rows, lambda r: f"{r['document']} ¶{r['number']}"),
    "actions": (lambda s: _action_rows(s, True), lambda r: str(r["title"])),
    "actors": (actor_rows, lambda r: str(r["name"])),
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
    open_transaction(session)  # each row's savepoint must stay inside this transaction (a dry run rolls it back)
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
        current = {row["uuid"]: row for row in reader(session)}
        for number, cells in data.rows:
            uuid = str(cells["uuid"]).strip()
            stored = current.get(uuid)
            if stored is None:
                unknown.append((title, number, uuid))
                continue
            edits: dict[str, Any] = {}
            for column in BY_KEY[key].columns:
                if not column.editable or column.key not in cells:
                    continue
                try:
                    value = normalise(column, cells[column.key])
                except BadCellError as exc:
                    problems.append(TrackerProblem(title, number, _(column.header), str(exc)))
                    continue
                exported = _comparable(column, sheets.originals.get(f"{key}:{uuid}", {}).get(column.key, _MISSING))
                now = _comparable(column, stored.get(column.key))
                if value == now or (exported is not _MISSING and value == exported):
                    continue
                if column.vocabulary and value is None:
                    continue  # an emptied status cannot be un-assessed; leave it
                if exported is not _MISSING and now != exported:
                    conflicts.append(
                        TrackerConflict(title, number, labeller(stored), _(column.header), exported, value, now)
                    )
                    continue
                edits[column.key] = value
            if edits:
                done = _apply_row(session, key, uuid, edits, title, number, problems)
                headers = {c.key: _(c.header) for c in BY_KEY[key].columns}
                for field_, value in done.items():
                    old = _comparable(BY_KEY[key].column(field_), stored.get(field_))
                    changes.append(
                        TrackerChange(title, number, uuid, labeller(stored), headers[field_], field_, old, value)
                    )
    if dry_run:
        session.rollback()
    return TrackerReport(
        sheets.name, not dry_run, tuple(changes), tuple(problems), tuple(conflicts), tuple(unknown), tuple(warnings)
    )


_MISSING = object()


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
    uuid: str,
    edits: dict[str, Any],
    title: str,
    number: int,
    problems: list[TrackerProblem],
) -> dict[str, Any]:
    try:
        with session.begin_nested():
            if key == "recommendations":
                _recommendation(session, uuid, edits)
            elif key == "actions":
                _action(session, uuid, edits)
            else:
                _actor(session, uuid, edits)
    except ServiceError as exc:
        problems.append(TrackerProblem(title, number, None, str(exc)))
        return {}
    return edits


def _actor_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    actor = session.scalar(select(Actor).where(Actor.name == name))
    if actor is None:
        raise ServiceError(_("there is no actor named {name}; add it in the app first").format(name=name))
    return actor.id


def _recommendation(session: Session, uuid: str, edits: dict[str, Any]) -> None:
    rec = session.scalar(select(Recommendation).where(Recommendation.uuid == uuid))
    assert rec is not None
    fields: dict[str, Any] = {k: edits[k] for k in ("cluster", "subheading", "kind", "urgent", "text") if k in edits}
    if "articles" in edits:
        fields["articles"] = [a.strip() for a in (edits["articles"] or "").split(",") if a.strip()]
    if fields:
        if "text" in fields and not fields["text"]:
            raise ServiceError(_("a paragraph needs its text"))
        rec_svc.update_recommendation(session, rec.id, **fields)
    if "responsible" in edits:
        ids = [_actor_id(session, name) for name in edits["responsible"]]
        rec_svc.set_responsible(session, rec.id, [i for i in ids if i is not None])
    for side in ("government", "civil_society"):
        status = edits.get(f"{side}_status")
        if status:
            assess_svc.record_assessment(session, rec.id, side, status, note=_("from an edited tracker"))


def _action(session: Session, uuid: str, edits: dict[str, Any]) -> None:
    action = session.scalar(select(Action).where(Action.uuid == uuid))
    assert action is not None
    fields: dict[str, Any] = {}
    for key, value in edits.items():
        if key == "actor":
            fields["actor_id"] = _actor_id(session, value)
        elif key == "type":
            fields["action_type"] = value
        elif key in ("start_date", "end_date"):
            fields[key] = value
        else:
            fields[key] = value if value is not None else ""
    action_svc.update_action(session, action.id, **fields)


def _actor(session: Session, uuid: str, edits: dict[str, Any]) -> None:
    actor = session.scalar(select(Actor).where(Actor.uuid == uuid))
    assert actor is not None
    fields: dict[str, Any] = {
        ("actor_type" if k == "type" else k): ("" if v is None and k == "contact" else v) for k, v in edits.items()
    }
    actor_svc.update_actor(session, actor.id, **fields)
