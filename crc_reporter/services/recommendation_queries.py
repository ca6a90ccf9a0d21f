"""Reading recommendations in bulk, with everything a list or report shows.

Built on a handful of set queries (not one query per row), so that listing
20,000 recommendations with their parts, tags and statuses stays fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, exists, func, select, true
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.domain.records import Part, PreviousRef, RecommendationInfo
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.services.common import split_articles
from crc_reporter.services.search import recommendation_match
from crc_reporter.store.models import (
    ActionLink,
    Actor,
    Assessment,
    Document,
    PreviousReference,
    Recommendation,
    RecommendationPart,
    Tag,
    recommendation_tag,
    responsible_body,
)

NO_CLUSTER = "none"


@dataclass
class RecommendationFilter:
    treaty: str | None = None
    document: str | None = None
    cluster: str | None = None  # a cluster key, or "none" for paragraphs outside the clusters
    kind: str | None = None
    government_status: str | None = None
    civil_society_status: str | None = None
    urgent: bool | None = None
    tag: str | None = None
    responsible: str | None = None
    recommending_state: str | None = None  # a UPR recommendation's recommending State (issue 22)
    position: str | None = None  # a UPR position: supported, supported_in_part, noted
    without_action: bool = False  # only paragraphs no action answers yet
    query: str = ""
    ids: Collection[int] | None = None


def _filtered_ids(session: Session, flt: RecommendationFilter) -> Select[Any]:
    stmt = select(Recommendation.id).join(Document, Recommendation.document_id == Document.id)
    if flt.treaty:
        stmt = stmt.where(Document.treaty_code == flt.treaty)
    if flt.document:
        stmt = stmt.where(Document.symbol == normalise_symbol(flt.document))
    if flt.cluster == NO_CLUSTER:
        stmt = stmt.where(Recommendation.cluster.is_(None))
    elif flt.cluster:
        stmt = stmt.where(Recommendation.cluster == Cluster(flt.cluster).value)
    if flt.kind:
        stmt = stmt.where(Recommendation.kind == flt.kind)
    if flt.urgent is not None:
        stmt = stmt.where(Recommendation.urgent.is_(flt.urgent))
    if flt.tag:
        stmt = stmt.where(
            Recommendation.id.in_(select(recommendation_tag.c.recommendation_id).join(Tag).where(Tag.name == flt.tag))
        )
    if flt.responsible:
        stmt = stmt.where(
            Recommendation.id.in_(
                select(responsible_body.c.recommendation_id).join(Actor).where(Actor.name == flt.responsible)
            )
        )
    if flt.without_action:
        stmt = stmt.where(~exists().where(ActionLink.recommendation_id == Recommendation.id))
    if flt.position:
        stmt = stmt.where(Recommendation.position == flt.position)
    if flt.recommending_state:  # one State a line: the whole line, never part of a longer name
        lines = "\n" + Recommendation.recommending_states + "\n"
        stmt = stmt.where(lines.contains("\n" + flt.recommending_state + "\n", autoescape=True))
    if flt.ids is not None:
        stmt = stmt.where(Recommendation.id.in_(list(flt.ids)))
    match = recommendation_match(session, flt.query) if flt.query else None
    if match is not None:
        stmt = stmt.where(Recommendation.id.in_(match))
    return stmt


def plain_rows(conn: Connection, stmt: Select[*tuple[Any, ...]]) -> list[Any]:
    """The rows of a statement without parameters, as the driver's own tuples.

    For listings of every paragraph: on 20,000 rows SQLAlchemy's row objects cost about as much
    again as the fetch itself. Only for columns that need no type processing (ids, text, integers;
    a SQLite boolean comes back as 0 or 1).
    """
    compiled = stmt.compile(dialect=conn.dialect)
    if compiled.params:
        return list(conn.execute(stmt).all())
    sql, dbapi_error = str(compiled), conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    except dbapi_error as exc:  # a damaged store fails as it does through SQLAlchemy everywhere else
        raise DBAPIError.instance(sql, None, exc, dbapi_error) from exc
    finally:
        cursor.close()


def current_statuses(session: Session, ids_stmt: Select[Any] | None = None) -> dict[int, dict[str, str]]:
    """The latest whole-paragraph assessment of each side: ``{rec_id: {side: status}}``."""
    stmt = select(Assessment.recommendation_id, Assessment.side, Assessment.status).where(Assessment.part_id.is_(None))
    if ids_stmt is not None:
        stmt = stmt.where(Assessment.recommendation_id.in_(ids_stmt))
    stmt = stmt.order_by(Assessment.assessed_on, Assessment.id)
    out: dict[int, dict[str, str]] = defaultdict(dict)
    conn = session.connection()
    for rec_id, side, status in plain_rows(conn, stmt) if ids_stmt is None else conn.execute(stmt).all():
        out[rec_id][side] = status  # later rows overwrite earlier: the latest wins
    return out


def _within(ids_stmt: Select[Any], everything: bool) -> Callable[[Any], Any]:
    """``column IN (the filtered ids)``, or no condition at all when nothing is filtered: scanning a table
    whole is cheaper than matching each row against a subquery that selects every paragraph."""
    if everything:
        return lambda column: true()
    return lambda column: column.in_(ids_stmt)


def list_recommendations(session: Session, flt: RecommendationFilter | None = None) -> list[RecommendationInfo]:
    flt = flt or RecommendationFilter()
    ids_stmt = _filtered_ids(session, flt)
    everything = flt == RecommendationFilter()
    within = _within(ids_stmt, everything)
    # Core execution on the session's connection: the ORM's row processing is not needed here,
    # and for every paragraph not even Core's rows (see plain_rows)
    conn = session.connection()

    def fetch(stmt: Select[*tuple[Any, ...]]) -> list[Any]:
        return plain_rows(conn, stmt) if everything else list(conn.execute(stmt).all())

    rows = fetch(
        select(
            Recommendation.id,
            Recommendation.uuid,
            Document.symbol,
            Document.treaty_code,
            Recommendation.number,
            Recommendation.text,
            Recommendation.kind,
            Recommendation.cluster,
            Recommendation.articles,
            Recommendation.urgent,
            Recommendation.subheading,
            Recommendation.version,
            Recommendation.translation,
            Recommendation.translation_lang,
            Recommendation.label,
            Recommendation.recommending_states,
            Recommendation.position,
            Recommendation.upr_session,
            Recommendation.upr_cycle,
            Recommendation.cluster_confirmed,
        )
        .join(Document, Recommendation.document_id == Document.id)
        .where(within(Recommendation.id))
        .order_by(Document.date.desc().nulls_last(), Document.symbol, Recommendation.number)
    )
    if not rows:
        return []

    parts: dict[int, list[Part]] = defaultdict(list)
    for rec_id, pid, puuid, label, ptext, ptranslation in fetch(
        select(
            RecommendationPart.recommendation_id,
            RecommendationPart.id,
            RecommendationPart.uuid,
            RecommendationPart.label,
            RecommendationPart.text,
            RecommendationPart.translation,
        )
        .where(within(RecommendationPart.recommendation_id))
        .order_by(RecommendationPart.recommendation_id, RecommendationPart.position)
    ):
        parts[rec_id].append(Part(label=label, text=ptext, id=pid, uuid=puuid, translation=ptranslation))

    previous: dict[int, list[PreviousRef]] = defaultdict(list)
    for rec_id, symbol, paragraph in fetch(
        select(PreviousReference.recommendation_id, PreviousReference.symbol, PreviousReference.paragraph)
        .where(within(PreviousReference.recommendation_id))
        .order_by(PreviousReference.id)
    ):
        previous[rec_id].append(PreviousRef(document=symbol, paragraph=paragraph))

    tags: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rec_id, kind, name in fetch(
        select(recommendation_tag.c.recommendation_id, Tag.kind, Tag.name)
        .join(Tag, Tag.id == recommendation_tag.c.tag_id)
        .where(within(recommendation_tag.c.recommendation_id))
        .order_by(Tag.name)
    ):
        tags[rec_id][kind].append(name)

    responsible: dict[int, list[str]] = defaultdict(list)
    for rec_id, name in fetch(
        select(responsible_body.c.recommendation_id, Actor.name)
        .join(Actor, Actor.id == responsible_body.c.actor_id)
        .where(within(responsible_body.c.recommendation_id))
        .order_by(Actor.name)
    ):
        responsible[rec_id].append(name)

    action_counts = dict(
        fetch(
            select(ActionLink.recommendation_id, func.count(func.distinct(ActionLink.action_id)))
            .where(within(ActionLink.recommendation_id))
            .group_by(ActionLink.recommendation_id)
        )
    )
    statuses = current_statuses(session, None if flt == RecommendationFilter() else ids_stmt)

    result: list[RecommendationInfo] = []
    gov, cs = AssessmentSide.GOVERNMENT.value, AssessmentSide.CIVIL_SOCIETY.value
    for (
        rec_id,
        uuid,
        symbol,
        treaty,
        number,
        text,
        kind,
        cluster,
        articles,
        urgent,
        subheading,
        version,
        translation,
        translation_lang,
        label,
        states,
        position,
        upr_session,
        upr_cycle,
        cluster_confirmed,
    ) in rows:
        status = statuses.get(rec_id, {})
        if flt.government_status and status.get(gov, "not_assessed") != flt.government_status:
            continue
        if flt.civil_society_status and status.get(cs, "not_assessed") != flt.civil_society_status:
            continue
        rec_tags = tags.get(rec_id, {})
        result.append(
            RecommendationInfo(
                id=rec_id,
                uuid=uuid,
                document=symbol,
                treaty=treaty,
                number=number,
                text=text,
                kind=kind,
                cluster=cluster,
                articles=split_articles(articles) if articles else (),
                urgent=bool(urgent),
                parts=tuple(parts.get(rec_id, ())),
                previous=tuple(previous.get(rec_id, ())),
                sdg_targets=tuple(rec_tags.get("sdg", ())),
                themes=tuple(rec_tags.get("theme", ())),
                affected_groups=tuple(rec_tags.get("affected_group", ())),
                responsible=tuple(responsible.get(rec_id, ())),
                government_status=status.get(gov),
                civil_society_status=status.get(cs),
                action_count=action_counts.get(rec_id, 0),
                subheading=subheading,
                translation=translation,
                translation_lang=translation_lang,
                version=version,
                label=label,
                recommending_states=tuple(x for x in (states or "").split("\n") if x),
                position=position,
                upr_session=upr_session,
                upr_cycle=upr_cycle,
                cluster_confirmed=bool(cluster_confirmed),
            )
        )
    return result


def get_recommendation_info(session: Session, rec_id: int) -> RecommendationInfo | None:
    found = list_recommendations(session, RecommendationFilter(ids=[rec_id]))
    return found[0] if found else None
