"""A grid of numbers that behaves like a spreadsheet: Enter moves down, blocks paste from Excel, bad input stays.

What a person types or pastes is read in the interface's locale (:func:`parse_number`); a value that
cannot be read is refused in place: the cell's editor stays open with the text and the grid says why.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from crc_reporter.i18n import _
from crc_reporter.ui.formatting import parse_number


def readable(text: str) -> bool:
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def not_a_number(text: str) -> str:
    return _("“{value}” is not a number").format(value=text.strip())


def mark_invalid(editor: QWidget, invalid: bool) -> None:
    """Show a value that cannot be read in red (the style sheet's ``[invalid="true"]``)."""
    if editor.property("invalid") != invalid:
        editor.setProperty("invalid", invalid)
        editor.style().unpolish(editor)
        editor.style().polish(editor)


class NumberValidator(QValidator):
    """Lets any text be typed, but only a readable number (or nothing) be entered."""

    def validate(self, text: str, pos: int) -> object:
        state = QValidator.State.Acceptable if readable(text) else QValidator.State.Intermediate
        return state, text, pos


class NumberDelegate(QStyledItemDelegate):
    """Edits a number; Enter on an unreadable value keeps the editor open and says why (``refused``)."""

    refused = Signal(str)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setValidator(NumberValidator(editor))
            editor.textEdited.connect(lambda text: mark_invalid(editor, not readable(text)))
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not readable(editor.text())
        ):
            self.refused.emit(not_a_number(editor.text()))
            return True  # the editor stays open with what was typed
        return super().eventFilter(editor, event)


class NumberGrid(QTableView):
    """Values by row and column; ``pasted(row, column, block)`` asks to write a block of clipboard text."""

    pasted = Signal(int, int, list)  # top row, left column, rows of cell texts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number_delegate = NumberDelegate(self)
        self.setItemDelegate(self.number_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows and Enter move inside it

    # --- Enter moves down, as in a spreadsheet ----------------------------------------------------------------
    def move_down(self) -> None:
        index = self.currentIndex()
        if index.isValid() and index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(index.siblingAtRow(index.row() + 1))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter, not Esc or a click away
            self.move_down()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.move_down()
            return
        super().keyPressEvent(event)

    # --- the clipboard, as tab- and newline-separated text -------------------------------------------------------
    def paste(self) -> None:
        block = clipboard_block(QGuiApplication.clipboard().text())
        index = self.currentIndex()
        if block and index.isValid():
            self.pasted.emit(index.row(), index.column(), block)

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, list[str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), []).append(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        QGuiApplication.clipboard().setText("\n".join("\t".join(cells) for cells in rows.values()) + "\n")


def clipboard_block(text: str) -> list[list[str]]:
    """Rows of cells from text copied out of a spreadsheet (tabs between cells, a newline after each row)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]
