"""Merging a document imported twice into the copy to keep, in a way that can be undone.

Paragraphs are matched by number. A duplicate paragraph whose number the kept
document also has is folded into it: its action links, assessments, tags,
responsible bodies and indicator links move to the kept paragraph (parts
matched by letter), then it is deleted. A paragraph only the duplicate has
simply moves. The record returned says exactly what moved, was added or was
deleted, so that :func:`undo_document_merge` can put everything back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from crc_reporter.domain.records import DocumentInfo
from crc_reporter.i18n import _
from crc_reporter.services.common import document_by_symbol
from crc_reporter.services.documents import get_document
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.restore import restore_document
from crc_reporter.store.models import (
    ActionLink,
    Assessment,
    Document,
    PreviousReference,
    Recommendation,
    RecommendationPart,
    indicator_recommendation,
    recommendation_tag,
    responsible_body,
)

Move = tuple[int, int, int | None]  # (row id, former recommendation id, former part id)


@dataclass(frozen=True)
class ParagraphSnapshot:
    id: int
    uuid: str
    number: int
    fields: dict[str, object]
    parts: tuple[tuple[int, str, str, str, int], ...]  # (id, uuid, label, text, position)
    previous: tuple[tuple[str, int], ...]
    tags: tuple[int, ...]
    responsible: tuple[int, ...]
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class DocumentMerge:
    keep_id: int
    duplicate: DocumentInfo
    duplicate_notes: str
    moved_paragraphs: tuple[int, ...]
    folded: tuple[ParagraphSnapshot, ...]
    moved_links: tuple[Move, ...]
    dropped_links: tuple[tuple[str, int, int, int | None], ...]  # (uuid, action, rec, part) already on the kept side
    moved_assessments: tuple[Move, ...]
    added: tuple[tuple[str, int, int], ...]  # (association table, kept rec id, other id)
    moved_translations: tuple[int, ...] = ()  # kept paragraphs that took the duplicate's translation


_LINK_TABLES = {
    "tag": (recommendation_tag, "tag_id"),
    "responsible": (responsible_body, "actor_id"),
    "indicator": (indicator_recommendation, "indicator_id"),
}


def _linked(session: Session, kind: str, rec_id: int) -> set[int]:
    table, column = _LINK_TABLES[kind]
    return set(session.scalars(select(table.c[column]).where(table.c.recommendation_id == rec_id)))


def _snapshot(session: Session, rec: Recommendation) -> ParagraphSnapshot:
    return ParagraphSnapshot(
        id=rec.id,
        uuid=rec.uuid,
        number=rec.number,
        fields={
            k: getattr(rec, k)
            for k in (
                "text",
                "kind",
                "cluster",
                "subheading",
                "urgent",
                "articles",
                "user_edited",
                "created_at",
                "translation",
                "translation_lang",
                "label",
                "recommending_states",
                "position",
                "upr_session",
                "upr_cycle",
                "cluster_confirmed",
            )
        },
        parts=tuple((p.id, p.uuid, p.label, p.text, p.position) for p in rec.parts),
        previous=tuple((p.symbol, p.paragraph) for p in rec.previous),
        tags=tuple(sorted(_linked(session, "tag", rec.id))),
        responsible=tuple(sorted(_linked(session, "responsible", rec.id))),
        indicators=tuple(sorted(_linked(session, "indicator", rec.id))),
    )


def merge_documents(session: Session, keep_symbol: str, duplicate_symbol: str) -> DocumentMerge:
    keep, dup = document_by_symbol(session, keep_symbol), document_by_symbol(session, duplicate_symbol)
    if keep.id == dup.id:
        raise ValidationError(_("choose two different documents to merge"))
    info, notes = get_document(session, dup.symbol), dup.notes
    kept_by_number = {r.number: r for r in keep.recommendations}
    moved, folded, moved_links, dropped, moved_assessments, added = [], [], [], [], [], []
    moved_translations: list[int] = []
    for rec in list(dup.recommendations):
        target = kept_by_number.get(rec.number)
        if target is None:
            rec.document_id = keep.id
            moved.append(rec.id)
            continue
        folded.append(_snapshot(session, rec))
        if rec.translation and not target.translation:  # a translation typed on the duplicate is not lost
            target.translation, target.translation_lang = rec.translation, rec.translation_lang
            moved_translations.append(target.id)
        parts = {p.label: p.id for p in target.parts}
        part_label = {p.id: p.label for p in rec.parts}
        for link in session.scalars(select(ActionLink).where(ActionLink.recommendation_id == rec.id)):
            new_part = parts.get(part_label.get(link.part_id, "")) if link.part_id else None
            clash = session.scalar(
                select(ActionLink.id).where(
                    ActionLink.action_id == link.action_id,
                    ActionLink.recommendation_id == target.id,
                    ActionLink.part_id.is_(None) if new_part is None else ActionLink.part_id == new_part,
                )
            )
            if clash is not None:
                dropped.append((link.uuid, link.action_id, rec.id, link.part_id))
                session.delete(link)
            else:
                moved_links.append((link.id, rec.id, link.part_id))
                link.recommendation_id, link.part_id = target.id, new_part
        for row in session.scalars(select(Assessment).where(Assessment.recommendation_id == rec.id)):
            moved_assessments.append((row.id, rec.id, row.part_id))
            row.recommendation_id = target.id
            row.part_id = parts.get(part_label.get(row.part_id, "")) if row.part_id else None
        session.flush()
        for kind, (table, column) in _LINK_TABLES.items():
            for other in _linked(session, kind, rec.id) - _linked(session, kind, target.id):
                session.execute(insert(table).values({"recommendation_id": target.id, column: other}))
                added.append((kind, target.id, other))
        session.delete(rec)
    session.flush()
    session.expire_all()
    session.delete(session.get(Document, dup.id))
    session.flush()
    return DocumentMerge(
        keep_id=keep.id,
        duplicate=info,
        duplicate_notes=notes,
        moved_paragraphs=tuple(moved),
        folded=tuple(folded),
        moved_links=tuple(moved_links),
        dropped_links=tuple(dropped),
        moved_assessments=tuple(moved_assessments),
        added=tuple(added),
        moved_translations=tuple(moved_translations),
    )


def undo_document_merge(session: Session, merge: DocumentMerge) -> int:
    """Bring the duplicate back with its paragraphs, links and assessments; returns its id."""
    dup_id = restore_document(session, merge.duplicate)
    session.get(Document, dup_id).notes = merge.duplicate_notes  # type: ignore[union-attr]
    for kind, rec_id, other in merge.added:
        table, column = _LINK_TABLES[kind]
        session.execute(delete(table).where(table.c.recommendation_id == rec_id, table.c[column] == other))
    for rec in session.scalars(select(Recommendation).where(Recommendation.id.in_(merge.moved_paragraphs))):
        rec.document_id = dup_id
    for rec in session.scalars(select(Recommendation).where(Recommendation.id.in_(merge.moved_translations))):
        rec.translation, rec.translation_lang = None, None
    for snap in merge.folded:
        rec = Recommendation(id=snap.id, uuid=snap.uuid, document_id=dup_id, number=snap.number, **snap.fields)
        rec.parts = [
            RecommendationPart(id=pid, uuid=puuid, label=label, text=text, position=position)
            for pid, puuid, label, text, position in snap.parts
        ]
        rec.previous = [PreviousReference(symbol=s, paragraph=p) for s, p in snap.previous]
        session.add(rec)
        session.flush()
        for kind, ids in (("tag", snap.tags), ("responsible", snap.responsible), ("indicator", snap.indicators)):
            table, column = _LINK_TABLES[kind]
            for other in ids:
                session.execute(insert(table).values({"recommendation_id": snap.id, column: other}))
    for link_id, rec_id, part_id in merge.moved_links:
        link = session.get(ActionLink, link_id)
        if link is not None:
            link.recommendation_id, link.part_id = rec_id, part_id
    for link_uuid, action_id, rec_id, part_id in merge.dropped_links:
        session.add(ActionLink(uuid=link_uuid, action_id=action_id, recommendation_id=rec_id, part_id=part_id))
    for assessment_id, rec_id, part_id in merge.moved_assessments:
        row = session.get(Assessment, assessment_id)
        if row is not None:
            row.recommendation_id, row.part_id = rec_id, part_id
    session.flush()
    return dup_id
