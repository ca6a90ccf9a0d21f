"""The Follow-up page: every request with its state, what is still open per body, a reminder in one click."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crc_reporter.domain.follow_up import Asks, RequestState, UpdateKind
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.follow_up_files import REQUEST_SUFFIX, looks_like
from crc_reporter.store.models import Actor
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.follow_up import FollowUpPage, reminder_due

from .conftest import Idle
from .mouse import click_row

SENT = dt.date(2027, 1, 10)
DAY = dt.date(2027, 3, 1)  # the first request is overdue then, the second not yet


def _requests(window: MainWindow) -> None:
    assert window.store is not None
    with window.store.session() as s:
        fu.create_request(s, "Ministry of Justice", due_on=dt.date(2027, 2, 1), today=SENT, asks=Asks())
        health = fu.create_request(s, "Ministry of Health", due_on=dt.date(2027, 4, 1), today=SENT, asks=Asks())
        s.flush()
        first = health.items[0]
        actor = s.get(Actor, health.recipient_id)
        if UpdateKind(first.kind) == UpdateKind.NEW_ACTION:
            payload: dict[str, object] = {"title": "Child-friendly clinics", "status": "planned"}
        else:
            payload = {"status": "ongoing"}
        pr.propose(
            s, kind=first.kind, target_uuid=first.target_uuid, payload=payload, actor=actor, request=health, item=first
        )
        pr.mark_answer(s, health, DAY)


def _page(qtbot: QtBot, window: MainWindow, idle: Idle) -> FollowUpPage:
    _requests(window)
    idle()
    page = window.page("follow_up")
    assert isinstance(page, FollowUpPage)
    page.today = DAY
    window.navigate("follow_up")
    page.refresh()
    idle()
    return page


def _states(page: FollowUpPage) -> dict[str, RequestState]:
    return {page.requests.record(r).recipient: page.requests.record(r).state for r in range(page.requests.rowCount())}


def test_requests_their_states_and_what_is_open_per_body(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = _page(qtbot, window, idle)
    assert _states(page) == {
        "Ministry of Justice": RequestState.OVERDUE,
        "Ministry of Health": RequestState.PARTLY_ANSWERED,
    }
    assert "2 requests · 1 overdue" in page.subtitle.text()
    # per body: the Ministry of Health answered one item, the Ministry of Justice none
    assert window.store is not None
    with window.store.session() as s:
        expected = {b.actor: len(b.open_items) for b in fu.open_by_body(s, today=DAY)}
    shown = {page.bodies.record(r).actor: page.bodies.record(r).open_items for r in range(page.bodies.rowCount())}
    assert {k: len(v) for k, v in shown.items()} == expected
    row = [page.bodies.record(r).actor for r in range(page.bodies.rowCount())].index("Ministry of Health")
    click_row(page.body_table, row)
    assert page.items.rowCount() == expected["Ministry of Health"]
    assert "Ministry of Health" in page.items_title.text()
    # the overdue filter, ticked with the mouse
    QTest.mouseClick(page.late_only, Qt.MouseButton.LeftButton)
    assert list(_states(page)) == ["Ministry of Justice"]
    QTest.mouseClick(page.late_only, Qt.MouseButton.LeftButton)
    assert len(_states(page)) == 2


def test_send_a_reminder_for_what_is_still_open(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window, idle)
    target = tmp_path / "reminder"
    monkeypatch.setattr(
        "crc_reporter.ui.pages.follow_up.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    assert not page.reminder.isEnabled()
    row = [page.requests.record(r).recipient for r in range(page.requests.rowCount())].index("Ministry of Health")
    click_row(page.request_table, row)
    request = page.current_request()
    assert request is not None and request.open_items == request.items - 1
    assert page.reminder.isEnabled()
    QTest.mouseClick(page.reminder, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: page.requests.rowCount() == 3, timeout=10_000)
    assert window.store is not None
    with window.store.session() as s:
        (reminder,) = [r for r in fu.list_requests(s, today=DAY) if r.reminder_of == request.uuid]
    assert reminder.items == request.open_items and reminder.recipient == "Ministry of Health"
    assert reminder.sent_on == DAY and reminder.due_on == reminder_due(request, DAY)
    assert "Reminder recorded for Ministry of Health" in window.statusBar().currentMessage()
    # the request's file, signed with the person's own key, holds the reminder's id
    written = target.with_suffix(REQUEST_SUFFIX)
    assert written.is_file() and looks_like(written.read_bytes())
    assert reminder.uuid.encode() in b"".join(
        zipfile.ZipFile(written).read(n) for n in zipfile.ZipFile(written).namelist()
    )


def test_the_attention_entry_opens_the_overdue_requests(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    _requests(window)
    idle()
    window.navigate("follow_up", filters={"late": True})
    page = window.page("follow_up")
    assert isinstance(page, FollowUpPage)
    page.today = DAY
    page.refresh()
    idle()
    assert page.late_only.isChecked() and list(_states(page)) == ["Ministry of Justice"]


def test_a_reminder_whose_file_cannot_be_written_is_not_recorded(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window, idle)
    target = tmp_path / "missing-folder" / "reminder.crcrequest"
    monkeypatch.setattr(
        "crc_reporter.ui.pages.follow_up.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    row = [page.requests.record(r).recipient for r in range(page.requests.rowCount())].index("Ministry of Justice")
    click_row(page.request_table, row)
    QTest.mouseClick(page.reminder, Qt.MouseButton.LeftButton)
    idle()
    assert "cannot write" in page.subtitle.text() and "\n" not in page.subtitle.text()
    assert window.store is not None
    with window.store.session() as s:
        assert len(fu.list_requests(s, today=DAY)) == 2
    assert page.reminder.isEnabled()
