"""Search as you type never blocks typing (issue 17, item 8): one query at a time, stale answers dropped,
and the detail of the row a search makes current loaded on a worker, the pane naming nothing meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from crc_reporter.services.search import search_recommendation_ids as search_ids
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages import recommendation_detail, recommendations
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle
from .test_recommendations_page import open_page, visible


def assert_shows(window: MainWindow, page: RecommendationsPage, query: str) -> None:
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        expected = set(search_ids(s, query))
    assert expected and {r.id for r in visible(page)} == expected


class HeldSearch:
    """Stands in for the store's search: each call waits until the test lets it answer."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0
        self.asked: list[str] = []
        self.gate = threading.Event()

    def __call__(self, session: Session, query: str) -> list[int]:
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.asked.append(query)
        try:
            assert self.gate.wait(30), "the test never let the search answer"
            return self.real(session, query)  # type: ignore[operator,no-any-return]
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSearch]:
    search = HeldSearch(recommendations.search_recommendation_ids)
    monkeypatch.setattr(recommendations, "search_recommendation_ids", search)
    yield search
    search.gate.set()  # never leave a worker waiting


def test_one_search_at_a_time_and_the_last_text_wins(
    qtbot: QtBot, window: MainWindow, idle: Idle, held: HeldSearch
) -> None:
    page = open_page(window, idle)
    page.search._timer.setInterval(0)
    for ch in "birth":  # typed while the first query has not answered
        qtbot.keyClick(page.search, ch)
        qtbot.waitUntil(lambda: held.asked != [], timeout=5000)
    qtbot.wait(1)  # hand the event loop the other keystrokes' timers (no search may start for them)
    assert held.asked == ["b"] and held.most_at_once == 1
    held.gate.set()
    qtbot.waitUntil(lambda: page._shown_filter is not None and page._shown_filter.query == "birth", timeout=10000)
    idle()
    assert held.asked == ["b", "birth"]  # "bi", "bir", "birt" were never asked: the box had moved on
    assert held.most_at_once == 1
    assert_shows(window, page, "birth")


def test_an_answer_for_text_no_longer_in_the_box_is_not_shown(
    qtbot: QtBot, window: MainWindow, idle: Idle, held: HeldSearch
) -> None:
    page = open_page(window, idle)
    shown: list[str] = []
    show = page._show_filtered
    page._show_filtered = lambda flt, *rest: (shown.append(flt.query), show(flt, *rest))  # type: ignore[method-assign,func-returns-value]
    page.search.set_text_now("corporal")
    qtbot.waitUntil(lambda: held.asked == ["corporal"], timeout=5000)
    page.search.set_text_now("birth")  # the box moved on before the first answer
    held.gate.set()
    qtbot.waitUntil(lambda: "birth" in shown, timeout=10000)
    idle()
    assert "corporal" not in shown
    assert_shows(window, page, "birth")


def test_the_detail_of_the_row_a_search_selects_loads_off_the_interface_thread(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    page: RecommendationsPage = open_page(window, idle)
    threads: list[bool] = []
    real = recommendation_detail.load_detail

    def load(session: Session, rec_id: int) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(session, rec_id)

    monkeypatch.setattr(recommendation_detail, "load_detail", load)
    monkeypatch.setattr(recommendations, "load_detail", load, raising=False)
    first = visible(page)[0]
    assert page.table.current_id() == first.id
    page.search.set_text_now("birth registration")  # the first row does not match: the search moves the row
    shown = page._shown_filter
    qtbot.waitUntil(lambda: page._shown_filter is not shown, timeout=10000)
    current = page.table.current_id()
    assert current != first.id
    # never the paragraph shown before: nothing (until the detail arrives) or the new current row
    assert page.detail.data is None or page.detail.rec_id() == current
    qtbot.waitUntil(lambda: page.detail.rec_id() == page.table.current_id(), timeout=10000)
    assert threads == [False]
    assert page.detail.rec_id() == current


def test_a_repaint_of_the_table_asks_the_model_once_per_cell(window: MainWindow, idle: Idle) -> None:
    """Each keystroke repaints the table: its cost is the calls into Python per cell painted.

    Through a sorting proxy, every role of every cell asked the model for its index again (about nine calls
    into Python per cell); the table's pass-through proxy asks once per cell for the index, and once for
    every role the cell is painted with (``multiData``: seven ``data()`` calls before). The badges are
    pictures Qt paints itself: no Python delegate runs per cell."""
    page = open_page(window, idle)
    model = page.model
    calls = {"index": 0, "data": 0, "multiData": 0}
    index, data, multi = model.index, model.data, model.multiData

    def counted_index(*args: object) -> object:
        calls["index"] += 1
        return index(*args)  # type: ignore[arg-type]

    def counted_data(*args: object) -> object:
        calls["data"] += 1
        return data(*args)  # type: ignore[arg-type]

    def counted_multi(*args: object) -> None:
        calls["multiData"] += 1
        multi(*args)  # type: ignore[arg-type]

    model.index, model.data, model.multiData = counted_index, counted_data, counted_multi  # type: ignore[method-assign, assignment]
    viewport = page.table.viewport()
    viewport.repaint()
    model.index, model.data, model.multiData = index, data, multi  # type: ignore[method-assign]
    rows_shown = page.table.rowAt(viewport.height() - 1) - page.table.rowAt(0) + 1
    if page.table.rowAt(viewport.height() - 1) < 0:
        rows_shown = model.rowCount() - page.table.rowAt(0)
    cells = rows_shown * model.columnCount()
    assert cells > 0 and calls["multiData"] >= cells  # the repaint did ask the model for what it shows
    assert calls["index"] <= 2 * cells, (calls, cells)
    assert calls["multiData"] + calls["data"] <= 2 * cells, (calls, cells)
    assert page.table.itemDelegateForColumn(model.COL_URGENT) is None
    assert page.table.itemDelegateForColumn(model.COL_GOVERNMENT) is None


def test_the_header_still_sorts_the_table_through_its_pass_through_proxy(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle)
    column = page.model.COL_NUMBER
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    numbers = [row.number for row in visible(page)]
    assert len(numbers) > 1 and numbers[0] > numbers[-1] and numbers == sorted(numbers, reverse=True)
    assert page.model.sort_state == (column, Qt.SortOrder.DescendingOrder)
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    again = [row.number for row in visible(page)]
    assert again[0] < again[-1] and again == sorted(again)


def test_the_first_key_is_searched_for_at_once(qtbot: QtBot, window: MainWindow, idle: Idle, held: HeldSearch) -> None:
    """No pause between a key and its search (a pause only added to every answer): the search starts while the
    key is handled, and keys typed while it runs are searched for together when it answers."""
    page = open_page(window, idle)
    qtbot.keyClick(page.search, "b")
    assert page._searching  # started before the event loop ran any timer
    qtbot.waitUntil(lambda: held.asked == ["b"], timeout=5000)
    for ch in "irth":
        qtbot.keyClick(page.search, ch)
    held.gate.set()
    qtbot.waitUntil(lambda: page._shown_filter is not None and page._shown_filter.query == "birth", timeout=10000)
    idle()
    assert held.asked == ["b", "birth"]
    assert_shows(window, page, "birth")


def test_a_keystroke_whose_rows_are_already_on_screen_leaves_the_table_alone(
    qtbot: QtBot, window: MainWindow, idle: Idle
) -> None:
    """Letters typed at the end of a word often narrow nothing: the table keeps its rows, its selection and
    its detail, with no reset and no repaint; the next text that changes the rows resets it as before."""
    page = open_page(window, idle)
    page.search.set_text_now("birth registratio")
    qtbot.waitUntil(lambda: page._shown_filter is not None and page._shown_filter.query == "birth registratio")
    idle()
    rows = visible(page)
    page.table.select_row(1)
    idle()
    current = page.table.current_id()
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.search.set_text_now("birth registration")
    qtbot.waitUntil(lambda: page._shown_filter is not None and page._shown_filter.query == "birth registration")
    idle()
    assert resets == [] and visible(page) == rows
    assert page.table.current_id() == current and page.detail.rec_id() == current
    assert_shows(window, page, "birth registration")
    page.search.set_text_now("corporal")
    qtbot.waitUntil(lambda: page._shown_filter is not None and page._shown_filter.query == "corporal")
    idle()
    assert resets == [True]
    assert_shows(window, page, "corporal")
