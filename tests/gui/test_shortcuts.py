"""The frequent commands are in the menu bar with their keys, and each key works (issue 17, item 3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot

from crc_reporter.ui.dialogs.action_dialog import NewActionDialog
from crc_reporter.ui.dialogs.assessment import AssessmentDialog
from crc_reporter.ui.dialogs.pickers import ActionPicker, RecommendationPicker
from crc_reporter.ui.main_window import MainWindow

from .conftest import Idle


def menu_named(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title and isinstance(action.menu(), QMenu):
            menu = action.menu()
            assert isinstance(menu, QMenu)
            menu.aboutToShow.emit()  # filled as when it opens
            return menu
    raise AssertionError(f"no menu {title!r} in {[a.text() for a in window.menuBar().actions()]}")


def shown(menu: QMenu) -> dict[str, str]:
    """What the menu shows: each item's text and its key as the platform writes it."""
    return {
        a.text(): a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        for a in menu.actions()
        if not a.isSeparator()
    }


def press(window: MainWindow, keys: QKeySequence | str) -> None:
    """One key press, with its modifiers, on whatever has the focus (as a person types it)."""
    combo = (keys if isinstance(keys, QKeySequence) else QKeySequence(keys))[0]
    QTest.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dialogs a command opened (each closed at once, as if cancelled)."""
    names: list[str] = []
    for cls in (AssessmentDialog, ActionPicker, NewActionDialog, RecommendationPicker):

        def fake_exec(dialog: QDialog, name: str = cls.__name__) -> int:
            names.append(name)
            return 0

        monkeypatch.setattr(cls, "exec", fake_exec)
    return names


def test_recommendation_commands_are_in_the_menu_bar_and_their_keys_work(
    qtbot: QtBot, window: MainWindow, idle: Idle, opened: list[str]
) -> None:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    menu = shown(menu_named(window, "Commands"))
    for text, keys in {
        "New action…": "Ctrl+Shift+N",
        "Record the government's assessment…": "Ctrl+R",
        "Record civil society's assessment…": "Ctrl+Shift+R",
        "Link an action…": "Ctrl+L",
        "Next recommendation": "F8",
        "Previous recommendation": "Shift+F8",
    }.items():
        assert menu.get(text) == QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText), (text, menu)
    commands = page.commands  # type: ignore[attr-defined]
    assert "Ctrl+L" in commands.link.toolTip() and "F8" in commands.next.toolTip()
    find = QKeySequence(QKeySequence.StandardKey.Find)
    assert shown(menu_named(window, "Edit"))["&Find…"] == find.toString(QKeySequence.SequenceFormat.NativeText)
    view = shown(menu_named(window, "View"))
    back, forward = (
        QKeySequence.keyBindings(QKeySequence.StandardKey.Back)[0],
        QKeySequence.keyBindings(QKeySequence.StandardKey.Forward)[0],
    )
    assert view["&Back"] == back.toString(QKeySequence.SequenceFormat.NativeText)
    assert view["&Forward"] == forward.toString(QKeySequence.SequenceFormat.NativeText)

    page.table.setFocus()
    first = page.table.current_id()
    press(window, "F8")
    second = page.table.current_id()
    assert second != first and page.detail.rec_id() == second
    press(window, "Shift+F8")
    assert page.table.current_id() == first and page.detail.rec_id() == first
    for keys, dialog in (
        ("Ctrl+R", "AssessmentDialog"),
        ("Ctrl+Shift+R", "AssessmentDialog"),
        ("Ctrl+L", "ActionPicker"),
        ("Ctrl+Shift+N", "NewActionDialog"),
    ):
        opened.clear()
        page.table.setFocus()
        press(window, keys)
        assert opened == [dialog], keys
    press(window, find)
    assert QApplication.focusWidget() is page.search  # type: ignore[attr-defined]

    window.navigate("actions")  # Back and Forward by key
    idle()
    window.activateWindow()  # (the stand-in dialogs above never gave it back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.pages["actions"].table.setFocus()  # type: ignore[attr-defined]
    press(window, back)
    assert window.current_page_key() == "recommendations"
    press(window, forward)
    assert window.current_page_key() == "actions"


def test_action_commands_in_the_menu_bar_act_by_key_and_from_the_menu(
    qtbot: QtBot, window: MainWindow, idle: Idle, opened: list[str]
) -> None:
    window.navigate("actions")
    idle()
    page = window.pages["actions"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    menu = menu_named(window, "Commands")
    items = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert {"New action…", "Link to a recommendation…", "Next action", "Previous action"} <= set(items)
    page.table.setFocus()  # type: ignore[attr-defined]
    press(window, "Ctrl+Shift+N")
    press(window, "Ctrl+L")
    assert opened == ["NewActionDialog", "RecommendationPicker"]
    opened.clear()
    action = items["Link to a recommendation…"]
    assert isinstance(action, QAction)
    action.trigger()  # chosen from the menu
    assert opened == ["RecommendationPicker"]
    window.navigate("dashboard")
    idle()
    assert not menu_named(window, "Commands").isEnabled()  # nothing to act on: the menu says so


def test_pressing_a_key_of_the_commands_menu_does_not_clash_with_the_menu_bar(
    qtbot: QtBot, window: MainWindow, idle: Idle, opened: list[str]
) -> None:
    """An action in two places must not make its key ambiguous (Qt then runs neither)."""
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    menu_named(window, "Commands")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()  # type: ignore[attr-defined]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["ActionPicker"]
