"""The menu bar, with the platform's standard shortcuts (QKeySequence.StandardKey)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _

if TYPE_CHECKING:
    from crc_reporter.ui.main_window import MainWindow


def _typed(window: MainWindow, action: QAction, keys: str) -> None:
    """A shortcut written as text. Reading it loads Qt's key names (some 20 ms), so a window
    opened lazily keeps it in ``late_shortcuts`` and sets it after its first frame."""
    if window.late_shortcuts is not None:
        window.late_shortcuts.append((action, keys))
    else:
        action.setShortcut(QKeySequence(keys))


def _shortcut(window: MainWindow, action: QAction, standard: QKeySequence.StandardKey, fallback: str = "") -> None:
    keys = QKeySequence.keyBindings(standard)
    if keys:
        action.setShortcuts(keys)
    elif fallback:  # e.g. Preferences has no standard key on Windows and Linux
        _typed(window, action, fallback)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    bar.clear()
    has_store = window.ctx is not None
    switcher = window.switcher

    file_menu = bar.addMenu(_("&File"))
    new = file_menu.addAction(_("&New store…"), switcher.new_store)
    _shortcut(window, new, QKeySequence.StandardKey.New)
    open_ = file_menu.addAction(_("&Open store…"), switcher.open_store)
    _shortcut(window, open_, QKeySequence.StandardKey.Open)
    recent = file_menu.addMenu(_("Open &recent"))
    stores = window.settings.recent_stores
    for target in stores:
        recent.addAction(target, partial(switcher.open_path, target, False))
    if stores:
        recent.addSeparator()
        recent.addAction(_("Clear the list"), switcher.clear_recent)
    recent.setEnabled(bool(stores))
    file_menu.addSeparator()
    imp = file_menu.addAction(_("&Import concluding observations…"), window.open_import_dialog)
    _typed(window, imp, "Ctrl+I")
    imp.setEnabled(has_store)
    file_menu.addAction(_("Open the &demo data set"), switcher.open_demo)
    file_menu.addSeparator()
    prefs = file_menu.addAction(_("&Settings…"), switcher.show_settings)
    _shortcut(window, prefs, QKeySequence.StandardKey.Preferences, "Ctrl+,")
    file_menu.addSeparator()
    quit_ = file_menu.addAction(_("&Quit"), window.close)
    _shortcut(window, quit_, QKeySequence.StandardKey.Quit, "Ctrl+Q")

    edit_menu = bar.addMenu(_("&Edit"))
    if window.ctx is not None:
        stack = window.ctx.history.stack
        undo = stack.createUndoAction(window, _("&Undo"))
        redo = stack.createRedoAction(window, _("&Redo"))
        _shortcut(window, undo, QKeySequence.StandardKey.Undo)
        _shortcut(window, redo, QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        window.undo_action, window.redo_action = undo, redo
        edit_menu.addSeparator()
    find = edit_menu.addAction(_("&Find…"), window.focus_search)
    _shortcut(window, find, QKeySequence.StandardKey.Find)
    find.setEnabled(has_store)

    view_menu = bar.addMenu(_("&View"))
    from crc_reporter.ui.page_list import PAGES

    for number, spec in enumerate(PAGES, start=1):
        action = view_menu.addAction(spec.label(), partial(window.navigate, spec.key))
        _typed(window, action, f"Ctrl+{number}")
        action.setEnabled(has_store)
    view_menu.addSeparator()
    refresh = view_menu.addAction(_("&Refresh"), window.refresh)
    _shortcut(window, refresh, QKeySequence.StandardKey.Refresh, "F5")
    refresh.setEnabled(has_store)

    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(
        _("&About {app}").format(app=APP_NAME),
        lambda: switcher.about(
            _(
                "{app} {version}: follow up the concluding observations of the Committee on the Rights of the Child."
            ).format(app=APP_NAME, version=__version__)
        ),
    )
