"""The main flows on the recommendations page: filter and search, open a recommendation, assess, link, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.assessments import assessment_history
from crc_reporter.services.search import search_recommendation_ids
from crc_reporter.ui.dialogs.action_dialog import NewActionDialog
from crc_reporter.ui.dialogs.assessment import AssessmentDialog
from crc_reporter.ui.dialogs.recommendation_dialog import RecommendationDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.models.recommendations import RecommendationTableModel, encode_action_ids
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle

CO = "CRC/C/XMP/CO/5-6"


def open_page(window: MainWindow, idle: Idle) -> RecommendationsPage:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    return page


def visible(page: RecommendationsPage) -> list[RecommendationRow]:
    proxy = page.table.proxy
    return [proxy.record(proxy.index(r, 0)) for r in range(proxy.rowCount())]


def select(page: RecommendationsPage, number: int, document: str = CO) -> RecommendationRow:
    row = next(r for r in page._rows if r.number == number and r.document == document)
    page.show_record(rec_id=row.id)
    assert page.table.current_id() == row.id
    return row


def test_search_as_you_type_and_filters(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle)
    assert len(visible(page)) == 123
    assert "123 of 123" in page.subtitle.text()
    qtbot.keyClicks(page.search, "juvenile just")
    qtbot.waitUntil(lambda: len(visible(page)) < 123)
    found = visible(page)
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        expected = set(search_recommendation_ids(s, "juvenile just"))
    assert {r.id for r in found} == expected and len(found) < 123
    assert {r.number for r in found} >= {55, 56}
    page.urgent.setChecked(True)
    assert [r.number for r in visible(page)] == [56]
    page.clear.click()
    assert len(visible(page)) == 123 and page.search.text() == ""
    page.document.setCurrentIndex(page.document.findData("CRC/C/OPAC/XMP/CO/1"))
    assert {r.document for r in visible(page)} == {"CRC/C/OPAC/XMP/CO/1"}
    page.clear.click()
    page.status.setCurrentIndex(page.status.findData("civil_society:not_implemented"))
    assert visible(page) and all(r.civil_society_status == "not_implemented" for r in visible(page))
    page.clear.click()
    page.responsible.setCurrentIndex(page.responsible.findData("Ministry of Justice"))
    assert visible(page) and all("Ministry of Justice" in r.responsible for r in visible(page))
    page.clear.click()
    page.cluster.setCurrentIndex(page.cluster.findData("none"))
    outside = visible(page)
    assert outside and all(r.cluster is None for r in outside)
    assert {1, 2, 3} <= {r.number for r in outside if r.document == CO}


def test_open_a_recommendation_and_follow_an_earlier_one(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    page = open_page(window, idle)
    row = select(page, 57)
    detail = page.detail
    assert "paragraph 57" in detail.heading.text() and "Urgent" in detail.heading.text()
    html = detail.text.toHtml()
    assert "(a)" in html and "Promote non-judicial measures" in html
    assert detail.tabs.tabText(2).startswith("Actions (")
    assert detail.linked_model.rowCount() == len({(a.id, a.part) for a in detail.data.actions})  # type: ignore[union-attr]
    assert row.id == detail.rec_id()
    # paragraph 6 recalls CRC/C/XMP/CO/3-4, para. 9: the link selects it
    select(page, 6)
    assert 'href="rec:' in page.detail.text.toHtml()
    target = page.detail.data.previous_ids[0]  # type: ignore[union-attr]
    assert target is not None
    page.detail.follow.emit(target)
    assert page.table.current_id() == target
    assert "CRC/C/XMP/CO/3-4, paragraph 9" in page.detail.heading.text()


def test_record_both_assessments_then_undo_and_redo(qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = open_page(window, idle)
    row = select(page, 21)
    gov, cs = page.detail.panels["government"], page.detail.panels["civil_society"]
    before = (gov.badge.text(), cs.badge.text())

    def fill(status: str, note: str):  # type: ignore[no-untyped-def]
        def exec_(dialog: AssessmentDialog) -> int:
            dialog.status.setCurrentIndex(dialog.status.findData(status))
            dialog.note.setPlainText(note)
            dialog.evidence.setPlainText("Annual report 2025")
            return 1

        return exec_

    monkeypatch.setattr(AssessmentDialog, "exec", fill("implemented", "Registration is free"))
    page.detail.panels["government"].record.click()
    monkeypatch.setattr(AssessmentDialog, "exec", fill("partially_implemented", "Fees remain in remote areas"))
    page.detail.panels["civil_society"].record.click()
    assert gov.badge.text() == "Implemented" and cs.badge.text() == "Partially implemented"
    assert cs.note.text() == "Fees remain in remote areas"
    model = page.model
    table_row = model.row_of(row.id)
    assert model.index(table_row, RecommendationTableModel.COL_GOVERNMENT).data() == "Implemented"
    assert model.index(table_row, RecommendationTableModel.COL_CIVIL_SOCIETY).data() == "Partial"
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        notes = [a.note for a in assessment_history(s, row.id)[-2:]]
    assert notes == ["Registration is free", "Fees remain in remote areas"]

    window.undo_action.trigger()
    assert (gov.badge.text(), cs.badge.text()) == ("Implemented", before[1])
    window.undo_action.trigger()
    assert (gov.badge.text(), cs.badge.text()) == before
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert (gov.badge.text(), cs.badge.text()) == ("Implemented", "Partially implemented")


def test_add_an_action_and_link_it_by_dialog_and_by_drag_and_drop(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = open_page(window, idle)
    row = select(page, 44)
    linked_before = page.detail.linked_model.rowCount()

    def exec_(dialog: NewActionDialog) -> int:
        dialog.action_form.title.setText("Child helpline extended to all provinces")
        dialog.action_form.status.setCurrentIndex(dialog.action_form.status.findData("ongoing"))
        return 1

    monkeypatch.setattr(NewActionDialog, "exec", exec_)
    page.detail.parts.setCurrentIndex(page.detail.parts.items.index(0, 0))
    page.detail.new_action.click()
    assert page.detail.linked_model.rowCount() == linked_before + 1
    assert page.model.record(page.model.row_of(row.id)).action_count == row.action_count + 1

    # drag an existing action from the action panel onto another paragraph
    page.show_actions.setChecked(True)
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        helpline = next(a for a in list_actions(s) if a.title.startswith("Child helpline"))
    target = next(r for r in page._rows if r.number == 45 and r.document == CO)
    proxy_index = page.table.proxy.mapFromSource(page.model.index(page.model.row_of(target.id), 0))
    assert page.table.proxy.dropMimeData(
        encode_action_ids([helpline.id]), Qt.DropAction.LinkAction, -1, -1, proxy_index
    )
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        ids = {a.id for a in list_actions(s, ActionFilter(recommendation_id=target.id))}
    assert helpline.id in ids
    # and onto a part in the detail pane
    select(page, 57)
    part = page.detail.data.info.parts[1]  # type: ignore[union-attr]
    page.detail.parts.dropped.emit([helpline.id], part.id)
    assert any(a.id == helpline.id and a.part == part.label for a in page.detail.linked_model.rows())
    window.undo_action.trigger()
    assert not any(a.id == helpline.id for a in page.detail.linked_model.rows())


def test_edit_the_classification_and_undo(qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = open_page(window, idle)
    row = select(page, 21)

    def exec_(dialog: RecommendationDialog) -> int:
        dialog.urgent.setChecked(True)
        dialog.themes.setText("Birth registration; Statelessness")
        for i in range(dialog.bodies_model.rowCount()):
            item = dialog.bodies_model.item(i)
            if item.text() == "Ministry of Interior":
                item.setCheckState(Qt.CheckState.Checked)
        return 1

    monkeypatch.setattr(RecommendationDialog, "exec", exec_)
    page.detail.edit_button.click()
    edited = page.model.record(page.model.row_of(row.id))
    assert edited.urgent and "Ministry of Interior" in edited.responsible
    assert {"Birth registration", "Statelessness"} <= set(edited.tags)
    assert "Urgent" in page.detail.heading.text()
    window.undo_action.trigger()
    restored = page.model.record(page.model.row_of(row.id))
    assert (restored.urgent, restored.responsible, set(restored.tags)) == (row.urgent, row.responsible, set(row.tags))
