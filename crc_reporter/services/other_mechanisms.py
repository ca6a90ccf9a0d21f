"""What the State and alternative reports cite from other mechanisms: related and placed recommendations.

Under each paragraph of concluding observations a report answers, the
recommendations of the UPR and the other treaty bodies a person linked to it
("see also UPR recommendations 110.45–110.52, supported"), with the actions
that answer them; at the end of each cluster chapter, those placed in the
cluster (confirmed) that no paragraph answered is linked to.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.records import DocumentInfo
from crc_reporter.domain.related import CRC_FAMILY, RecRef
from crc_reporter.domain.report_records import (
    LinkedAction,
    OtherMechanisms,
    OtherRecommendation,
    ProtocolSection,
    ReportData,
    ReportItem,
)
from crc_reporter.services.documents import get_document
from crc_reporter.services.related_recommendations import rec_refs, related_ids
from crc_reporter.services.report_data import actions_by_paragraph, report_items
from crc_reporter.store.models import Document, Recommendation

ALL_MECHANISMS = "all"


def _order(ref: RecRef) -> tuple[bool, str, str, int]:
    """The UPR first (the one review covering every right), then the treaty bodies by name."""
    return (ref.mechanism != "UPR", ref.mechanism, ref.document, ref.number)


def other_mechanisms(
    session: Session, doc: DocumentInfo, items: Sequence[ReportItem], include_confidential: bool
) -> tuple[OtherMechanisms, int]:
    """The related and placed recommendations of other mechanisms for a report on ``doc``, and how many
    confidential actions answering them were left out."""
    answered = {item.recommendation.id for item in items}
    links = related_ids(session, answered)
    placed: list[int] = []
    if doc.country:
        placed = list(
            session.scalars(
                select(Recommendation.id)
                .join(Document, Recommendation.document_id == Document.id)
                .where(
                    Document.country == doc.country,
                    Document.treaty_code.not_in(CRC_FAMILY),
                    Recommendation.cluster.is_not(None),
                    Recommendation.cluster_confirmed.is_(True),
                    Recommendation.kind != RecommendationKind.OTHER.value,
                )
            )
        )
    refs = rec_refs(session, {i for ids in links.values() for i in ids} | set(placed))
    refs = {i: r for i, r in refs.items() if r.mechanism not in CRC_FAMILY}
    actions: dict[str, dict[int, list[LinkedAction]]] = {}
    left_out = 0
    for symbol in sorted({r.document for r in refs.values()}):
        actions[symbol], count = actions_by_paragraph(session, symbol, include_confidential)
        left_out += count

    def other(ref: RecRef) -> OtherRecommendation:
        return OtherRecommendation(ref, tuple(actions.get(ref.document, {}).get(ref.number, ())))

    by_recommendation: dict[int, tuple[OtherRecommendation, ...]] = {}
    cited: set[int] = set()
    for rec_id in answered:
        found = sorted((refs[i] for i in links.get(rec_id, ()) if i in refs), key=_order)
        if found:
            by_recommendation[rec_id] = tuple(other(r) for r in found)
            cited.update(r.id for r in found)
    by_cluster: dict[str, list[OtherRecommendation]] = defaultdict(list)
    for ref in sorted((refs[i] for i in placed if i in refs and i not in cited), key=_order):
        by_cluster[ref.cluster or ""].append(other(ref))
    return OtherMechanisms(by_recommendation, {k: tuple(v) for k, v in by_cluster.items()}), left_out


def with_other_mechanisms(session: Session, data: ReportData) -> ReportData:
    """``data`` with what it cites from other mechanisms (the paragraphs answered and the protocols')."""
    answered = [*data.items, *(i for p in data.protocols for i in p.items)]
    others, left_out = other_mechanisms(session, data.document, answered, data.include_confidential)
    return dataclasses.replace(
        data, other_mechanisms=others, confidential_left_out=data.confidential_left_out + left_out
    )


def _latest_documents(session: Session, doc: DocumentInfo, mechanism: str) -> list[str]:
    """The latest document with recommendations of each other mechanism (or of ``mechanism``) on the State."""
    if not doc.country:
        return []
    stmt = (
        select(Document.symbol, Document.treaty_code)
        .where(
            Document.country == doc.country,
            Document.id != doc.id,
            Document.id.in_(select(Recommendation.document_id)),
        )
        .order_by(Document.date.desc().nulls_last(), Document.id.desc())
    )
    if mechanism == ALL_MECHANISMS:
        stmt = stmt.where(Document.treaty_code.not_in(CRC_FAMILY))
    else:
        stmt = stmt.where(Document.treaty_code == mechanism)
    latest: dict[str, str] = {}
    for symbol, treaty in session.execute(stmt):
        latest.setdefault(treaty, symbol)
    return sorted(latest.values(), key=lambda s: (s.split("/")[0], s))


def with_mechanism(session: Session, data: ReportData, mechanism: str | None) -> ReportData:
    """A follow-up matrix of every mechanism (``all``: the document's recommendations, then the latest document
    of each other mechanism on the same State) or of one (``UPR``: only the UPR's); None: the document alone."""
    doc = data.document
    if not mechanism or mechanism == doc.treaty:
        return data
    civil_society_by = None
    if data.coalition is not None:
        civil_society_by = {data.coalition.name, *(m.name for m in data.coalition_members)}
    sections = list(data.protocols)
    left_out = data.confidential_left_out
    for symbol in _latest_documents(session, doc, mechanism):
        other = get_document(session, symbol)
        items, count = report_items(session, other, data.include_confidential, civil_society_by)
        sections.append(ProtocolSection(other, tuple(items)))
        left_out += count
    own = data.sections
    if mechanism != ALL_MECHANISMS:
        own = tuple(dataclasses.replace(s, items=()) for s in own)
        left_out -= data.confidential_left_out  # the document's own actions are not shown
    return dataclasses.replace(data, sections=own, protocols=tuple(sections), confidential_left_out=left_out)
