"""Actions, actors, documents and indicators pages: edit, link, merge, see what is linked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crc_reporter.domain.records import ActionInfo
from crc_reporter.services import actions as action_svc
from crc_reporter.services.documents import get_document
from crc_reporter.services.indicators import indicator_info
from crc_reporter.ui.dialogs.pickers import RecommendationPicker
from crc_reporter.ui.dialogs.records import MergeDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.models.directory import ActorRow, DocumentRow
from crc_reporter.ui.pages.actions import ActionsPage
from crc_reporter.ui.pages.actors import ActorsPage
from crc_reporter.ui.pages.documents import DocumentsPage
from crc_reporter.ui.pages.indicators import IndicatorsPage

from .conftest import Idle


def test_edit_an_action_and_link_it_to_a_part(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigate("actions")
    idle()
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    assert page.model.rowCount() == 50
    page.overdue.setChecked(True)
    overdue = [page.model.record(r) for r in range(page.model.rowCount())]
    assert overdue and all(a.status in ("planned", "ongoing") for a in overdue)
    page.overdue.setChecked(False)
    qtbot.keyClicks(page.search, "pre-trial")
    qtbot.waitUntil(lambda: page.model.rowCount() < 50)
    action = page.table.current_record()
    assert isinstance(action, ActionInfo)
    page.form.outcome.setPlainText("Monthly case reviews in all four provinces.")
    assert page.save_button.isEnabled()
    page.save_button.click()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert action_svc.action_info(s, action.id).outcome == "Monthly case reviews in all four provinces."
    assert not page.save_button.isEnabled()

    def pick(picker: RecommendationPicker) -> int:
        qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
        picker.document.setCurrentIndex(picker.document.findData("CRC/C/XMP/CO/3-4"))
        qtbot.waitUntil(lambda: picker.model.rowCount() == 14)
        picker.table.select_id(next(r.id for r in picker.model.rows() if r.number == 70))
        picker.parts.setCurrentIndex(2)  # part (b)
        picker.done(1)
        return 1

    monkeypatch.setattr(RecommendationPicker, "exec", pick)
    page.add_link.click()
    links = page.links_model.rows()
    assert any(link.document == "CRC/C/XMP/CO/3-4" and link.paragraph == 70 and link.part == "b" for link in links)
    window.undo_action.trigger()
    assert not any(link.paragraph == 70 and link.part == "b" for link in page.links_model.rows())
    window.undo_action.trigger()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert action_svc.action_info(s, action.id).outcome == action.outcome


def test_actors_edit_and_merge(qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch) -> None:
    window.navigate("actors")
    idle()
    page = window.pages["actors"]
    assert isinstance(page, ActorsPage)
    moj = next(r for r in page.model.rows() if r.info.name == "Ministry of Justice")
    page.table.select_id(moj.id)
    assert page.linked.tabText(0) == f"Actions ({moj.usage.actions})"
    assert page.recs_model.rowCount() == moj.usage.responsible_for
    page.short.setText("MJ")
    page.short.textEdited.emit("MJ")
    page.save_button.click()
    idle()
    assert next(r for r in page.model.rows() if r.id == moj.id).info.short_name == "MJ"
    page.type_filter.setCurrentIndex(page.type_filter.findData("ngo"))
    assert all(
        page.table.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).info.type == "ngo"
        for r in range(page.table.proxy.rowCount())
    )
    page.type_filter.setCurrentIndex(0)
    moi = next(r for r in page.model.rows() if r.info.name == "Ministry of Interior")

    def merge(dialog: MergeDialog) -> int:
        dialog.keep.setCurrentIndex(dialog.keep.findData(moj.id))
        dialog.duplicate.setCurrentIndex(dialog.duplicate.findData(moi.id))
        return 1

    monkeypatch.setattr(MergeDialog, "exec", merge)
    page.merge_button.click()
    idle()
    rows = {r.id: r for r in page.model.rows()}
    assert moi.id not in rows and rows[moj.id].usage.actions == moj.usage.actions + moi.usage.actions
    window.undo_action.trigger()
    idle()
    assert isinstance(next(r for r in page.model.rows() if r.id == moi.id), ActorRow)


def test_documents_edit_due_date(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    window.navigate("documents")
    idle()
    page = window.pages["documents"]
    assert isinstance(page, DocumentsPage)
    doc = next(r for r in page.model.rows() if r.info.symbol == "CRC/C/XMP/CO/5-6")
    page.table.select_id(doc.id)
    assert page.tile_paragraphs.value.text() == "67" and not page.delete_button.isEnabled()
    page.due.edit.setDate(page.due.edit.date().addYears(1))
    page.save_button.click()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert get_document(s, "CRC/C/XMP/CO/5-6").next_report_due.year == 2029  # type: ignore[union-attr]
    empty = next(r for r in page.model.rows() if r.info.paragraphs == 0)
    page.table.select_id(empty.id)
    assert page.delete_button.isEnabled()
    page.show_recs.setVisible(True)
    page.table.select_id(doc.id)
    page.show_recs.click()
    idle()
    recs = window.pages["recommendations"]
    assert window.current_page_key() == "recommendations"
    assert recs.document.currentData() == "CRC/C/XMP/CO/5-6"  # type: ignore[attr-defined]
    assert isinstance(empty, DocumentRow)


def test_a_upr_document_keeps_its_mechanism_when_edited(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    """Issue 22: the mechanism box offers every mechanism, so editing a UPR report's title keeps it UPR."""
    from crc_reporter.services.documents import create_document

    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        create_document(s, "A/HRC/56/17", title="Report of the Working Group")
    window.navigate("documents")
    idle()
    page = window.pages["documents"]
    assert isinstance(page, DocumentsPage)
    page.reload()
    idle()
    doc = next(r for r in page.model.rows() if r.info.symbol == "A/HRC/56/17")
    page.table.select_id(doc.id)
    assert page.treaty.currentData() == "UPR"
    page.doc_title.end(False)
    qtbot.keyClicks(page.doc_title, ": Cambodia")  # typed, as a person edits the title
    page.save_button.click()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        saved = get_document(s, "A/HRC/56/17")
    assert saved.mechanism == "UPR" and saved.title.endswith("Cambodia")


def test_indicator_values_year_by_year(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    window.navigate("indicators")
    idle()
    page = window.pages["indicators"]
    assert isinstance(page, IndicatorsPage)
    info = next(r for r in page.model.rows() if r.name == "Children in detention")
    page.table.select_id(info.id)
    assert page.chart.has_data() and page.chart.series[0].label == "Total"
    years = page.values_model.years()
    row = page.values_model.add_year(years[-1] + 1)
    assert page.values_model.setData(page.values_model.index(row, 1), "371")
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        values = {(v.year, v.sex): v.value for v in indicator_info(s, info.id).values}
    assert values[(years[-1] + 1, None)] == 371
    assert page.chart.series[0].points[-1] == (years[-1] + 1, 371)
    window.undo_action.trigger()
    idle()
    assert years[-1] + 1 not in page.values_model.years()


def test_merge_a_document_imported_twice(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crc_reporter.services import recommendations as rec_svc
    from crc_reporter.services.documents import create_document, list_documents
    from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations

    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        copy = create_document(
            s, "CRC/C/XMP/CO/3-4/Corr.1", doc_type="concluding_observations", date="2016-02-05"
        ).symbol
        rec = rec_svc.create_recommendation(s, copy, 70, "Copy of paragraph 70.", themes=["Imported twice"])
        action = action_svc.list_actions(s)[0]
        action_svc.link_action(s, action.id, rec.id)
    window.navigate("documents")
    idle()
    page = window.pages["documents"]
    assert isinstance(page, DocumentsPage) and page.merge_button.isVisible()

    def merge(dialog: MergeDialog) -> int:
        dialog.keep.setCurrentIndex(dialog.keep.findText("CRC/C/XMP/CO/3-4"))
        dialog.duplicate.setCurrentIndex(dialog.duplicate.findText(copy))
        return 1

    monkeypatch.setattr(MergeDialog, "exec", merge)
    page.merge_button.click()
    idle()
    assert copy not in {r.info.symbol for r in page.model.rows()}
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        kept = {r.number: r for r in list_recommendations(s, RecommendationFilter(document="CRC/C/XMP/CO/3-4"))}
        assert "Imported twice" in kept[70].themes
        assert any(
            ln.document == "CRC/C/XMP/CO/3-4" and ln.paragraph == 70
            for ln in action_svc.action_info(s, action.id).links
        )
    window.undo_action.trigger()
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert copy in {d.symbol for d in list_documents(s)}
        assert [r.themes for r in list_recommendations(s, RecommendationFilter(document=copy))] == [("Imported twice",)]
