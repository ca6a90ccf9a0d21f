"""Opening the first store after the window is on screen: what makes the start-up quick.

The window's first frame needs neither SQLAlchemy, nor the pages' modules,
nor Qt's SVG library, nor even Qt's namespace of key names: the window lists
its pages and says which store it is opening. Once that frame is painted,
:func:`open_when_shown` opens the store (an upgrade, with its backup, may run
first), imports the pages and draws the sidebar's icons on a background
thread; the pages appear when it is done. What the first frame left out
(icons, shortcuts typed as text) is added by :func:`finish_first_frame`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.icons import DEFAULT_COLOR, IconKey, adopt_icon, icon, icon_images
from crc_reporter.ui.page_list import PAGES

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from crc_reporter.store.engine import Store
    from crc_reporter.ui.main_window import MainWindow

SIDEBAR_ICON_COLORS = ("#c9d4e3", "#ffffff")  # normal, selected
Drawn = dict[IconKey, list[tuple["QImage", bool]]]


def import_pages() -> None:
    """Import every page's module (safe off the GUI thread: they create no Qt objects when imported)."""
    for spec in PAGES:
        importlib.import_module(spec.module)


class _FirstFrame(QObject):
    """Calls ``then`` once, just after the widget it watches painted for the first time."""

    def __init__(self, parent: QWidget, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then: Callable[[], None] | None = then

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._then is not None and event.type() == QEvent.Type.Paint:
            then, self._then = self._then, None
            QTimer.singleShot(0, then)  # after the frame is on screen
        return False


def finish_first_frame(window: MainWindow, images: Drawn) -> None:
    """Add what a lazily opened window left out of its first frame: icons and shortcuts typed as text.

    Call it before the menus are rebuilt (its shortcuts belong to the first ones).
    """
    late, window.late_shortcuts = window.late_shortcuts or [], None
    for action, keys in late:
        action.setShortcut(QKeySequence(keys))
    if not window.icons_later:
        return
    window.icons_later = False
    for key, drawn in images.items():
        adopt_icon(key, drawn)
    window.setWindowIcon(icon("app"))
    if window.sidebar_model.rowCount() == len(PAGES):
        for row, spec in enumerate(PAGES):
            window.sidebar_model.item(row).setIcon(icon(spec.icon, *SIDEBAR_ICON_COLORS))


def open_when_shown(
    window: MainWindow,
    open_store: Callable[[], Store],
    name: str,
    on_opened: Callable[[Store], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    """List the pages at once; run ``open_store()`` in the background after the window's first frame.

    ``on_failure`` gets the error once the window went back to its welcome panel.
    """
    if window.opening != name:
        window.opening = name
        window._build()
    icon_keys: list[IconKey] = []
    if window.icons_later:
        icon_keys = [(spec.icon, *SIDEBAR_ICON_COLORS) for spec in PAGES] + [("app", DEFAULT_COLOR, None)]

    def work(_control: Any) -> tuple[Store, Drawn]:
        store = open_store()
        try:
            import_pages()  # building the first page then costs only its widgets
            images = {key: icon_images(*key) for key in icon_keys}
        except BaseException:
            store.close()
            raise
        return store, images

    def opened(result: tuple[Store, Drawn]) -> None:
        store, images = result
        finish_first_frame(window, images)
        window.set_store(store)
        if on_opened is not None:
            on_opened(store)

    def failed(exc: BaseException) -> None:
        window.opening = None
        finish_first_frame(window, {})
        window._build()
        if on_failure is not None:
            on_failure(exc)

    def start() -> None:
        window.tasks.run(
            work,
            title=_("Opening {store}…").format(store=name),
            on_success=opened,
            on_failure=failed,
            cancellable=False,
        )

    if window.isVisible():
        start()
    else:  # the sidebar's title is in the first frame (and asking a list for its viewport costs ~10 ms here)
        window.sidebar_title.installEventFilter(_FirstFrame(window, start))
