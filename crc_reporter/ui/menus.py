"""The menu bar, with the platform's standard shortcuts (QKeySequence.StandardKey)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _
from crc_reporter.ui.page_list import PAGES

if TYPE_CHECKING:
    from crc_reporter.ui.main_window import MainWindow


Shortcut = tuple[QAction, "QKeySequence.StandardKey | None", str]


def _apply_shortcuts(shortcuts: list[Shortcut]) -> None:
    for action, standard, fallback in shortcuts:
        keys = QKeySequence.keyBindings(standard) if standard is not None else []
        if keys:
            action.setShortcuts(keys)
        elif fallback:  # e.g. Preferences has no standard key on Windows and Linux
            action.setShortcut(QKeySequence(fallback))


def _switcher(window: MainWindow, method: str, *args: object) -> Callable[[], None]:
    """A slot calling the window's store switcher, which is created (its modules imported) on first use."""
    return lambda: getattr(window.switcher, method)(*args)


def _publish_website(window: MainWindow) -> None:
    from crc_reporter.ui.dialogs.publish_dialog import open_publish_dialog  # not at start-up

    open_publish_dialog(window.ctx, window)


def _follow_up(window: MainWindow, what: str) -> None:
    """Follow-up ▸ …: the dialogs of issue 23, imported on first use."""
    if what == "answer":
        from crc_reporter.ui.dialogs.answer_dialog import answer_request_file

        answer_request_file(window.ctx.store.user if window.ctx else "", window)
        return
    if window.ctx is None:
        return
    if what == "enter":
        from crc_reporter.ui.dialogs.answer_dialog import enter_updates

        enter_updates(window.ctx, window)
        return
    from crc_reporter.ui.dialogs import follow_up_dialogs as dialogs

    {"ask": dialogs.ask_for_updates, "merge": dialogs.merge_reply_file, "review": dialogs.review_changes}[what](
        window.ctx, window
    )


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    bar.clear()
    shortcuts: list[Shortcut] = []
    has_store = window.ctx is not None

    file_menu = bar.addMenu(_("&File"))
    new = file_menu.addAction(_("&New store…"), _switcher(window, "new_store"))
    shortcuts.append((new, QKeySequence.StandardKey.New, ""))
    open_ = file_menu.addAction(_("&Open store…"), _switcher(window, "open_store"))
    shortcuts.append((open_, QKeySequence.StandardKey.Open, ""))
    recent = file_menu.addMenu(_("Open &recent"))
    stores = window.settings.recent_stores
    for target in stores:
        recent.addAction(target, _switcher(window, "open_path", target, False))
    if stores:
        recent.addSeparator()
        recent.addAction(_("Clear the list"), _switcher(window, "clear_recent"))
    recent.setEnabled(bool(stores))
    file_menu.addSeparator()
    imp = file_menu.addAction(_("&Import concluding observations…"), window.open_import_dialog)
    shortcuts.append((imp, None, "Ctrl+I"))
    imp.setEnabled(has_store)
    if window.ctx is not None:
        window.ctx.access.guard_action(imp)
    window.import_action = imp
    file_menu.addAction(_("Open the &demo data set"), _switcher(window, "open_demo"))
    file_menu.addSeparator()
    window.exchange.add_to_menu(file_menu)  # send, merge, import from and export for other tools
    publish = file_menu.addAction(_("&Publish website…"), partial(_publish_website, window))
    publish.setStatusTip(_("Write a public website of the documents, assessments and public actions"))
    publish.setEnabled(has_store)
    file_menu.addSeparator()
    backups = file_menu.addAction(_("&Backups…"), _switcher(window, "show_backups"))
    backups.setEnabled(has_store)
    prefs = file_menu.addAction(_("&Settings…"), _switcher(window, "show_settings"))
    shortcuts.append((prefs, QKeySequence.StandardKey.Preferences, "Ctrl+,"))
    file_menu.addSeparator()
    quit_ = file_menu.addAction(_("&Quit"), window.close)
    shortcuts.append((quit_, QKeySequence.StandardKey.Quit, "Ctrl+Q"))

    edit_menu = bar.addMenu(_("&Edit"))
    if window.ctx is not None:
        stack = window.ctx.history.stack
        undo = stack.createUndoAction(window, _("&Undo"))
        redo = stack.createRedoAction(window, _("&Redo"))
        shortcuts.append((undo, QKeySequence.StandardKey.Undo, ""))
        shortcuts.append((redo, QKeySequence.StandardKey.Redo, ""))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        window.undo_action, window.redo_action = undo, redo
        edit_menu.addSeparator()
    find = edit_menu.addAction(_("&Find…"), window.focus_search)
    shortcuts.append((find, QKeySequence.StandardKey.Find, ""))
    find.setEnabled(has_store)

    view_menu = bar.addMenu(_("&View"))
    for number, spec in enumerate(PAGES, start=1):
        action = view_menu.addAction(spec.label(), partial(window.navigate, spec.key))
        shortcuts.append((action, None, f"Ctrl+{number}"))
        action.setEnabled(has_store)
    view_menu.addSeparator()
    back = view_menu.addAction(_("&Back"), window.navigator.back)
    forward = view_menu.addAction(_("&Forward"), window.navigator.forward)
    shortcuts.append((back, QKeySequence.StandardKey.Back, "Alt+Left"))
    shortcuts.append((forward, QKeySequence.StandardKey.Forward, "Alt+Right"))
    window.navigator.set_actions(back, forward)
    window.back_action, window.forward_action = back, forward
    view_menu.addSeparator()
    refresh = view_menu.addAction(_("&Refresh"), window.refresh)
    shortcuts.append((refresh, QKeySequence.StandardKey.Refresh, "F5"))
    refresh.setEnabled(has_store)

    follow_up = bar.addMenu(_("F&ollow-up"))
    for text, what, needs_store in (
        (_("&Ask for updates…"), "ask", True),
        (_("&Merge a reply…"), "merge", True),
        (_("&Review proposed changes…"), "review", True),
        (_("A&nswer a request…"), "answer", False),
        (_("&Enter updates for a request…"), "enter", True),
    ):
        item = follow_up.addAction(text, partial(_follow_up, window, what))
        item.setEnabled(has_store or not needs_store)
        if needs_store and window.ctx is not None and what != "review":
            window.ctx.access.guard_action(item)

    commands = bar.addMenu(_("&Commands"))
    commands.setToolTipsVisible(True)
    commands.aboutToShow.connect(lambda: fill_commands(window, commands))
    window.commands_menu = commands
    fill_commands(window, commands)

    help_menu = bar.addMenu(_("&Help"))
    guide = help_menu.addAction(_("&User guide"), window.show_guide)
    shortcuts.append((guide, QKeySequence.StandardKey.HelpContents, "F1"))
    help_menu.addSeparator()
    help_menu.addAction(
        _("&About {app}").format(app=APP_NAME),
        lambda: window.switcher.about(
            _(
                "{app} {version}: follow up the concluding observations of the Committee on the Rights of the Child."
            ).format(app=APP_NAME, version=__version__)
        ),
    )
    if window.ctx is not None or window.opening is None:
        _apply_shortcuts(shortcuts)
    # else the window's first frame, while its store opens: setting a key loads Qt's namespace of key
    # names (~15 ms); the menus are built again, with their keys, as soon as the store is open


def fill_commands(window: MainWindow, menu: QMenu) -> None:
    """The current page's frequent commands, with their shortcuts (issue 17, item 3).

    These are the page's own actions (:mod:`crc_reporter.ui.widgets.keyboard`): the keys that work while the
    focus is on the page are the ones shown here, and the rows' context menus show the same actions.
    """
    menu.clear()  # the actions belong to their page: clearing only takes them off this menu
    page = window.current_page() if window.ctx is not None else None
    actions = page_commands(page) if page is not None else []
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    menu.setEnabled(bool(actions))


def page_commands(page: object) -> list[QAction | None]:
    """What a page offers in the Commands menu (None: a separator); [] for a page without commands."""
    commands = getattr(page, "commands", None)
    names = (
        "new_action",
        "new",
        "assess_government",
        "assess_civil_society",
        "link",
        "change",
        "open",
        "copy",
        None,
        "next",
        "previous",
    )
    out: list[QAction | None] = []
    for name in names:
        action = getattr(commands, name, None) if name is not None else None
        if isinstance(action, QAction):
            out.append(action)
        elif name is None and out:
            out.append(None)
    return out
