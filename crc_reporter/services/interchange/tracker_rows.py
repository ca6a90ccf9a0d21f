"""The tracker's rows, read from the store in bulk (one query per sheet, not per row)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.models import Actor, Assessment, Document, Indicator, Recommendation, RecommendationPart

Row = dict[str, Any]


def recommendation_rows(session: Session, side: str | None = None, lang: str | None = None) -> list[Row]:
    """One row per paragraph. ``lang``: the workbook's language (its translation is shown where one exists);
    ``side``: whose latest comment and evidence are shown (None: the latest of either side)."""
    notes = latest_notes(session, side)
    rows = []
    for r in list_recommendations(session):
        translated = bool(lang and r.translation and r.translation_lang == lang and lang != "en")
        note, evidence = notes.get(r.id, ("", ""))
        rows.append(
            {
                "uuid": r.uuid,
                "document": r.document,
                "number": r.number,
                "mechanism": r.mechanism,
                "reference": r.reference,
                "cluster": r.cluster,
                "subheading": r.subheading,
                "kind": r.kind,
                "urgent": r.urgent,
                "articles": ", ".join(r.articles),
                "text": r.translation if translated else r.text,
                "translated": translated,
                "sdg_targets": ", ".join(r.sdg_targets),
                "themes": "; ".join(r.themes),
                "affected_groups": "; ".join(r.affected_groups),
                "previous": "; ".join(f"{p.document} ¶{p.paragraph}" for p in r.previous),
                "recommending_states": list(r.recommending_states),
                "position": r.position,
                "responsible": list(r.responsible),
                "government_status": r.government_status,
                "civil_society_status": r.civil_society_status,
                "comment": note,
                "evidence": evidence,
                "actions": r.action_count,
            }
        )
    return rows


def latest_notes(session: Session, side: str | None) -> dict[int, tuple[str, str]]:
    """Per paragraph (its own assessments, not its parts'), the note and evidence of the latest assessment
    of ``side`` (or of either side)."""
    stmt = select(Assessment.recommendation_id, Assessment.note, Assessment.evidence).where(
        Assessment.part_id.is_(None)
    )
    if side:
        stmt = stmt.where(Assessment.side == side)
    out: dict[int, tuple[str, str]] = {}
    for rec_id, note, evidence in session.execute(stmt.order_by(Assessment.assessed_on, Assessment.id)):
        out[rec_id] = (note or "", evidence or "")
    return out


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
            "evidence": a.evidence,
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


def indicator_rows(session: Session) -> list[Row]:
    """One row per value of each indicator, and one empty row per indicator for this year's value to be typed in."""
    rows: list[Row] = []
    this_year = dt.date.today().year
    for ind in session.scalars(select(Indicator).options(selectinload(Indicator.values)).order_by(Indicator.name)):
        values = sorted(ind.values, key=lambda v: (v.year, v.sex or "", v.age_group or "", v.province or ""))
        for v in values:
            rows.append(
                {
                    "uuid": v.uuid,
                    "indicator": ind.name,
                    "unit": ind.unit,
                    "year": v.year,
                    "sex": v.sex,
                    "age_group": v.age_group,
                    "province": v.province,
                    "value": v.value,
                    "note": v.note,
                }
            )
        if not any(v.year == this_year and not (v.sex or v.age_group or v.province) for v in values):
            rows.append({"uuid": None, "indicator": ind.name, "unit": ind.unit, "year": this_year})
    return rows


def all_rows(
    session: Session, include_confidential: bool, side: str | None = None, lang: str | None = None
) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    out["recommendations"] = recommendation_rows(session, side, lang)
    out["actions"] = action_rows(session, include_confidential)
    out["assessments"] = assessment_rows(session)
    out["indicators"] = indicator_rows(session)
    out["actors"] = actor_rows(session)
    out["documents"] = document_rows(session)
    return out
