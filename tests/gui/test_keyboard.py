"""Keyboard alone reaches everything (issue 17, item 3): from the search box to "Record assessment" and out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services.assessments import assessment_history
from crc_reporter.ui.dialogs.assessment import AssessmentDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_until(start: QWidget, wanted: object, limit: int = 40) -> None:
    """Press Tab (on whatever has the focus) until ``wanted`` has it."""
    for _ in range(limit):
        if focused() is wanted:
            return
        QTest.keyClick(focused() or start, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted!r}; the focus is on {focused()!r}")


def test_keyboard_only_record_an_assessment_and_leave_the_table(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))  # Ctrl+F: the search box
    assert focused() is page.search
    tab_until(page.search, page.table)  # through the filter row into the table
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    row = page.table.proxy.record(page.table.currentIndex())
    assert isinstance(row, RecommendationRow) and page.detail.rec_id() == row.id
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        count = len(assessment_history(s, row.id))
    assert "Ctrl+R" in page.detail.panels["government"].record.toolTip()

    def by_keyboard(dialog: AssessmentDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        start = focused() or dialog
        tab_until(start, dialog.status)
        QTest.keyClick(dialog.status, Qt.Key.Key_End)  # the last status
        tab_until(dialog.status, dialog.note)
        QTest.keyClicks(dialog.note, "Typed")
        QTest.keyClick(dialog.note, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab types a tab
        QTest.keyClicks(dialog.note, "with the keyboard")
        QTest.keyClick(dialog.note, Qt.Key.Key_Tab)  # Tab moves on
        assert focused() is not dialog.note
        tab_until(dialog.note, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
        QTest.keyClick(focused() or dialog, Qt.Key.Key_Space)
        return dialog.result()

    monkeypatch.setattr(AssessmentDialog, "exec", by_keyboard)
    page.table.setFocus()  # (the focus comes back to the table after the dialog, as it would)
    QTest.keyClick(page.table, Qt.Key.Key_R, CTRL)  # Record the government's assessment
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        history = assessment_history(s, row.id)
    assert len(history) == count + 1
    assert history[-1].note == "Typed\twith the keyboard" and history[-1].side == "government"
    assert history[-1].status == dialog_last_status()
    window.activateWindow()  # the dialog had the focus; it comes back to the window's table
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    assert focused() is page.table
    QTest.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused() is not page.table and focused() is not None  # Tab leaves the table
    assert page.isAncestorOf(focused())


def dialog_last_status() -> str:
    from crc_reporter.domain.enums import ImplementationStatus

    return list(ImplementationStatus)[-1].value


def test_every_row_has_a_context_menu(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    for key, wanted in (
        ("recommendations", {"Open", "Link an action…", "Copy reference"}),
        ("actions", {"Open", "Link to a recommendation…", "Copy title"}),
        ("actors", {"Open", "Copy name"}),
        ("documents", {"Open", "Copy name"}),
        ("indicators", {"Open", "Copy name"}),
    ):
        window.navigate(key)
        idle()
        table = window.pages[key].table  # type: ignore[attr-defined]
        table.customContextMenuRequested.emit(table.visualRect(table.proxy.index(0, 1)).center())
        menu = table.context_menu
        texts = {a.text() for a in menu.actions()}
        menu.close()
        assert wanted <= texts, (key, texts)
