"""The window: pages and shortcuts, settings, stores that cannot be opened, the demo, the import hook."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from crc_reporter import i18n
from crc_reporter.ui import store_switcher
from crc_reporter.ui.app import build_window
from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog
from crc_reporter.ui.main_window import PAGE_KEYS, MainWindow
from crc_reporter.ui.settings import AppSettings

from .conftest import Idle


def test_every_page_opens_from_the_sidebar_and_the_view_menu(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    titles = []
    for row, key in enumerate(PAGE_KEYS):
        window.sidebar.setCurrentIndex(window.sidebar_model.index(row, 0))
        idle()
        assert window.current_page_key() == key
        titles.append(window.current_page().title())  # type: ignore[union-attr]
    assert titles == [
        "Dashboard", "Recommendations", "Actions", "Indicators", "Actors", "Documents", "Follow-up", "Reports",
    ]  # fmt: skip
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    shortcuts = [a.shortcut().toString() for a in view.actions() if not a.isSeparator()]
    assert shortcuts[:8] == [f"Ctrl+{i}" for i in range(1, 9)]
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert "CRC Reporter" in window.windowTitle() and "demo.sqlite" in window.windowTitle()
    app = QApplication.instance()
    assert isinstance(app, QApplication) and not app.windowIcon().isNull()  # resources/icons/crc-reporter.png
    assert not window.windowIcon().isNull()


def test_settings_change_the_user_and_the_language(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exec_(dialog: SettingsDialog) -> int:
        dialog.user.setText("Sokha Chan")
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    try:
        window.switcher.show_settings()
        assert i18n.current_language() == "fr"
        assert window.store is not None and window.store.user == "Sokha Chan"
        assert "Sokha Chan" in window.user_label.text()
        assert AppSettings().user_name == "Sokha Chan" and AppSettings().language == "fr"
        assert window.current_page_key() == "dashboard"  # rebuilt in the new language
        assert window.sidebar_model.index(0, 0).data() == window.page("dashboard").title()
    finally:
        i18n.set_language("en")


def test_a_store_that_cannot_be_opened_is_explained(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("this is not a database")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: messages.append(text))
    win = build_window(str(bad), settings=settings)
    qtbot.addWidget(win)
    assert win.store is None
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)  # after looking for a backup to offer
    assert len(messages) == 1 and messages[0].startswith("The store cannot be opened:")
    assert "\n" not in messages[0] and "no good backup" in messages[0]
    assert win.windowTitle().endswith("no store open")
    assert bad.read_text() == "this is not a database"


def test_opening_and_switching_stores(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.sqlite"
    window.switcher.open_path(str(target), True)
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == target.resolve(), timeout=10_000)
    idle()
    assert str(target.resolve()) in window.settings.recent_stores
    assert window.ctx is not None and window.ctx.history.stack.count() == 0
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.switcher.open_path(str(tmp_path / "missing" / "x.sqlite"), False)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings[0].startswith("The store cannot be opened:")
    assert window.store is not None and window.store.path == target.resolve()


def test_the_demo_opens_in_its_own_store(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    window.switcher.open_demo()
    demo = store_switcher.demo_store_path().resolve()
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == demo, timeout=20_000)
    page = window.pages["dashboard"]
    # the new pages show (and load) once the event loop has run: wait for that, not just for idle tasks
    qtbot.waitUntil(lambda: page.figures is not None, timeout=20_000)  # type: ignore[attr-defined]
    idle()
    assert page.figures.paragraphs > 0  # type: ignore[attr-defined]


def test_import_hook_says_when_the_importers_are_missing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setitem(sys.modules, "crc_reporter.importers", None)  # as in a build without them
    window.open_import_dialog()
    assert shown == ["Importing documents is not available in this build of CRC Reporter."]
