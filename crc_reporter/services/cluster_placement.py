"""Placing recommendations of other mechanisms in the CRC's reporting clusters (issue 22).

A UPR recommendation on juvenile justice answers in the State report's chapter
on special protection measures. :func:`propose_clusters` proposes a cluster for
each recommendation of another mechanism from its themes, its text and the
clusters of the most similar CRC paragraphs about the same State
(:mod:`crc_reporter.domain.cluster_proposal`); a person confirms it
(:func:`place_in_cluster`: the recommendation's ``cluster`` with
``cluster_confirmed`` set), in the window or with ``crc-reporter cluster``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.cluster_proposal import propose_cluster
from crc_reporter.domain.enums import RecommendationKind, TagKind
from crc_reporter.domain.related import CRC_FAMILY, ClusterPlacement, mechanism_group
from crc_reporter.domain.similarity import SimilarityIndex
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.services.recommendations import update_recommendation
from crc_reporter.services.related_recommendations import comparable_text, rec_refs
from crc_reporter.store.models import Document, Recommendation, Tag, recommendation_tag

#: CRC paragraphs consulted for each recommendation, and the least similarity that counts
NEIGHBOURS = 3
NEIGHBOUR_MIN = 0.15


def propose_clusters(
    session: Session,
    *,
    ids: Collection[int] | None = None,
    mechanism: str | None = None,
    document: str | None = None,
    include_confirmed: bool = False,
) -> list[ClusterPlacement]:
    """A proposal for each recommendation of another mechanism than the CRC's (not yet confirmed, unless
    ``include_confirmed``), in document and number order; ``proposed`` is None when no clue points anywhere."""
    stmt = (
        select(
            Recommendation.id,
            Document.country,
            Document.treaty_code,
            Recommendation.text,
            Recommendation.cluster,
            Recommendation.cluster_confirmed,
        )
        .join(Document, Recommendation.document_id == Document.id)
        .where(Recommendation.kind != RecommendationKind.OTHER.value)
        .order_by(Document.date.desc().nulls_last(), Document.symbol, Recommendation.number)
    )
    rows = session.execute(stmt).all()
    doc_symbol = normalise_symbol(document) if document else None
    if doc_symbol is not None:
        doc_ids = set(session.scalars(select(Document.id).where(Document.symbol == doc_symbol)))
        in_doc = set(session.scalars(select(Recommendation.id).where(Recommendation.document_id.in_(doc_ids))))
    wanted = set(ids) if ids is not None else None
    candidates: list[int] = []
    crc_by_country: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    clusters: dict[int, str | None] = {}
    country_of: dict[int, str] = {}
    texts: dict[int, tuple[str, str]] = {}
    for rec_id, country, treaty, text, cluster, confirmed in rows:
        key = country or ""
        if treaty in CRC_FAMILY:
            if cluster:
                crc_by_country[key].append((rec_id, "CRC", text or ""))
                clusters[rec_id] = cluster
            continue
        if mechanism and treaty != mechanism:
            continue
        if doc_symbol is not None and rec_id not in in_doc:
            continue
        if wanted is not None and rec_id not in wanted:
            continue
        if confirmed and cluster and not include_confirmed:
            continue
        candidates.append(rec_id)
        country_of[rec_id] = key
        texts[rec_id] = (mechanism_group(treaty), comparable_text(text or "", treaty))
    if not candidates:
        return []
    themes = _themes(session, candidates)
    neighbours: dict[int, list[tuple[str | None, float]]] = {}
    by_country: dict[str, list[int]] = defaultdict(list)
    for rec_id in candidates:
        by_country[country_of[rec_id]].append(rec_id)
    for country, rec_ids in by_country.items():
        crc = crc_by_country.get(country, [])
        if not crc:
            continue
        index = SimilarityIndex([*crc, *((i, *texts[i]) for i in rec_ids)])
        for rec_id in rec_ids:
            near = index.neighbours(rec_id, limit=NEIGHBOURS, min_score=NEIGHBOUR_MIN)
            neighbours[rec_id] = [(clusters.get(int(p.right)), p.score) for p in near if p.right in clusters]
    refs = rec_refs(session, candidates)
    out = []
    for rec_id in candidates:
        rec_themes = themes.get(rec_id, ())
        proposal = propose_cluster(texts[rec_id][1], rec_themes, neighbours.get(rec_id, ()))
        out.append(
            ClusterPlacement(
                rec=refs[rec_id],
                proposed=proposal.cluster.value if proposal else None,
                score=proposal.score if proposal else 0.0,
                reasons=proposal.reasons if proposal else (),
                themes=tuple(rec_themes),
            )
        )
    return out


def _themes(session: Session, rec_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(rec_ids), 900):
        for rec_id, name in session.execute(
            select(recommendation_tag.c.recommendation_id, Tag.name)
            .join(Tag, Tag.id == recommendation_tag.c.tag_id)
            .where(
                recommendation_tag.c.recommendation_id.in_(rec_ids[start : start + 900]),
                Tag.kind == TagKind.THEME.value,
            )
            .order_by(Tag.name)
        ):
            out[rec_id].append(name)
    return out


def place_in_cluster(session: Session, rec_id: int, cluster: str | None) -> dict[str, object]:
    """Confirm ``cluster`` for a recommendation (None: outside the clusters); returns the previous values."""
    return update_recommendation(session, rec_id, cluster=cluster, cluster_confirmed=True)
