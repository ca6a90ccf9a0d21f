"""Every page and dialog on the screens our users have, in every language of the interface.

1366×768 at 100 % leaves about 1366×697 under a Windows title bar and above the
taskbar; at 125 % the same laptop offers about 1093×558 logical pixels; a
1920×1080 screen at 150 % offers 1280×720, about 1280×673 of it usable. At each,
nothing may reach beyond the screen, a dialog's buttons must be reachable,
sibling controls must not overlap, and no text may be clipped.

The 125 % case needs ``QT_SCALE_FACTOR`` set before the QApplication exists, so
it runs in a subprocess (:func:`test_a_laptop_at_125_percent`). The normal run
checks every page and dialog at every size in English, and every language at the
smallest size; ``CRC_REPORTER_LONG_TESTS=1`` checks every language at every size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.ui.main_window import PAGE_KEYS, MainWindow
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from tests.conftest import LONG_TESTS
from tests.gui.layout_checks import clipped, outside, overlapping, unreachable_buttons
from tests.gui.test_pseudo_locale import _dialogs

#: name: (usable width, usable height in logical pixels, scale factor)
SCREENS = {
    "1366x768-100": (1366, 697, 1.0),
    "1366x768-125": (1093, 558, 1.25),
    "1920x1080-150": (1280, 673, 1.5),
}
SMALLEST = "1366x768-125"
LANGUAGES = ["en", "km", "fr", "xx"]
#: the screen this process was started on (by :func:`test_screen`), or None in the ordinary run
THIS_SCREEN = os.environ.get("CRC_REPORTER_TEST_SCREEN")


def _wanted(screen: str, lang: str) -> bool:
    """The normal run: every size in English, every language at the smallest size; the long run: all."""
    return LONG_TESTS or lang == "en" or screen == SMALLEST


@pytest.fixture
def sized_window(
    request: pytest.FixtureRequest, qtbot: QtBot, demo_store: Store, settings: AppSettings
) -> Iterator[tuple[MainWindow, QRect]]:
    screen, lang = request.param
    if screen != THIS_SCREEN:
        pytest.skip("run on its own screen by test_screen")
    if not _wanted(screen, lang):
        pytest.skip("long run: set CRC_REPORTER_LONG_TESTS=1")
    width, height, _scale = SCREENS[screen]
    primary = QGuiApplication.primaryScreen()
    assert primary is not None
    room = primary.availableGeometry()
    assert (room.width(), room.height()) == (width, height), "the test screen has the size it should"
    apply_language(lang)
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.setGeometry(room)
    win.show()
    try:
        yield win, room
    finally:
        win.tasks.wait()
        apply_language("en")


CASES = [(screen, lang) for screen in SCREENS for lang in LANGUAGES]
IDS = [f"{screen}-{lang}" for screen, lang in CASES]


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the page's background work, then for the layout passes its answers asked for
    (a loaded machine may leave them queued behind the last answer)."""
    qtbot.waitUntil(lambda: window.tasks.active == 0, timeout=10_000)
    for _round in range(3):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        qtbot.wait(1)


def _problems(root: QWidget, screen: QRect) -> list[str]:
    return outside(root, screen) + overlapping(root) + [str(f) for f in clipped(root)]


@pytest.mark.parametrize("sized_window", CASES, ids=IDS, indirect=True)
def test_every_page_fits_the_screen(qtbot: QtBot, sized_window: tuple[MainWindow, QRect]) -> None:
    window, screen = sized_window
    problems: list[str] = []
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        problems.append(f"the window needs at least {minimum.width()}×{minimum.height()}")
    for key in PAGE_KEYS:
        window.navigate(key)
        _settle(qtbot, window)
        problems += [f"{key}: {p}" for p in _problems(window, screen)]
    page = window.page("recommendations")
    window.navigate("recommendations")
    _settle(qtbot, window)
    detail = page.detail  # type: ignore[attr-defined]
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        problems += [f"recommendation tab {index}: {p}" for p in _problems(window, screen)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("sized_window", CASES, ids=IDS, indirect=True)
def test_every_dialog_fits_the_screen(qtbot: QtBot, sized_window: tuple[MainWindow, QRect]) -> None:
    window, screen = sized_window
    problems: list[str] = []
    for name, make in _dialogs(window):
        dialog = make()
        qtbot.addWidget(dialog)
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if need.width() > screen.width() or need.height() > screen.height():
            problems.append(f"{name}: needs at least {need.width()}×{need.height()}")
        dialog.move(screen.topLeft())
        dialog.show()  # (as the application shows it: its own size, fitted to the screen)
        _settle(qtbot, window)
        problems += [f"{name}: {p}" for p in _problems(dialog, screen) + unreachable_buttons(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(THIS_SCREEN is not None, reason="already on a test screen")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, tmp_path: Path) -> None:
    """Start the checks above on an offscreen screen of the real size, scaled as Windows scales it
    (``QT_SCALE_FACTOR`` must be set before the QApplication exists, hence a process of its own)."""
    width, height, scale = SCREENS[screen]
    config = tmp_path / "screen.json"
    physical = {"width": round(width * scale), "height": round(height * scale)}
    config.write_text(
        json.dumps({"screens": [{"name": screen, "x": 0, "y": 0, **physical, "logicalDpi": 96, "dpr": 1}]}),
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=str(scale),
        CRC_REPORTER_TEST_SCREEN=screen,
        PYTHONPATH=str(root),
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(Path(__file__)), "-k", screen]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
