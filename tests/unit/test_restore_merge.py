"""Deletions and merges that undo exactly: the kept record ends as it was, the other comes back."""

from __future__ import annotations

import pytest

from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import indicators as ind_svc
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.merging import (
    merge_actors_recorded,
    merge_indicators,
    undo_actor_merge,
    undo_indicator_merge,
)
from crc_reporter.services.restore import (
    actor_snapshot,
    delete_action_recorded,
    delete_actor_recorded,
    delete_assessment_recorded,
    delete_document_recorded,
    restore_action,
    restore_actor,
    restore_assessment,
    restore_document,
)
from crc_reporter.services.usage import actor_usage
from crc_reporter.store.engine import Store


def _actor_id(store: Store, name: str) -> int:
    with store.session() as s:
        return actor_svc.actor_by_name(s, name).id


def test_action_comes_back_with_links_sources_and_indicators(demo_store: Store) -> None:
    with demo_store.session() as s:
        action = next(a for a in action_svc.list_actions(s) if len(a.links) >= 2 and a.sources)
        before = action_svc.action_info(s, action.id)
        indicators_before = [i.id for i in ind_svc.list_indicators(s) if action.id in i.actions]
    with demo_store.session() as s:
        snap = delete_action_recorded(s, action.id)
    with demo_store.session() as s:
        assert action.id not in {a.id for a in action_svc.list_actions(s)}
        new_id = restore_action(s, snap)
    with demo_store.session() as s:
        after = action_svc.action_info(s, new_id)
        indicators_after = [i.id for i in ind_svc.list_indicators(s) if new_id in i.actions]
    assert new_id == action.id
    assert after == before
    assert indicators_after == indicators_before


def test_actor_delete_and_restore(demo_store: Store) -> None:
    moj = _actor_id(demo_store, "Ministry of Justice")
    with demo_store.session() as s:
        before = actor_usage(s)[moj]
        snap = delete_actor_recorded(s, moj)
    with demo_store.session() as s:
        assert restore_actor(s, snap) == moj
    with demo_store.session() as s:
        assert actor_usage(s)[moj] == before
        assert actor_snapshot(s, moj) == snap


def test_actor_merge_undo_leaves_both_as_they_were(demo_store: Store) -> None:
    keep = _actor_id(demo_store, "Ministry of Justice")
    dup = _actor_id(demo_store, "Ministry of Interior")
    with demo_store.session() as s:
        usage = actor_usage(s)
        keep_before, dup_before = actor_snapshot(s, keep), actor_snapshot(s, dup)
        record = merge_actors_recorded(s, keep, dup)
    with demo_store.session() as s:
        merged = actor_usage(s)[keep]
        assert merged.actions == usage[keep].actions + usage[dup].actions
        assert dup not in actor_usage(s)
    with demo_store.session() as s:
        assert undo_actor_merge(s, record) == dup
    with demo_store.session() as s:
        assert actor_snapshot(s, keep) == keep_before
        assert actor_snapshot(s, dup) == dup_before
    with demo_store.session() as s, pytest.raises(ValidationError):
        merge_actors_recorded(s, keep, keep)


def test_indicator_merge_and_undo(store: Store) -> None:
    with store.session() as s:
        a = ind_svc.create_indicator(s, "Children in detention", unit="children")
        b = ind_svc.create_indicator(s, "Detained children", unit="children")
        ind_svc.set_value(s, a.id, 2020, 500)
        ind_svc.set_value(s, b.id, 2020, 499)  # the kept value wins
        ind_svc.set_value(s, b.id, 2021, 480)
        ind_svc.set_value(s, b.id, 2021, 30, sex="female")
        ids = (a.id, b.id)
    with store.session() as s:
        before_a, before_b = ind_svc.indicator_info(s, ids[0]), ind_svc.indicator_info(s, ids[1])
        record = merge_indicators(s, *ids)
    with store.session() as s:
        merged = ind_svc.indicator_info(s, ids[0])
        assert [(v.year, v.value, v.sex) for v in merged.values] == [
            (2020, 500, None),
            (2021, 480, None),
            (2021, 30, "female"),
        ]
        assert [i.id for i in ind_svc.list_indicators(s)] == [ids[0]]
    with store.session() as s:
        assert undo_indicator_merge(s, record) == ids[1]
    with store.session() as s:
        assert ind_svc.indicator_info(s, ids[0]) == before_a
        assert ind_svc.indicator_info(s, ids[1]) == before_b


def test_assessment_and_empty_document_restore(demo_store: Store) -> None:
    with demo_store.session() as s:
        rec_id = assess_svc.assessment_history(s, 6)[0].recommendation_id if assess_svc.assessment_history(s, 6) else 6
        info = assess_svc.record_assessment(s, rec_id, "civil_society", "not_implemented", note="no budget")
    with demo_store.session() as s:
        removed, assessor = delete_assessment_recorded(s, info.id)
        assert removed == info
    with demo_store.session() as s:
        assert restore_assessment(s, removed, assessor) == info.id
        assert assess_svc.assessment_history(s, rec_id)[-1] == info
    with demo_store.session() as s:
        doc = delete_document_recorded(s, "CRC/C/XMP/5-6")
        with pytest.raises(ValidationError):
            delete_document_recorded(s, "CRC/C/XMP/CO/5-6")
    with demo_store.session() as s:
        assert restore_document(s, doc) == doc.id
