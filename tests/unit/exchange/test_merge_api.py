"""The merge service as a window uses it: progress, cancel, roles, previews, peers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from crc_reporter.services import exchange as ex
from crc_reporter.services.errors import ImportCancelledError, NotAllowedError
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Assessment
from tests.exchange_support import audit_count, build_base, compare, export, open_taking_unsigned


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Store]:
    a = open_taking_unsigned(tmp_path / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(tmp_path / "b.sqlite", user="bob")
    yield a, b
    a.close()
    b.close()


def test_progress_is_reported_and_a_cancel_changes_nothing(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    package = export(a, tmp_path / "a.crcx")
    steps: list[str] = []
    with pytest.raises(ImportCancelledError), b.session() as session:
        ex.merge_package(session, package, progress=lambda d, t, m: steps.append(m), cancel=lambda: len(steps) >= 2)
    assert steps == ["Reading this store", "Comparing with the package"]
    assert audit_count(b) == 0
    with b.session() as session:
        result = ex.merge_package(session, package, progress=lambda d, t, m: steps.append(m))
    assert steps[-1] == "Done" and result.changes > 0


def test_a_preview_writes_nothing_and_says_what_a_merge_would_do(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    package = export(a, tmp_path / "a.crcx")
    with b.session() as session:
        preview = ex.preview_merge(session, package)
    assert not preview.applied and preview.added["recommendation"] == 3
    assert audit_count(b) == 0
    with b.session() as session:
        merged = ex.merge_package(session, package)
    assert merged.added == preview.added
    with b.session() as session:
        (peer,) = ex.last_exchanges(session)
    assert peer[1] == "alice" and peer[2] is not None


def test_an_editor_may_not_merge_approved_assessments(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    with a.session() as session:
        session.execute(update(Assessment).values(approved=True))
    package = export(a, tmp_path / "a.crcx")
    with b.session() as session:
        session.info["role"] = "editor"
        with pytest.raises(NotAllowedError, match="approved"):
            ex.merge_package(session, package)
    with b.session() as session:
        ex.merge_package(session, package)
        assert session.scalar(select(Assessment.approved)) is True


def test_a_selection_leaves_everything_else_alone(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    from crc_reporter.services import actions as action_svc

    ex_all = export(a, tmp_path / "all.crcx")
    with b.session() as session:
        ex.merge_package(session, ex_all)
    with a.session() as session:
        action_svc.create_action(session, "Not in the selection")
        for action in action_svc.list_actions(session):
            if action.actor == "Ministry of Justice":
                action_svc.update_action(session, action.id, status="completed")
    package = export(a, tmp_path / "sel.crcx", selection=ex.Selection(actor="Ministry of Justice"))
    with b.session() as session:
        result = ex.merge_package(session, package)
    assert result.updated == {"action": 1} and not result.added
    left, right = compare(a, b)
    assert sum(1 for t, d in right.values() if t == "action") == 2  # the new action did not travel
    assert {d["status"] for t, d in right.values() if t == "action" and d["actor"]} == {"completed"}


def test_a_read_only_store_exports_only_what_was_already_counted(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _b = pair
    export(a, tmp_path / "first.crcx")
    with a.session() as session:
        session.info["read_only"] = True
        ex.export_package(session, tmp_path / "again.crcx")  # nothing new: fine
    from crc_reporter.services import documents as doc_svc

    with a.session() as session:
        doc_svc.update_document(session, "CRC/C/KHM/CO/4-6", title="Edited")
    with a.session() as session:
        session.info["read_only"] = True
        with pytest.raises(Exception, match="read-only"):
            ex.export_package(session, tmp_path / "third.crcx")
