"""What a proposed change says, checked, and what approving it writes (used by :mod:`.proposals`).

A change's payload is reduced to the fields its kind uses and checked with the
same rules as the app's own edits (statuses, dates, years, parts), so that a
reply that cannot be applied is refused when it is merged, not when approved.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_mod
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActionStatus, ActionType, AssessmentSide, ImplementationStatus
from crc_reporter.domain.follow_up import UpdateKind
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import parse_date, parse_enum, part_by_label
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Assessment,
    Indicator,
    IndicatorValue,
    ProposedChange,
    Recommendation,
    Source,
)

_RESULT_NS = uuid_mod.UUID("5b0f3c1e-8d7a-4a43-9d0e-23a1c0de0023")
MAX_TEXT = 20_000


def _text(payload: dict[str, Any], key: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = payload.get(key)
    if value is None or value == "":
        if required:
            raise ValidationError(_("'{field}' is missing").format(field=key))
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("'{field}' is not text").format(field=key))
    return value.strip()[:limit]


def target_of(session: Session, kind: UpdateKind, target_uuid: str | None) -> Recommendation | Action | Indicator:
    row: Recommendation | Action | Indicator | None = None
    if target_uuid and kind in (UpdateKind.NEW_ACTION, UpdateKind.ASSESSMENT):
        row = session.scalar(select(Recommendation).where(Recommendation.uuid == target_uuid))
    elif target_uuid and kind in (UpdateKind.ACTION_STATUS, UpdateKind.EVIDENCE):
        row = session.scalar(select(Action).where(Action.uuid == target_uuid))
    elif target_uuid:
        row = session.scalar(select(Indicator).where(Indicator.uuid == target_uuid))
    if row is None:
        raise NotFoundError(
            _("this store has no record {id} that the change is about").format(id=str(target_uuid)[:36])
        )
    return row


def clean_payload(session: Session, kind: UpdateKind, target: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload checked and reduced to what the kind uses; raises ValidationError with one line."""
    if not isinstance(payload, dict):
        raise ValidationError(_("the change is not readable"))
    if kind is UpdateKind.NEW_ACTION:
        part = _text(payload, "part", limit=8) or None
        if part:
            part_by_label(target, part)
        return {
            "title": _text(payload, "title", required=True, limit=2000),
            "description": _text(payload, "description"),
            "type": parse_enum(ActionType, payload.get("type") or "other", N_("action type")).value,
            "status": parse_enum(ActionStatus, payload.get("status") or "planned", N_("action status")).value,
            "start_date": _iso(parse_date(payload.get("start_date"), N_("start date"))),
            "end_date": _iso(parse_date(payload.get("end_date"), N_("end date"))),
            "part": part,
        }
    if kind is UpdateKind.ACTION_STATUS:
        out: dict[str, Any] = {
            "status": parse_enum(ActionStatus, payload.get("status") or "", N_("action status")).value
        }
        if payload.get("end_date"):
            out["end_date"] = _iso(parse_date(payload.get("end_date"), N_("end date")))
        if payload.get("outcome"):
            out["outcome"] = _text(payload, "outcome")
        return out
    if kind is UpdateKind.EVIDENCE:
        return {"title": _text(payload, "title", required=True, limit=2000), "url": _text(payload, "url") or None}
    if kind is UpdateKind.INDICATOR_VALUE:
        year, value = payload.get("year"), payload.get("value")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            raise ValidationError(_("{year} is not a plausible year").format(year=str(year)[:12]))
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
            raise ValidationError(_("'{value}' is not a number").format(value=str(value)[:40]))
        return {"year": year, "value": float(value), "note": _text(payload, "note", limit=2000)}
    part = _text(payload, "part", limit=8) or None
    if part:
        part_by_label(target, part)
    day = parse_date(payload.get("assessed_on"), N_("assessment date")) or dt.date.today()
    return {
        "side": parse_enum(AssessmentSide, payload.get("side") or "government", N_("side")).value,
        "status": parse_enum(ImplementationStatus, payload.get("status") or "", N_("implementation status")).value,
        "assessed_on": day.isoformat(),
        "note": _text(payload, "note"),
        "evidence": _text(payload, "evidence"),
        "part": part,
        "assessor": _text(payload, "assessor", limit=300) or None,  # who assessed, when not the body itself
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def previous_values(kind: UpdateKind, target: Any) -> dict[str, Any]:
    if kind is UpdateKind.ACTION_STATUS:
        return {"status": target.status, "end_date": _iso(target.end_date), "outcome": target.outcome}
    if kind is UpdateKind.EVIDENCE:
        return {"sources": [s.title for s in target.sources]}
    return {}


def _assessor(session: Session, name: str | None, body_id: int | None) -> int | None:
    """The actor named as assessor (a workbook's "Who"), else the body that proposed the assessment."""
    if name:
        found = session.scalar(select(Actor.id).where((Actor.name == name) | (Actor.short_name == name)))
        if found is not None:
            return found
    return body_id


def apply_change(session: Session, row: ProposedChange) -> str:
    kind = UpdateKind(row.kind)
    target = target_of(session, kind, row.target_uuid)
    data = clean_payload(session, kind, target, json.loads(row.payload or "{}"))
    result = str(uuid_mod.uuid5(_RESULT_NS, row.uuid))
    if kind is UpdateKind.NEW_ACTION:
        assert isinstance(target, Recommendation)
        action = Action(
            uuid=result,
            actor_id=row.actor_id,
            title=data["title"],
            description=data["description"],
            action_type=data["type"],
            status=data["status"],
            start_date=parse_date(data["start_date"]),
            end_date=parse_date(data["end_date"]),
            outcome="",
            confidential=False,
        )
        part = part_by_label(target, data["part"]) if data["part"] else None
        action.links.append(ActionLink(recommendation_id=target.id, part_id=part.id if part else None))
        session.add(action)
        return result
    if kind is UpdateKind.ACTION_STATUS:
        assert isinstance(target, Action)
        target.status = data["status"]
        if "end_date" in data:
            target.end_date = parse_date(data["end_date"])
        if "outcome" in data:
            target.outcome = data["outcome"]
        return target.uuid
    if kind is UpdateKind.EVIDENCE:
        assert isinstance(target, Action)
        session.add(Source(uuid=result, action_id=target.id, title=data["title"], url=data["url"]))
        return result
    if kind is UpdateKind.INDICATOR_VALUE:
        assert isinstance(target, Indicator)
        value = session.scalar(
            select(IndicatorValue).where(
                IndicatorValue.indicator_id == target.id,
                IndicatorValue.year == data["year"],
                IndicatorValue.sex.is_(None),
                IndicatorValue.age_group.is_(None),
                IndicatorValue.province.is_(None),
            )
        )
        if value is None:
            value = IndicatorValue(uuid=result, indicator_id=target.id, year=data["year"], value=data["value"])
            session.add(value)
        value.value = data["value"]
        value.note = data["note"] or value.note or ""
        return value.uuid
    assert isinstance(target, Recommendation)
    part = part_by_label(target, data["part"]) if data["part"] else None
    assessment = Assessment(
        uuid=result,
        recommendation_id=target.id,
        part_id=part.id if part else None,
        side=data["side"],
        status=data["status"],
        assessed_on=parse_date(data["assessed_on"]),
        assessor_id=_assessor(session, data["assessor"], row.actor_id),  # the body's view, not the coordinator's
        note=data["note"],
        evidence=data["evidence"],
        recorded_by=row.proposed_by,
        approved=True,  # a coordinator's approval of the proposal is the approval of the assessment
    )
    session.add(assessment)
    return result
