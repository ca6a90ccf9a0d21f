"""What needs attention today, in the window: shown when the store opens, each entry opens its list, dismissed
for a while per store and user."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crc_reporter.domain.attention import AttentionEntry, AttentionKind
from crc_reporter.services.attention import attention_entries
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.actions import ActionsPage
from crc_reporter.ui.pages.attention_panel import AttentionPanel
from crc_reporter.ui.pages.dashboard import DashboardPage

from .conftest import Idle
from .mouse import click_row

DAY = dt.date(2027, 9, 1)  # the demo's next report is due within 12 months of it


def _panel(qtbot: QtBot, window: MainWindow, idle: Idle) -> AttentionPanel:
    idle()
    assert window.current_page_key() == "dashboard"  # the page shown when the store opens
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    page.attention.today = DAY
    page.attention.reload()
    idle()
    return page.attention


def _kinds(panel: AttentionPanel) -> list[AttentionKind]:
    return [panel.model.record(r).kind for r in range(panel.model.rowCount())]


def _row_of(panel: AttentionPanel, kind: AttentionKind) -> int:
    return _kinds(panel).index(kind)


def test_entries_show_and_open_their_list(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    panel = _panel(qtbot, window, idle)
    assert AttentionKind.ACTIONS_OVERDUE in _kinds(panel) and AttentionKind.REPORT_DUE in _kinds(panel)
    assert panel.table.isVisible() and not panel.empty.isVisible()
    row = _row_of(panel, AttentionKind.ACTIONS_OVERDUE)
    entry = panel.model.record(row)
    assert isinstance(entry, AttentionEntry)
    shown = panel.table.model().index(row, 0).data()
    assert shown.startswith(str(entry.count)) and "past their target date" in shown
    assert not panel.open_button.isEnabled()
    click_row(panel.table, row)
    assert panel.open_button.isEnabled()
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    idle()
    assert window.current_page_key() == "actions"
    actions = window.page("actions")
    assert isinstance(actions, ActionsPage) and actions.overdue.isChecked()
    # the actions page counts on the real today, the panel on its fixed day: compare with the real today's count
    assert window.store is not None
    with window.store.session() as session:
        (today,) = [e for e in attention_entries(session, dt.date.today()) if e.kind == entry.kind]
    qtbot.waitUntil(lambda: actions.table.model().rowCount() == today.count, timeout=10_000)


def test_double_click_opens_the_reports_for_the_due_report(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    panel = _panel(qtbot, window, idle)
    row = _row_of(panel, AttentionKind.REPORT_DUE)
    index = panel.table.model().index(row, 0)
    rect = panel.table.visualRect(QModelIndex(index))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    idle()
    assert window.current_page_key() == "reports"
    assert window.page("reports").form.kind.currentData() == "state"  # type: ignore[attr-defined]


def test_a_dismissed_entry_stays_hidden_for_its_while(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    panel = _panel(qtbot, window, idle)
    before = panel.model.rowCount()
    row = _row_of(panel, AttentionKind.ACTIONS_OVERDUE)
    click_row(panel.table, row)
    assert panel.dismiss_for.currentData() == 7
    QTest.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    idle()
    assert panel.model.rowCount() == before - 1
    assert AttentionKind.ACTIONS_OVERDUE not in _kinds(panel)
    store = window.store
    assert store is not None
    kept = window.settings.attention_dismissals(store.display_name(), store.user or "")
    assert kept == {AttentionKind.ACTIONS_OVERDUE.value: DAY + dt.timedelta(days=7)}
    # another user of the same store still sees it
    assert window.settings.attention_dismissals(store.display_name(), "someone else") == {}
    panel.today = DAY + dt.timedelta(days=7)  # a week later it is back
    panel.reload()
    idle()
    assert AttentionKind.ACTIONS_OVERDUE in _kinds(panel)


def test_urgent_without_action_opens_exactly_those(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    """The entry for several urgent paragraphs with no action opens the list of exactly those; the
    "No action yet" box, clicked with the mouse, narrows and widens the list again."""
    from crc_reporter.ui.pages.recommendations import RecommendationsPage

    idle()
    assert window.store is not None
    symbol = "CRC/C/XMP/CO/5-6"
    window.navigate("recommendations", filters={"document": symbol, "urgent": True, "without_action": True})
    idle()
    page = window.page("recommendations")
    assert isinstance(page, RecommendationsPage)
    assert page.urgent.isChecked() and page.no_action.isChecked()

    def shown() -> list[tuple[bool, int]]:
        rows = [page.model.record(r) for r in range(page.model.rowCount())]
        return [(r.urgent, r.action_count) for r in rows if r is not None]

    assert shown() and all(urgent and count == 0 for urgent, count in shown())
    narrow = len(shown())
    QTest.mouseClick(page.no_action, Qt.MouseButton.LeftButton, pos=page.no_action.rect().center())
    idle()
    assert not page.no_action.isChecked()
    widened = shown()
    assert len(widened) > narrow and any(count for _urgent, count in widened)
