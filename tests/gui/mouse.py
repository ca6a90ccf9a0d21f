"""Clicking rows as a person does: a real mouse press and release on the row's rectangle, never ``setCurrentIndex``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableView


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


def choose(combo: QComboBox, data: object) -> None:
    """Open a combo box's list with a click and click the item holding ``data``, as a person does.

    Qt ignores a release on the list for a double-click interval after it opens (a click that opened it
    must not also choose): the click on the item is repeated until the combo box takes it."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, combo.rect().center())
    view = combo.view()
    assert view.isVisible(), "the list did not open"

    def click_item() -> bool:
        if combo.currentIndex() == index and not view.isVisible():
            return True
        item = view.model().index(index, combo.modelColumn())
        view.scrollTo(item)
        point = view.visualRect(item).center()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        return combo.currentIndex() == index and not view.isVisible()

    deadline = QDeadlineTimer(3000)
    while not click_item():
        assert not deadline.hasExpired(), f"{data!r} was not chosen"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
