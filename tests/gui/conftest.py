"""Fixtures for the window tests: a main window on a private demo store, and waiting for its background work."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.ui.app import application
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.settings import AppSettings

Idle = Callable[[], None]


@pytest.fixture
def settings() -> AppSettings:
    application()  # the application's style and fonts, as the real program has them
    return AppSettings()


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> Iterator[MainWindow]:
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.tasks.wait()


@pytest.fixture
def idle(qtbot: QtBot, window: MainWindow) -> Idle:
    """Wait until the window's background tasks have finished and their results arrived."""

    def wait() -> None:
        qtbot.waitUntil(lambda: window.tasks.active == 0, timeout=10_000)

    return wait


@pytest.fixture(autouse=True)
def _no_modal_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody expected fails the test instead of waiting for a click forever.

    Tests that expect one replace these with their own recorder.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"unexpected message box: {args[2] if len(args) > 2 else args}")

    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
