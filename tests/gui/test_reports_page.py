"""The reports page: outline and word count before writing, a Word draft written in the background, roles."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.domain.roles import Role
from crc_reporter.store.engine import Store
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.reports import ReportsPage
from crc_reporter.ui.settings import AppSettings

from .conftest import Idle


def _page(qtbot: QtBot, window: MainWindow, idle: Idle) -> ReportsPage:
    window.navigate("reports")
    page = window.pages["reports"]
    assert isinstance(page, ReportsPage)
    qtbot.waitUntil(lambda: page.preview.model.rowCount() > 0, timeout=20_000)
    idle()
    return page


def _choose(page: ReportsPage, kind: str | None = None, lang: str | None = None) -> None:
    if kind is not None:
        page.form.kind.setCurrentIndex(page.form.kind.findData(kind))
    if lang is not None:
        page.form.lang.setCurrentIndex(page.form.lang.findData(lang))


def test_the_outline_and_word_count_are_shown_before_writing(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = _page(qtbot, window, idle)
    assert page.form.document.currentData() == "CRC/C/XMP/CO/5-6"
    assert "of 21,200 allowed" in page.preview.length.text()
    top = [page.preview.model.item(i).text() for i in range(page.preview.model.rowCount())]
    assert top[0] == "I. Introduction" and any("General measures of implementation" in t for t in top)
    assert page.generate_button.isEnabled() and not page.preview.permission.isVisible()
    # the follow-up matrix answers lists of issues too; the alternative report names its coalition
    _choose(page, "alternative")
    assert page.form.coalition.isVisibleTo(page) and page.form.coalition.currentData() == "Child Justice Network"
    qtbot.waitUntil(lambda: page._preview_task is None and "word" in page.preview.length.text(), timeout=20_000)
    assert page.preview.model.rowCount() > 0


def test_a_draft_is_written_and_can_be_opened(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window, idle)
    page.form.chart.setChecked(True)
    target = tmp_path / "out" / "State report.docx"
    target.parent.mkdir()
    monkeypatch.setattr("crc_reporter.ui.pages.reports.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    opened: list[str] = []
    monkeypatch.setattr(
        "crc_reporter.ui.pages.reports.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile())
    )
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60_000)
    idle()
    assert page.result is not None and page.result.path == target and target.is_file()
    assert page.preview.written.isVisible() and "State report.docx" in page.preview.written_text.text()
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert any("General measures of implementation" in h for h in headings)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "CRC/C/XMP/CO/5-6" in body
    assert len(document.inline_shapes) >= 1  # the dashboard's chart, as a picture
    assert document.core_properties.title
    page.preview.open_button.click()
    page.preview.folder_button.click()
    assert opened == [str(target), str(target.parent)]
    assert AppSettings().value("reports/folder") == str(target.parent)


def test_the_report_language_is_independent_of_the_interface(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path
) -> None:
    page = _page(qtbot, window, idle)
    _choose(page, "matrix", "fr")
    options = page.form.options("tester")
    assert options is not None and options.lang == "fr"
    from dataclasses import replace

    page.write(replace(options, out=tmp_path / "matrice.docx"))
    qtbot.waitUntil(lambda: page.result is not None, timeout=60_000)
    document = docx.Document(str(tmp_path / "matrice.docx"))
    assert document.core_properties.language.startswith("fr")
    assert page.form.kind.currentText() == "Follow-up status matrix"  # the window stays in English


def test_cancelling_writes_nothing(qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path) -> None:
    page = _page(qtbot, window, idle)
    options = page.form.options("tester")
    assert options is not None
    from dataclasses import replace

    target = tmp_path / "never.docx"
    task = page.write(replace(options, out=target))
    task.cancel()
    idle()
    assert not target.exists()
    assert page.preview.failure.isVisible() and "cancelled" in page.preview.failure.text()
    assert page.result is None


def test_official_drafts_need_a_coordinator_on_a_server(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> None:
    demo_store.role = Role.EDITOR  # as a shared server would report an editor
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.navigate("reports")
    page = win.pages["reports"]
    assert isinstance(page, ReportsPage)
    qtbot.waitUntil(lambda: page.preview.model.rowCount() > 0, timeout=20_000)
    assert not page.generate_button.isEnabled()
    assert "coordinator" in page.generate_button.toolTip() and page.preview.permission.isVisible()
    _choose(page, "loipr")
    assert not page.generate_button.isEnabled()
    _choose(page, "matrix")
    qtbot.waitUntil(lambda: page.generate_button.isEnabled(), timeout=10_000)
    assert not page.preview.permission.isVisible()
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=20_000)


def test_a_broken_template_is_one_line_before_anything_is_written(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path
) -> None:
    page = _page(qtbot, window, idle)
    bad = tmp_path / "letterhead.docx"
    bad.write_bytes(b"not a word file")
    page.form.set_template(bad)
    qtbot.waitUntil(lambda: "letterhead.docx" in page.preview.length.text(), timeout=20_000)
    assert "\n" not in page.preview.length.text() and page.preview.model.rowCount() == 0
    page.form.set_template(None)
    qtbot.waitUntil(lambda: page.preview.model.rowCount() > 0, timeout=20_000)
    idle()


def test_choosing_what_goes_in(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = _page(qtbot, window, idle)
    action = next(a for a in page.form.cluster_actions if a.data() == "special_protection")
    action.setChecked(True)
    assert page.form.clusters.text() == action.text()
    page.update_preview()
    qtbot.waitUntil(lambda: page._preview_task is None, timeout=20_000)
    top = [page.preview.model.item(i).text() for i in range(page.preview.model.rowCount())]
    assert top[0] == "I. Introduction" and top[1].startswith("II. Special protection measures")
    assert "left" in top[1] and len(top) == 4  # its words and what is left; then the two annexes
    page.form.paragraphs.setText("12,x")
    page.update_preview()
    assert "x is not a paragraph number" in page.preview.length.text()
    assert page.form.options() is None
