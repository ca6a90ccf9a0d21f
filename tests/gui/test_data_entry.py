"""Data entry that does not lose input (issue 17, item 4): the indicator grid behaves like a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.i18n import current_language, set_language
from crc_reporter.services.indicators import indicator_info
from crc_reporter.ui.formatting import parse_number
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.indicators import IndicatorsPage

from .conftest import Idle
from .mouse import click_row


@pytest.fixture
def french() -> Iterator[None]:
    before = current_language()
    set_language("fr")
    yield
    set_language(before)


def open_indicator(window: MainWindow, idle: Idle) -> tuple[IndicatorsPage, IndicatorInfo]:
    window.navigate("indicators")
    idle()
    page = window.pages["indicators"]
    assert isinstance(page, IndicatorsPage)
    proxy = page.table.proxy
    row = next(r for r in range(proxy.rowCount()) if len(proxy.record(proxy.index(r, 0)).values) >= 2)
    info = proxy.record(click_row(page.table, row))
    return page, info


def stored(window: MainWindow, indicator_id: int) -> dict[int, float]:
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        return {v.year: v.value for v in indicator_info(s, indicator_id).values if v.sex is None and not v.age_group}


def click_cell(page: IndicatorsPage, row: int, column: int) -> None:
    rect = page.values.visualRect(page.values_model.index(row, column))
    QTest.mouseClick(page.values.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def paste(page: IndicatorsPage, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    QTest.keySequence(page.values, QKeySequence(QKeySequence.StandardKey.Paste))


def test_numbers_are_read_in_the_interface_locale() -> None:
    assert parse_number("0,125", "fr_FR") == 0.125
    assert parse_number("1 234,5", "fr_FR") == 1234.5
    assert parse_number("1,234", "en_GB") == 1234
    assert parse_number("12,5", "en_GB") == 12.5  # cannot be a thousands separator
    assert parse_number("១២", "km_KH") == 12  # Khmer digits
    for bad in ("many", "nan", "1.2.3", "12-", "inf"):
        with pytest.raises(ValueError):
            parse_number(bad, "en_GB")


def test_paste_a_column_and_a_block_from_a_spreadsheet(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page, info = open_indicator(window, idle)
    years = page.values_model.years()
    before = stored(window, info.id)
    click_cell(page, 0, 1)
    paste(page, "101\r\n102\r\n")  # a column copied out of Excel
    idle()
    after = stored(window, info.id)
    assert after[years[0]] == 101 and after[years[1]] == 102
    assert page.values.currentIndex().row() == 0  # the cursor stays where the paste began
    # a block with its years, pasted on the Year column: new years are added below
    last = years[-1]
    click_cell(page, 0, 0)
    paste(page, f"{last + 1}\t7.5\n{last + 2}\t8\n")
    idle()
    after = stored(window, info.id)
    assert after[last + 1] == 7.5 and after[last + 2] == 8
    assert page.values_model.years()[-2:] == [last + 1, last + 2]
    # each paste is one undo step
    window.undo_action.trigger()
    idle()
    assert last + 1 not in stored(window, info.id)
    window.undo_action.trigger()
    idle()
    assert stored(window, info.id) == before


def test_a_paste_with_an_unreadable_value_changes_nothing(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page, info = open_indicator(window, idle)
    before = stored(window, info.id)
    click_cell(page, 0, 1)
    paste(page, "5\nabout ten\n")
    idle()
    assert stored(window, info.id) == before
    assert "about ten" in page.values_note.text()


def test_enter_moves_down_and_bad_input_stays_in_its_cell(
    qtbot: QtBot, window: MainWindow, idle: Idle, french: None
) -> None:
    page, info = open_indicator(window, idle)
    years = page.values_model.years()
    second = stored(window, info.id).get(years[1])
    click_cell(page, 0, 1)
    QTest.keyClicks(page.values, "0")
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.values
    QTest.keyClicks(editor, ",125")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    idle()
    assert stored(window, info.id)[years[0]] == 0.125  # "0,125" in French
    assert page.values.currentIndex().row() == 1  # Enter moved down, and the reload kept the cursor
    QTest.keyClicks(page.values, "x")
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.values
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert QApplication.focusWidget() is editor and editor.text() == "x"  # type: ignore[attr-defined]
    assert "x" in page.values_note.text()
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert stored(window, info.id).get(years[1]) == second


def test_the_store_created_last_is_opened_next_time(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path
) -> None:
    from crc_reporter.ui.app import initial_target
    from crc_reporter.ui.settings import AppSettings

    made = tmp_path / "made on the welcome page.sqlite"
    window.switcher.open_path(str(made), True)  # what "Create a store" does
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == made.resolve(), timeout=10_000)
    idle()
    window.settings.sync()
    restarted = AppSettings()  # the next start reads the settings afresh
    assert initial_target(None, restarted) == str(made.resolve())
    assert initial_target("other.sqlite", restarted) == "other.sqlite"  # the command line still wins
    assert str(made.resolve()) in [a.text() for a in recent_menu_actions(window)]
    restarted.add_recent_store(str(tmp_path / "moved away.sqlite"))  # a store since moved away or deleted
    assert initial_target(None, restarted) == str(restarted.default_store)


def recent_menu_actions(window: MainWindow) -> list[QAction]:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    recent = next(a.menu() for a in file_menu.actions() if a.menu() is not None)
    assert isinstance(recent, QMenu)
    return list(recent.actions())
