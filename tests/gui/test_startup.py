"""A quick start: the window shows first, the store opens in the background after the first frame."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.store.errors import StoreError
from crc_reporter.store.open import open_store
from crc_reporter.ui.app import _shown_name
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.opening import BackgroundOpening
from crc_reporter.ui.page_list import PAGE_KEYS
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
    opening = BackgroundOpening(shell, lambda: open_store(path, user="tester"), opened.append)
    opening.start_after_first_frame()
    assert shell.store is None and shell.tasks.active == 0  # nothing starts before the window is seen
    assert shell.sidebar_model.rowCount() == len(PAGE_KEYS)
    assert not shell.sidebar.parentWidget().isEnabled()
    assert "demo.sqlite" in shell.windowTitle()
    assert shell.sidebar_model.item(0).icon().isNull()  # icons are drawn in the background
    shell.show()
    qtbot.waitUntil(lambda: shell.store is not None, timeout=20_000)
    assert opened == [shell.store] and opening.unclaimed is None
    assert shell.sidebar.parentWidget().isEnabled() and shell.current_page_key() == "dashboard"
    assert not shell.sidebar_model.item(0).icon().isNull()
    # the dashboard starts reading its figures once it is shown
    qtbot.waitUntil(lambda: shell.pages["dashboard"].figures is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert str(path.resolve()) in shell.windowTitle()


def test_a_store_that_cannot_be_opened_leaves_the_welcome_panel(qtbot: QtBot, shell: MainWindow) -> None:
    failures: list[BaseException] = []

    def broken() -> Store:
        raise StoreError("this is not a store")

    BackgroundOpening(shell, broken, on_failure=failures.append).start_after_first_frame()
    shell.show()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert str(failures[0]) == "this is not a store"
    assert isinstance(shell.stack.currentWidget(), WelcomePanel) and shell.store is None
    assert shell.opening is None and "no store open" in shell.windowTitle()


def test_a_store_opened_after_the_window_closed_is_closed_cleanly(
    qtbot: QtBot, shell: MainWindow, demo_template: Path, tmp_path: Path
) -> None:
    path = copy_store(demo_template, tmp_path / "demo.sqlite")
    opening = BackgroundOpening(shell, lambda: open_store(path, user="tester"))
    store = opening._open_store()
    opening.unclaimed = store  # as the background work leaves it when its result never arrives
    opening.close_unclaimed()
    assert opening.unclaimed is None
    again = open_store(path, user="tester")  # the lock was released: a second open writes
    assert not again.read_only
    again.close()


def test_the_title_while_opening_hides_a_password() -> None:
    assert _shown_name("postgresql://ana:secret@server/crc") == "postgresql://server/crc"
    assert _shown_name(str(Path("/home/ana/crc-reporter.sqlite"))) == "crc-reporter.sqlite"


def test_the_window_shell_needs_neither_sqlalchemy_nor_the_pages() -> None:
    """What the start-up path imports before the first frame (a new process, so nothing is imported yet)."""
    code = (
        "import sys\n"
        "from crc_reporter.cli import _window_options\n"
        "assert _window_options(['--db', 'x.sqlite']) is not None\n"
        "import crc_reporter.ui.app\n"
        "from crc_reporter.ui.app import application\n"
        "from crc_reporter.ui.main_window import MainWindow\n"
        "application(); MainWindow(None, opening='x.sqlite')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'docx', 'pypdf')"
        " or m.startswith(('crc_reporter.ui.pages.dashboard', 'crc_reporter.services.', 'PySide6.QtSvg'))"
        " and m != 'crc_reporter.services.errors')\n"
        "assert not heavy, heavy\n"
    )
    env_run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert env_run.returncode == 0, env_run.stderr
