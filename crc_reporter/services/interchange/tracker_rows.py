"""The tracker's rows, read from the store in bulk (one query per sheet, not per row)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.models import Actor, Assessment, Document, Recommendation, RecommendationPart

Row = dict[str, Any]


def recommendation_rows(session: Session) -> list[Row]:
    return [
        {
            "uuid": r.uuid,
            "document": r.document,
            "number": r.number,
            "cluster": r.cluster,
            "subheading": r.subheading,
            "kind": r.kind,
            "urgent": r.urgent,
            "articles": ", ".join(r.articles),
            "text": r.text,
            "responsible": list(r.responsible),
            "government_status": r.government_status,
            "civil_society_status": r.civil_society_status,
            "actions": r.action_count,
        }
        for r in list_recommendations(session)
    ]


def action_rows(session: Session, include_confidential: bool) -> list[Row]:
    rows = []
    for a in list_actions(session, ActionFilter(include_confidential=include_confidential)):
        links = [f"{link.document} ¶{link.paragraph}" + (f"({link.part})" if link.part else "") for link in a.links]
        rows.append(
            {
                "uuid": a.uuid,
                "title": a.title,
                "actor": a.actor,
                "type": a.type,
                "status": a.status,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "description": a.description,
                "outcome": a.outcome,
                "confidential": a.confidential,
                "paragraphs": "; ".join(links),
            }
        )
    return rows


def assessment_rows(session: Session) -> list[Row]:
    stmt = (
        select(Assessment, Document.symbol, Recommendation.number, RecommendationPart.label, Actor.name)
        .join(Recommendation, Assessment.recommendation_id == Recommendation.id)
        .join(Document, Recommendation.document_id == Document.id)
        .outerjoin(RecommendationPart, Assessment.part_id == RecommendationPart.id)
        .outerjoin(Actor, Assessment.assessor_id == Actor.id)
        .order_by(Document.symbol, Recommendation.number, Assessment.assessed_on, Assessment.id)
    )
    return [
        {
            "uuid": a.uuid,
            "document": symbol,
            "number": number,
            "part": label,
            "side": a.side,
            "status": a.status,
            "assessed_on": a.assessed_on,
            "assessor": assessor,
            "note": a.note,
        }
        for a, symbol, number, label, assessor in session.execute(stmt)
    ]


def actor_rows(session: Session) -> list[Row]:
    return [
        {
            "uuid": a.uuid,
            "name": a.name,
            "short_name": a.short_name,
            "type": a.actor_type,
            "country": a.country,
            "contact": a.contact,
        }
        for a in session.scalars(select(Actor).order_by(Actor.name))
    ]


def document_rows(session: Session) -> list[Row]:
    return [
        {
            "uuid": d.uuid,
            "symbol": d.symbol,
            "treaty": d.treaty_code,
            "type": d.doc_type,
            "title": d.title,
            "date": d.date,
            "next_report_due": d.next_report_due,
        }
        for d in session.scalars(select(Document).order_by(Document.symbol))
    ]


def all_rows(session: Session, include_confidential: bool) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    out["recommendations"] = recommendation_rows(session)
    out["actions"] = action_rows(session, include_confidential)
    out["assessments"] = assessment_rows(session)
    out["actors"] = actor_rows(session)
    out["documents"] = document_rows(session)
    return out
