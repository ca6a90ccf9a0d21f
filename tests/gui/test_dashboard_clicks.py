"""A dashboard one can act on: a click on a tile, a bar or a row opens the matching list; lines stay in their axes."""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.actions import ActionsPage
from crc_reporter.ui.pages.dashboard import DashboardPage
from crc_reporter.ui.pages.recommendations import RecommendationsPage
from crc_reporter.ui.widgets.charts import Chart, nice_ticks
from crc_reporter.ui.widgets.line_chart import LineSeries, draw_lines

from .conftest import Idle


def _dashboard(window: MainWindow, idle: Idle) -> DashboardPage:
    idle()
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage) and page.figures is not None
    return page


def _click(qtbot: QtBot, chart: Chart, rect: QRectF) -> None:
    """Scroll the part into view and click its middle with the mouse, as a person would."""
    scroll = chart.parentWidget()
    while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(chart, 0, 0)  # type: ignore[attr-defined]
        qtbot.wait(1)
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center().toPoint())


def test_a_cluster_bar_opens_its_recommendations_in_that_status(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = _dashboard(window, idle)
    page.clusters.grab()  # painted: its parts know where they are
    figures = page.figures
    assert figures is not None
    education = next(c for c in figures.clusters if c.cluster and "education" in c.cluster)
    # the example: "Education: 4 not implemented" (the demo data has some; else its largest status)
    wanted = "not_implemented"
    status = (
        wanted if education.government.get(wanted) else max(education.government, key=education.government.__getitem__)
    )
    expected = education.government[status]
    parts = [
        (rect, target)
        for rect, _tip, target in page.clusters.targets()
        if target[1]["filters"]["cluster"] == education.cluster  # type: ignore[index]
        and target[1]["filters"]["status"] == f"government:{status}"  # type: ignore[index]
    ]
    assert len(parts) == 1
    _click(qtbot, page.clusters, parts[0][0])
    idle()
    recs = window.page("recommendations")
    assert isinstance(recs, RecommendationsPage)
    assert window.current_page_key() == "recommendations"
    assert recs.model.rowCount() == expected
    rows = recs.model.rows()
    assert all(r.cluster == education.cluster and (r.government_status or "") == status for r in rows)
    assert recs.status.currentData() == f"government:{status}" and recs.cluster.currentData() == education.cluster
    assert recs.document.currentData() == figures.scope


def test_tiles_and_rows_open_their_lists(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = _dashboard(window, idle)
    figures = page.figures
    assert figures is not None
    QTest.mouseClick(page.urgent_tile, Qt.MouseButton.LeftButton)
    idle()
    recs = window.page("recommendations")
    assert isinstance(recs, RecommendationsPage)
    assert window.current_page_key() == "recommendations" and recs.urgent.isChecked()
    assert {r.id for r in recs.model.rows()} == {u.id for u in figures.urgent}

    window.navigate("dashboard")
    idle()
    QTest.mouseClick(page.overdue_tile, Qt.MouseButton.LeftButton)
    idle()
    actions = window.page("actions")
    assert isinstance(actions, ActionsPage)
    assert window.current_page_key() == "actions" and actions.overdue.isChecked()
    assert actions.model.rowCount() == figures.overdue_count

    window.navigate("dashboard")
    idle()
    page.urgent.grab()
    rect, _tip, target = page.urgent.targets()[0]
    _click(qtbot, page.urgent, rect)
    idle()
    assert window.current_page_key() == "recommendations" and recs.table.current_id() == target[1]["rec_id"]

    window.navigate("dashboard")
    idle()
    page.by_actor.grab()
    rect, _tip, target = page.by_actor.targets()[0]
    _click(qtbot, page.by_actor, rect)
    idle()
    wanted = target[1]["filters"]
    assert window.current_page_key() == "actions"
    assert actions.actor.currentData() == wanted["actor"] and actions.status.currentData() == wanted["status"]  # type: ignore[index]
    assert actions.model.rowCount() >= 1
    assert all(a.actor == wanted["actor"] and a.status == wanted["status"] for a in actions.model.rows())  # type: ignore[index]


def test_ticks_reach_the_highest_value() -> None:
    rng = random.Random(17)
    for _ in range(2000):
        low = rng.choice([0.0, rng.uniform(-50, 50)])
        high = low + rng.uniform(0.01, 10_000)
        for count in (3, 5):
            ticks = nice_ticks(min(0.0, low), high, count)
            assert ticks[0] <= min(0.0, low) + 1e-9 and ticks[-1] >= high - 1e-9, (low, high, count, ticks)


def test_a_trend_line_stays_inside_its_axes() -> None:
    """Values whose top is just above a round tick (7 on a 0-5-10 axis) once ran over the caption above."""
    image = QImage(300, 160, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    plot_top = 60
    draw_lines(
        painter, QRectF(0, plot_top, 300, 100), [LineSeries("x", "#ff0000", ((2020, 1.0), (2021, 7.0)))], compact=True
    )
    painter.end()
    red = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if (c := image.pixelColor(QPoint(x, y))).red() > 200 and c.green() < 80 and c.blue() < 80
    ]
    assert red, "the line was drawn"
    assert min(y for _x, y in red) >= plot_top, "the line ran above its chart, over the caption"
