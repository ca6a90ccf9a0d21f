"""A window on a PostgreSQL store: a colleague's edits appear (selection kept) and a clash shows both versions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.services import actors as actor_svc
from crc_reporter.services import documents as doc_svc
from crc_reporter.services.demo import load_demo
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from crc_reporter.ui.dialogs.conflict_dialog import KEEP_THEIRS, ConflictDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.documents import DocumentsPage
from crc_reporter.ui.settings import AppSettings
from tests.support.pg_fixtures import admin_execute, drop_database, new_database
from tests.support.pg_server import PgServer

PASSWORD = "colleague-pass"


@pytest.fixture
def server_stores(pg_server: PgServer) -> Iterator[tuple[Store, Store]]:
    """Two people on one server store: this window's user (the owner) and a colleague."""
    name = new_database(pg_server)
    admin_execute(
        pg_server,
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'colleague') THEN "
        f"CREATE ROLE colleague LOGIN SUPERUSER PASSWORD '{PASSWORD}'; END IF; END $$",
    )
    mine = open_store(pg_server.admin_url(name), user="setup")
    with mine.session() as session:
        load_demo(session)
    theirs = open_store(pg_server.url("colleague", PASSWORD, name), user="colleague")
    try:
        yield mine, theirs
    finally:
        theirs.close()
        mine.close()
        drop_database(pg_server, name)


def test_a_colleagues_edits_appear_and_clash_visibly(
    qtbot: QtBot, server_stores: tuple[Store, Store], settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = server_stores
    assert mine.user != theirs.user  # the server's logins, whatever the settings say
    win = MainWindow(mine, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    feed = win.companions.change_feed
    assert feed is not None and feed.active
    assert not win.companions.instance_server.listening  # many windows may work on a server store

    win.navigate("actors")
    actors = win.pages["actors"]
    qtbot.waitUntil(lambda: actors.model.rowCount() > 3, timeout=20_000)  # type: ignore[attr-defined]
    chosen, edited = actors.model.rows()[3], actors.model.rows()[1]  # type: ignore[attr-defined]
    actors.table.select_id(chosen.id)  # type: ignore[attr-defined]
    with theirs.session() as s:
        actor_svc.update_actor(s, edited.id, short_name="COLL")
    qtbot.waitUntil(lambda: bool(feed.poll()), timeout=10_000)  # the notification arrives
    qtbot.waitUntil(
        lambda: any(r.info.short_name == "COLL" for r in actors.model.rows()),  # type: ignore[attr-defined]
        timeout=20_000,
    )
    assert actors.table.current_id() == chosen.id  # type: ignore[attr-defined]

    # both edit the same document: the second to save sees both versions
    shown: list[ConflictDialog] = []
    monkeypatch.setattr(ConflictDialog, "exec", lambda d: shown.append(d) or KEEP_THEIRS)
    win.navigate("documents")
    documents = win.pages["documents"]
    assert isinstance(documents, DocumentsPage)
    qtbot.waitUntil(lambda: documents.model.rowCount() > 0, timeout=20_000)
    row = documents.model.rows()[0]
    documents.table.select_id(row.id)
    with theirs.session() as s:
        doc_svc.update_document(s, row.info.symbol, title="Colleague's title")
    documents.doc_title.setText("My title")
    documents.set_dirty()
    documents.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert [(r.theirs, r.mine) for r in shown[0].rows] == [("Colleague's title", "My title")]
    with mine.session() as s:
        assert doc_svc.get_document(s, row.info.symbol).title == "Colleague's title"
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=20_000)
    win.companions.detach()


def test_a_window_started_with_another_name_writes_the_login(
    qtbot: QtBot, pg_server: PgServer, settings: AppSettings
) -> None:
    """``crc-reporter --user mallory`` on a server: the audit trail still names the signed-in login."""
    from sqlalchemy import select

    from crc_reporter.services import actions as action_svc
    from crc_reporter.store.models import AuditEntry
    from crc_reporter.ui.app import build_window

    name = new_database(pg_server)
    open_store(pg_server.admin_url(name), user="setup").close()
    settings.user_name = "settings-name"
    win = build_window(pg_server.admin_url(name), user="mallory", settings=settings)
    qtbot.addWidget(win)
    try:
        store = win.store
        assert store is not None and store.user == "postgres"
        with store.session() as session:
            record = action_svc.create_action(session, "Written from the window").uuid
        with store.session() as session:
            authors = set(session.scalars(select(AuditEntry.user).where(AuditEntry.record_uuid == record)))
        assert authors == {"postgres"}
    finally:
        win.close()
        if win.store is not None:
            win.store.close()
        drop_database(pg_server, name)
