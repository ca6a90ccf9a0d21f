"""Which records changed, from the audit trail: what an open window must refresh.

:class:`~crc_reporter.services.changes.ChangeWatcher` says *that* the store
changed (and on PostgreSQL which tables and records). This turns that into
the ids a window refreshes — recommendations, actions, indicators — so the
pages update those rows in place and keep the selection. On SQLite, where the
watcher only knows that something changed, the audit entries written since
the last look say what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.store.models import (
    Action,
    ActionLink,
    Assessment,
    AuditEntry,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationPart,
    Source,
)

#: Beyond this many changed records, reloading everything is cheaper than resolving them one by one.
MAX_RECORDS = 500

# tables that change nothing a window shows
_IGNORED = frozenset({"audit_log", "store_meta", "alembic_version"})


@dataclass(frozen=True)
class ChangedRecords:
    """What to refresh. ``None`` for a kind means "any of them" (reload the list)."""

    everything: bool = False
    documents: bool = False
    actors: bool = False
    recommendations: frozenset[int] | None = field(default_factory=frozenset)
    assessments: frozenset[int] | None = field(default_factory=frozenset)  # recommendation ids
    actions: frozenset[int] | None = field(default_factory=frozenset)
    indicators: frozenset[int] | None = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return (
            self.everything
            or self.documents
            or self.actors
            or any(
                v is None or bool(v) for v in (self.recommendations, self.assessments, self.actions, self.indicators)
            )
        )


def audit_mark(session: Session) -> int:
    """The newest audit entry: changes after it are new."""
    return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


def changes_since(session: Session, mark: int) -> tuple[frozenset[str], frozenset[str], int, bool]:
    """Tables and record uuids changed after ``mark``, the new mark, and whether there were too many to list."""
    rows = session.execute(
        select(AuditEntry.id, AuditEntry.table_name, AuditEntry.record_uuid)
        .where(AuditEntry.id > mark)
        .order_by(AuditEntry.id)
        .limit(MAX_RECORDS + 1)
    ).all()
    if len(rows) > MAX_RECORDS:
        return frozenset(), frozenset(), audit_mark(session), True
    tables = frozenset(r.table_name for r in rows)
    uuids = frozenset(r.record_uuid for r in rows if r.record_uuid)
    return tables, uuids, (rows[-1].id if rows else mark), False


def changed_records(session: Session, tables: Iterable[str], uuids: Iterable[str]) -> ChangedRecords:
    """Map changed tables and record uuids (from the watcher or :func:`changes_since`) to what to refresh."""
    tables = frozenset(tables) - _IGNORED
    uuids = frozenset(uuids)
    if not tables:
        return ChangedRecords()
    if len(uuids) > MAX_RECORDS or tables - _KNOWN:
        return ChangedRecords(everything=True)
    deleted = _deleted(session, tables, uuids)

    def ids(*sources: tuple[str, Any, Any]) -> frozenset[int] | None:
        """The ids the changed records point to; None when that cannot be told (then: reload that list)."""
        out: set[int] = set()
        for table, id_column, uuid_column in sources:
            if table not in tables:
                continue
            if not uuids or table in deleted:  # a deleted record no longer says where it belonged
                return None
            out |= {int(i) for i in session.scalars(select(id_column).where(uuid_column.in_(uuids)))}
        return frozenset(out)

    names_shown_everywhere = bool(tables & {"document", "actor", "tag"})
    return ChangedRecords(
        documents="document" in tables,
        actors="actor" in tables,
        recommendations=None
        if names_shown_everywhere or "previous_reference" in tables
        else ids(
            ("recommendation", Recommendation.id, Recommendation.uuid),
            ("recommendation_part", RecommendationPart.recommendation_id, RecommendationPart.uuid),
            ("action_link", ActionLink.recommendation_id, ActionLink.uuid),
        ),
        assessments=ids(("assessment", Assessment.recommendation_id, Assessment.uuid)),
        actions=None
        if "actor" in tables
        else ids(
            ("action", Action.id, Action.uuid),
            ("source", Source.action_id, Source.uuid),
            ("action_link", ActionLink.action_id, ActionLink.uuid),
        ),
        indicators=ids(
            ("indicator", Indicator.id, Indicator.uuid),
            ("indicator_value", IndicatorValue.indicator_id, IndicatorValue.uuid),
        ),
    )


_MODELS = {
    "recommendation": Recommendation,
    "recommendation_part": RecommendationPart,
    "assessment": Assessment,
    "action": Action,
    "source": Source,
    "action_link": ActionLink,
    "indicator": Indicator,
    "indicator_value": IndicatorValue,
}
_KNOWN = frozenset(_MODELS) | {"document", "actor", "tag", "previous_reference"}


def _deleted(session: Session, tables: frozenset[str], uuids: frozenset[str]) -> set[str]:
    """The tables among ``tables`` some of whose changed records no longer exist."""
    if not uuids:
        return set()
    present: set[str] = set()
    for name, model in _MODELS.items():
        if name in tables:
            present |= set(session.scalars(select(model.uuid).where(model.uuid.in_(uuids))))  # type: ignore[attr-defined]
    missing = uuids - present
    if not missing:
        return set()
    # which table a missing uuid belonged to is only in the audit trail
    rows = session.execute(
        select(AuditEntry.table_name).where(AuditEntry.record_uuid.in_(missing)).distinct()
    ).scalars()
    return set(rows) & tables
