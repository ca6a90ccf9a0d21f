"""Edits to exported rows, applied through the services: one function per sheet, each in the caller's savepoint.

A status, comment or evidence edited on a recommendation's row is a new
assessment (assessments are added, never rewritten): of the side whose status
changed, or, for a comment alone, of the workbook's side (or the side of the
paragraph's latest assessment). The text of a paragraph shown in the
workbook's language (its translation) goes back to the translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import indicators as indicator_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.services.interchange.tracker_rows import Row
from crc_reporter.store.models import Action, Actor, Assessment, IndicatorValue, Recommendation

SIDES = ("government", "civil_society")


def _actor_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    actor = session.scalar(select(Actor).where(Actor.name == name))
    if actor is None:
        raise ServiceError(_("there is no actor named {name}; add it in the app first").format(name=name))
    return actor.id


def _recommendation(session: Session, stored: Row, edits: dict[str, Any], sheets: TrackerSheets) -> None:
    rec = session.scalar(select(Recommendation).where(Recommendation.uuid == stored["uuid"]))
    assert rec is not None
    keys = ("cluster", "subheading", "kind", "urgent", "text", "recommending_states", "position")
    fields: dict[str, Any] = {k: edits[k] for k in keys if k in edits}
    if "text" in fields and stored.get("translated"):
        if not fields["text"]:
            raise ServiceError(_("a paragraph needs its text"))
        rec_svc.set_translation(session, rec.id, fields.pop("text"), rec.translation_lang)
    if "articles" in edits:
        fields["articles"] = [a.strip() for a in (edits["articles"] or "").split(",") if a.strip()]
    if fields:
        if "text" in fields and not fields["text"]:
            raise ServiceError(_("a paragraph needs its text"))
        rec_svc.update_recommendation(session, rec.id, **fields)
    if "responsible" in edits:
        ids = [_actor_id(session, name) for name in edits["responsible"]]
        rec_svc.set_responsible(session, rec.id, [i for i in ids if i is not None])
    statuses = {side: edits[f"{side}_status"] for side in SIDES if edits.get(f"{side}_status")}
    note, evidence = edits.get("comment"), edits.get("evidence")
    if not statuses and ("comment" in edits or "evidence" in edits):
        side = sheets.side or _latest_side(session, rec.id)
        if side is None:
            raise ServiceError(
                _("a comment belongs to an assessment: choose the government's or civil society's status")
            )
        statuses[side] = stored.get(f"{side}_status") or "not_assessed"
    for side, status in statuses.items():
        assess_svc.record_assessment(session, rec.id, side, status, note=note or "", evidence=evidence or "")


def _latest_side(session: Session, rec_id: int) -> str | None:
    return session.scalar(
        select(Assessment.side)
        .where(Assessment.recommendation_id == rec_id, Assessment.part_id.is_(None))
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1)
    )


def _action(session: Session, stored: Row, edits: dict[str, Any], sheets: TrackerSheets) -> None:
    action = session.scalar(select(Action).where(Action.uuid == stored["uuid"]))
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


def _actor(session: Session, stored: Row, edits: dict[str, Any], sheets: TrackerSheets) -> None:
    actor = session.scalar(select(Actor).where(Actor.uuid == stored["uuid"]))
    assert actor is not None
    fields: dict[str, Any] = {
        ("actor_type" if k == "type" else k): ("" if v is None and k == "contact" else v) for k, v in edits.items()
    }
    actor_svc.update_actor(session, actor.id, **fields)


def _indicator_value(session: Session, stored: Row, edits: dict[str, Any], sheets: TrackerSheets) -> None:
    row = session.scalar(select(IndicatorValue).where(IndicatorValue.uuid == stored["uuid"]))
    assert row is not None
    value = edits.get("value", row.value)
    indicator_svc.set_value(
        session,
        row.indicator_id,
        row.year,
        value,
        sex=row.sex,
        age_group=row.age_group,
        province=row.province,
        note=edits.get("note", row.note) or "",
    )
    if "note" in edits and value is not None:
        row.note = edits["note"] or ""  # an emptied note clears it (set_value keeps a note it is not given)
        session.flush()


def _nothing(session: Session, stored: Row, edits: dict[str, Any], sheets: TrackerSheets) -> None:
    """Assessments are never changed; their edits are reported before they get here."""


APPLY: dict[str, Callable[[Session, Row, dict[str, Any], TrackerSheets], None]] = {
    "recommendations": _recommendation,
    "actions": _action,
    "actors": _actor,
    "indicators": _indicator_value,
    "assessments": _nothing,
}
