"""Related recommendations across mechanisms: proposed by text similarity, linked or rejected by a person.

The CRC and the UPR (or CEDAW, CRPD…) often raise the same issue for the same
State. :func:`propose_related` compares the texts of recommendations of
different mechanisms about the same country (TF-IDF cosine,
:mod:`crc_reporter.domain.similarity`) and lists the pairs no one has judged
yet; a person links a pair (:func:`set_relation` with ``linked``) or rejects it
(``rejected``: it is not offered again). Links travel in exchange packages
(table ``recommendation_relation``, revision 0015) and the reports cite them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.related import (
    LINKED,
    REJECTED,
    RecRef,
    RelatedProposal,
    Relation,
    RelationSnapshot,
    mechanism_group,
)
from crc_reporter.domain.similarity import SimilarityIndex
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import _
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import Document, Recommendation, RecommendationPart, RecommendationRelation

STATUSES = (LINKED, REJECTED)
#: the lowest similarity worth showing a person (0–1)
MIN_SCORE = 0.25
_STATES_AT_END = re.compile(r"\s*\([^()]{2,200}\)\s*[.;]?\s*$")
_OPENING = 200


def _ref_columns() -> tuple:
    return (
        Recommendation.id,
        Document.symbol,
        Document.treaty_code,
        Recommendation.number,
        Recommendation.label,
        Recommendation.position,
        Recommendation.cluster,
        Recommendation.cluster_confirmed,
        func.substr(Recommendation.text, 1, _OPENING),
    )


def _ref(row: tuple) -> RecRef:
    rec_id, symbol, treaty, number, label, position, cluster, confirmed, text = row
    return RecRef(
        id=rec_id,
        document=symbol,
        mechanism=treaty,
        number=number,
        label=label,
        position=position,
        cluster=cluster,
        cluster_confirmed=bool(confirmed),
        text=" ".join((text or "").split()),
    )


def rec_refs(session: Session, ids: Iterable[int]) -> dict[int, RecRef]:
    """``{id: RecRef}`` for the recommendations among ``ids`` that exist."""
    wanted = list(dict.fromkeys(ids))
    out: dict[int, RecRef] = {}
    for start in range(0, len(wanted), 900):  # SQLite's limit on bound parameters
        chunk = wanted[start : start + 900]
        for row in session.execute(
            select(*_ref_columns())
            .join(Document, Recommendation.document_id == Document.id)
            .where(Recommendation.id.in_(chunk))
        ).all():
            out[row[0]] = _ref(tuple(row))
    return out


def comparable_text(text: str, mechanism: str) -> str:
    """The text compared: a UPR recommendation without its recommending States in brackets at the end."""
    return _STATES_AT_END.sub("", text) if mechanism == "UPR" else text


def _pieces(text: str, parts: list[str]) -> list[str]:
    """What is compared of a paragraph: its lead-in and each lettered part on its own (a long paragraph of the
    Committee covers several issues; the UPR's one-line recommendation matches one of its parts), or the whole."""
    if not parts:
        return [text]
    cut = text.find("(a)")
    lead = text[:cut] if cut > 0 else ""
    return [piece for piece in (lead, *parts) if piece.strip()] or [text]


def _judged_pairs(session: Session) -> set[tuple[int, int]]:
    return {
        (min(a, b), max(a, b))
        for a, b in session.execute(select(RecommendationRelation.recommendation_id, RecommendationRelation.related_id))
    }


def propose_related(
    session: Session,
    *,
    only: Collection[int] | None = None,
    min_score: float = MIN_SCORE,
    per_item: int = 5,
    limit: int = 500,
) -> list[RelatedProposal]:
    """Pairs of recommendations of different mechanisms about the same State whose texts are alike, best first.

    Pairs a person already linked or rejected are left out; ``only``: pairs involving these recommendations."""
    rows = session.execute(
        select(Recommendation.id, Document.country, Document.treaty_code, Recommendation.text)
        .join(Document, Recommendation.document_id == Document.id)
        .where(Recommendation.kind != RecommendationKind.OTHER.value)
    ).all()
    parts: dict[int, list[str]] = defaultdict(list)
    for rec_id, text in session.execute(
        select(RecommendationPart.recommendation_id, RecommendationPart.text).order_by(
            RecommendationPart.recommendation_id, RecommendationPart.position
        )
    ):
        parts[rec_id].append(text or "")
    by_country: dict[str, list[tuple[tuple[int, int], str, str]]] = defaultdict(list)
    for rec_id, country, treaty, text in rows:
        group = mechanism_group(treaty)
        for piece, words in enumerate(_pieces(comparable_text(text or "", treaty), parts.get(rec_id, []))):
            by_country[country or ""].append(((rec_id, piece), group, words))
    judged = _judged_pairs(session)
    wanted = set(only) if only is not None else None
    best: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
    for items in by_country.values():
        if len({group for _i, group, _t in items}) < 2:
            continue  # one mechanism only: nothing to relate
        focus = [key for key, _g, _t in items if key[0] in wanted] if wanted is not None else []
        if wanted is not None and not focus:
            continue
        index = SimilarityIndex(items)
        for pair in index.pairs(min_score=min_score, per_item=per_item, only=focus):
            a, b = pair.left[0], pair.right[0]  # type: ignore[index]
            key = (min(a, b), max(a, b))
            if a != b and key not in judged and pair.score > best.get(key, (0.0, ()))[0]:
                best[key] = (pair.score, pair.shared)
    found = [(a, b, score, shared) for (a, b), (score, shared) in best.items()]
    found.sort(key=lambda f: (-f[2], min(f[0], f[1]), max(f[0], f[1])))
    found = found[:limit]
    refs = rec_refs(session, (i for a, b, _s, _w in found for i in (a, b)))
    out = []
    for a, b, score, shared in found:
        left, right = refs[a], refs[b]
        if mechanism_group(left.mechanism) != "CRC" and mechanism_group(right.mechanism) == "CRC":
            left, right = right, left  # the CRC's on the left, as the reports cite from it
        out.append(RelatedProposal(left, right, score, shared))
    return out


def _row_between(session: Session, a: int, b: int) -> RecommendationRelation | None:
    return session.scalar(
        select(RecommendationRelation).where(
            or_(
                (RecommendationRelation.recommendation_id == a) & (RecommendationRelation.related_id == b),
                (RecommendationRelation.recommendation_id == b) & (RecommendationRelation.related_id == a),
            )
        )
    )


def _relation(session: Session, row: RecommendationRelation) -> Relation:
    refs = rec_refs(session, (row.recommendation_id, row.related_id))
    return Relation(
        id=row.id,
        uuid=row.uuid,
        left=refs[row.recommendation_id],
        right=refs[row.related_id],
        status=row.status,
        score=row.score,
        version=row.version,
    )


def set_relation(
    session: Session, a: int, b: int, status: str = LINKED, score: float | None = None
) -> tuple[Relation, tuple[str, float | None] | None]:
    """Link (or reject) the pair ``a``–``b``; returns the relation and what it was before (None: new)."""
    if status not in STATUSES:
        raise ValidationError(
            _("unknown status {status} (choose from {choices})").format(status=status, choices=", ".join(STATUSES))
        )
    if a == b:
        raise ValidationError(_("a recommendation cannot be related to itself"))
    refs = rec_refs(session, (a, b))
    for rec_id in (a, b):
        if rec_id not in refs:
            raise NotFoundError(_("no recommendation with id {id}").format(id=rec_id))
    row = _row_between(session, a, b)
    previous: tuple[str, float | None] | None = None
    if row is None:
        row = RecommendationRelation(recommendation_id=a, related_id=b, status=status, score=score)
        session.add(row)
    else:
        previous = (row.status, row.score)
        row.status = status
        if score is not None:
            row.score = score
    session.flush()
    return _relation(session, row), previous


def delete_relation(session: Session, relation_id: int) -> RelationSnapshot:
    row = session.get(RecommendationRelation, relation_id)
    if row is None:
        raise NotFoundError(_("no related recommendations with id {id}").format(id=relation_id))
    snapshot = RelationSnapshot(row.uuid, row.recommendation_id, row.related_id, row.status, row.score)
    session.delete(row)
    session.flush()
    return snapshot


def restore_relation(session: Session, snapshot: RelationSnapshot) -> int:
    """Put a deleted relation back with its UUID (an undone delete, a redone link)."""
    row = RecommendationRelation(
        uuid=snapshot.uuid,
        recommendation_id=snapshot.recommendation_id,
        related_id=snapshot.related_id,
        status=snapshot.status,
        score=snapshot.score,
    )
    session.add(row)
    session.flush()
    return row.id


def relation_id_between(session: Session, a: int, b: int) -> int | None:
    row = _row_between(session, a, b)
    return row.id if row is not None else None


def list_relations(session: Session, rec_id: int | None = None, status: str | None = LINKED) -> list[Relation]:
    """The stored relations (of one recommendation), linked ones by default."""
    stmt = select(RecommendationRelation).order_by(RecommendationRelation.id)
    if rec_id is not None:
        stmt = stmt.where(
            or_(RecommendationRelation.recommendation_id == rec_id, RecommendationRelation.related_id == rec_id)
        )
    if status is not None:
        stmt = stmt.where(RecommendationRelation.status == status)
    rows = list(session.scalars(stmt))
    refs = rec_refs(session, (i for r in rows for i in (r.recommendation_id, r.related_id)))
    return [
        Relation(r.id, r.uuid, refs[r.recommendation_id], refs[r.related_id], r.status, r.score, r.version)
        for r in rows
        if r.recommendation_id in refs and r.related_id in refs
    ]


def related_ids(session: Session, rec_ids: Collection[int] | None = None) -> dict[int, list[int]]:
    """``{recommendation id: [ids of the recommendations linked to it]}`` (both directions)."""
    out: dict[int, list[int]] = defaultdict(list)
    wanted = set(rec_ids) if rec_ids is not None else None
    for a, b in session.execute(
        select(RecommendationRelation.recommendation_id, RecommendationRelation.related_id)
        .where(RecommendationRelation.status == LINKED)
        .order_by(RecommendationRelation.id)
    ):
        if wanted is None or a in wanted:
            out[a].append(b)
        if wanted is None or b in wanted:
            out[b].append(a)
    return out


def recommendation_at(session: Session, symbol: str, reference: str) -> int:
    """The id of a recommendation cited as ``SYMBOL`` and its number as printed ("110.45", or "38")."""
    ref = reference.strip()
    doc_id = session.scalar(select(Document.id).where(Document.symbol == normalise_symbol(symbol)))
    if doc_id is None:
        raise NotFoundError(_("no document {symbol} in the store").format(symbol=symbol))
    found = session.scalar(
        select(Recommendation.id).where(Recommendation.document_id == doc_id, Recommendation.label == ref)
    )
    if found is None and ref.isdigit():
        found = session.scalar(
            select(Recommendation.id).where(
                Recommendation.document_id == doc_id, Recommendation.number == int(ref), Recommendation.label.is_(None)
            )
        )
        if found is None:
            found = session.scalar(
                select(Recommendation.id).where(Recommendation.document_id == doc_id, Recommendation.number == int(ref))
            )
    if found is None:
        raise NotFoundError(_("{symbol} has no recommendation {number}").format(symbol=symbol, number=ref))
    return int(found)
