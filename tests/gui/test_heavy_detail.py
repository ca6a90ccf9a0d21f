"""A paragraph with many linked actions is read on a worker when clicked: the window does not freeze (issue 25)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services.actions import create_action, link_action
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.recommendations import DETAIL_ON_WORKER, RecommendationsPage

from .conftest import Idle
from .mouse import click_row


def test_clicking_a_paragraph_with_many_actions_reads_its_detail_on_a_worker(
    qtbot: QtBot, window: MainWindow, idle: Idle
) -> None:
    assert window.store is not None
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    heavy = page.table.proxy.record(page.table.proxy.index(5, 0))
    assert isinstance(heavy, RecommendationRow)
    with window.store.session() as session:
        for i in range(DETAIL_ON_WORKER + 5):
            link_action(session, create_action(session, f"Measure {i}").id, heavy.id)
    window.refresh()  # the rows now count the new links
    idle()
    row = next(
        r
        for r in range(page.table.proxy.rowCount())
        if page.table.proxy.record(page.table.proxy.index(r, 0)).id == heavy.id
    )
    click_row(page.table, row)
    # the click returned before the detail was read: the pane waits (no command acts on the paragraph before)
    assert page.detail.data is None and window.tasks.active >= 1
    qtbot.waitUntil(lambda: page.detail.rec_id() == heavy.id, timeout=10_000)
    assert page.detail.linked_model.rowCount() >= DETAIL_ON_WORKER + 5
    light = next(r for r in range(page.table.proxy.rowCount()) if r != row)
    clicked = page.table.proxy.record(click_row(page.table, light))
    assert isinstance(clicked, RecommendationRow) and page.detail.rec_id() == clicked.id  # a light one: at once
