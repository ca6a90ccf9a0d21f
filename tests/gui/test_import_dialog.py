"""The import dialog: read a Word file in the background, preview it, correct the symbol, import, see what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.services.backups import list_backups
from crc_reporter.services.documents import list_documents
from crc_reporter.store.engine import Store
from crc_reporter.ui.dialogs.import_dialog import ImportDialog, run_import_dialog
from crc_reporter.ui.main_window import MainWindow
from tests.co_content import co_2014
from tests.co_documents import build_docx

from .conftest import Idle


@pytest.fixture
def co_docx(tmp_path: Path) -> Path:
    return build_docx(co_2014(), tmp_path / "CRC_C_XLM_CO_4-6.docx")


def _dialog(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    assert window.ctx is not None
    dialog = ImportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20_000)


def test_a_word_file_is_previewed_then_imported_in_one_go(
    qtbot: QtBot, window: MainWindow, idle: Idle, co_docx: Path, demo_store: Store
) -> None:
    idle()
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(co_docx))
    assert dialog.progress.isVisible()  # reading runs in the background
    _wait(qtbot, dialog)
    preview = dialog.preview
    assert dialog.error.isHidden(), dialog.error.text()
    assert preview.symbol.text() == "CRC/C/XLM/CO/4-6" and preview.treaty.currentData() == "CRC"
    rows = preview.model.rows()
    assert len(rows) > 30
    assert {r.status for r in rows} == {"added"}
    assert any(r.urgent for r in rows) and any(r.kind == "recommendation" for r in rows)
    assert any(r.cluster == "violence" for r in rows)
    assert "paragraphs found" in preview.summary.text() and "new to the store" in preview.summary.text()
    with demo_store.session() as s:
        before = {d.symbol for d in list_documents(s)}
    assert "CRC/C/XLM/CO/4-6" not in before  # the preview wrote nothing

    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        dialog.import_button.click()
    _wait(qtbot, dialog)
    assert dialog.applied is not None and dialog.applied.applied
    assert dialog.close_button.text() == "Close" and dialog.show_button.isVisible()
    assert "Saved in the store" in preview.summary.text()
    with demo_store.session() as s:
        docs = {d.symbol: d for d in list_documents(s)}
    assert docs["CRC/C/XLM/CO/4-6"].paragraphs == len(rows)
    assert any(b.reason == "before-import" for b in list_backups(demo_store))

    # importing the same file again changes nothing and says so
    again = _dialog(qtbot, window)
    again.read_file(str(co_docx))
    _wait(qtbot, again)
    assert {r.status for r in again.preview.model.rows()} == {"unchanged"}
    assert "already in the store" in again.preview.summary.text()


def test_the_symbol_can_be_corrected_before_anything_is_written(
    qtbot: QtBot, window: MainWindow, idle: Idle, co_docx: Path, demo_store: Store
) -> None:
    idle()
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(co_docx))
    _wait(qtbot, dialog)
    preview = dialog.preview
    preview.symbol.setText("CRC/C/XLM/CO/7")
    preview.symbol.editingFinished.emit()
    _wait(qtbot, dialog)
    assert preview.overrides() == ("CRC/C/XLM/CO/7", None)
    assert preview.symbol.text() == "CRC/C/XLM/CO/7"
    preview.symbol.setText("not a symbol")
    preview.symbol.editingFinished.emit()
    _wait(qtbot, dialog)
    assert dialog.error.isVisible() and "\n" not in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    preview.symbol.setText("CRC/C/XLM/CO/7")
    preview.symbol.editingFinished.emit()
    _wait(qtbot, dialog)
    # choosing another treaty reads the file again (the treaty decides how headings are read)
    preview.treaty.setCurrentIndex(preview.treaty.findData("OPSC"))
    preview.treaty.activated.emit(preview.treaty.currentIndex())
    _wait(qtbot, dialog)
    assert preview.treaty.currentData() == "OPSC"
    preview.treaty.setCurrentIndex(preview.treaty.findData("CRC"))
    preview.treaty.activated.emit(preview.treaty.currentIndex())
    _wait(qtbot, dialog)
    dialog.import_button.click()
    _wait(qtbot, dialog)
    with demo_store.session() as s:
        symbols = {d.symbol for d in list_documents(s)}
    assert "CRC/C/XLM/CO/7" in symbols and "CRC/C/XLM/CO/4-6" not in symbols


def test_a_broken_file_gets_one_line_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, demo_store: Store
) -> None:
    idle()
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"this is not a word document at all")
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(bad))
    _wait(qtbot, dialog)
    assert dialog.error.isVisible()
    assert "report.docx" in dialog.error.text() and "\n" not in dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_pasted_text_is_read_too(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    idle()
    dialog = _dialog(qtbot, window)
    dialog.chooser.setCurrentIndex(dialog.chooser.PASTE)
    dialog.chooser.paste.setPlainText(
        "Committee on the Rights of the Child\nConcluding observations on the combined fifth and sixth periodic "
        "reports of Xamplia\nCRC/C/XMP/CO/9\n\n"
        "1. The Committee considered the report.\n\n"
        "2. The Committee recommends that the State party strengthen its data collection.\n"
    )
    dialog.chooser.read_button.click()
    _wait(qtbot, dialog)
    assert dialog.preview.currentIndex() == 1
    assert [r.number for r in dialog.preview.model.rows()] == [1, 2]


def test_the_window_hook_opens_the_dialog(
    qtbot: QtBot, window: MainWindow, idle: Idle, co_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle()
    seen: list[ImportDialog] = []

    def exec_(self: ImportDialog) -> int:
        seen.append(self)
        qtbot.waitUntil(lambda: self._task is None and self.report is not None, timeout=20_000)
        self.import_button.click()
        qtbot.waitUntil(lambda: self.applied is not None, timeout=20_000)
        return 1

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    report = run_import_dialog(window, str(co_docx))
    assert seen and report is not None and report.documents[0].symbol == "CRC/C/XLM/CO/4-6"
    assert "Imported" in window.statusBar().currentMessage()


def test_a_uhri_export_with_several_documents(qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path) -> None:
    from tests.uhri_fixture import build_uhri_xlsx

    idle()
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(build_uhri_xlsx(tmp_path / "uhri.xlsx")))
    _wait(qtbot, dialog)
    preview = dialog.preview
    assert dialog.error.isHidden(), dialog.error.text()
    assert preview.document.count() == 4 and preview.document.isVisibleTo(dialog)
    assert not preview.symbol.isEnabled()  # several documents: their symbols come from the file
    symbols = []
    for index in range(4):
        preview.document.setCurrentIndex(index)
        symbols.append((preview.symbol.text(), preview.treaty.currentData()))
        assert preview.model.rowCount() > 0
    assert symbols == [
        ("A/HRC/41/17", "UPR"),
        ("CEDAW/C/XLM/CO/6", "CEDAW"),
        ("CRC/C/OPAC/XLM/CO/1", "OPAC"),
        ("CRC/C/XLM/CO/4-6", "CRC"),
    ]
    # issue 22: only the other mechanisms' rows about children, on by default, the rest counted
    assert preview.only_children.isVisibleTo(dialog) and preview.only_children.isChecked()
    warnings = preview.warnings_model.stringList()
    assert any("2 rows of other mechanisms are left out" in w for w in warnings), warnings
    preview.document.setCurrentIndex(0)
    assert "positions: 1 supported" in preview.summary.text()
    preview.only_children.setChecked(False)  # read again with every row
    _wait(qtbot, dialog)
    assert not any("left out: they do not concern" in w for w in preview.warnings_model.stringList())
    preview.document.setCurrentIndex(0)
    assert "1 supported, 1 noted" in preview.summary.text()
    assert dialog.import_button.isEnabled()


def test_a_upr_report_then_its_addendum(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, demo_store: Store
) -> None:
    from tests import upr_documents as upr

    idle()
    report = upr.build_docx(tmp_path / "report.docx", upr.report_paragraphs())
    addendum = upr.build_docx(tmp_path / "addendum.docx", upr.addendum_paragraphs())
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(report))
    _wait(qtbot, dialog)
    preview = dialog.preview
    assert (preview.symbol.text(), preview.treaty.currentData()) == (upr.SYMBOL, "UPR")
    assert len(preview.model.rows()) == 40 and not preview.only_children.isVisibleTo(dialog)
    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        dialog.import_button.click()
    _wait(qtbot, dialog)
    second = _dialog(qtbot, window)
    second.read_file(str(addendum))
    _wait(qtbot, second)
    assert second.error.isHidden(), second.error.text()
    summary = second.preview.summary.text()
    assert f"Positions on the recommendations of {upr.SYMBOL}: 20 supported, 2 supported in part, 18 noted" in summary
    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        second.import_button.click()
    _wait(qtbot, second)
    from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations

    with demo_store.session() as s:
        recs = list_recommendations(s, RecommendationFilter(document=upr.SYMBOL))
    assert [r.position for r in recs] == [upr.position(n) for n in range(1, 41)]


def test_a_file_dropped_on_the_dialog_is_read_unless_a_task_runs(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    idle()
    dialog = _dialog(qtbot, window)
    read: list[str] = []
    monkeypatch.setattr(dialog, "read_file", read.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "co.docx"))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    enter.ignore()
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    dialog.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys))
    assert read == [str(tmp_path / "co.docx")]
    dialog._task = object()  # type: ignore[assignment]  # busy: a second file is refused
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    enter.ignore()
    dialog.dragEnterEvent(enter)
    assert not enter.isAccepted()
    dialog._task = None


def test_a_failed_file_forgets_the_previous_preview(
    qtbot: QtBot, window: MainWindow, idle: Idle, co_docx: Path, tmp_path: Path, demo_store: Store
) -> None:
    idle()
    dialog = _dialog(qtbot, window)
    dialog.read_file(str(co_docx))
    _wait(qtbot, dialog)
    assert dialog.import_button.isEnabled() and dialog.preview.model.rowCount() > 30
    dialog.preview.symbol.setText("CRC/C/XLM/CO/9")  # a correction for that file only
    dialog.preview.symbol.editingFinished.emit()
    _wait(qtbot, dialog)
    bad = tmp_path / "second.docx"
    bad.write_bytes(b"not a word document either")
    dialog.read_file(str(bad))
    _wait(qtbot, dialog)
    assert not dialog.error.isHidden() and "second.docx" in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.report is None and dialog.source is None
    assert dialog.preview.currentIndex() == 0 and dialog.preview.model.rowCount() == 0
    assert dialog.preview.overrides() == (None, None)
    dialog.apply()  # even called directly, nothing of the earlier file is imported
    _wait(qtbot, dialog)
    with demo_store.session() as s:
        symbols = {d.symbol for d in list_documents(s)}
    assert not {"CRC/C/XLM/CO/4-6", "CRC/C/XLM/CO/9"} & symbols


def test_an_import_can_be_reverted_from_its_backup(
    qtbot: QtBot, window: MainWindow, idle: Idle, co_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    idle()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))

    def exec_(self: ImportDialog) -> int:
        qtbot.waitUntil(lambda: self._task is None and self.report is not None, timeout=20_000)
        self.import_button.click()
        qtbot.waitUntil(lambda: self.applied is not None, timeout=20_000)
        assert not self.revert_button.isHidden()
        self.revert_button.click()
        return self.result()

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    run_import_dialog(window, str(co_docx))
    qtbot.waitUntil(lambda: bool(told) and window.store is not None, timeout=30_000)
    idle()
    assert told[0].startswith("Restored the backup")
    with window.store.session() as s:  # type: ignore[union-attr]
        assert "CRC/C/XLM/CO/4-6" not in {d.symbol for d in list_documents(s)}


def test_pasted_text_over_a_word_copy_asks_first(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, tmp_path: Path
) -> None:
    """Issue 18, item 7: the dialog lists what a weaker copy would change and lets the person choose."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from crc_reporter.importers import load_source
    from crc_reporter.services.importing import apply_import
    from tests.unit.importers.test_pdf_and_text import PASTED

    word = build_docx(co_2014(country="Cambodia", code="KHM"), tmp_path / "co.docx")
    with demo_store.session() as s:
        apply_import(s, load_source(word))
    idle()
    shown: list[str] = []

    def answer(button_text: str) -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:  # not open yet
            QTimer.singleShot(20, lambda: answer(button_text))
            return
        shown.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text() == button_text).click()

    dialog = _dialog(qtbot, window)
    dialog.chooser.paste.setPlainText(PASTED)
    dialog.read_pasted()
    _wait(qtbot, dialog)
    assert dialog.report is not None and dialog.report.documents[0].weaker_than == "docx"

    QTimer.singleShot(0, lambda: answer("Keep the stored copy"))
    dialog.import_button.click()
    assert "CRC/C/KHM/CO/4-6 was imported from a Word file" in shown[0] and "would change paragraphs" in shown[0]
    assert dialog._task is None and dialog.applied is None  # nothing was written

    QTimer.singleShot(0, lambda: answer("Replace it"))
    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        dialog.import_button.click()
    _wait(qtbot, dialog)
    assert dialog.applied is not None and dialog.applied.documents[0].count("updated") > 0


def test_a_khmer_translation_is_matched_then_kept_beside_the_original(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store
) -> None:
    """Issue 18, item 2 in the dialog: the preview says what matches and what does not; Import stores it."""
    from sqlalchemy import select

    from crc_reporter.store.models import Document
    from tests.khmer_translation import SYMBOL as DEMO_CO
    from tests.khmer_translation import as_text

    idle()
    dialog = _dialog(qtbot, window)
    dialog.translation.check.setChecked(True)
    dialog.translation.symbol.setText(DEMO_CO)
    dialog.chooser.paste.setPlainText(as_text(12))
    dialog.read_pasted()
    _wait(qtbot, dialog)
    assert dialog.error.isHidden(), dialog.error.text()
    summary = dialog.preview.summary.text()
    assert "Translation (km)" in summary and "66 paragraphs" in summary
    assert any("12" in w for w in dialog.preview.warnings_model.stringList())  # the missing paragraph
    with demo_store.session() as s:  # the preview wrote nothing
        doc = s.scalar(select(Document).where(Document.symbol == DEMO_CO))
        assert doc is not None and not any(r.translation_lang == "km" and r.number < 50 for r in doc.recommendations)

    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        dialog.import_button.click()
    _wait(qtbot, dialog)
    assert dialog.translation_report is not None and dialog.translation_report.applied
    with demo_store.session() as s:
        doc = s.scalar(select(Document).where(Document.symbol == DEMO_CO))
        assert doc is not None
        langs = {r.number: r.translation_lang for r in doc.recommendations}
    assert {n for n, lang in langs.items() if lang == "km"} == set(langs) - {12}
