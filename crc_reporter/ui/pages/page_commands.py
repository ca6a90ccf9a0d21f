"""The commands of the actions page and of the directory pages: shortcuts and the rows' context menus.

(The recommendations page has its own, in :mod:`crc_reporter.ui.pages.recommendation_commands`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from crc_reporter.i18n import _, ngettext
from crc_reporter.ui.formatting import number
from crc_reporter.ui.widgets.keyboard import page_command, row_menu

if TYPE_CHECKING:
    from crc_reporter.ui.pages.actions import ActionsPage
    from crc_reporter.ui.pages.directory import DirectoryPage


class ActionCommands:
    def __init__(self, page: ActionsPage) -> None:
        self.page = page
        self.open = page_command(page, _("Open"), lambda: page.form.title.setFocus())
        self.new = page_command(page, _("New action…"), page.create_action, "Ctrl+Shift+N", button=page.new_button)
        self.link = page_command(
            page, _("Link to a recommendation…"), page.link_recommendation, "Ctrl+L", button=page.add_link
        )
        self.copy = page_command(
            page.table, _("Copy title"), self.copy_title, QKeySequence.StandardKey.Copy, widget_only=True
        )
        self.change = page_command(page, _("Change the selected…"), page.change_selected, "Ctrl+Shift+E")
        self.next = page_command(page, _("Next action"), lambda: page.step(1), "F8")
        self.previous = page_command(page, _("Previous action"), lambda: page.step(-1), "Shift+F8")
        for action in (self.new, self.link, self.change):
            page.ctx.access.guard_action(action)
        row_menu(page.table, self.menu)

    def menu(self) -> list[QAction | None]:
        count = len(self.page.table.selectionModel().selectedRows())
        self.change.setText(
            ngettext("Change the {n} selected…", "Change the {n} selected…", count).format(n=number(count))
        )
        return [self.open, self.link, self.copy, None, self.new, self.change]

    def copy_title(self) -> None:
        shown = self.page._shown
        if shown is not None:
            QGuiApplication.clipboard().setText(shown.title)


class DirectoryCommands:
    """Open (the editor) and copy the name, for actors, documents and indicators."""

    def __init__(self, page: DirectoryPage) -> None:
        self.page = page
        self.open = page_command(page, _("Open"), self.open_editor)
        self.copy = page_command(
            page.table, _("Copy name"), self.copy_name, QKeySequence.StandardKey.Copy, widget_only=True
        )
        self.next = page_command(page, _("Next"), lambda: self.step(1), "F8")
        self.previous = page_command(page, _("Previous"), lambda: self.step(-1), "Shift+F8")
        row_menu(page.table, lambda: [self.open, self.copy])

    def open_editor(self) -> None:
        editor = self.page.editor_title.parentWidget()
        if editor is not None:
            editor.focusNextChild()

    def copy_name(self) -> None:
        if self.page.editor_title.text():
            QGuiApplication.clipboard().setText(self.page.editor_title.text())

    def step(self, delta: int) -> None:
        table = self.page.table
        current = table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        if 0 <= row < table.proxy.rowCount():
            table.select_row(row)
