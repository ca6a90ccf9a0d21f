"""Deleting records so that they can be put back exactly: the basis of undo for deletions.

Each ``delete_*_recorded`` function returns a snapshot of everything the
deletion removes or detaches; ``restore_*`` recreates the record from it with
the same UUID (so that copies on other laptops see the same record again) and,
when it is still free, the same id. Both are ordinary committed edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.records import ActionInfo, AssessmentInfo, DocumentInfo, IndicatorInfo
from crc_reporter.i18n import _, ngettext
from crc_reporter.services.actions import action_info, get_action
from crc_reporter.services.actors import get_actor
from crc_reporter.services.assessments import _info as assessment_record
from crc_reporter.services.common import document_by_symbol, part_by_label, recommendation_by_id
from crc_reporter.services.documents import get_document
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.indicators import get_indicator, indicator_info
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Assessment,
    Document,
    Indicator,
    IndicatorValue,
    Recommendation,
    Source,
    coalition_member,
    indicator_action,
    responsible_body,
)


def _identity(session: Session, model: Any, record_id: int, uuid: str) -> dict[str, Any]:
    """The id and uuid a restored record takes back: each one it had, unless another row holds it by now.

    Keeping them lets the undo history and other copies of the store (exchange
    packages) find the record again; a taken one is left to the database to assign.
    """
    free_uuid = session.scalar(select(model.id).where(model.uuid == uuid)) is None
    return {
        "id": record_id if session.get(model, record_id) is None else None,
        "uuid": uuid if free_uuid else None,
    }


# --- actions --------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSnapshot:
    info: ActionInfo
    actor_id: int | None
    links: tuple[tuple[int, int | None], ...]  # (recommendation id, part id)
    indicators: tuple[int, ...]


def action_snapshot(session: Session, action_id: int) -> ActionSnapshot:
    action = get_action(session, action_id)
    links = session.execute(
        select(ActionLink.recommendation_id, ActionLink.part_id).where(ActionLink.action_id == action_id)
    ).all()
    indicators = session.scalars(
        select(indicator_action.c.indicator_id).where(indicator_action.c.action_id == action_id)
    )
    return ActionSnapshot(
        info=action_info(session, action_id),
        actor_id=action.actor_id,
        links=tuple((rec, part) for rec, part in links),
        indicators=tuple(indicators),
    )


def delete_action_recorded(session: Session, action_id: int) -> ActionSnapshot:
    snapshot = action_snapshot(session, action_id)
    session.delete(get_action(session, action_id))
    session.flush()
    return snapshot


def restore_action(session: Session, snap: ActionSnapshot) -> int:
    info = snap.info
    action = Action(
        **_identity(session, Action, info.id, info.uuid),
        title=info.title,
        description=info.description,
        actor_id=snap.actor_id if snap.actor_id and session.get(Actor, snap.actor_id) else None,
        action_type=info.type,
        status=info.status,
        start_date=info.start_date,
        end_date=info.end_date,
        outcome=info.outcome,
        confidential=info.confidential,
    )
    action.sources = [Source(title=s.title, url=s.url, file_ref=s.file_ref) for s in info.sources]
    session.add(action)
    session.flush()
    for rec_id, part_id in snap.links:
        if session.get(Recommendation, rec_id) is not None:
            session.add(ActionLink(action_id=action.id, recommendation_id=rec_id, part_id=part_id))
    for indicator_id in snap.indicators:
        indicator = session.get(Indicator, indicator_id)
        if indicator is not None:
            indicator.actions.append(action)
    session.flush()
    return action.id


# --- actors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorSnapshot:
    id: int
    uuid: str
    name: str
    short_name: str | None
    actor_type: str
    country: str | None
    contact: str
    actions: tuple[int, ...]
    assessments: tuple[int, ...]
    responsible_for: tuple[int, ...]
    members: tuple[int, ...]
    member_of: tuple[int, ...]


def actor_snapshot(session: Session, actor_id: int) -> ActorSnapshot:
    actor = get_actor(session, actor_id)

    def _ids(stmt: Any) -> tuple[int, ...]:
        return tuple(sorted(session.scalars(stmt)))

    return ActorSnapshot(
        id=actor.id,
        uuid=actor.uuid,
        name=actor.name,
        short_name=actor.short_name,
        actor_type=actor.actor_type,
        country=actor.country,
        contact=actor.contact,
        actions=_ids(select(Action.id).where(Action.actor_id == actor_id)),
        assessments=_ids(select(Assessment.id).where(Assessment.assessor_id == actor_id)),
        responsible_for=_ids(
            select(responsible_body.c.recommendation_id).where(responsible_body.c.actor_id == actor_id)
        ),
        members=tuple(sorted(m.id for m in actor.members)),
        member_of=_ids(select(coalition_member.c.coalition_id).where(coalition_member.c.member_id == actor_id)),
    )


def delete_actor_recorded(session: Session, actor_id: int) -> ActorSnapshot:
    snapshot = actor_snapshot(session, actor_id)
    session.delete(get_actor(session, actor_id))
    session.flush()
    return snapshot


def restore_actor(session: Session, snap: ActorSnapshot) -> int:
    """Recreate an actor and point its actions, assessments, responsibilities and memberships back at it."""
    if session.scalar(select(Actor.id).where(Actor.name == snap.name)) is not None:
        raise ValidationError(_("an actor named {name} already exists").format(name=snap.name))
    actor = Actor(
        **_identity(session, Actor, snap.id, snap.uuid),
        name=snap.name,
        short_name=snap.short_name,
        actor_type=snap.actor_type,
        country=snap.country,
        contact=snap.contact,
    )
    actor.members = [m for m in (session.get(Actor, i) for i in snap.members) if m is not None]
    session.add(actor)
    session.flush()
    for action in session.scalars(select(Action).where(Action.id.in_(snap.actions))):
        action.actor_id = actor.id
    for assessment in session.scalars(select(Assessment).where(Assessment.id.in_(snap.assessments))):
        assessment.assessor_id = actor.id
    for rec in session.scalars(select(Recommendation).where(Recommendation.id.in_(snap.responsible_for))):
        if actor not in rec.responsible:
            rec.responsible.append(actor)
    for coalition in session.scalars(select(Actor).where(Actor.id.in_(snap.member_of))):
        if actor not in coalition.members:
            coalition.members.append(actor)
    session.flush()
    return actor.id


# --- indicators -----------------------------------------------------------------------


def delete_indicator_recorded(session: Session, indicator_id: int) -> IndicatorInfo:
    info = indicator_info(session, indicator_id)
    session.delete(get_indicator(session, indicator_id))
    session.flush()
    return info


def restore_indicator(session: Session, info: IndicatorInfo) -> int:
    ind = Indicator(
        **_identity(session, Indicator, info.id, info.uuid),
        name=info.name,
        unit=info.unit,
        source=info.source,
        description=info.description,
    )
    ind.values = [
        IndicatorValue(year=v.year, value=v.value, sex=v.sex, age_group=v.age_group, province=v.province, note=v.note)
        for v in info.values
    ]
    ind.recommendations = list(
        session.scalars(select(Recommendation).where(Recommendation.id.in_(info.recommendations)))
    )
    ind.actions = list(session.scalars(select(Action).where(Action.id.in_(info.actions))))
    session.add(ind)
    session.flush()
    return ind.id


# --- documents and assessments --------------------------------------------------------


def delete_document_recorded(session: Session, symbol: str) -> DocumentInfo:
    """Delete a document that has no paragraphs (one with paragraphs is re-imported, not undone)."""
    info = get_document(session, symbol)
    if info.paragraphs:
        raise ValidationError(
            ngettext(
                "{symbol} has {count} paragraph; only an empty document can be deleted",
                "{symbol} has {count} paragraphs; only an empty document can be deleted",
                info.paragraphs,
            ).format(symbol=info.symbol, count=info.paragraphs)
        )
    session.delete(document_by_symbol(session, symbol))
    session.flush()
    return info


def restore_document(session: Session, info: DocumentInfo) -> int:
    doc = Document(
        **_identity(session, Document, info.id, info.uuid),
        symbol=info.symbol,
        treaty_code=info.treaty,
        doc_type=info.type,
        title=info.title,
        country=info.country,
        date=info.date,
        next_report_due=info.next_report_due,
        next_report_word_limit=info.word_limit,
    )
    session.add(doc)
    session.flush()
    return doc.id


def delete_assessment_recorded(session: Session, assessment_id: int) -> tuple[AssessmentInfo, int | None]:
    """Remove a mistaken entry; returns it and its assessor's id, for :func:`restore_assessment`."""
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFoundError(_("no assessment with id {id}").format(id=assessment_id))
    recorded = (assessment_record(row), row.assessor_id)
    session.delete(row)
    session.flush()
    return recorded


def restore_assessment(session: Session, info: AssessmentInfo, assessor_id: int | None) -> int:
    rec = recommendation_by_id(session, info.recommendation_id)
    part = part_by_label(rec, info.part_label)
    row = Assessment(
        **_identity(session, Assessment, info.id, info.uuid),
        recommendation_id=rec.id,
        part_id=part.id if part else None,
        side=info.side,
        status=info.status,
        assessed_on=info.assessed_on,
        assessor_id=assessor_id if assessor_id and session.get(Actor, assessor_id) else None,
        note=info.note,
        evidence=info.evidence,
        recorded_by=info.recorded_by,
    )
    session.add(row)
    session.flush()
    return row.id
