"""The dashboard: pictures of where the country stands, exportable as PNG; the welcome page for an empty store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from crc_reporter.store.engine import Store
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.dashboard import DashboardPage
from crc_reporter.ui.settings import AppSettings

from .conftest import Idle


def test_dashboard_draws_every_picture(qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path) -> None:
    idle()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    assert window.current_page_key() == "dashboard"
    figures = page.figures
    assert figures is not None and figures.scope == "CRC/C/XMP/CO/5-6"
    assert page.stack.currentIndex() == 0  # the charts, not the welcome page
    assert "days left" in page.due.value.text() or "days late" in page.due.value.text()
    assert page.urgent_tile.value.text() == str(len(figures.urgent))
    assert all(chart.has_data() for chart in page.charts)
    assert [r.label for r in page.clusters.rows][0] == "General measures"
    assert len(page.clusters.rows[0].bars) == 2  # the government's view beside civil society's
    assert page.urgent.headers == ("Government", "Civil society")
    exported = tmp_path / "clusters.png"
    assert page.clusters.export_png(exported)
    image = QImage(str(exported))
    assert image.width() == 2 * page.clusters.width() and image.height() > 100
    assert page.cluster_card.default_file_name() == "implementation-status-by-cluster.png"
    # every chart also paints on screen without error
    page.grab()

    page.scope.setCurrentIndex(page.scope.findData("*"))
    idle()
    assert page.figures is not None and page.figures.scope is None
    assert page.figures.paragraphs > figures.paragraphs


def test_dashboard_follows_edits(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    idle()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage) and page.figures is not None
    assessed = page.figures.assessed_civil_society
    rec = next(u for u in page.figures.urgent if not u.civil_society_status)
    from crc_reporter.ui.commands.assessments import RecordAssessment

    window.ctx.edit(RecordAssessment(rec.id, "civil_society", "not_implemented"))  # type: ignore[union-attr]
    idle()
    assert page.figures.assessed_civil_society == assessed + 1


def test_empty_store_shows_the_welcome_page(qtbot: QtBot, store: Store, settings: AppSettings) -> None:
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    page = win.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.welcome_page, timeout=5000)
    assert page.welcome.demo_button.isVisible() and page.welcome.import_button.isVisible()
    win.tasks.wait()
