"""Two people edit the same record: the second sees both versions and chooses; nothing is overwritten silently."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.services import documents as doc_svc
from crc_reporter.store.engine import Store
from crc_reporter.store.errors import ConcurrentEditError
from crc_reporter.ui.commands.records import EditActor, EditDocument
from crc_reporter.ui.dialogs.conflict_dialog import APPLY_MINE, KEEP_THEIRS, ConflictDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.documents import DocumentsPage

from .conftest import Idle

SYMBOL = "CRC/C/XMP/CO/5-6"


def _documents(qtbot: QtBot, window: MainWindow, idle: Idle) -> DocumentsPage:
    window.navigate("documents")
    page = window.pages["documents"]
    assert isinstance(page, DocumentsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    row = next(r for r in page.model.rows() if r.info.symbol == SYMBOL)
    page.table.select_id(row.id)
    idle()
    return page


def _someone_else_retitles(store: Store, title: str) -> None:
    """Another person, through their own connection, saves first."""
    with store.session() as s:
        doc_svc.update_document(s, SYMBOL, title=title)


def _stored_title(store: Store) -> str:
    with store.session() as s:
        return doc_svc.get_document(s, SYMBOL).title


class Shown(list[ConflictDialog]):
    """The conflict dialogs that opened; each answers with ``choice``."""

    choice = KEEP_THEIRS


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Shown:
    shown = Shown()

    def exec_(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        return shown.choice

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown


def test_both_versions_are_shown_and_mine_can_be_applied_on_top(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, dialogs: Shown
) -> None:
    page = _documents(qtbot, window, idle)
    _someone_else_retitles(demo_store, "Their title")
    dialogs.choice = APPLY_MINE
    page.doc_title.setText("My title")
    page.set_dirty()
    page.save()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    rows = dialogs[0].rows
    assert [(r.field, r.theirs, r.mine) for r in rows] == [("Title", "Their title", "My title")]
    assert dialogs[0].model.rowCount() == 1 and dialogs[0].model.item(0, 1).text() == "Their title"
    assert dialogs[0].windowTitle() == "Someone else changed this record"
    qtbot.waitUntil(lambda: _stored_title(demo_store) == "My title", timeout=10_000)
    assert "on top of theirs" in window.statusBar().currentMessage()
    assert window.ctx is not None and window.ctx.history.stack.count() == 1  # undoable like any edit


def test_keeping_theirs_reloads_their_version(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, dialogs: Shown
) -> None:
    page = _documents(qtbot, window, idle)
    _someone_else_retitles(demo_store, "Their title")
    page.doc_title.setText("My title")
    page.set_dirty()
    page.save()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    idle()
    assert _stored_title(demo_store) == "Their title"
    qtbot.waitUntil(lambda: page.doc_title.text() == "Their title", timeout=10_000)  # the editor shows theirs
    assert page.current() is not None and page.current().info.symbol == SYMBOL  # type: ignore[union-attr]
    assert window.ctx is not None and window.ctx.history.stack.count() == 0


def test_two_edits_in_a_row_in_this_window_are_not_a_conflict(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, dialogs: Shown
) -> None:
    page = _documents(qtbot, window, idle)
    version = page.current().info.version  # type: ignore[union-attr]
    assert window.ctx is not None
    assert window.ctx.edit(EditDocument(SYMBOL, {"title": "First"}, expected_version=version))
    # the editor has not reloaded yet and still shows the old version: still this window's own edit
    assert window.ctx.edit(EditDocument(SYMBOL, {"title": "Second"}, expected_version=version))
    window.ctx.history.stack.undo()
    window.ctx.history.stack.undo()
    idle()
    assert not dialogs and _stored_title(demo_store) != "Second"


def test_an_undo_over_someone_elses_change_asks_too(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, dialogs: Shown
) -> None:
    page = _documents(qtbot, window, idle)
    original = _stored_title(demo_store)
    assert window.ctx is not None
    window.ctx.edit(EditDocument(SYMBOL, {"title": "Mine"}, expected_version=page.current().info.version))  # type: ignore[union-attr]
    _someone_else_retitles(demo_store, "Theirs, later")
    window.ctx.history.stack.undo()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    assert [(r.theirs, r.mine) for r in dialogs[0].rows] == [("Theirs, later", original)]
    assert _stored_title(demo_store) == "Theirs, later"


def test_a_last_moment_conflict_from_the_store_is_shown_the_same_way(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    dialogs: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.navigate("actors")
    page = window.pages["actors"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)  # type: ignore[attr-defined]
    actor = page.model.rows()[0]  # type: ignore[attr-defined]

    def stale(*_a: object, **_k: object) -> dict[str, object]:
        raise ConcurrentEditError("someone else changed this record while you were editing it")

    monkeypatch.setattr("crc_reporter.services.actors.update_actor", stale)
    assert window.ctx is not None
    window.ctx.edit(EditActor(actor.id, {"short_name": "XYZ"}, expected_version=actor.info.version))
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    rows = dialogs[0].rows
    assert rows[0].field == "Short name" and rows[0].mine == "XYZ"
    assert rows[0].theirs == (actor.info.short_name or "—")
