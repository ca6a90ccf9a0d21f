"""A click acts on the row that was clicked, on every list and picker (issue 17, item 1).

Each test presses the mouse on a row's rectangle, as a person does; the pane next to the list
must then show, name and act on that row, not on the row clicked before.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from crc_reporter.domain.records import ActionInfo, IndicatorInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services import actions as action_svc
from crc_reporter.services.actors import list_actors
from crc_reporter.services.indicators import indicator_info
from crc_reporter.services.usage import linked_recommendations
from crc_reporter.ui.dialogs.pickers import ActionPicker, RecommendationPicker
from crc_reporter.ui.formatting import paragraph_ref
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.models.detail import LinkedAction
from crc_reporter.ui.models.directory import ActorRow, DocumentRow
from crc_reporter.ui.pages.actions import ActionsPage
from crc_reporter.ui.pages.actors import ActorsPage
from crc_reporter.ui.pages.documents import DocumentsPage
from crc_reporter.ui.pages.indicators import IndicatorsPage
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle
from .mouse import click_row


def type_into_grid(view: QTableView, text: str) -> None:
    """Type over the current cell and press Enter, as in a spreadsheet (the first key opens the editor)."""
    QTest.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    QTest.keyClicks(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits and closes its editor through a queued call


def open_page(window: MainWindow, idle: Idle, key: str) -> object:
    window.navigate(key)
    idle()
    return window.pages[key]


def test_recommendations_detail_follows_the_clicked_row(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "recommendations")
    assert isinstance(page, RecommendationsPage)
    for row in (3, 6, 2, 9):
        index = click_row(page.table, row)
        clicked = page.table.proxy.record(index)
        assert isinstance(clicked, RecommendationRow)
        assert page.detail.rec_id() == clicked.id
        assert f"paragraph {clicked.number}" in page.detail.heading.text()
        assert page.table.current_id() == clicked.id


def test_linked_actions_unlink_the_clicked_action(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "recommendations")
    assert isinstance(page, RecommendationsPage)
    proxy = page.table.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.record(proxy.index(r, 0)).action_count >= 2)
    click_row(page.table, row)
    page.detail.tabs.setCurrentIndex(2)
    linked = page.detail.linked
    click_row(linked, 0)
    index = click_row(linked, 1)
    chosen = linked.proxy.record(index)
    assert isinstance(chosen, LinkedAction)
    page.detail.unlink.click()
    remaining = {(a.id, a.part) for a in page.detail.linked_model.rows()}
    assert (chosen.id, chosen.part) not in remaining


def test_action_editor_follows_the_clicked_row_and_saves_to_the_one_it_showed(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "actions")
    assert isinstance(page, ActionsPage)
    first = page.table.proxy.record(click_row(page.table, 4))
    assert isinstance(first, ActionInfo)
    assert page.form.title.text() == first.title and page.editor_title.text() == first.title
    page.form.outcome.setPlainText("Typed for the first action.")
    second = page.table.proxy.record(click_row(page.table, 7))
    assert isinstance(second, ActionInfo)
    assert page.form.title.text() == second.title and page.editor_title.text() == second.title
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert action_svc.action_info(s, first.id).outcome == "Typed for the first action."
        assert action_svc.action_info(s, second.id).outcome == second.outcome
    # the links of the action shown: Open opens the clicked one
    rows = page.links_model.rowCount()
    if rows >= 2:
        link = page.links.proxy.record(click_row(page.links, 1))
        page.open_link.click()
        recs = window.pages["recommendations"]
        assert isinstance(recs, RecommendationsPage)
        idle()
        assert recs.detail.rec_id() == link.rec_id


def test_actor_editor_follows_the_clicked_row_and_saves_to_the_one_it_showed(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "actors")
    assert isinstance(page, ActorsPage)
    first = page.table.proxy.record(click_row(page.table, 2))
    assert isinstance(first, ActorRow)
    assert page.name.text() == first.info.name and page.editor_title.text() == first.info.name
    QTest.keyClicks(page.short, "ZZ1")
    second = page.table.proxy.record(click_row(page.table, 5))
    assert isinstance(second, ActorRow)
    assert page.name.text() == second.info.name and page.editor_title.text() == second.info.name
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        short = {a.id: a.short_name for a in list_actors(s)}
    assert short[first.id] == (first.info.short_name or "") + "ZZ1"
    assert short[second.id] == second.info.short_name


def test_documents_editor_follows_the_clicked_row(window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "documents")
    assert isinstance(page, DocumentsPage)
    for row in (1, 3, 0):
        clicked = page.table.proxy.record(click_row(page.table, row))
        assert isinstance(clicked, DocumentRow)
        assert page.symbol.text() == clicked.info.symbol and page.editor_title.text() == clicked.info.symbol


def test_indicator_values_typed_go_into_the_clicked_indicator(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "indicators")
    assert isinstance(page, IndicatorsPage)
    proxy = page.table.proxy
    with_values = [r for r in range(proxy.rowCount()) if proxy.record(proxy.index(r, 0)).values]
    assert len(with_values) >= 2
    click_row(page.table, with_values[0])
    clicked = proxy.record(click_row(page.table, with_values[1]))
    assert isinstance(clicked, IndicatorInfo)
    assert page.editor_title.text() == clicked.name and page.name.text() == clicked.name
    assert page.chart_card.title_label.text() == clicked.name
    index = page.values_model.index(0, 1)
    year = page.values_model.years()[0]
    rect = page.values.visualRect(index)
    QTest.mouseClick(page.values.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    type_into_grid(page.values, "777")
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        values = {(v.year, v.sex, v.age_group, v.province): v.value for v in indicator_info(s, clicked.id).values}
    assert values[(year, None, None, None)] == 777


def test_link_picker_links_the_clicked_paragraph(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(window, idle, "actions")
    assert isinstance(page, ActionsPage)
    action = page.table.proxy.record(click_row(page.table, 0))
    assert isinstance(action, ActionInfo)
    chosen: list[RecommendationRow] = []

    def pick(picker: RecommendationPicker) -> int:
        picker.show()
        qtbot.waitUntil(lambda: picker.model.rowCount() > 12)
        click_row(picker.table, 10)
        assert picker.choice() is None  # not accepted yet
        row = picker.table.proxy.record(click_row(picker.table, 12))
        chosen.append(row)
        assert picker.target.text() == paragraph_ref(row.document, row.number)
        picker.buttons.button(picker.buttons.StandardButton.Ok).click()
        return picker.result()

    monkeypatch.setattr(RecommendationPicker, "exec", pick)
    page.add_link.click()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        links = {(r.rec_id, r.part_id) for r in linked_recommendations(s, action.id)}
    assert (chosen[0].id, None) in links


def test_link_picker_forgets_a_paragraph_no_longer_listed(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "actions")
    picker = RecommendationPicker(window.ctx, page)  # type: ignore[arg-type]
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.model.rowCount() > 5)
    click_row(picker.table, 5)
    assert picker._info is not None
    qtbot.keyClicks(picker.search, "zzzznotawordanywhere")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 0)
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    assert picker.result() != 1 and picker.error.isVisible()
    assert picker.target.text() == "No paragraph chosen yet."


def test_action_picker_links_the_actions_clicked(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle, "recommendations")
    assert isinstance(page, RecommendationsPage)
    click_row(page.table, 0)
    assert page.detail.data is not None
    picker = ActionPicker(window.ctx, page.detail.data.info, None, page)  # type: ignore[arg-type]
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.model.rowCount() > 6)
    click_row(picker.table, 2)
    first = picker.table.proxy.record(click_row(picker.table, 4))
    second = picker.table.proxy.record(click_row(picker.table, 6, Qt.KeyboardModifier.ControlModifier))
    assert picker.chosen() == [first.id, second.id]
