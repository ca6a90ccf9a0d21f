"""Merging duplicates (actors, indicators) in a way that can be undone.

A merge returns a record of what it changed: a snapshot of the duplicate and
what the kept record gained. Undoing restores the duplicate (same UUID) and
takes back only what the merge added, so the kept record ends as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.records import IndicatorInfo, IndicatorValueInfo
from crc_reporter.i18n import _
from crc_reporter.services.actors import get_actor, merge_actors
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.indicators import get_indicator, indicator_info
from crc_reporter.services.restore import (
    ActorSnapshot,
    actor_snapshot,
    delete_indicator_recorded,
    restore_actor,
    restore_indicator,
)
from crc_reporter.store.models import Action, Actor, IndicatorValue, Recommendation


@dataclass(frozen=True)
class ActorMerge:
    keep: ActorSnapshot
    duplicate: ActorSnapshot


def merge_actors_recorded(session: Session, keep_id: int, duplicate_id: int) -> ActorMerge:
    if keep_id == duplicate_id:
        raise ValidationError(_("choose two different actors to merge"))
    record = ActorMerge(keep=actor_snapshot(session, keep_id), duplicate=actor_snapshot(session, duplicate_id))
    merge_actors(session, keep_id, duplicate_id)
    return record


def undo_actor_merge(session: Session, merge: ActorMerge) -> int:
    """Put the duplicate back and take from the kept actor what it gained; returns the duplicate's id."""
    keep, dup = merge.keep, merge.duplicate
    kept = get_actor(session, keep.id)
    # detach what the kept actor only has because of the merge
    for rec in session.scalars(
        select(Recommendation).where(Recommendation.id.in_(set(dup.responsible_for) - set(keep.responsible_for)))
    ):
        if kept in rec.responsible:
            rec.responsible.remove(kept)
    for coalition in session.scalars(select(Actor).where(Actor.id.in_(set(dup.member_of) - set(keep.member_of)))):
        if kept in coalition.members:
            coalition.members.remove(kept)
    kept.members = [m for m in kept.members if m.id in set(keep.members)]
    session.flush()
    return restore_actor(session, dup)


@dataclass(frozen=True)
class IndicatorMerge:
    keep_id: int
    duplicate: IndicatorInfo
    added_values: tuple[IndicatorValueInfo, ...]
    added_recommendations: tuple[int, ...]
    added_actions: tuple[int, ...]


def _value_key(v: IndicatorValue | IndicatorValueInfo) -> tuple[int, str | None, str | None, str | None]:
    return (v.year, v.sex, v.age_group, v.province)


def merge_indicators(session: Session, keep_id: int, duplicate_id: int) -> IndicatorMerge:
    """Fold a duplicate indicator into another: the kept values win, missing years are copied, links joined."""
    if keep_id == duplicate_id:
        raise ValidationError(_("choose two different indicators to merge"))
    keep = get_indicator(session, keep_id)
    dup = indicator_info(session, duplicate_id)
    have = {_value_key(v) for v in keep.values}
    added = tuple(v for v in dup.values if _value_key(v) not in have)
    keep.values.extend(
        IndicatorValue(year=v.year, value=v.value, sex=v.sex, age_group=v.age_group, province=v.province, note=v.note)
        for v in added
    )
    rec_ids = {r.id for r in keep.recommendations}
    action_ids = {a.id for a in keep.actions}
    new_recs = tuple(i for i in dup.recommendations if i not in rec_ids)
    new_actions = tuple(i for i in dup.actions if i not in action_ids)
    keep.recommendations.extend(session.scalars(select(Recommendation).where(Recommendation.id.in_(new_recs))))
    keep.actions.extend(session.scalars(select(Action).where(Action.id.in_(new_actions))))
    session.flush()
    delete_indicator_recorded(session, duplicate_id)
    return IndicatorMerge(keep_id, dup, added, new_recs, new_actions)


def undo_indicator_merge(session: Session, merge: IndicatorMerge) -> int:
    keep = get_indicator(session, merge.keep_id)
    added = {_value_key(v) for v in merge.added_values}
    for row in list(keep.values):
        if _value_key(row) in added:
            keep.values.remove(row)
            session.delete(row)
    keep.recommendations = [r for r in keep.recommendations if r.id not in set(merge.added_recommendations)]
    keep.actions = [a for a in keep.actions if a.id not in set(merge.added_actions)]
    session.flush()
    return restore_indicator(session, merge.duplicate)
