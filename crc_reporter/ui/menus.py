"""The menu bar, with the platform's standard shortcuts (QKeySequence.StandardKey)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _

if TYPE_CHECKING:
    from crc_reporter.ui.main_window import MainWindow


def _shortcut(action: QAction, standard: QKeySequence.StandardKey, fallback: str = "") -> None:
    keys = QKeySequence.keyBindings(standard)
    if keys:
        action.setShortcuts(keys)
    elif fallback:  # e.g. Preferences has no standard key on Windows and Linux
        action.setShortcut(QKeySequence(fallback))


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    bar.clear()
    has_store = window.ctx is not None
    switcher = window.switcher

    file_menu = bar.addMenu(_("&File"))
    new = file_menu.addAction(_("&New store…"), switcher.new_store)
    _shortcut(new, QKeySequence.StandardKey.New)
    open_ = file_menu.addAction(_("&Open store…"), switcher.open_store)
    _shortcut(open_, QKeySequence.StandardKey.Open)
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
    imp.setShortcut(QKeySequence("Ctrl+I"))
    imp.setEnabled(has_store)
    if window.ctx is not None:
        window.ctx.access.guard_action(imp)
    window.import_action = imp
    file_menu.addAction(_("Open the &demo data set"), switcher.open_demo)
    file_menu.addSeparator()
    window.exchange.add_to_menu(file_menu)  # send, merge, import from and export for other tools
    file_menu.addSeparator()
    backups = file_menu.addAction(_("&Backups…"), switcher.show_backups)
    backups.setEnabled(has_store)
    prefs = file_menu.addAction(_("&Settings…"), switcher.show_settings)
    _shortcut(prefs, QKeySequence.StandardKey.Preferences, "Ctrl+,")
    file_menu.addSeparator()
    quit_ = file_menu.addAction(_("&Quit"), window.close)
    _shortcut(quit_, QKeySequence.StandardKey.Quit, "Ctrl+Q")

    edit_menu = bar.addMenu(_("&Edit"))
    if window.ctx is not None:
        stack = window.ctx.history.stack
        undo = stack.createUndoAction(window, _("&Undo"))
        redo = stack.createRedoAction(window, _("&Redo"))
        _shortcut(undo, QKeySequence.StandardKey.Undo)
        _shortcut(redo, QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        window.undo_action, window.redo_action = undo, redo
        edit_menu.addSeparator()
    find = edit_menu.addAction(_("&Find…"), window.focus_search)
    _shortcut(find, QKeySequence.StandardKey.Find)
    find.setEnabled(has_store)

    view_menu = bar.addMenu(_("&View"))
    from crc_reporter.ui.main_window import PAGES

    for number, (key, cls, _icon) in enumerate(PAGES, start=1):
        action = view_menu.addAction(cls.title(), partial(window.navigate, key))
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setEnabled(has_store)
    view_menu.addSeparator()
    refresh = view_menu.addAction(_("&Refresh"), window.refresh)
    _shortcut(refresh, QKeySequence.StandardKey.Refresh, "F5")
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
