"""Keyboard and context-menu plumbing shared by the pages (issue 17, item 3).

* :func:`page_command`: a command of a page with its shortcut, active wherever the focus is on the page,
  listed in the row's context menu with the shortcut shown, and named in a button's tooltip.
* :func:`row_menu`: the context menu of a table's rows (right click, the Menu key, Shift+F10).
* :func:`notes_keys`: Tab in a note moves on to the next field, Ctrl+Tab types a tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QMenu, QPlainTextEdit, QWidget

Keys = QKeySequence.StandardKey | str | None


def key_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def page_command(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    keys: Keys = None,
    *,
    button: QAbstractButton | None = None,
    widget_only: bool = False,
) -> QAction:
    """A QAction on ``owner`` (the page; with ``widget_only``, a single widget such as a table)."""
    action = QAction(text, owner)
    if isinstance(keys, QKeySequence.StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(keys))
    elif keys:
        action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(
        Qt.ShortcutContext.WidgetShortcut if widget_only else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    if keys:  # the key in the tooltips of the action (menus) and of its button
        action.setToolTip(f"{text.replace('&', '')} ({key_text(action)})")
    if button is not None and keys:
        tip = button.toolTip() or text.replace("&", "")
        button.setToolTip(f"{tip} ({key_text(action)})")
    return action


def row_menu(view: QAbstractItemView, commands: Callable[[], Sequence[QAction | None]]) -> None:
    """Show ``commands()`` (None: a separator) as the context menu of the rows of ``view``."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        menu = QMenu(view)
        for action in commands():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        view.context_menu = menu  # type: ignore[attr-defined]  # reachable from tests
        menu.popup(view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(show)


class _NoteKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            isinstance(watched, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            watched.insertPlainText("\t")
            return True
        return False


_NOTE_KEYS = _NoteKeys()


def notes_keys(*edits: QPlainTextEdit) -> None:
    """Tab leaves a note for the next field (as in every other field); Ctrl+Tab types a tab."""
    for edit in edits:
        edit.setTabChangesFocus(True)
        edit.installEventFilter(_NOTE_KEYS)
