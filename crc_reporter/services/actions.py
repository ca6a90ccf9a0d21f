"""Actions: what an actor did or plans, with evidence, linked to recommendations or parts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.enums import ActionStatus, ActionType
from crc_reporter.domain.records import ActionInfo, ActionLinkInfo, SourceInfo
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import check_version, parse_date, parse_enum, recommendation_by_id
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.permissions import require_confidential
from crc_reporter.services.search import action_match
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Document,
    Recommendation,
    RecommendationPart,
    Source,
)


@dataclass
class ActionFilter:
    document: str | None = None
    recommendation_id: int | None = None
    actor: str | None = None
    status: str | None = None
    include_confidential: bool = True
    query: str = ""
    overdue_on: dt.date | None = None  # only actions past their end date and not completed


def get_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(_("no action with id {id}").format(id=action_id))
    return action


def list_actions(session: Session, flt: ActionFilter | None = None) -> list[ActionInfo]:
    flt = flt or ActionFilter()
    stmt = select(Action).options(selectinload(Action.sources), selectinload(Action.actor))
    if flt.document or flt.recommendation_id:
        linked = select(ActionLink.action_id).join(Recommendation, ActionLink.recommendation_id == Recommendation.id)
        if flt.document:
            linked = linked.join(Document, Recommendation.document_id == Document.id).where(
                Document.symbol == normalise_symbol(flt.document)
            )
        if flt.recommendation_id:
            linked = linked.where(Recommendation.id == flt.recommendation_id)
        stmt = stmt.where(Action.id.in_(linked))
    if flt.actor:
        stmt = stmt.join(Actor, Action.actor_id == Actor.id).where(Actor.name == flt.actor)
    if flt.status:
        stmt = stmt.where(Action.status == parse_enum(ActionStatus, flt.status, N_("action status")).value)
    if not flt.include_confidential:
        stmt = stmt.where(Action.confidential.is_(False))
    if flt.overdue_on:
        stmt = stmt.where(
            Action.end_date < flt.overdue_on,
            Action.status.in_([ActionStatus.PLANNED.value, ActionStatus.ONGOING.value]),
        )
    match = action_match(session, flt.query) if flt.query else None
    if match is not None:
        stmt = stmt.where(Action.id.in_(match))
    actions = list(session.scalars(stmt.order_by(Action.start_date.desc().nulls_last(), Action.id)))
    links = _links_for(session, [a.id for a in actions]) if actions else {}
    return [_info(a, links.get(a.id, [])) for a in actions]


def _links_for(session: Session, action_ids: list[int]) -> dict[int, list[ActionLinkInfo]]:
    out: dict[int, list[ActionLinkInfo]] = defaultdict(list)
    stmt = (
        select(ActionLink.action_id, Document.symbol, Recommendation.number, RecommendationPart.label)
        .join(Recommendation, ActionLink.recommendation_id == Recommendation.id)
        .join(Document, Recommendation.document_id == Document.id)
        .outerjoin(RecommendationPart, ActionLink.part_id == RecommendationPart.id)
        .order_by(Document.symbol, Recommendation.number, RecommendationPart.position)
    )
    if len(action_ids) < 30000:
        stmt = stmt.where(ActionLink.action_id.in_(action_ids))
    for action_id, symbol, number, label in session.execute(stmt):
        out[action_id].append(ActionLinkInfo(document=symbol, paragraph=number, part=label))
    return out


def _info(action: Action, links: list[ActionLinkInfo]) -> ActionInfo:
    return ActionInfo(
        id=action.id,
        uuid=action.uuid,
        title=action.title,
        description=action.description,
        actor=action.actor.name if action.actor else None,
        actor_type=action.actor.actor_type if action.actor else None,
        type=action.action_type,
        status=action.status,
        start_date=action.start_date,
        end_date=action.end_date,
        outcome=action.outcome,
        confidential=action.confidential,
        sources=tuple(SourceInfo(s.title, s.url, s.file_ref) for s in action.sources),
        links=tuple(links),
        version=action.version,
    )


def action_info(session: Session, action_id: int) -> ActionInfo:
    action = get_action(session, action_id)
    return _info(action, _links_for(session, [action_id]).get(action_id, []))


def create_action(
    session: Session,
    title: str,
    *,
    actor_id: int | None = None,
    action_type: str = ActionType.OTHER.value,
    status: str = ActionStatus.PLANNED.value,
    description: str = "",
    start_date: str | dt.date | None = None,
    end_date: str | dt.date | None = None,
    outcome: str = "",
    confidential: bool = False,
    sources: Iterable[tuple[str, str | None]] = (),
    uuid: str | None = None,
) -> Action:
    """``uuid``: the record's identity when the caller derives it (a tracker row merged twice is one record)."""
    if not title.strip():
        raise ValidationError(_("an action needs a title"))
    if actor_id is not None and session.get(Actor, actor_id) is None:
        raise NotFoundError(_("no actor with id {id}").format(id=actor_id))
    if confidential:
        require_confidential(session)
    start, end = parse_date(start_date, N_("start date")), parse_date(end_date, N_("end date"))
    if start and end and end < start:
        raise ValidationError(_("an action cannot end before it starts"))
    action = Action(
        title=title.strip(),
        actor_id=actor_id,
        action_type=parse_enum(ActionType, action_type, N_("action type")).value,
        status=parse_enum(ActionStatus, status, N_("action status")).value,
        description=description,
        start_date=start,
        end_date=end,
        outcome=outcome,
        confidential=confidential,
    )
    action.sources = [Source(title=t, url=u) for t, u in sources]
    if uuid:
        action.uuid = uuid
    session.add(action)
    session.flush()
    return action


_EDITABLE = {
    "title",
    "actor_id",
    "action_type",
    "status",
    "description",
    "start_date",
    "end_date",
    "outcome",
    "confidential",
}


def update_action(
    session: Session, action_id: int, *, expected_version: int | None = None, **fields: object
) -> dict[str, object]:
    """Change fields; returns the previous values (for undo)."""
    action = get_action(session, action_id)
    check_version(action, expected_version, fields, N_("this action"))
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError(_("cannot change {fields} of an action").format(fields=", ".join(sorted(unknown))))
    previous: dict[str, object] = {}
    for key, value in fields.items():
        if key == "action_type":
            value = parse_enum(ActionType, str(value), N_("action type")).value
        elif key == "status":
            value = parse_enum(ActionStatus, str(value), N_("action status")).value
        elif key in ("start_date", "end_date"):
            value = parse_date(value if value is None or isinstance(value, (str, dt.date)) else str(value))
        elif key == "title" and not str(value).strip():
            raise ValidationError(_("an action needs a title"))
        elif key == "confidential" and value:
            require_confidential(session)
        elif key == "actor_id" and value is not None and session.get(Actor, value) is None:
            raise NotFoundError(_("no actor with id {id}").format(id=value))
        previous[key] = getattr(action, key)
        setattr(action, key, value)
    if action.start_date and action.end_date and action.end_date < action.start_date:
        raise ValidationError(_("an action cannot end before it starts"))
    session.flush()
    return previous


def set_sources(
    session: Session, action_id: int, sources: Iterable[tuple[str, str | None]]
) -> list[tuple[str, str | None]]:
    action = get_action(session, action_id)
    previous = [(s.title, s.url) for s in action.sources]
    action.sources = [Source(title=t, url=u) for t, u in sources if t.strip()]
    session.flush()
    return previous


def delete_action(session: Session, action_id: int) -> None:
    session.delete(get_action(session, action_id))
    session.flush()


def link_action(session: Session, action_id: int, rec_id: int, part_id: int | None = None) -> ActionLink:
    """Link an action to a recommendation or one of its parts (linking twice is harmless)."""
    get_action(session, action_id)
    rec = recommendation_by_id(session, rec_id)
    if part_id is not None and part_id not in {p.id for p in rec.parts}:
        raise NotFoundError(_("paragraph {number} has no part with id {id}").format(number=rec.number, id=part_id))
    link = session.scalar(
        select(ActionLink).where(
            ActionLink.action_id == action_id,
            ActionLink.recommendation_id == rec_id,
            ActionLink.part_id.is_(None) if part_id is None else ActionLink.part_id == part_id,
        )
    )
    if link is None:
        link = ActionLink(action_id=action_id, recommendation_id=rec_id, part_id=part_id)
        session.add(link)
        session.flush()
    return link


def unlink_action(session: Session, action_id: int, rec_id: int, part_id: int | None = None) -> bool:
    link = session.scalar(
        select(ActionLink).where(
            ActionLink.action_id == action_id,
            ActionLink.recommendation_id == rec_id,
            ActionLink.part_id.is_(None) if part_id is None else ActionLink.part_id == part_id,
        )
    )
    if link is None:
        return False
    session.delete(link)
    session.flush()
    return True
