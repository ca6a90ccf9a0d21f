"""Clicking rows as a person does: a real mouse press and release on the row's rectangle, never ``setCurrentIndex``."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QTableView


def cell(view: QAbstractItemView, row: int) -> QModelIndex:
    """The first visible cell of ``row`` (what a person would click)."""
    model = view.model()
    column = 0
    if isinstance(view, QTableView):
        column = next(c for c in range(model.columnCount()) if not view.isColumnHidden(c))
    return model.index(row, column)


def click_row(
    view: QAbstractItemView, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QPersistentModelIndex:
    """Click ``row``; its index, kept valid if the click made the list move (or invalid if it was reset)."""
    index = QPersistentModelIndex(cell(view, row))
    view.scrollTo(QModelIndex(index))
    rect = view.visualRect(QModelIndex(index))
    assert rect.isValid() and view.viewport().rect().contains(rect.center()), f"row {row} is not on screen"
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    return index
