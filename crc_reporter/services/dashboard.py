"""The dashboard's figures: where a country stands, computed in a few grouped queries.

The figures are about one set of concluding observations (the scope, by
default the latest CRC ones) or, with no scope, the whole store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import cluster_position
from crc_reporter.domain.enums import (
    ActionStatus,
    AssessmentSide,
    DocumentType,
    ImplementationStatus,
    RecommendationKind,
    Treaty,
)
from crc_reporter.domain.related import CRC_FAMILY, mechanism_group
from crc_reporter.domain.summaries import (
    ActorActions,
    ClusterStatus,
    DashboardFigures,
    IndicatorTrend,
    MechanismCounts,
    NextReport,
    OverdueAction,
    UrgentItem,
)
from crc_reporter.services.common import document_by_symbol
from crc_reporter.services.recommendation_queries import current_statuses
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Document,
    Indicator,
    IndicatorValue,
    Recommendation,
    indicator_recommendation,
)

NOT_ASSESSED = ImplementationStatus.NOT_ASSESSED.value
_OPEN = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)


def default_scope(session: Session) -> str | None:
    """The latest CRC concluding observations with paragraphs (else the latest document with any)."""
    has_paragraphs = Document.id.in_(select(Recommendation.document_id))
    order = (Document.date.desc().nulls_last(), Document.symbol)
    symbol = session.scalar(
        select(Document.symbol)
        .where(
            has_paragraphs,
            Document.doc_type == DocumentType.CONCLUDING_OBSERVATIONS.value,
            Document.treaty_code == Treaty.CRC.value,
        )
        .order_by(*order)
        .limit(1)
    )
    return symbol or session.scalar(select(Document.symbol).where(has_paragraphs).order_by(*order).limit(1))


def _short_title(subheading: str | None, text: str, width: int = 60) -> str:
    if subheading:
        return subheading
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1].rsplit(" ", 1)[0] + "…"


def dashboard_figures(
    session: Session,
    document: str | None,
    *,
    today: dt.date | None = None,
    max_actors: int = 10,
    max_overdue: int = 8,
    max_trends: int = 6,
) -> DashboardFigures:
    today = today or dt.date.today()
    doc = document_by_symbol(session, document) if document else None
    in_scope: Any = Recommendation.document_id == doc.id if doc else True
    conn = session.connection()

    recs = conn.execute(
        select(Recommendation.id, Recommendation.cluster).where(
            in_scope, Recommendation.kind == RecommendationKind.RECOMMENDATION.value
        )
    ).all()
    ids_stmt = select(Recommendation.id).where(in_scope)
    statuses = current_statuses(session, ids_stmt)
    gov, cs = AssessmentSide.GOVERNMENT.value, AssessmentSide.CIVIL_SOCIETY.value

    per_cluster: dict[str | None, dict[str, Counter[str]]] = defaultdict(lambda: {gov: Counter(), cs: Counter()})
    assessed = Counter[str]()
    for rec_id, cluster in recs:
        status = statuses.get(rec_id, {})
        for side in (gov, cs):
            value = status.get(side, NOT_ASSESSED)
            per_cluster[cluster][side][value] += 1
            if value != NOT_ASSESSED:
                assessed[side] += 1
    clusters = tuple(
        ClusterStatus(
            cluster=key,
            total=sum(counts[gov].values()),
            government=dict(counts[gov]),
            civil_society=dict(counts[cs]),
        )
        for key, counts in sorted(per_cluster.items(), key=lambda kv: cluster_position(kv[0]))
    )

    urgent = tuple(
        UrgentItem(
            id=rec_id,
            document=symbol,
            number=number,
            title=_short_title(subheading, text),
            government_status=statuses.get(rec_id, {}).get(gov),
            civil_society_status=statuses.get(rec_id, {}).get(cs),
        )
        for rec_id, symbol, number, subheading, text in conn.execute(
            select(
                Recommendation.id,
                Document.symbol,
                Recommendation.number,
                Recommendation.subheading,
                func.substr(Recommendation.text, 1, 200),
            )
            .join(Document, Recommendation.document_id == Document.id)
            .where(in_scope, Recommendation.urgent.is_(True))
            .order_by(Document.date.desc().nulls_last(), Document.symbol, Recommendation.number)
            .limit(60)
        )
    )

    actions_in_scope: Any = (
        Action.id.in_(select(ActionLink.action_id).join(Recommendation).where(in_scope)) if doc else True
    )
    by_actor: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for name, short, action_status, count in conn.execute(
        select(Actor.name, Actor.short_name, Action.status, func.count())
        .join(Actor, Action.actor_id == Actor.id)
        .where(actions_in_scope)
        .group_by(Actor.name, Actor.short_name, Action.status)
    ):
        by_actor[(name, short)][action_status] += count
    actors = sorted(
        (ActorActions(actor=name, short_name=short, by_status=dict(c)) for (name, short), c in by_actor.items()),
        key=lambda a: (-a.total, a.actor),
    )[:max_actors]

    overdue_where = and_(actions_in_scope, Action.end_date < today, Action.status.in_(_OPEN))
    overdue_count = session.scalar(select(func.count()).select_from(Action).where(overdue_where)) or 0
    overdue = tuple(
        OverdueAction(
            id=action_id,
            title=title,
            actor=actor,
            end_date=end,
            days_overdue=(today - end).days,
            status=action_status,
        )
        for action_id, title, actor, end, action_status in conn.execute(
            select(Action.id, Action.title, Actor.name, Action.end_date, Action.status)
            .outerjoin(Actor, Action.actor_id == Actor.id)
            .where(overdue_where)
            .order_by(Action.end_date, Action.id)
            .limit(max_overdue)
        )
        if end is not None
    )

    return DashboardFigures(
        scope=doc.symbol if doc else None,
        today=today,
        paragraphs=len(recs),
        assessed_government=assessed[gov],
        assessed_civil_society=assessed[cs],
        clusters=clusters,
        urgent=urgent,
        actions_by_actor=tuple(actors),
        next_report=_next_report(session, doc.id if doc else None, today),
        overdue=overdue,
        overdue_count=overdue_count,
        trends=_trends(session, in_scope if doc else None, max_trends),
        mechanisms=mechanism_counts(session, doc.country if doc else None, everywhere=doc is None),
    )


def mechanism_counts(session: Session, country: str | None, *, everywhere: bool) -> tuple[MechanismCounts, ...]:
    """Recommendations (not concerns) of every mechanism on one State (or in the whole store), by cluster in
    guideline order; those of other mechanisms whose cluster is not confirmed last. Empty when all are CRC."""
    stmt = (
        select(Document.treaty_code, Recommendation.cluster, Recommendation.cluster_confirmed, func.count())
        .join(Document, Recommendation.document_id == Document.id)
        .where(Recommendation.kind == RecommendationKind.RECOMMENDATION.value)
        .group_by(Document.treaty_code, Recommendation.cluster, Recommendation.cluster_confirmed)
    )
    if not everywhere:
        if not country:
            return ()
        stmt = stmt.where(Document.country == country)
    rows = session.execute(stmt).all()
    if all(treaty in CRC_FAMILY for treaty, _c, _f, _n in rows):
        return ()
    placed: dict[str | None, Counter[str]] = defaultdict(Counter)
    waiting: Counter[str] = Counter()
    for treaty, cluster, confirmed, count in rows:
        mechanism = mechanism_group(treaty)
        if mechanism != "CRC" and not (confirmed and cluster):
            waiting[mechanism] += count
        else:
            placed[cluster][mechanism] += count
    out = [MechanismCounts(key, dict(c)) for key, c in sorted(placed.items(), key=lambda kv: cluster_position(kv[0]))]
    if waiting:
        out.append(MechanismCounts(None, dict(waiting), placed=False))
    return tuple(out)


def _next_report(session: Session, document_id: int | None, today: dt.date) -> NextReport | None:
    stmt = select(Document.symbol, Document.next_report_due, Document.next_report_word_limit).where(
        Document.next_report_due.is_not(None)
    )
    if document_id is not None:
        stmt = stmt.where(Document.id == document_id)
    rows: list[tuple[str, dt.date, int | None]] = [(s, d, w) for s, d, w in session.execute(stmt) if d is not None]
    if not rows:
        return None
    upcoming = [r for r in rows if r[1] >= today]
    # the nearest date still ahead; when all have passed, the latest of them (overdue)
    symbol, due, limit = min(upcoming, key=lambda r: r[1]) if upcoming else max(rows, key=lambda r: r[1])
    return NextReport(document=symbol, due=due, days_left=(due - today).days, word_limit=limit)


def _trends(session: Session, in_scope: Any, limit: int) -> tuple[IndicatorTrend, ...]:
    stmt = select(Indicator.id, Indicator.name, Indicator.unit).order_by(Indicator.name)
    if in_scope is not None:
        linked = (
            select(indicator_recommendation.c.indicator_id)
            .join(Recommendation, Recommendation.id == indicator_recommendation.c.recommendation_id)
            .where(in_scope)
        )
        stmt = stmt.where(Indicator.id.in_(linked))
    indicators = session.execute(stmt.limit(limit)).all()
    if not indicators:
        return ()
    points: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for ind_id, year, value in session.execute(
        select(IndicatorValue.indicator_id, IndicatorValue.year, IndicatorValue.value)
        .where(
            IndicatorValue.indicator_id.in_([i[0] for i in indicators]),
            IndicatorValue.sex.is_(None),
            IndicatorValue.age_group.is_(None),
            IndicatorValue.province.is_(None),
        )
        .order_by(IndicatorValue.year)
    ):
        points[ind_id].append((year, value))
    return tuple(
        IndicatorTrend(id=ind_id, name=name, unit=unit, points=tuple(points[ind_id]))
        for ind_id, name, unit in indicators
        if points.get(ind_id)
    )
