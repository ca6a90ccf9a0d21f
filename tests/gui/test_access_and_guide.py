"""A screen reader can name every control; the user guide opens with F1 in the window's language;
the window follows the system's light or dark scheme and stays legible in both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.ui import style
from crc_reporter.ui.dialogs.guide_dialog import GuideDialog
from crc_reporter.ui.main_window import PAGE_KEYS, MainWindow
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.widgets.cards import FigureTile
from crc_reporter.ui.widgets.charts import Chart, Ink

from .conftest import Idle
from .test_pseudo_locale import _dialogs

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
    Chart,
)


def _interactive(widget: QWidget) -> bool:
    if widget.objectName() == "qt_spinbox_lineedit":  # a spin box's own field: the spin box carries the name
        return False
    if isinstance(widget, FigureTile):
        return widget.target is not None
    return isinstance(widget, INTERACTIVE) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def unnamed(root: QWidget) -> list[str]:
    """Visible controls whose accessible name, as a screen reader receives it from Qt, is empty."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not _interactive(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            parent = widget.parentWidget()
            found.append(f"{type(widget).__name__} in {type(parent).__name__ if parent else '-'} {widget.toolTip()!r}")
    return found


def test_every_control_of_every_page_and_dialog_has_a_name(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    problems: list[str] = []
    for key in PAGE_KEYS:
        window.navigate(key)
        idle()
        problems += [f"{key}: {p}" for p in unnamed(window)]
    recs = window.page("recommendations")
    for index in range(recs.detail.tabs.count()):  # type: ignore[attr-defined]
        recs.detail.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        window.navigate("recommendations")
        idle()
        problems += [f"recommendation tab {index}: {p}" for p in unnamed(recs)]
    for name, make in _dialogs(window):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        idle()
        problems += [f"{name}: {p}" for p in unnamed(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_charts_and_tiles_are_described(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    idle()
    page = window.page("dashboard")
    for chart in page.charts:  # type: ignore[attr-defined]
        assert chart.accessibleName()
    assert page.urgent_tile.accessibleDescription().startswith(page.urgent_tile.value.text())  # type: ignore[attr-defined]


@pytest.fixture
def language_window(
    request: pytest.FixtureRequest, qtbot: QtBot, demo_store: Store, settings: AppSettings
) -> Iterator[MainWindow]:
    apply_language(request.param)
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    try:
        yield win
    finally:
        win.tasks.wait()
        apply_language("en")


@pytest.mark.parametrize(
    ("language_window", "heading"),
    [
        ("en", "Import the concluding observations"),
        ("fr", "Importer les observations finales"),
        ("km", "នាំចូលសេចក្តីសង្កេតចុងក្រោយ"),
    ],
    indirect=["language_window"],
)
def test_f1_opens_the_guide_in_the_window_language(qtbot: QtBot, language_window: MainWindow, heading: str) -> None:
    window = language_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "guide", None) is not None and window.guide.isVisible(), timeout=5000)
    guide = window.guide
    assert isinstance(guide, GuideDialog)
    text = guide.browser.toPlainText()
    assert heading in text
    for topic in ("#import", "#link", "#assess", "#report", "#exchange"):  # the five things people do
        assert topic in guide.browser.toHtml() or topic[1:] in guide.browser.toHtml()
    assert guide.browser.source().isLocalFile()
    guide.close()


def test_the_guide_is_bundled() -> None:
    from pathlib import Path

    spec = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    assert '"resources"' in spec  # the whole resources folder goes into the bundle, the guide with it
    from crc_reporter.ui.dialogs.guide_dialog import GUIDE_LANGUAGES, guide_file

    for lang in GUIDE_LANGUAGES:
        assert guide_file(lang).is_file()
    assert guide_file("xx") == guide_file("en")


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_both_schemes_are_legible(qtbot: QtBot, window: MainWindow, idle: Idle, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        # what the system does when the user switches scheme
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        idle()
        assert style.theme().dark is dark
        pal = window.palette()
        window_colour = pal.color(QPalette.ColorRole.Window)
        assert (window_colour.lightness() < 80) is dark
        assert _contrast(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)) >= 7
        assert _contrast(pal.color(QPalette.ColorRole.WindowText), window_colour) >= 7
        page = window.page("dashboard")
        ink = Ink.of(page.clusters.palette())  # type: ignore[attr-defined]
        assert _contrast(ink.label, ink.background) >= 7 and _contrast(ink.axis, ink.background) >= 4.5
        for status in style.STATUS_ORDER:  # the chips: their text on their colour
            chip = style.status_color(status)
            assert _contrast(style.text_on(chip), chip) >= 3
        theme = style.theme()
        assert _contrast(QColor(theme.sidebar_text), QColor(theme.sidebar)) >= 7
        assert _contrast(QColor(theme.muted), QColor(theme.background)) >= 4.5
        image = window.grab().toImage()
        # the page's own margin, right of its scroll area (the dashboard's charts may lie under any other point)
        middle = image.pixelColor(image.width() - 6, image.height() - 40)
        assert (middle.lightness() < 100) is dark, "the page is painted in the scheme"
    finally:
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
