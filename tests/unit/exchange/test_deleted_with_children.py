"""A record deleted on one side and changed on the other is a conflict; what hangs on it waits for the choice.

When the other side deletes an action, its links and sources go with it there.
Here the action was changed, so it becomes a conflict; its links and sources
must stay until a person decides, and stay for good if they keep their version.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crc_reporter.services import actions as action_svc
from crc_reporter.services import exchange as ex
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, ActionLink, Source
from tests.exchange_support import TITLES, build_base, export, merge, open_taking_unsigned


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    a = open_taking_unsigned(tmp_path / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(tmp_path / "b.sqlite", user="bob")
    merge(b, export(a, tmp_path / "first.crcx"))  # both copies agree
    yield a, b
    a.close()
    b.close()


def _first_action(store: Store) -> tuple[int, int, int]:
    """The first action's id, its number of links and of sources."""
    with store.session() as session:
        action = session.scalar(select(Action).where(Action.title == TITLES[0]))
        if action is None:
            return 0, 0, 0
        links = session.scalar(select(func.count(ActionLink.id)).where(ActionLink.action_id == action.id))
        sources = session.scalar(select(func.count(Source.id)).where(Source.action_id == action.id))
        return action.id, int(links or 0), int(sources or 0)


def _delete_there_change_here(a: Store, b: Store) -> int:
    with a.session() as session:
        action_svc.delete_action(session, _first_action(a)[0])
    action_id, links, sources = _first_action(b)
    assert links == 1 and sources == 1
    with b.session() as session:
        action_svc.update_action(session, action_id, outcome="Changed here after the last exchange")
    return action_id


def test_links_and_sources_wait_for_the_decision_and_stay_with_keep_mine(
    pair: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = pair
    action_id = _delete_there_change_here(a, b)
    package = export(a, tmp_path / "deleted.crcx")
    result = merge(b, package)
    (conflict,) = [c for c in result.conflicts if c.kind is ex.ConflictKind.DELETED_THERE]
    assert len(conflict.waiting) == 2  # its link and its source wait on the decision
    assert _first_action(b) == (action_id, 1, 1)  # nothing of it is gone before a person decides
    with b.session() as session:
        kept = ex.merge_package(session, package, {conflict.uuid: ex.Resolution.KEEP_MINE}, backup=False)
    assert not kept.conflicts
    assert _first_action(b) == (action_id, 1, 1)
    # and the action travels back whole to the copy that had deleted it
    merge(a, export(b, tmp_path / "back.crcx"))
    assert _first_action(a)[1:] == (1, 1)


def test_take_theirs_deletes_the_action_with_its_links_and_sources(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    _delete_there_change_here(a, b)
    package = export(a, tmp_path / "deleted.crcx")
    (conflict,) = [c for c in merge(b, package).conflicts if c.kind is ex.ConflictKind.DELETED_THERE]
    with b.session() as session:
        taken = ex.merge_package(session, package, {conflict.uuid: ex.Resolution.TAKE_THEIRS}, backup=False)
    assert not taken.conflicts
    assert _first_action(b) == (0, 0, 0)
    with b.session() as session:
        assert session.scalar(select(func.count(Source.id))) == 0


def test_taking_their_changed_version_of_an_action_deleted_here_brings_back_its_links_and_sources(
    pair: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = pair
    with b.session() as session:
        action_svc.delete_action(session, _first_action(b)[0])
    with a.session() as session:
        action_svc.update_action(session, _first_action(a)[0], outcome="Changed there after the last exchange")
    package = export(a, tmp_path / "changed.crcx")
    (conflict,) = [c for c in merge(b, package).conflicts if c.kind is ex.ConflictKind.DELETED_HERE]
    assert _first_action(b) == (0, 0, 0)  # still deleted until a person decides
    with b.session() as session:
        taken = ex.merge_package(session, package, {conflict.uuid: ex.Resolution.TAKE_THEIRS}, backup=False)
    assert not taken.conflicts
    assert _first_action(b)[1:] == (1, 1)
