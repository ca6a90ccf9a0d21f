"""Update requests: asking a responsible body for updates, and what is still open per body.

The front door of the follow-up cycle for the pages and the CLI:
:func:`create_request` (and :func:`create_reminder` for what is still open),
:func:`list_requests` with each request's state, :func:`request_items`, and
:func:`open_by_body`. Proposed changes and their decisions are in
:mod:`crc_reporter.services.proposals`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.enums import ActionStatus
from crc_reporter.domain.follow_up import (
    Asks,
    BodyFollowUp,
    ChangeState,
    RequestForm,
    RequestItemInfo,
    UpdateKind,
    UpdateRequestInfo,
    is_late,
    request_state,
)
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_, _
from crc_reporter.services.actors import actor_by_name
from crc_reporter.services.common import document_by_symbol, parse_enum
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.permissions import require_role
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Document,
    Indicator,
    IndicatorValue,
    ProposedChange,
    Recommendation,
    RequestItem,
    UpdateRequest,
    indicator_action,
    indicator_recommendation,
    responsible_body,
)

#: a change in one of these states answers the item it is about; one sent back reopens it
ANSWERING = (ChangeState.PROPOSED.value, ChangeState.APPROVED.value)


@dataclass(frozen=True, slots=True)
class _Planned:
    kind: UpdateKind
    target_uuid: str
    label: str
    year: int | None = None
    part_uuid: str | None = None


def paragraph_label(symbol: str, number: int, part: str | None = None) -> str:
    return f"{symbol} ¶{number}" + (f"({part})" if part else "")


def actor_by_name_or_short(session: Session, name: str) -> Actor:
    actor = session.scalar(select(Actor).where((Actor.name == name.strip()) | (Actor.short_name == name.strip())))
    return actor if actor is not None else actor_by_name(session, name)


def responsible_paragraphs(session: Session, actor: Actor, document: Document | None) -> list[Recommendation]:
    stmt = (
        select(Recommendation)
        .join(responsible_body, responsible_body.c.recommendation_id == Recommendation.id)
        .where(responsible_body.c.actor_id == actor.id)
        .options(selectinload(Recommendation.document))
        .order_by(Recommendation.document_id, Recommendation.number)
    )
    if document is not None:
        stmt = stmt.where(Recommendation.document_id == document.id)
    return list(session.scalars(stmt))


def body_actions(session: Session, actor: Actor, document: Document | None) -> list[Action]:
    stmt = (
        select(Action)
        .options(selectinload(Action.sources))
        .where(Action.actor_id == actor.id, Action.confidential.is_(False))
        .order_by(Action.id)
    )
    if document is not None:
        linked = (
            select(ActionLink.action_id)
            .join(Recommendation, ActionLink.recommendation_id == Recommendation.id)
            .where(Recommendation.document_id == document.id)
        )
        stmt = stmt.where(Action.id.in_(linked))
    return list(session.scalars(stmt))


def _plan(session: Session, actor: Actor, document: Document | None, asks: Asks) -> list[_Planned]:
    """What to ask this body: one item per paragraph, action or indicator-year asked about."""
    paragraphs = responsible_paragraphs(session, actor, document)
    actions = body_actions(session, actor, document)
    planned: list[_Planned] = []
    for rec in paragraphs:
        label = paragraph_label(rec.document.symbol, rec.number)
        if asks.new_actions:
            planned.append(_Planned(UpdateKind.NEW_ACTION, rec.uuid, label))
        if asks.assessments:
            planned.append(_Planned(UpdateKind.ASSESSMENT, rec.uuid, label))
    open_statuses = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)
    for action in actions:
        if asks.status_changes and action.status in open_statuses:
            planned.append(_Planned(UpdateKind.ACTION_STATUS, action.uuid, action.title))
        if asks.evidence and not action.sources:
            planned.append(_Planned(UpdateKind.EVIDENCE, action.uuid, action.title))
    if asks.indicator_years:
        rec_ids = [r.id for r in paragraphs]
        action_ids = [a.id for a in actions]
        ids = set(
            session.scalars(
                select(indicator_recommendation.c.indicator_id).where(
                    indicator_recommendation.c.recommendation_id.in_(rec_ids)
                )
            )
        ) | set(
            session.scalars(select(indicator_action.c.indicator_id).where(indicator_action.c.action_id.in_(action_ids)))
        )
        for ind in session.scalars(select(Indicator).where(Indicator.id.in_(ids)).order_by(Indicator.name)):
            have = set(
                session.scalars(
                    select(IndicatorValue.year).where(
                        IndicatorValue.indicator_id == ind.id,
                        IndicatorValue.sex.is_(None),
                        IndicatorValue.age_group.is_(None),
                        IndicatorValue.province.is_(None),
                    )
                )
            )
            for year in asks.indicator_years:
                if year not in have:
                    planned.append(_Planned(UpdateKind.INDICATOR_VALUE, ind.uuid, ind.name, year=year))
    return planned


def create_request(
    session: Session,
    recipient: str,
    *,
    asks: Asks | None = None,
    due_on: dt.date | None = None,
    document: str | None = None,
    form: str | RequestForm = RequestForm.PACKAGE,
    language: str = "en",
    today: dt.date | None = None,
    reminder_of: UpdateRequest | None = None,
    only: list[RequestItem] | None = None,
) -> UpdateRequest:
    """Record a request to ``recipient`` (a name or short name) and what it asks; refused when it asks nothing."""
    require_role(session, Role.COORDINATOR, N_("ask for updates"))
    actor = actor_by_name_or_short(session, recipient)
    doc = document_by_symbol(session, document) if document else None
    today = today or dt.date.today()
    if due_on is not None and due_on < today:
        raise ValidationError(_("the due date {date} is already past").format(date=due_on.isoformat()))
    asks = asks or Asks()
    if only is not None:
        planned = [_Planned(UpdateKind(i.kind), i.target_uuid, i.label, i.year, i.part_uuid) for i in only]
    else:
        planned = _plan(session, actor, doc, asks)
    if not planned:
        raise ValidationError(
            _("there is nothing to ask {name} for: no paragraph, action or indicator of theirs").format(name=actor.name)
        )
    request = UpdateRequest(
        recipient_id=actor.id,
        recipient_name=actor.name,
        document_id=doc.id if doc else None,
        sent_on=today,
        due_on=due_on,
        form=parse_enum(RequestForm, form, N_("request form")).value,
        language=language,
        asks=json.dumps(asks.to_json(), sort_keys=True),
        reminder_of_id=reminder_of.id if reminder_of else None,
        created_by=str(session.info.get("user") or "") or None,
        note="",
    )
    request.items = [
        RequestItem(
            kind=p.kind.value, target_uuid=p.target_uuid, part_uuid=p.part_uuid, year=p.year, label=p.label, position=n
        )
        for n, p in enumerate(planned)
    ]
    session.add(request)
    session.flush()
    return request


def request_by_uuid(session: Session, uuid: str) -> UpdateRequest:
    request = session.scalar(select(UpdateRequest).where(UpdateRequest.uuid == uuid.strip()))
    if request is None:
        raise NotFoundError(_("no update request {id} was sent from this store").format(id=uuid[:36]))
    return request


def _answered_item_ids(session: Session, request_ids: list[int]) -> set[int]:
    return set(
        session.scalars(
            select(ProposedChange.item_id).where(
                ProposedChange.request_id.in_(request_ids),
                ProposedChange.item_id.is_not(None),
                ProposedChange.state.in_(ANSWERING),
            )
        )
    )


def _item_info(item: RequestItem, answered: set[int]) -> RequestItemInfo:
    return RequestItemInfo(
        uuid=item.uuid,
        kind=UpdateKind(item.kind),
        target_uuid=item.target_uuid,
        label=item.label,
        year=item.year,
        part_uuid=item.part_uuid,
        open=item.id not in answered,
    )


def request_items(session: Session, uuid: str) -> list[RequestItemInfo]:
    request = request_by_uuid(session, uuid)
    answered = _answered_item_ids(session, [request.id])
    return [_item_info(i, answered) for i in request.items]


def open_items_of(session: Session, request: UpdateRequest) -> list[RequestItem]:
    answered = _answered_item_ids(session, [request.id])
    return [i for i in request.items if i.id not in answered]


def list_requests(
    session: Session, *, today: dt.date | None = None, recipient: str | None = None
) -> list[UpdateRequestInfo]:
    """Every request, newest first, with its state, how many items are still open and its changes by state."""
    today = today or dt.date.today()
    stmt = (
        select(UpdateRequest)
        .options(selectinload(UpdateRequest.items))
        .order_by(UpdateRequest.sent_on.desc(), UpdateRequest.id.desc())
    )
    if recipient:
        stmt = stmt.where(UpdateRequest.recipient_id == actor_by_name_or_short(session, recipient).id)
    requests = list(session.scalars(stmt))
    ids = [r.id for r in requests]
    answered = _answered_item_ids(session, ids)
    counts: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for request_id, state in session.execute(
        select(ProposedChange.request_id, ProposedChange.state).where(ProposedChange.request_id.in_(ids))
    ):
        counts[request_id][state] += 1
    uuids = {k: v for k, v in session.execute(select(UpdateRequest.id, UpdateRequest.uuid))}
    actor_uuids = {k: v for k, v in session.execute(select(Actor.id, Actor.uuid))}
    docs = {k: v for k, v in session.execute(select(Document.id, Document.symbol))}
    out = []
    for r in requests:
        c = counts[r.id]
        out.append(
            UpdateRequestInfo(
                id=r.id,
                uuid=r.uuid,
                recipient=r.recipient_name,
                recipient_uuid=actor_uuids.get(r.recipient_id) if r.recipient_id else None,
                document=docs.get(r.document_id) if r.document_id else None,
                sent_on=r.sent_on,
                due_on=r.due_on,
                form=RequestForm(r.form),
                language=r.language,
                asks=Asks.from_json(json.loads(r.asks or "{}")),
                state=request_state(r.answer, r.due_on, today),
                late=is_late(r.answer, r.due_on, today),
                answered_on=r.answered_on,
                items=len(r.items),
                open_items=sum(1 for i in r.items if i.id not in answered),
                proposed=c[ChangeState.PROPOSED.value],
                approved=c[ChangeState.APPROVED.value],
                sent_back=c[ChangeState.SENT_BACK.value],
                reminder_of=uuids.get(r.reminder_of_id) if r.reminder_of_id else None,
                created_by=r.created_by,
            )
        )
    return out


def open_by_body(session: Session, *, today: dt.date | None = None) -> list[BodyFollowUp]:
    """Per body that was asked: its requests, how many are late, the items still open and changes waiting."""
    today = today or dt.date.today()
    requests = list(
        session.scalars(select(UpdateRequest).options(selectinload(UpdateRequest.items)).order_by(UpdateRequest.id))
    )
    answered = _answered_item_ids(session, [r.id for r in requests])
    waiting: dict[int | None, int] = defaultdict(int)
    for actor_id in session.scalars(
        select(ProposedChange.actor_id).where(ProposedChange.state == ChangeState.PROPOSED.value)
    ):
        waiting[actor_id] += 1
    bodies: dict[int, list[UpdateRequest]] = defaultdict(list)
    for r in requests:
        if r.recipient_id is not None:
            bodies[r.recipient_id].append(r)
    out = []
    for actor_id, reqs in bodies.items():
        actor = session.get(Actor, actor_id)
        if actor is None:
            continue
        seen: set[tuple[str, str, int | None]] = set()
        items: list[RequestItemInfo] = []
        for r in reqs:  # the same thing asked again (a reminder) counts once
            for i in r.items:
                key = (i.kind, i.target_uuid, i.year)
                if i.id in answered:
                    seen.add(key)
        for r in reqs:
            for i in r.items:
                key = (i.kind, i.target_uuid, i.year)
                if key not in seen:
                    seen.add(key)
                    items.append(_item_info(i, answered))
        out.append(
            BodyFollowUp(
                actor=actor.name,
                actor_uuid=actor.uuid,
                requests=len(reqs),
                late_requests=sum(1 for r in reqs if is_late(r.answer, r.due_on, today)),
                open_items=tuple(items),
                proposed=waiting.get(actor_id, 0),
            )
        )
    return sorted(out, key=lambda b: b.actor)


def create_reminder(
    session: Session, uuid: str, *, due_on: dt.date | None = None, today: dt.date | None = None
) -> UpdateRequest:
    """A fresh request to the same body for what is still open in ``uuid``, in the same form and language."""
    original = request_by_uuid(session, uuid)
    still_open = open_items_of(session, original)
    if not still_open:
        raise ValidationError(_("nothing is still open in this request"))
    if original.recipient_id is None:
        raise NotFoundError(_("no actor named {name}").format(name=original.recipient_name))
    actor = session.get(Actor, original.recipient_id)
    assert actor is not None
    doc = session.get(Document, original.document_id) if original.document_id else None
    return create_request(
        session,
        actor.name,
        asks=Asks.from_json(json.loads(original.asks or "{}")),
        due_on=due_on,
        document=doc.symbol if doc else None,
        form=original.form,
        language=original.language,
        today=today,
        reminder_of=original,
        only=still_open,
    )
