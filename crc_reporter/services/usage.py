"""What is linked to what: counts for the lists of actors and documents, and the links themselves."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.summaries import ActorUsage, DocumentUsage, LinkedRecommendation, RecommendationRow
from crc_reporter.services.recommendation_queries import RecommendationFilter
from crc_reporter.services.recommendation_rows import recommendation_rows
from crc_reporter.services.search import recommendation_match
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Assessment,
    Document,
    Recommendation,
    RecommendationPart,
    coalition_member,
    responsible_body,
)


def _pairs(result: Any) -> dict[int, int]:
    return {int(key): int(value) for key, value in result}


def actor_usage(session: Session) -> dict[int, ActorUsage]:
    """For every actor: its actions, the paragraphs it is responsible for, its assessments, its coalitions."""
    actions: dict[int, int] = _pairs(
        session.execute(
            select(Action.actor_id, func.count()).where(Action.actor_id.is_not(None)).group_by(Action.actor_id)
        )
    )
    responsible: dict[int, int] = _pairs(
        session.execute(select(responsible_body.c.actor_id, func.count()).group_by(responsible_body.c.actor_id))
    )
    assessments: dict[int, int] = _pairs(
        session.execute(
            select(Assessment.assessor_id, func.count())
            .where(Assessment.assessor_id.is_not(None))
            .group_by(Assessment.assessor_id)
        )
    )
    member_of: dict[int, list[str]] = defaultdict(list)
    for member_id, coalition in session.execute(
        select(coalition_member.c.member_id, Actor.name)
        .join(Actor, Actor.id == coalition_member.c.coalition_id)
        .order_by(Actor.name)
    ):
        member_of[member_id].append(coalition)
    return {
        actor_id: ActorUsage(
            actor_id=actor_id,
            actions=actions.get(actor_id, 0),
            responsible_for=responsible.get(actor_id, 0),
            assessments=assessments.get(actor_id, 0),
            member_of=tuple(member_of.get(actor_id, ())),
        )
        for actor_id in session.scalars(select(Actor.id))
    }


def responsible_for(session: Session, actor_id: int) -> list[RecommendationRow]:
    ids = session.scalars(select(responsible_body.c.recommendation_id).where(responsible_body.c.actor_id == actor_id))
    return recommendation_rows(session, list(ids))


def document_usage(session: Session) -> dict[int, DocumentUsage]:
    """For every document: its paragraphs (and urgent ones), the actions linked to them, their assessments."""
    paragraphs: dict[int, tuple[int, int]] = {
        doc_id: (total, int(urgent or 0))
        for doc_id, total, urgent in session.execute(
            select(
                Recommendation.document_id,
                func.count(),
                func.sum(func.cast(Recommendation.urgent, type_=Recommendation.number.type)),
            ).group_by(Recommendation.document_id)
        )
    }
    linked: dict[int, int] = _pairs(
        session.execute(
            select(Recommendation.document_id, func.count(func.distinct(ActionLink.action_id)))
            .select_from(ActionLink)
            .join(Recommendation, ActionLink.recommendation_id == Recommendation.id)
            .group_by(Recommendation.document_id)
        )
    )
    assessed: dict[int, int] = _pairs(
        session.execute(
            select(Recommendation.document_id, func.count())
            .select_from(Assessment)
            .join(Recommendation, Assessment.recommendation_id == Recommendation.id)
            .group_by(Recommendation.document_id)
        )
    )
    return {
        doc_id: DocumentUsage(
            document_id=doc_id,
            paragraphs=paragraphs.get(doc_id, (0, 0))[0],
            urgent=paragraphs.get(doc_id, (0, 0))[1],
            linked_actions=linked.get(doc_id, 0),
            assessments=assessed.get(doc_id, 0),
        )
        for doc_id in session.scalars(select(Document.id))
    }


def find_recommendation_rows(session: Session, flt: RecommendationFilter, limit: int = 500) -> list[RecommendationRow]:
    """Rows for a picker: by document and words typed, at most ``limit`` of them."""
    stmt = select(Recommendation.id).join(Document, Recommendation.document_id == Document.id)
    if flt.document:
        stmt = stmt.where(Document.symbol == flt.document)
    match = recommendation_match(session, flt.query) if flt.query else None
    if match is not None:
        stmt = stmt.where(Recommendation.id.in_(match))
    stmt = stmt.order_by(Document.date.desc().nulls_last(), Document.symbol, Recommendation.number).limit(limit)
    return recommendation_rows(session, list(session.scalars(stmt)))


def is_linked(session: Session, action_id: int, rec_id: int, part_id: int | None = None) -> bool:
    part = ActionLink.part_id.is_(None) if part_id is None else ActionLink.part_id == part_id
    found = session.scalar(
        select(ActionLink.id).where(ActionLink.action_id == action_id, ActionLink.recommendation_id == rec_id, part)
    )
    return found is not None


def linked_recommendations(session: Session, action_id: int) -> list[LinkedRecommendation]:
    rows = session.execute(
        select(
            ActionLink.recommendation_id,
            ActionLink.part_id,
            Document.symbol,
            Recommendation.number,
            RecommendationPart.label,
            func.coalesce(RecommendationPart.text, func.substr(Recommendation.text, 1, 300)),
        )
        .join(Recommendation, ActionLink.recommendation_id == Recommendation.id)
        .join(Document, Recommendation.document_id == Document.id)
        .outerjoin(RecommendationPart, ActionLink.part_id == RecommendationPart.id)
        .where(ActionLink.action_id == action_id)
        .order_by(
            Document.date.desc().nulls_last(), Document.symbol, Recommendation.number, RecommendationPart.position
        )
    )
    return [
        LinkedRecommendation(rec_id, part_id, symbol, number, part, " ".join(str(text).split()))
        for rec_id, part_id, symbol, number, part, text in rows
    ]
