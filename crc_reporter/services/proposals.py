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
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.follow_up import Answer, ChangeState, ProposedChangeInfo, RequestForm, UpdateKind
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import parse_enum
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.follow_up import actor_by_name_or_short
from crc_reporter.services.permissions import require_role
from crc_reporter.services.proposal_values import MAX_TEXT, apply_change, clean_payload, previous_values, target_of
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import (
    Actor,
    ProposedChange,
    Recommendation,
    RequestItem,
    UpdateRequest,
)


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
    target = target_of(session, change_kind, target_uuid)
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
        previous=json.dumps(previous_values(change_kind, target), sort_keys=True, ensure_ascii=False),
        origin=parse_enum(RequestForm, origin, N_("request form")).value,
        proposed_by=(proposed_by or str(session.info.get("user") or "") or None),
    )
    if uuid:
        row.uuid = uuid
    session.add(row)
    session.flush()
    return row, True


def mark_answer(session: Session, request: UpdateRequest, today: dt.date | None = None) -> None:
    """After a reply: the request is answered in full when the body answered every item, else partly.

    What the body answered counts, whatever the coordinator then decided: a change sent back reopens its
    item (``open_items``) but does not make the reply partial.
    """
    answered = set(
        session.scalars(
            select(ProposedChange.item_id).where(
                ProposedChange.request_id == request.id, ProposedChange.item_id.is_not(None)
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
    """A change by its id, or by the first characters of it (at least six) when they name only one."""
    prefix = uuid.strip()[:36]
    rows = list(session.scalars(select(ProposedChange).where(ProposedChange.uuid.startswith(prefix)).limit(2)))
    if len(prefix) < 6 or len(rows) != 1:
        raise NotFoundError(_("no proposed change {id}").format(id=prefix))
    return rows[0]


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
    row.result_uuid = apply_change(session, row)
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
