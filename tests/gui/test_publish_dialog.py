"""File ▸ Publish website…: the preview of what will be public, then the site written in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crc_reporter.ui.dialogs.publish_dialog import PublishDialog
from crc_reporter.ui.main_window import MainWindow

from .conftest import Idle


def test_the_dialog_previews_and_publishes(qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path) -> None:
    idle()
    menu = [a for a in window.menuBar().actions() if a.text() == "&File"][0].menu()
    assert any(a.text() == "&Publish website…" and a.isEnabled() for a in menu.actions())
    assert window.ctx is not None
    dialog = PublishDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview is not None
    assert dialog.preview.confidential_left_out == 3 and dialog.preview.recommendations == 104
    assert dialog.preview_line.text() == ("Public: 4 documents, 104 paragraphs, 47 public actions, 5 indicators.")
    assert "3 confidential actions" in dialog.left_out_line.text()

    # fewer documents: the preview follows
    for row in range(dialog.documents.count() - 1):
        item = dialog.documents.item(row)
        assert item is not None
        item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: dialog.preview is not None and len(dialog.preview.documents) == 1, timeout=10_000)

    dialog.organisation_edit.setText("Child Justice Network")
    dialog.set_language("km", True)
    dialog.write(tmp_path / "site")
    qtbot.waitUntil(lambda: dialog._task is None, timeout=30_000)
    assert dialog.published is not None, dialog.message.text()
    assert dialog.message.text().startswith(f"Published {dialog.published.pages} pages to ")
    assert dialog.open_button.isVisible() and not dialog.publish_button.isVisible()
    assert dialog.published.languages == ("en", "km")
    index = dialog.site_index()
    assert index is not None and index.is_file()
    assert "Child Justice Network" in index.read_text("utf-8")
    assert len(list((tmp_path / "site" / "en" / "documents").iterdir())) == 1


def test_a_folder_that_is_not_a_site_is_refused_in_one_line(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path
) -> None:
    idle()
    assert window.ctx is not None
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "letter.docx").write_bytes(b"x")
    dialog = PublishDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.write(tmp_path / "mine")
    qtbot.waitUntil(lambda: dialog._task is None, timeout=30_000)
    assert dialog.published is None
    assert "is not empty" in dialog.message.text() and "\n" not in dialog.message.text()
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["letter.docx"]
