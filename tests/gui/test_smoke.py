"""The window opens on a store (offscreen)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.ui.main_window import MainWindow


def test_main_window_opens_on_the_demo_store(qtbot: QtBot, demo_store: Store) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    assert "CRC Reporter" in window.windowTitle()
