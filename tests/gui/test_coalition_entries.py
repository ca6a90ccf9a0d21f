"""Issue 19, item 6: a coalition's questions and proposed recommendations, typed in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from crc_reporter.services.coalition_inputs import entries_for_cluster, entries_for_recommendation
from crc_reporter.services.common import document_by_symbol
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.coalition_dialog import ClusterEntriesDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.coalition_panel import EntryList
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle
from .mouse import click_row


def ctx(window: MainWindow) -> AppContext:
    assert window.ctx is not None
    return window.ctx


def press(button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_entry(entries: EntryList, text: str) -> None:
    entries.editor.setFocus()
    entries.editor.selectAll()
    QTest.keyClick(entries.editor, Qt.Key.Key_Delete)
    QTest.keyClicks(entries.editor, text)


def stored(window: MainWindow, rec_id: int) -> list[tuple[str, str]]:
    with ctx(window).store.session() as session:
        return [(e.kind, e.text) for e in entries_for_recommendation(session, rec_id)]


def test_add_edit_delete_and_undo_in_the_alternative_report_tab(window: MainWindow, idle: Idle) -> None:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    click_row(page.table, 2)
    rec_id = page.detail.rec_id()
    assert rec_id is not None
    panel = page.detail.coalition
    bar = page.detail.tabs.tabBar()
    tab = page.detail.tabs.indexOf(page.detail.coalition_tab)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(tab).center())
    assert page.detail.tabs.tabText(page.detail.tabs.currentIndex()) == "Alternative report"
    questions, recommendations = panel.questions, panel.recommendations
    type_entry(questions, "How many children were detained?")
    press(questions.add)
    type_entry(questions, "What budget goes to child protection?")
    press(questions.add)
    type_entry(recommendations, "Adopt the Juvenile Justice Law.")
    press(recommendations.add)
    assert stored(window, rec_id) == [
        ("question", "How many children were detained?"),
        ("question", "What budget goes to child protection?"),
        ("recommendation", "Adopt the Juvenile Justice Law."),
    ]
    assert questions.model.rowCount() == 2 and questions.model.item(1).text().startswith("2. What budget")

    click_row(questions.view, 0)  # the row's text comes into the box; change it and save
    assert questions.editor.toPlainText() == "How many children were detained?"
    type_entry(questions, "How many children were in pre-trial detention in 2024?")
    press(questions.save)
    assert stored(window, rec_id)[0] == ("question", "How many children were in pre-trial detention in 2024?")

    click_row(questions.view, 1)
    press(questions.delete)
    assert [t for k, t in stored(window, rec_id) if k == "question"] == [
        "How many children were in pre-trial detention in 2024?"
    ]
    ctx(window).history.stack.undo()  # the deletion
    ctx(window).history.stack.undo()  # the change of wording
    assert stored(window, rec_id)[:2] == [
        ("question", "How many children were detained?"),
        ("question", "What budget goes to child protection?"),
    ]
    assert questions.model.rowCount() == 2
    ctx(window).history.stack.redo()
    assert stored(window, rec_id)[0][1] == "How many children were in pre-trial detention in 2024?"

    click_row(page.table, 3)  # another paragraph has its own (empty) lists
    assert page.detail.rec_id() != rec_id and questions.model.rowCount() == 0


def test_cluster_dialog_from_the_reports_page(window: MainWindow, idle: Idle) -> None:
    window.navigate("reports")
    idle()
    page = window.pages["reports"]
    form = page.form  # type: ignore[attr-defined]
    form.kind.setCurrentIndex(form.kind.findData("alternative"))
    idle()
    assert page.entries_button.isVisible()  # type: ignore[attr-defined]
    symbol = form.document.currentData()
    with ctx(window).store.session() as session:
        doc_id = document_by_symbol(session, symbol).id
    dialog = ClusterEntriesDialog(window.ctx, doc_id, symbol, page)  # type: ignore[arg-type]
    dialog.show()
    dialog.cluster.setCurrentIndex(dialog.cluster.findData("education"))
    type_entry(dialog.panel.recommendations, "Make secondary education free.")
    press(dialog.panel.recommendations.add)
    with ctx(window).store.session() as session:
        assert [e.text for e in entries_for_cluster(session, doc_id, "education")] == ["Make secondary education free."]
        assert entries_for_cluster(session, doc_id, "health_welfare") == []
    dialog.cluster.setCurrentIndex(dialog.cluster.findData("health_welfare"))
    assert dialog.panel.recommendations.model.rowCount() == 0
    dialog.close()


def test_subheading_translation_typed_in_the_translation_tab(window: MainWindow, idle: Idle) -> None:
    from crc_reporter.services.common import recommendation_by_ref
    from crc_reporter.services.subheading_translations import subheading_translations

    with ctx(window).store.session() as session:
        recommendation_by_ref(session, "CRC/C/XMP/CO/5-6", 12).subheading = "Children near the border"
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    page.detail.show_recommendation(recommendation_id(window, 12))
    idle()
    panel = page.detail.translation
    bar = page.detail.tabs.tabBar()
    tab = page.detail.tabs.indexOf(page.detail.translation_tab)  # typed in ASCII below: QTest cannot type accents
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(tab).center())
    panel.language.setCurrentIndex(panel.language.findData("fr"))
    assert panel.subheading_row.isVisible() and "Children near the border" in panel.subheading_label.text()
    panel.subheading_edit.setFocus()
    QTest.keyClicks(panel.subheading_edit, "Enfants vivant aux frontieres")
    press(panel.subheading_save)
    with ctx(window).store.session() as session:
        assert subheading_translations(session, "fr") == {"Children near the border": "Enfants vivant aux frontieres"}
    ctx(window).history.stack.undo()
    with ctx(window).store.session() as session:
        assert subheading_translations(session, "fr") == {}
    assert panel.subheading_edit.text() == ""


def recommendation_id(window: MainWindow, number: int) -> int:
    from crc_reporter.services.common import recommendation_by_ref

    with ctx(window).store.session() as session:
        return recommendation_by_ref(session, "CRC/C/XMP/CO/5-6", number).id
