"""The welcome page on a short screen (issue 17, item 2): its choices scroll, never drawn over one another."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crc_reporter.ui.pages.welcome import WelcomePanel
from tests.gui.layout_checks import overlapping


def test_the_choices_do_not_overlap_on_a_laptop_at_125_percent(qtbot: QtBot) -> None:
    holder = QWidget()  # the window's page area, which does not grow for its page
    qtbot.addWidget(holder)
    # 1366×768 at 125 % leaves about 893×500 beside the sidebar; the style and fonts of a test are smaller
    holder.setFixedSize(893, 360)
    panel = WelcomePanel("a-long-store-name-" * 3 + ".sqlite", holder)
    panel.setGeometry(0, 0, 893, 360)
    holder.show()
    qtbot.waitExposed(holder)
    assert overlapping(panel) == []
    choices = [panel.create_button, panel.import_button, panel.demo_button, panel.open_button]
    for above, below in zip(choices, choices[1:], strict=False):
        assert above.geometry().bottom() < below.geometry().top(), (above.text(), below.text())
    assert all(choice.height() >= choice.minimumHeight() for choice in choices)
