"""Every edit is committed at once; undo and redo are committed edits too, with the previous values."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services.assessments import assessment_history
from crc_reporter.services.recommendation_queries import get_recommendation_info
from crc_reporter.services.usage import actor_usage
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from crc_reporter.ui.commands.actions import ActionDraft, CreateAction, DeleteAction, EditAction, LinkAction
from crc_reporter.ui.commands.assessments import RecordAssessment
from crc_reporter.ui.commands.indicators import CreateIndicator, SetIndicatorValue
from crc_reporter.ui.commands.records import CreateActor, EditActor, MergeActors
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import EditHistory

CO = "CRC/C/XMP/CO/5-6"


@pytest.fixture
def history(qtbot: QtBot, demo_store: Store) -> EditHistory:
    return EditHistory(demo_store, StoreEvents())


def reopened(store: Store) -> Store:
    """A second connection, as after a crash and restart: it sees only what was committed."""
    assert store.path is not None
    return open_store(store.path, user="check")


def rec_id(store: Store, number: int) -> int:
    from crc_reporter.services.recommendation_rows import recommendation_id_at

    with store.session() as s:
        found = recommendation_id_at(s, CO, number)
    assert found is not None
    return found


def test_an_edit_is_committed_before_undo_and_undo_is_committed_too(
    qtbot: QtBot, demo_store: Store, history: EditHistory
) -> None:
    with demo_store.session() as s:
        action = action_svc.list_actions(s)[0]
    events: list[list[int]] = []
    history.events.actions_changed.connect(events.append)
    assert history.push(EditAction(action.id, {"status": "completed", "outcome": "Adopted in 2025."}))
    other = reopened(demo_store)
    try:
        with other.session() as s:
            assert action_svc.action_info(s, action.id).status == "completed"
        assert events == [[action.id]]
        history.stack.undo()
        with other.session() as s:
            restored = action_svc.action_info(s, action.id)
        assert (restored.status, restored.outcome) == (action.status, action.outcome)
        history.stack.redo()
        with other.session() as s:
            assert action_svc.action_info(s, action.id).outcome == "Adopted in 2025."
    finally:
        other.close()
    assert history.stack.count() == 1 and len(events) == 3


def test_create_link_undo_redo_keeps_the_same_record(demo_store: Store, history: EditHistory) -> None:
    para = rec_id(demo_store, 57)
    draft = ActionDraft(
        "Juvenile court pilot",
        action_type="service",
        status="ongoing",
        start_date=dt.date(2025, 1, 1),
        sources=[("Ministry of Justice circular 12/2025", None)],
        links=[(para, None)],
    )
    create = CreateAction(draft)
    assert history.push(create) and create.action_id is not None
    action_id = create.action_id
    with demo_store.session() as s:
        info = action_svc.action_info(s, action_id)
    assert [(link.document, link.paragraph) for link in info.links] == [(CO, 57)]
    history.stack.undo()
    with demo_store.session() as s:
        assert action_id not in {a.id for a in action_svc.list_actions(s)}
    history.stack.redo()
    with demo_store.session() as s:
        again = action_svc.action_info(s, action_id)
    assert again.uuid == info.uuid and again.links == info.links and again.sources == info.sources


def test_link_undo_never_removes_a_link_that_was_already_there(demo_store: Store, history: EditHistory) -> None:
    para = rec_id(demo_store, 57)
    with demo_store.session() as s:
        linked = action_svc.list_actions(s, action_svc.ActionFilter(recommendation_id=para))[0]
        whole = any(link.part is None and link.paragraph == 57 for link in linked.links)
    history.push(LinkAction(linked.id, para, None))
    history.stack.undo()
    with demo_store.session() as s:
        still = any(link.part is None and link.paragraph == 57 for link in action_svc.action_info(s, linked.id).links)
    assert still == whole


def test_both_sides_assessments_never_overwrite_each_other(demo_store: Store, history: EditHistory) -> None:
    para = rec_id(demo_store, 21)
    with demo_store.session() as s:
        before = len(assessment_history(s, para))
        original = get_recommendation_info(s, para)
    assert original is not None
    history.push(RecordAssessment(para, "government", "implemented", note="Free registration since 2022"))
    history.push(RecordAssessment(para, "civil_society", "partially_implemented", evidence="Survey 2025"))
    with demo_store.session() as s:
        info = get_recommendation_info(s, para)
        entries = assessment_history(s, para)
    assert info is not None
    assert (info.government_status, info.civil_society_status) == ("implemented", "partially_implemented")
    assert len(entries) == before + 2
    history.stack.undo()  # only civil society's entry goes
    with demo_store.session() as s:
        info = get_recommendation_info(s, para)
    assert info is not None and info.government_status == "implemented"
    assert info.civil_society_status == original.civil_society_status
    history.stack.redo()
    with demo_store.session() as s:
        assert len(assessment_history(s, para)) == before + 2


def test_merge_actors_undo_and_a_refused_edit(qtbot: QtBot, demo_store: Store, history: EditHistory) -> None:
    with demo_store.session() as s:
        keep = actor_svc.actor_by_name(s, "Ministry of Justice").id
        dup = actor_svc.actor_by_name(s, "Ministry of Interior").id
        usage = actor_usage(s)
    history.push(MergeActors(keep, dup, "Ministry of Justice", "Ministry of Interior"))
    with demo_store.session() as s:
        assert dup not in actor_usage(s)
    history.stack.undo()
    with demo_store.session() as s:
        assert actor_usage(s) == usage
    with qtbot.waitSignal(history.failed) as failed:
        assert not history.push(EditActor(keep, {"name": "Ministry of Interior"}))
    assert "already exists" in failed.args[0]
    assert history.stack.count() == 1  # the refused edit is not on the stack


def test_ids_are_remapped_when_a_recreated_record_gets_a_new_id(demo_store: Store, history: EditHistory) -> None:
    create = CreateActor("Juvenile Court Support Unit", "government", "JCSU")
    history.push(create)
    first_id = create.actor_id
    assert first_id is not None
    history.push(EditActor(first_id, {"short_name": "JCS"}))
    history.stack.undo()
    history.stack.undo()  # the actor is deleted
    with demo_store.session() as s:  # someone else takes its id meanwhile
        actor_svc.create_actor(s, "Placeholder", "ngo")
        assert actor_svc.actor_by_name(s, "Placeholder").id == first_id
    history.stack.redo()
    history.stack.redo()  # the edit reaches the re-created actor through the new id
    with demo_store.session() as s:
        actor = actor_svc.actor_by_name(s, "Juvenile Court Support Unit")
        assert actor.id != first_id and actor.short_name == "JCS"
        assert actor_svc.actor_by_name(s, "Placeholder").short_name is None


def test_indicator_values_undo(demo_store: Store, history: EditHistory) -> None:
    create = CreateIndicator("Children with a guardian ad litem", "%")
    history.push(create)
    assert create.indicator_id is not None
    history.push(SetIndicatorValue(create.indicator_id, 2024, 12.5))
    history.push(SetIndicatorValue(create.indicator_id, 2024, 14.0))
    from crc_reporter.services.indicators import indicator_info

    with demo_store.session() as s:
        assert [v.value for v in indicator_info(s, create.indicator_id).values] == [14.0]
    history.stack.undo()
    with demo_store.session() as s:
        assert [v.value for v in indicator_info(s, create.indicator_id).values] == [12.5]
    history.stack.undo()
    with demo_store.session() as s:
        assert indicator_info(s, create.indicator_id).values == ()


def test_delete_action_undo(demo_store: Store, history: EditHistory) -> None:
    with demo_store.session() as s:
        action = next(a for a in action_svc.list_actions(s) if a.links)
    history.push(DeleteAction(action.id, action.title))
    history.stack.undo()
    with demo_store.session() as s:
        assert action_svc.action_info(s, action.id) == action
