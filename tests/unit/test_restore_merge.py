"""Deletions and merges that undo exactly: the kept record ends as it was, the other comes back."""

from __future__ import annotations

from dataclasses import replace

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


def _state(store: Store) -> tuple[object, ...]:
    from crc_reporter.services.documents import list_documents
    from crc_reporter.services.recommendation_queries import list_recommendations

    with store.session() as s:
        # undo is itself an edit: it restores every value but moves the optimistic-locking version on
        recs = sorted((r.document, r.number, r.id, replace(r, version=0)) for r in list_recommendations(s))
        links = sorted((a.id, a.links) for a in action_svc.list_actions(s))
        history = sorted((a.recommendation_id, a.id, a) for r in recs for a in assess_svc.assessment_history(s, r[2]))
        docs = sorted(d.symbol for d in list_documents(s))
    return recs, links, history, docs


def test_document_merge_folds_matching_paragraphs_and_undo_restores_everything(store: Store) -> None:
    from crc_reporter.services import recommendations as rec_svc
    from crc_reporter.services.document_merge import merge_documents, undo_document_merge
    from crc_reporter.services.documents import create_document
    from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations

    keep, dup = "CRC/C/XMP/CO/5-6", "CRC/C/XMP/CO/5-6/Corr.1"
    with store.session() as s:
        actor_svc.create_actor(s, "Ministry of Justice", "government")
        create_document(s, keep, date="2023-06-30")
        create_document(s, dup, date="2023-06-30", doc_type="concluding_observations")
        parts = [("a", "end pre-trial detention"), ("b", "expand diversion")]
        rec_svc.create_recommendation(s, keep, 1, "Introduction.", kind="other")
        k2 = rec_svc.create_recommendation(s, keep, 2, "The Committee urges: (a) …; (b) ….", parts=parts)
        d2 = rec_svc.create_recommendation(
            s,
            dup,
            2,
            "The Committee urges: (a) …; (b) ….",
            parts=parts,
            themes=["Juvenile justice"],
            responsible=["Ministry of Justice"],
        )
        rec_svc.create_recommendation(s, dup, 3, "Ratify OPIC.", urgent=True)
        a1 = action_svc.create_action(s, "Diversion pilot")
        a2 = action_svc.create_action(s, "Detention review")
        action_svc.link_action(s, a1.id, k2.id, k2.parts[1].id)
        action_svc.link_action(s, a1.id, d2.id, d2.parts[1].id)  # the same link on both copies
        action_svc.link_action(s, a2.id, d2.id, d2.parts[0].id)
        assess_svc.record_assessment(s, d2.id, "civil_society", "not_implemented", part="a", note="NGO view")
        rec_svc.set_translation(s, d2.id, "គណៈកម្មាធិការជំរុញឱ្យ", "km")  # typed on the duplicate only
    before = _state(store)
    with store.session() as s:
        record = merge_documents(s, keep, dup)
    with store.session() as s:
        merged = list_recommendations(s, RecommendationFilter(document=keep))
        assert [r.number for r in merged] == [1, 2, 3]
        second = merged[1]
        assert second.themes == ("Juvenile justice",) and second.responsible == ("Ministry of Justice",)
        assert second.action_count == 2 and second.civil_society_status is None  # the assessment is of part (a)
        assert (second.translation, second.translation_lang) == ("គណៈកម្មាធិការជំរុញឱ្យ", "km")
        history = assess_svc.assessment_history(s, second.id)
        assert [(h.part_label, h.note) for h in history] == [("a", "NGO view")]
        assert [(ln.paragraph, ln.part) for ln in action_svc.action_info(s, a2.id).links] == [(2, "a")]
        assert len(action_svc.action_info(s, a1.id).links) == 1
    with store.session() as s:
        undo_document_merge(s, record)
    assert _state(store) == before
    with store.session() as s, pytest.raises(ValidationError):
        merge_documents(s, keep, keep)
