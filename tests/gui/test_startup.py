"""A quick start: the window shows first, the store opens in the background after the first frame."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.store.errors import StoreError
from crc_reporter.store.open import open_store
from crc_reporter.ui.main_window import PAGE_KEYS, MainWindow
from crc_reporter.ui.pages.welcome import WelcomePanel
from crc_reporter.ui.settings import AppSettings
from tests.conftest import copy_store


@pytest.fixture
def shell(qtbot: QtBot, settings: AppSettings) -> Iterator[MainWindow]:
    win = MainWindow(None, settings, opening="demo.sqlite")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    yield win
    win.tasks.wait()
    if win.store is not None:
        win.store.close()


def test_the_pages_are_listed_at_once_and_filled_once_the_store_is_open(
    qtbot: QtBot, shell: MainWindow, demo_template: Path, tmp_path: Path
) -> None:
    path = copy_store(demo_template, tmp_path / "demo.sqlite")
    opened: list[Store] = []
    shell.open_when_shown(lambda: open_store(path, user="tester"), "demo.sqlite", opened.append)
    assert shell.store is None and shell.tasks.active == 0  # nothing starts before the window is seen
    assert shell.sidebar_model.rowCount() == len(PAGE_KEYS)
    assert not shell.sidebar.parentWidget().isEnabled()
    assert "demo.sqlite" in shell.windowTitle()
    # icons and shortcuts typed as text come after the first frame
    assert shell.sidebar_model.item(0).icon().isNull() and shell.windowIcon().isNull()
    assert "Ctrl+I" in [keys for _action, keys in shell.late_shortcuts or []]
    shell.show()
    qtbot.waitUntil(lambda: shell.store is not None, timeout=20_000)
    assert opened == [shell.store]
    assert shell.sidebar.parentWidget().isEnabled() and shell.current_page_key() == "dashboard"
    assert not shell.sidebar_model.item(0).icon().isNull() and not shell.windowIcon().isNull()
    shortcuts = {a.shortcut().toString() for a in shell.findChildren(QAction)}
    assert {"Ctrl+I", "Ctrl+1", "Ctrl+7"} <= shortcuts and shell.late_shortcuts is None
    qtbot.waitUntil(lambda: shell.tasks.active == 0, timeout=10_000)
    assert shell.pages["dashboard"].figures is not None  # type: ignore[attr-defined]
    assert str(path.resolve()) in shell.windowTitle()


def test_a_store_that_cannot_be_opened_leaves_the_welcome_panel(qtbot: QtBot, shell: MainWindow) -> None:
    failures: list[BaseException] = []

    def broken() -> Store:
        raise StoreError("this is not a store")

    shell.open_when_shown(broken, "broken.sqlite", on_failure=failures.append)
    shell.show()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert str(failures[0]) == "this is not a store"
    assert isinstance(shell.stack.currentWidget(), WelcomePanel) and shell.store is None
    assert not shell.windowIcon().isNull() and shell.late_shortcuts is None


def test_the_window_shell_needs_neither_sqlalchemy_nor_the_pages() -> None:
    """What the start-up path imports before the first frame (a new process, so nothing is imported yet)."""
    code = (
        "import sys\n"
        "from crc_reporter.cli import _window_options\n"
        "assert _window_options(['--db', 'x.sqlite']) is not None\n"
        "import crc_reporter.ui.app\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'babel', 'docx', 'pypdf')"
        " or m.startswith(('crc_reporter.ui.pages.dashboard', 'crc_reporter.services.')) and m != 'crc_reporter.services.errors')\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
