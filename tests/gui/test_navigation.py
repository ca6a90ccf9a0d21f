"""Find your way back (issue 17, item 7): Back and Forward after following links, search hits marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.navigation import Place, PlaceHistory
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle
from .mouse import click_row

CO = "CRC/C/XMP/CO/5-6"


def test_place_history_is_a_browser_history() -> None:
    history = PlaceHistory()
    a, b, c, d = (Place.of("recommendations", {"rec_id": n}) for n in (1, 2, 3, 4))
    history.jumped(a, b)
    history.jumped(b, c)
    assert history.go_back(c) == b and history.go_back(b) == a and history.go_back(a) is None
    assert history.go_forward(a) == b
    history.jumped(b, d)  # a new jump forgets what was forward
    assert history.go_forward(d) is None and history.go_back(d) == b


def open_recommendations(window: MainWindow, idle: Idle) -> RecommendationsPage:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    return page


def test_back_and_forward_after_following_a_link(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_recommendations(window, idle)
    proxy = page.table.proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.record(proxy.index(r, 0)).number == 6 and proxy.record(proxy.index(r, 0)).document == CO
    )
    start = proxy.record(click_row(page.table, row)).id
    assert page.detail.data is not None
    earlier = page.detail.data.previous_ids[0]
    assert earlier is not None
    page.detail.follow.emit(earlier)  # the link to the earlier recommendation, clicked
    assert page.detail.rec_id() == earlier and page.table.current_id() == earlier
    assert QKeySequence("Alt+Left") in window.back_action.shortcuts()
    assert QKeySequence("Alt+Right") in window.forward_action.shortcuts()
    window.back_action.trigger()
    assert page.detail.rec_id() == start and page.table.current_id() == start
    window.forward_action.trigger()
    assert page.detail.rec_id() == earlier
    # the mouse's back button, pressed over the table
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.BackButton, Qt.KeyboardModifier.NoModifier)
    assert page.detail.rec_id() == start
    # from the dashboard to a page and back
    window.navigate("dashboard")
    window.navigate("actions")
    window.back_action.trigger()
    assert window.current_page_key() == "dashboard"
    window.back_action.trigger()
    assert window.current_page_key() == "recommendations" and page.detail.rec_id() == start


def test_search_hits_are_marked_in_the_text(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_recommendations(window, idle)
    qtbot.keyClicks(page.search, "juvenile")
    qtbot.waitUntil(lambda: page.model.rowCount() < 123)
    click_row(page.table, 0)
    # the row a search made current has its detail loaded on a worker: it shows a moment later
    qtbot.waitUntil(lambda: page.detail.rec_id() is not None and page.detail.rec_id() == page.table.current_id())
    marks = page.detail.text.extraSelections()
    assert marks and all(m.cursor.selectedText().lower() == "juvenile" for m in marks)
    page.clear.click()
    assert not page.detail.text.extraSelections()
