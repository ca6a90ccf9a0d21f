"""The progress report of a responsible body from the Reports page: Word or Excel, the body chosen in the form."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.reports import ReportsPage

from .conftest import Idle


def _page(qtbot: QtBot, window: MainWindow, idle: Idle) -> ReportsPage:
    window.navigate("reports", kind="progress")
    page = window.pages["reports"]
    assert isinstance(page, ReportsPage)
    qtbot.waitUntil(lambda: page.form.body.count() > 1, timeout=20_000)
    idle()
    return page


def test_progress_report_in_excel_and_word(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window, idle)
    form = page.form
    assert form.kind.currentData() == "progress"
    assert form.body.isVisibleTo(page) and form.output_format.isVisibleTo(page)
    assert not form.actors.isVisibleTo(page) and not form.coalition.isVisibleTo(page)
    form.body.setCurrentIndex(form.body.findData("Ministry of Justice"))
    qtbot.waitUntil(lambda: page._preview_task is None and page.preview.model.rowCount() > 0, timeout=20_000)
    outline = [page.preview.model.item(i).text() for i in range(page.preview.model.rowCount())]
    assert outline == ["What is late", "Recommendations and what was done"]
    form.output_format.setCurrentIndex(form.output_format.findData("xlsx"))
    assert page.default_path(form.options()).suffix == ".xlsx"  # type: ignore[arg-type]
    target = tmp_path / "MoJ"
    monkeypatch.setattr("crc_reporter.ui.pages.reports.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60_000)
    idle()
    written = target.with_suffix(".xlsx")
    assert page.result is not None and page.result.path == written
    assert openpyxl.load_workbook(written).worksheets[0]["A1"].value == "Progress report: Ministry of Justice"
    page.result = None
    form.output_format.setCurrentIndex(form.output_format.findData("docx"))
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60_000)
    idle()
    assert page.result is not None and page.result.path == target.with_suffix(".docx")
