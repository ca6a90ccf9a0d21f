"""Changes a responsible body proposes, and a coordinator's decision on each.

A change comes from a reply package, an edited workbook, or a focal point
typing on a shared server. :func:`propose` checks it and records it as
*proposed* (nothing in the record changes); :func:`approve` makes it the record
(an assessment keeps its author: the body as assessor, the person who proposed
it as ``recorded_by``); :func:`send_back` keeps it visible with the
coordinator's note. A change's ``uuid`` is the reply's id for it, so the same
reply proposed twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_mod
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.enums import ActionStatus, ActionType, AssessmentSide, ImplementationStatus
from crc_reporter.domain.follow_up import Answer, ChangeState, ProposedChangeInfo, RequestForm, UpdateKind
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import parse_date, parse_enum, part_by_label
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.follow_up import ANSWERING, actor_by_name_or_short
from crc_reporter.services.permissions import require_role
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Assessment,
    Indicator,
    IndicatorValue,
    ProposedChange,
    Recommendation,
    RequestItem,
    Source,
    UpdateRequest,
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


def _target(session: Session, kind: UpdateKind, target_uuid: str | None) -> Recommendation | Action | Indicator:
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
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _previous(kind: UpdateKind, target: Any) -> dict[str, Any]:
    if kind is UpdateKind.ACTION_STATUS:
        return {"status": target.status, "end_date": _iso(target.end_date), "outcome": target.outcome}
    if kind is UpdateKind.EVIDENCE:
        return {"sources": [s.title for s in target.sources]}
    return {}


def propose(
    session: Session,
    *,
    kind: str | UpdateKind,
    target_uuid: str | None,
    payload: dict[str, Any],
    actor: Actor | None,
    request: UpdateRequest | None = None,
    item: RequestItem | None = None,
    uuid: str | None = None,
    origin: str | RequestForm = RequestForm.PACKAGE,
    proposed_by: str | None = None,
) -> tuple[ProposedChange, bool]:
    """Record one proposed change; returns it and whether it is new (an id already here is left as it is)."""
    if uuid:
        existing = session.scalar(select(ProposedChange).where(ProposedChange.uuid == uuid))
        if existing is not None:
            return existing, False
    change_kind = parse_enum(UpdateKind, kind, N_("kind of change"))
    target = _target(session, change_kind, target_uuid)
    clean = clean_payload(session, change_kind, target, payload)
    label = getattr(target, "title", None) or getattr(target, "name", None) or ""
    if isinstance(target, Recommendation):
        label = f"{target.document.symbol} ¶{target.number}" + (f"({clean['part']})" if clean.get("part") else "")
    row = ProposedChange(
        request_id=request.id if request else None,
        item_id=item.id if item else None,
        actor_id=actor.id if actor else None,
        kind=change_kind.value,
        target_uuid=target.uuid,
        label=label,
        payload=json.dumps(clean, sort_keys=True, ensure_ascii=False),
        previous=json.dumps(_previous(change_kind, target), sort_keys=True, ensure_ascii=False),
        origin=parse_enum(RequestForm, origin, N_("request form")).value,
        proposed_by=(proposed_by or str(session.info.get("user") or "") or None),
    )
    if uuid:
        row.uuid = uuid
    session.add(row)
    session.flush()
    return row, True


def mark_answer(session: Session, request: UpdateRequest, today: dt.date | None = None) -> None:
    """After a reply: the request is answered in full when every item has a change, else partly."""
    answered = set(
        session.scalars(
            select(ProposedChange.item_id).where(
                ProposedChange.request_id == request.id, ProposedChange.state.in_(ANSWERING)
            )
        )
    )
    covered = sum(1 for i in request.items if i.id in answered)
    if covered == 0:
        return
    answer = Answer.FULL.value if covered == len(request.items) else Answer.PARTIAL.value
    if request.answer != answer:
        request.answer = answer
        request.answered_on = request.answered_on or today or dt.date.today()
    session.flush()


def change_by_uuid(session: Session, uuid: str) -> ProposedChange:
    row = session.scalar(select(ProposedChange).where(ProposedChange.uuid.startswith(uuid.strip()[:36])))
    if row is None or len(uuid.strip()) < 6:
        raise NotFoundError(_("no proposed change {id}").format(id=uuid[:36]))
    return row


def _info(
    row: ProposedChange, request_uuid: str | None, actor: str | None, item_uuid: str | None
) -> ProposedChangeInfo:
    return ProposedChangeInfo(
        id=row.id,
        uuid=row.uuid,
        request_uuid=request_uuid,
        actor=actor,
        kind=UpdateKind(row.kind),
        target_uuid=row.target_uuid,
        label=row.label,
        payload=json.loads(row.payload or "{}"),
        previous=json.loads(row.previous or "{}"),
        state=ChangeState(row.state or ChangeState.PROPOSED.value),
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        note=row.note or "",
        result_uuid=row.result_uuid,
        item_uuid=item_uuid,
    )


def list_changes(
    session: Session, *, request_uuid: str | None = None, state: str | None = None
) -> list[ProposedChangeInfo]:
    stmt = (
        select(ProposedChange)
        .options(selectinload(ProposedChange.request), selectinload(ProposedChange.item))
        .order_by(ProposedChange.proposed_at, ProposedChange.id)
    )
    if request_uuid:
        stmt = stmt.join(UpdateRequest, ProposedChange.request_id == UpdateRequest.id).where(
            UpdateRequest.uuid == request_uuid
        )
    if state:
        stmt = stmt.where(ProposedChange.state == parse_enum(ChangeState, state, N_("state")).value)
    actors = {k: v for k, v in session.execute(select(Actor.id, Actor.name))}
    return [
        _info(
            r,
            r.request.uuid if r.request else None,
            actors.get(r.actor_id) if r.actor_id else None,
            r.item.uuid if r.item else None,
        )
        for r in session.scalars(stmt)
    ]


def _decide(session: Session, uuid: str) -> ProposedChange:
    require_role(session, Role.COORDINATOR, N_("approve or send back proposed changes"))
    row = change_by_uuid(session, uuid)
    if row.state == ChangeState.APPROVED.value:
        raise ValidationError(_("this change was already approved"))
    return row


def approve(session: Session, uuid: str) -> ProposedChange:
    """Make a proposed (or sent back) change the record."""
    row = _decide(session, uuid)
    row.result_uuid = _apply(session, row)
    row.state = ChangeState.APPROVED.value
    row.decided_by = str(session.info.get("user") or "") or None
    row.decided_at = utcnow()
    row.note = row.note or None
    session.flush()
    if row.request is not None:  # a change typed on the server answers its request once decided
        mark_answer(session, row.request)
    return row


def send_back(session: Session, uuid: str, note: str) -> ProposedChange:
    """Keep the change as proposed, not applied, with the coordinator's note for the body."""
    row = _decide(session, uuid)
    note = note.strip()
    if not note:
        raise ValidationError(_("say why the change is sent back"))
    row.state = ChangeState.SENT_BACK.value
    row.note = note[:MAX_TEXT]
    row.decided_by = str(session.info.get("user") or "") or None
    row.decided_at = utcnow()
    session.flush()
    return row


def propose_direct(
    session: Session, actor: str, kind: str | UpdateKind, target_uuid: str, payload: dict[str, Any]
) -> ProposedChange:
    """A focal point (an editor on a shared server) types an update for their body: it waits for a coordinator.

    It answers the matching item of the latest request to that body, if any; the request itself is marked
    answered when a coordinator decides (only coordinators write requests).
    """
    require_role(session, Role.EDITOR, N_("propose updates"))
    body = actor_by_name_or_short(session, actor)
    change_kind = parse_enum(UpdateKind, kind, N_("kind of change"))
    year = payload.get("year") if change_kind is UpdateKind.INDICATOR_VALUE else None
    item = session.scalar(
        select(RequestItem)
        .join(UpdateRequest, RequestItem.request_id == UpdateRequest.id)
        .where(
            UpdateRequest.recipient_id == body.id,
            RequestItem.kind == change_kind.value,
            RequestItem.target_uuid == target_uuid,
            RequestItem.year.is_(None) if year is None else RequestItem.year == year,
        )
        .order_by(UpdateRequest.sent_on.desc(), UpdateRequest.id.desc())
        .limit(1)
    )
    row, _new = propose(
        session,
        kind=change_kind,
        target_uuid=target_uuid,
        payload=payload,
        actor=body,
        request=item.request if item else None,
        item=item,
        origin=RequestForm.DIRECT,
    )
    return row


def _apply(session: Session, row: ProposedChange) -> str:
    kind = UpdateKind(row.kind)
    target = _target(session, kind, row.target_uuid)
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
        assessor_id=row.actor_id,  # the body's view, not the coordinator's
        note=data["note"],
        evidence=data["evidence"],
        recorded_by=row.proposed_by,
        approved=True,  # a coordinator's approval of the proposal is the approval of the assessment
    )
    session.add(assessment)
    return result
