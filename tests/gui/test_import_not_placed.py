"""Issue 18, item 5: text the importer could not place is shown in the import preview, whole, with its place."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crc_reporter.ui.dialogs.import_dialog import ImportDialog
from crc_reporter.ui.main_window import MainWindow

from .conftest import Idle

STRAY = "the State party has not yet reviewed its laws on juvenile justice, which date from 1998."


def test_text_not_placed_is_listed_in_the_preview(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    idle()
    assert window.ctx is not None
    dialog = ImportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.chooser.setCurrentIndex(dialog.chooser.PASTE)
    dialog.chooser.paste.setPlainText(
        "United Nations CRC/C/XMP/CO/9\nCommittee on the Rights of the Child\n"
        "Concluding observations on the ninth periodic report of Xamplia\n"
        "I. Introduction\n1. The Committee considered the report.\n"
        "A. General measures of implementation (arts. 4, 42 and 44 (6))\nLegislation\n"
        f"{STRAY}\n2. The Committee recommends that the State party review its laws.\n"
    )
    dialog.chooser.read_button.click()
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20_000)
    assert [r.number for r in dialog.preview.model.rows()] == [1, 2]
    shown = dialog.preview.warnings_model.stringList()
    placed = [w for w in shown if STRAY in w]
    assert len(placed) == 1 and "\u201cLegislation\u201d" in placed[0], shown  # its place: after that heading
    assert dialog.preview.warnings.wordWrap()
