"""The window in Khmer and French: Qt's own strings, fonts without empty boxes, translations of paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTranslator
from PySide6.QtGui import QFontDatabase, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from crc_reporter import i18n
from crc_reporter.i18n import catalogs
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.qt_strings import QT_STRINGS
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from tests.gui.conftest import Idle


@pytest.fixture
def restore_english() -> Iterator[None]:
    yield
    apply_language("en")


def test_qt_dialog_buttons_speak_the_interface_language(qtbot: QtBot, restore_english: None) -> None:
    buttons = QDialogButtonBox.StandardButton
    apply_language("km")
    box = QDialogButtonBox(buttons.Ok | buttons.Cancel | buttons.Save | buttons.Close)
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"យល់ព្រម", "បោះបង់", "រក្សាទុក", "បិទ"}
    # a Qt string we do not list is left alone, not blanked
    assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    apply_language("fr")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans\u00a0:"  # ours
    assert QCoreApplication.translate("QShortcut", "Del") == "Suppr"  # Qt's own qtbase_fr.qm underneath
    apply_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


class _Recorder(QTranslator):
    """Installed last (asked first): notes what Qt asks for and lets the other translators answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        self.asked.add((context, source))
        return None

    def isEmpty(self) -> bool:
        return False


def test_every_string_of_qt_dialogs_is_in_the_catalogs(qtbot: QtBot, tmp_path: Path, restore_english: None) -> None:
    """If a new Qt version shows other strings in these dialogs, add them to ui/qt_strings.py."""
    apply_language("km")
    app = QApplication.instance()
    recorder = _Recorder()
    app.installTranslator(recorder)
    try:
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            dialog = QFileDialog(None, "", str(tmp_path), "Word (*.docx)")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            dialog.setAcceptMode(mode)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.wait(1)
            dialog.hide()
        box = QMessageBox(
            QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        box.setDetailedText("details")
        qtbot.addWidget(box)
        box.show()
        progress, ask = QProgressDialog(), QInputDialog()
        for widget in (progress, ask):
            qtbot.addWidget(widget)
            widget.show()
        for editor in (QLineEdit(), QTextEdit()):
            qtbot.addWidget(editor)
            editor.createStandardContextMenu().deleteLater()
    finally:
        app.removeTranslator(recorder)
    listed = set(QT_STRINGS)
    ignored = {("QGuiApplication", "QT_LAYOUT_DIRECTION"), ("QProgressBar", "%p%")}
    # key names stay as printed on keyboards; file types come with their own translations (shared MIME database)
    missing = sorted(p for p in recorder.asked - listed - ignored if p[0] not in ("QShortcut", "QMimeType"))
    assert recorder.asked & listed, "the recorder saw nothing"
    assert not missing, f"Qt shows strings the catalogs do not translate: {missing}"
    km = i18n.translator("km")
    assert all(km.pgettext(ctx, src) != src or src.startswith("Alt+") for ctx, src in recorder.asked & listed)


def test_khmer_strings_render_without_empty_boxes(qtbot: QtBot) -> None:
    """Every Khmer string of the catalog, laid out in the interface font: no glyph is the empty box (.notdef)."""
    from crc_reporter.ui.app import application

    app = application()
    assert "Noto Sans Khmer" in QFontDatabase.families()  # bundled, registered at start-up
    assert "Noto Sans Khmer" in app.font().families()
    missing: list[str] = []
    for message in catalogs.read_catalog(catalogs.po_path("km"), "km"):
        texts = message.string if isinstance(message.string, tuple | list) else [message.string]
        for text in texts:
            if not text:
                continue
            layout = QTextLayout(text, app.font())
            layout.beginLayout()
            layout.createLine()
            layout.endLayout()
            for run in layout.glyphRuns():
                if 0 in run.glyphIndexes():
                    missing.append(f"{run.rawFont().familyName()}: {text[:50]}")
    assert not missing, "\n".join(missing[:20])


def test_a_translation_is_typed_beside_the_paragraph_and_undone(
    qtbot: QtBot, window: MainWindow, idle: Idle, restore_english: None
) -> None:
    apply_language("km")
    window.retranslate()
    window.navigate("recommendations")
    idle()
    page = window.page("recommendations")
    page.search.set_text_now("diversion")  # paragraph 55: no translation yet
    idle()  # the search runs in the background
    page.table.select_row(0)
    detail = page.detail  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: detail.data is not None)  # the detail of a row a search selected loads once typing pauses
    info = detail.data.info
    assert info.translation is None
    panel = detail.translation
    detail.tabs.setCurrentWidget(panel)
    assert not panel.save.isEnabled()
    panel.editor.setPlainText("គណៈកម្មាធិការកត់សម្គាល់ការសាកល្បងកម្មវិធីបង្វែរ")
    assert panel.language.currentData() == "km" and panel.save.isEnabled()
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    idle()
    assert detail.data.info.translation == "គណៈកម្មាធិការកត់សម្គាល់ការសាកល្បងកម្មវិធីបង្វែរ"
    page.search.set_text_now("សាកល្បង")  # "piloting", inside the sentence
    idle()
    assert [page.model.record(r).id for r in range(page.model.rowCount())] == [info.id]
    shown = page.model.index(0, page.model.COL_TEXT).data()
    assert shown.startswith("គណៈកម្មាធិការ")  # the table shows the Khmer text in the Khmer interface
    window.undo_action.trigger()
    idle()
    with window.store.session() as session:  # type: ignore[union-attr]
        from crc_reporter.services.recommendation_queries import get_recommendation_info

        stored = get_recommendation_info(session, info.id)
    assert stored is not None and stored.translation is None
    page.search.set_text_now("")  # the same words again would not search again
    page.search.set_text_now("សាកល្បង")
    idle()
    assert [page.model.record(r).id for r in range(page.model.rowCount())] == [], info.id


def test_khmer_digits_chosen_in_settings(
    qtbot: QtBot, window: MainWindow, idle: Idle, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog

    def exec_(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("km"))
        assert dialog.khmer_digits.isEnabled()
        dialog.khmer_digits.setChecked(True)
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    try:
        window.switcher.show_settings()
        idle()
        assert i18n.khmer_digits() and AppSettings().khmer_digits
        page = window.page("recommendations")
        window.navigate("recommendations")
        idle()
        assert page.subtitle.text().startswith("១២៣")  # "123 of 123 paragraphs", in Khmer digits
        number = page.model.index(0, page.model.COL_NUMBER).data()
        assert number and all("០" <= c <= "៩" for c in number)
        assert page.model.index(0, page.model.COL_DOCUMENT).data().startswith("XMP/")  # symbols keep Latin digits
    finally:
        apply_language("en")


def test_sidebar_is_wide_enough_for_every_page_name(qtbot: QtBot, window: MainWindow, restore_english: None) -> None:
    for lang in ("km", "fr", "xx"):
        apply_language(lang)
        window.retranslate()
        sidebar = window.sidebar
        metrics = sidebar.fontMetrics()
        for row in range(window.sidebar_model.rowCount()):
            text = window.sidebar_model.index(row, 0).data()
            rect = sidebar.visualRect(window.sidebar_model.index(row, 0))
            assert metrics.horizontalAdvance(text) + 20 + 6 <= rect.width(), (lang, text)
            assert sidebar.indexAt(QPoint(rect.center())).row() == row
