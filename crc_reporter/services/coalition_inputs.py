"""What a coalition enters for its alternative report, per paragraph or per cluster.

Two kinds of entry: a question the Committee could put in the list of issues
or ask during the dialogue, and a recommendation the coalition proposes for
the next concluding observations. Each is attached to one paragraph of a set
of concluding observations, or to a whole cluster of that document. Returns
plain records (no ORM objects) so the window and the CLI can keep them.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import Cluster, cluster_position
from crc_reporter.domain.report_records import CoalitionEntry
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import document_by_symbol, parse_enum, recommendation_by_id
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import CoalitionInput, Recommendation

#: Longest text accepted for one entry (a question or a recommendation is a paragraph, not a report).
MAX_TEXT = 4000


class InputKind(StrEnum):
    QUESTION = "question"
    RECOMMENDATION = "recommendation"


def _entry(row: CoalitionInput, rec: Recommendation | None) -> CoalitionEntry:
    return CoalitionEntry(
        id=row.id,
        uuid=row.uuid,
        kind=row.kind,
        text=row.text,
        document_id=row.document_id,
        recommendation_id=row.recommendation_id,
        paragraph=rec.number if rec else None,
        cluster=rec.cluster if rec else row.cluster,
        position=row.position,
        version=row.version,
    )


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("a question or a proposed recommendation needs some text"))
    if len(text) > MAX_TEXT:
        raise ValidationError(_("the text is too long (at most {count} characters)").format(count=MAX_TEXT))
    return text


def _cluster_key(key: str) -> str:
    return parse_enum(Cluster, key.strip(), N_("cluster")).value


def _next_position(session: Session, document_id: int) -> int:
    top = session.scalar(select(func.max(CoalitionInput.position)).where(CoalitionInput.document_id == document_id))
    return (top or 0) + 1


def add_entry(
    session: Session,
    kind: str,
    text: str,
    *,
    rec_id: int | None = None,
    document_id: int | None = None,
    cluster: str | None = None,
) -> CoalitionEntry:
    """Attach to a paragraph (``rec_id``) or to a cluster of a document (``document_id`` and ``cluster``)."""
    kind = parse_enum(InputKind, kind, N_("kind of entry")).value
    text = _clean_text(text)
    rec: Recommendation | None = None
    if rec_id is not None:
        rec = recommendation_by_id(session, rec_id)
        document_id, cluster = rec.document_id, None
    elif document_id is None or not cluster:
        raise ValidationError(_("choose a paragraph or a cluster"))
    else:
        cluster = _cluster_key(cluster)
    row = CoalitionInput(
        document_id=document_id,
        recommendation_id=rec.id if rec else None,
        cluster=cluster,
        kind=kind,
        text=text,
        position=_next_position(session, document_id),
    )
    session.add(row)
    session.flush()
    return _entry(row, rec)


def add_entry_by_ref(
    session: Session, kind: str, text: str, symbol: str, *, paragraph: int | None = None, cluster: str | None = None
) -> CoalitionEntry:
    """The CLI's way in: a document's symbol and a paragraph number or a cluster key."""
    doc = document_by_symbol(session, symbol)
    if (paragraph is None) == (cluster is None):
        raise ValidationError(_("choose a paragraph or a cluster"))
    if paragraph is not None:
        rec_id = session.scalar(
            select(Recommendation.id).where(Recommendation.document_id == doc.id, Recommendation.number == paragraph)
        )
        if rec_id is None:
            raise NotFoundError(_("{symbol} has no paragraph {number}").format(symbol=doc.symbol, number=paragraph))
        return add_entry(session, kind, text, rec_id=rec_id)
    return add_entry(session, kind, text, document_id=doc.id, cluster=cluster)


def _get(session: Session, entry_id: int) -> CoalitionInput:
    row = session.get(CoalitionInput, entry_id)
    if row is None:
        raise NotFoundError(_("no question or proposed recommendation with id {id}").format(id=entry_id))
    return row


def get_entry(session: Session, entry_id: int) -> CoalitionEntry:
    row = _get(session, entry_id)
    rec = session.get(Recommendation, row.recommendation_id) if row.recommendation_id else None
    return _entry(row, rec)


def update_entry(session: Session, entry_id: int, text: str) -> str:
    """Change the text; returns the previous text (for undo)."""
    row = _get(session, entry_id)
    previous = row.text
    row.text = _clean_text(text)
    session.flush()
    return previous


def delete_entry(session: Session, entry_id: int) -> CoalitionEntry:
    """Delete; returns what was deleted (undo adds it back)."""
    entry = get_entry(session, entry_id)
    session.delete(_get(session, entry_id))
    session.flush()
    return entry


def restore_entry(session: Session, entry: CoalitionEntry) -> CoalitionEntry:
    """Undo of a deletion: the same record again (same UUID, place and text)."""
    row = CoalitionInput(
        uuid=entry.uuid,
        document_id=entry.document_id,
        recommendation_id=entry.recommendation_id,
        cluster=None if entry.recommendation_id else entry.cluster,
        kind=entry.kind,
        text=entry.text,
        position=entry.position,
    )
    session.add(row)
    session.flush()
    rec = session.get(Recommendation, row.recommendation_id) if row.recommendation_id else None
    return _entry(row, rec)


def entries_for_recommendation(session: Session, rec_id: int) -> list[CoalitionEntry]:
    rec = recommendation_by_id(session, rec_id)
    rows = session.scalars(
        select(CoalitionInput).where(CoalitionInput.recommendation_id == rec_id).order_by(CoalitionInput.position)
    )
    return [_entry(row, rec) for row in rows]


def entries_for_document(session: Session, document_id: int) -> list[CoalitionEntry]:
    """Every entry of a document, in report order: cluster, then paragraph (cluster-wide first), then entry."""
    rows = session.execute(
        select(CoalitionInput, Recommendation)
        .outerjoin(Recommendation, CoalitionInput.recommendation_id == Recommendation.id)
        .where(CoalitionInput.document_id == document_id)
    ).all()
    entries = [_entry(row, rec) for row, rec in rows]
    return sorted(entries, key=lambda e: (cluster_position(e.cluster), e.paragraph or 0, e.position, e.id))


def entries_for_cluster(session: Session, document_id: int, cluster: str) -> list[CoalitionEntry]:
    """The entries attached to the cluster itself (not to one of its paragraphs)."""
    rows = session.scalars(
        select(CoalitionInput)
        .where(
            CoalitionInput.document_id == document_id,
            CoalitionInput.recommendation_id.is_(None),
            CoalitionInput.cluster == _cluster_key(cluster),
        )
        .order_by(CoalitionInput.position)
    )
    return [_entry(row, None) for row in rows]
