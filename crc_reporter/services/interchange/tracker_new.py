"""Rows a person added to the tracker (no UUID): new assessments, new actions, indicator values.

A member without the app reports back by adding rows: an assessment (status,
date, note, evidence, who), an action (title, actor, status, dates, the
paragraphs it answers), or an indicator's value for a year. Each row becomes a
record through the services (the same checks as in the app), in its own
savepoint: a row that cannot be read or that the services refuse is reported
with its sheet and row number and leaves no trace.

A record made from an added row is named (its UUID) after the exported
workbook and what the row says, so merging the same workbook twice adds
nothing the second time (an added action edited in the workbook after it was
merged is not changed again: later changes go through the app or a tracker
exported afresh).
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActorType, AssessmentSide, DocumentType
from crc_reporter.i18n import _, current_language
from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import indicators as indicator_svc
from crc_reporter.services.common import part_by_label, recommendation_by_ref
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.columns import BY_KEY, display
from crc_reporter.services.interchange.normalise import BadCellError, normalise
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.store.models import Action, Actor, Assessment, Document, Indicator, Recommendation

_NAME_LIMIT = 300  # what the store keeps of an actor's name
_NAMESPACE = uuidlib.UUID("6f1d3c1e-5a7b-4c39-9a57-1f0e3c2b7d21")


@dataclass
class NewRowResults:
    """What the added rows did; the caller turns these into its report's changes and problems."""

    changes: list[tuple[str, int, str, str, str, Any]] = field(
        default_factory=list
    )  # sheet, row, uuid, label, field, new
    problems: list[tuple[str, int, str | None, str]] = field(default_factory=list)  # sheet, row, column, message


class RowError(Exception):
    """A row that cannot become a record; the message says why, in one line."""

    def __init__(self, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.column = column


def apply_new_rows(session: Session, sheets: TrackerSheets) -> NewRowResults:
    results = NewRowResults()
    handlers: dict[str, Callable[[Session, TrackerSheets, dict[str, Any]], list[tuple[str, str, str, Any]]]] = {
        "assessments": _assessment,
        "actions": _action,
        "indicators": _indicator_value,
    }
    for key, handler in handlers.items():
        data = sheets.sheets.get(key)
        if data is None:
            continue
        title = _(BY_KEY[key].title)
        with_formula = {number for number, _column in data.formulas}
        for number, cells in data.new:
            if number in with_formula:
                continue  # reported with its formula; the row is not applied
            try:
                values = _read(key, cells)
                with session.begin_nested():
                    done = handler(session, sheets, values)
            except BadCellError as exc:
                results.problems.append((title, number, getattr(exc, "header", None), str(exc)))
                continue
            except RowError as exc:
                results.problems.append((title, number, exc.column, str(exc)))
                continue
            except ServiceError as exc:
                results.problems.append((title, number, None, str(exc)))
                continue
            for uuid, label, what, new in done:
                results.changes.append((title, number, uuid, label, what, new))
    return results


def _read(key: str, cells: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in BY_KEY[key].columns:
        if column.key == "uuid" or column.key not in cells:
            continue
        try:
            values[column.key] = normalise(column, cells[column.key])
        except BadCellError as exc:
            exc.header = _(column.header)  # type: ignore[attr-defined]
            raise
    return values


def _label(key: str) -> str:
    """A status, side or type as the report shows it: in the person's language."""
    return display(key, current_language())


def _derived_uuid(sheets: TrackerSheets, sheet: str, *parts: object) -> str:
    name = "\x1f".join([sheets.workbook, sheet, *(str(p) for p in parts)])
    return str(uuidlib.uuid5(_NAMESPACE, name))


def _need(values: dict[str, Any], key: str, sheet: str, message: str) -> Any:
    value = values.get(key)
    if value is None or value == "":
        raise RowError(message, _(BY_KEY[sheet].column(key).header))
    return value


def _actor(session: Session, name: str, side: str | None, made: list[tuple[str, str, str, Any]]) -> Actor:
    """The actor a person named (by name or short name, in any case), made when the store has none."""
    wanted = " ".join(name.split())
    if len(wanted) > _NAME_LIMIT:
        raise RowError(_("a name of more than {n} characters").format(n=_NAME_LIMIT))
    actor = session.scalar(select(Actor).where(func.lower(Actor.name) == wanted.lower()))
    if actor is None:
        actor = session.scalar(select(Actor).where(func.lower(Actor.short_name) == wanted.lower()))
    if actor is None:
        kind = ActorType.GOVERNMENT if side == AssessmentSide.GOVERNMENT else ActorType.NGO
        actor = actor_svc.create_actor(session, wanted, kind.value)
        made.append((actor.uuid, wanted, _("new actor"), _label(kind.value)))
    return actor


# --- assessments ------------------------------------------------------------------------------------------


def _assessment(session: Session, sheets: TrackerSheets, values: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    sheet = "assessments"
    number = _need(values, "number", sheet, _("a new assessment needs the paragraph's number"))
    symbol = values.get("document") or _latest_document(session)
    status = _need(values, "status", sheet, _("a new assessment needs a status"))
    side = values.get("side") or sheets.side
    if not side:
        raise RowError(_("say whose assessment this is: government or civil society"), _("Side"))
    who = _need(values, "assessor", sheet, _("say who made this assessment"))
    part = values.get("part")
    label = f"{symbol} ¶{number}" + (f"({str(part).strip('() ')})" if part else "")
    uuid = _derived_uuid(sheets, sheet, symbol, number, part, side, status, values.get("assessed_on"), who,
                         values.get("note"), values.get("evidence"))  # fmt: skip
    if session.scalar(select(Assessment.id).where(Assessment.uuid == uuid)) is not None:
        return []  # merged before
    rec = recommendation_by_ref(session, symbol, number)
    part_by_label(rec, part)
    made: list[tuple[str, str, str, Any]] = []
    assessor = _actor(session, who, side, made)
    assess_svc.record_assessment(
        session,
        rec.id,
        side,
        status,
        assessed_on=values.get("assessed_on"),
        part=part,
        assessor_id=assessor.id,
        note=values.get("note") or "",
        evidence=values.get("evidence") or "",
        uuid=uuid,
    )
    summary = f"{_label(status)} ({_label(side)}) — {assessor.name}"
    return [*made, (uuid, label, _("new assessment"), summary)]


def _latest_document(session: Session) -> str:
    """The concluding observations a reference without a symbol means: the latest with paragraphs."""
    symbol = session.scalar(
        select(Document.symbol)
        .where(Document.doc_type == DocumentType.CONCLUDING_OBSERVATIONS.value)
        .where(Document.id.in_(select(Recommendation.document_id)))
        .order_by(Document.date.desc().nulls_last(), Document.id.desc())
        .limit(1)
    )
    if symbol is None:
        raise RowError(_("name the document (there are no concluding observations in this store)"))
    return symbol


# --- actions ----------------------------------------------------------------------------------------------

_REFERENCE = re.compile(
    r"^(?P<symbol>\S*/\S*)?\s*(?:¶|§|paras?\.?|par\.?)?\s*(?P<number>\d+)\s*(?:\(\s*(?P<part>[^()\s]{1,4})\s*\))?$",
    re.IGNORECASE,
)


def paragraph_references(session: Session, text: str | None) -> list[tuple[Recommendation, int | None, str]]:
    """The paragraphs (and parts) a cell names: "CRC/C/KHM/CO/4-6 ¶17(a); ¶18" or "para 18 (b)"."""
    out = []
    for piece in re.split(r"[;,\n]", text or ""):
        piece = piece.strip()
        if not piece:
            continue
        match = _REFERENCE.match(piece)
        if match is None:
            raise RowError(
                _("'{value}' is not a paragraph reference (e.g. CRC/C/KHM/CO/4-6 ¶17(a))").format(value=piece[:40]),
                _("Paragraphs answered"),
            )
        symbol = match["symbol"] or _latest_document(session)
        rec = recommendation_by_ref(session, symbol, int(match["number"]))
        part = part_by_label(rec, match["part"]) if match["part"] else None
        out.append(
            (
                rec,
                part.id if part else None,
                f"{rec.document.symbol} ¶{rec.number}" + (f"({part.label})" if part else ""),
            )
        )
    return out


def _action(session: Session, sheets: TrackerSheets, values: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    sheet = "actions"
    title = _need(values, "title", sheet, _("a new action needs a title"))
    uuid = _derived_uuid(sheets, sheet, " ".join(str(title).split()).casefold())
    if session.scalar(select(Action.id).where(Action.uuid == uuid)) is not None:
        return []  # merged before; later changes are made in the app or in a newly exported tracker
    links = paragraph_references(session, values.get("paragraphs"))
    made: list[tuple[str, str, str, Any]] = []
    actor = _actor(session, values["actor"], sheets.side, made) if values.get("actor") else None
    action = action_svc.create_action(
        session,
        str(title),
        actor_id=actor.id if actor else None,
        action_type=values.get("type") or "other",
        status=values.get("status") or "planned",
        start_date=values.get("start_date"),
        end_date=values.get("end_date"),
        description=values.get("description") or "",
        outcome=values.get("outcome") or "",
        uuid=uuid,
    )
    made.append((uuid, str(title), _("new action"), _label(action.status)))
    for rec, part_id, label in links:
        action_svc.link_action(session, action.id, rec.id, part_id)
        made.append((uuid, str(title), _("linked to"), label))
    return made


# --- indicator values -------------------------------------------------------------------------------------


def _indicator_value(
    session: Session, sheets: TrackerSheets, values: dict[str, Any]
) -> list[tuple[str, str, str, Any]]:
    sheet = "indicators"
    if values.get("value") is None:
        return []  # a row left for a value nobody typed
    name = _need(values, "indicator", sheet, _("say which indicator this value is for"))
    year = _need(values, "year", sheet, _("a value needs its year"))
    indicator = session.scalar(select(Indicator).where(func.lower(Indicator.name) == str(name).strip().lower()))
    if indicator is None:
        raise RowError(_("there is no indicator named {name}; add it in the app first").format(name=name))
    series = {k: (values.get(k) or None) for k in ("sex", "age_group", "province")}
    old = indicator_svc.set_value(
        session, indicator.id, int(year), values["value"], note=values.get("note") or "", **series
    )
    if old == values["value"]:
        return []
    where = ", ".join(str(v) for v in series.values() if v)
    label = f"{indicator.name} {year}" + (f" ({where})" if where else "")
    return [(indicator.uuid, label, _("Value"), values["value"])]
