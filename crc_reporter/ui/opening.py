"""Opening the first store after the window is on screen: what makes the start-up quick.

The window's first frame needs neither SQLAlchemy, nor the services, nor the
pages' modules, nor Qt's SVG library: it lists its pages and says which store
it is opening. Once that frame is painted, :class:`BackgroundOpening` opens
the store on a background thread (an upgrade, with its backup first, or the
integrity check after an unclean shutdown may run then), imports what the
dashboard needs, computes the dashboard's figures and draws the sidebar's
icons; the window then shows the dashboard with its figures at once, and the
other pages' modules are imported on a background thread while it is on
screen. The window answers input all along (``python -m benchmarks`` measures
both moments).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui import dashboard_cache
from crc_reporter.ui.dashboard_cache import Stamp
from crc_reporter.ui.icons import IconKey, adopt_icon, icon_images
from crc_reporter.ui.page_list import PAGES
from crc_reporter.ui.style import add_khmer_fonts

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from crc_reporter.store.engine import Store
    from crc_reporter.ui.main_window import MainWindow

Loaded = tuple[Any, ...]  # what the dashboard page shows (ui.widgets.dashboard_view.Loaded)
Drawn = dict[IconKey, list[tuple["QImage", bool]]]

log = logging.getLogger("crc_reporter.ui")

#: What the window imports when it shows a store, before its first page (see ``MainWindow.set_store``).
FIRST_PAGE_MODULES = (
    "crc_reporter.ui.access",
    "crc_reporter.ui.context",
    "crc_reporter.ui.events",
    "crc_reporter.ui.undo",
    "crc_reporter.ui.companions",
    "crc_reporter.ui.pages.dashboard",
)


def import_pages(first_only: bool = False) -> None:
    """Import the pages' modules (safe off the GUI thread: importing one creates no Qt object).

    ``first_only``: only what showing the store and its dashboard needs.
    """
    for name in FIRST_PAGE_MODULES if first_only else tuple(spec.module for spec in PAGES):
        importlib.import_module(name)


def _import_other_pages() -> None:
    try:
        import_pages()
    except Exception:  # noqa: BLE001 - the page is then imported when first shown, which reports the error
        log.warning("importing the pages in the background failed", exc_info=True)


def import_other_pages_in_background() -> threading.Thread:
    """Import the other pages' modules on a thread of their own, so switching to one later does not wait for it."""
    thread = threading.Thread(target=_import_other_pages, name="import-pages", daemon=True)
    thread.start()
    return thread


def preload_dashboard(store: Store, early: Loaded | None = None, early_stamp: Stamp | None = None) -> Loaded | None:
    """The dashboard's figures, right after the store opened (None when that fails: the page loads them).

    ``early``: the figures kept from the last session (shown while the store opened, stamped
    ``early_stamp``), reused when opening changed nothing; else they are computed, and kept.
    """
    from crc_reporter.ui.pages.dashboard import load_dashboard

    stamp = dashboard_cache.store_stamp(store.path) if store.path is not None else None
    if early is not None and stamp is not None and stamp == early_stamp:
        return early
    try:
        with store.session() as session:
            loaded = load_dashboard(session, None)
    except Exception:  # noqa: BLE001 - the page then loads (and reports) on its own
        log.warning("computing the dashboard's figures while opening failed", exc_info=True)
        return None
    if store.path is not None:
        dashboard_cache.save(store.path, stamp, loaded)
    return loaded


def show_early_dashboard(window: MainWindow, loaded: Loaded) -> None:
    """Show the dashboard's figures kept from the last session while the store opens (``ui/dashboard_cache.py``).

    The view is disabled (its tiles and bars open lists once the store is open); the dashboard page adopts it.
    """
    from crc_reporter.ui.widgets.dashboard_view import DashboardView

    if window.ctx is not None or window.opening is None:
        return  # already open (or failed): the page shows its own
    view = DashboardView(_("Dashboard"))
    view.show_figures(*loaded)
    view.setEnabled(False)
    window.stack.insertWidget(0, view)
    window.stack.setCurrentWidget(view)
    window.early_view = view


def dashboard_figures_shown(window: MainWindow) -> bool:
    """Whether the dashboard's figures are on screen: kept ones while opening, or the page's own."""
    if window.early_view is not None:
        return window.stack.currentWidget() is window.early_view
    page = window.pages.get("dashboard")
    return page is not None and page.isVisible() and getattr(page, "figures", None) is not None


def dashboard_to_keep(window: MainWindow) -> Loaded | None:
    """What the dashboard page shows, if it is the default scope and up to date (kept for the next start)."""
    page = window.pages.get("dashboard")
    current = getattr(page, "current_default", None)
    return current() if callable(current) else None


class _FirstFrame(QObject):
    """Calls ``then`` once, just after the widget it watches has painted for the first time."""

    def __init__(self, parent: QWidget, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then: Callable[[], None] | None = then

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._then is not None and event.type() == QEvent.Type.Paint:
            then, self._then = self._then, None
            QTimer.singleShot(0, then)  # once the frame is on screen
        return False


class BackgroundOpening:
    """One store being opened for a window; :attr:`unclaimed` is a store opened after the window went away."""

    def __init__(
        self,
        window: MainWindow,
        open_store: Callable[[], Store],
        on_opened: Callable[[Store], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        store_file: Path | None = None,
    ) -> None:
        """``store_file``: the SQLite file being opened, whose kept dashboard figures may show meanwhile."""
        from crc_reporter.ui.main_window import SIDEBAR_ICON_COLORS

        self.window = window
        self._open_store = open_store
        self._on_opened = on_opened
        self._on_failure = on_failure
        self._icon_keys: list[IconKey] = [(spec.icon, *SIDEBAR_ICON_COLORS) for spec in PAGES]
        self.unclaimed: Store | None = None
        self._store_file = store_file
        self._early: Loaded | None = None
        self._early_stamp: Stamp | None = None

    def _work(self, _control: Any) -> tuple[Store, Drawn, Loaded | None]:
        store = self._open_store()
        self.unclaimed = store
        import_pages(first_only=True)  # building the dashboard then costs only its widgets
        # shown with the page, without a second trip to the background
        figures = preload_dashboard(store, self._early, self._early_stamp)
        images = {key: icon_images(*key) for key in self._icon_keys}  # QImage: allowed off the GUI thread
        return store, images, figures

    def _opened(self, result: tuple[Store, Drawn, Loaded | None]) -> None:
        store, images, figures = result
        self.unclaimed = None
        for key, drawn in images.items():
            adopt_icon(key, drawn)
        self.window.set_store(store, dashboard=figures)
        import_other_pages_in_background()
        if self._on_opened is not None:
            self._on_opened(store)

    def _failed(self, exc: BaseException) -> None:
        if self.unclaimed is not None:  # opened, then something else failed (a page's import)
            self.unclaimed.close()
            self.unclaimed = None
        self.window.opening = None
        self.window._build()  # back to the welcome panel
        if self._on_failure is not None:
            self._on_failure(exc)

    def start(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            add_khmer_fonts(app)  # before any data, which may be in Khmer, is shown
        if self._store_file is not None:
            self._early_stamp = dashboard_cache.store_stamp(self._store_file)
            if self._early_stamp is not None:
                self._early = dashboard_cache.load(self._store_file, stamp=self._early_stamp)
        if self._early is not None:  # (before the opening thread starts: it would hold the interpreter half the time)
            show_early_dashboard(self.window, self._early)
        self.window.tasks.run(
            self._work,
            title=_("Opening {store}…").format(store=self.window.opening or ""),
            on_success=self._opened,
            on_failure=self._failed,
            cancellable=False,
        )

    def start_after_first_frame(self) -> None:
        """Start once the window has painted its first frame (or repainted, if it had already painted).

        Being visible is not enough: right after ``show()`` the window is visible but not yet painted, and
        work started then (the opening thread, the kept figures) would delay the first frame.
        """
        title = self.window.sidebar_title  # the sidebar's title is in the first frame
        title.installEventFilter(_FirstFrame(self.window, self.start))
        if self.window.isVisible():
            title.update()  # (painted already: the next paint starts it)

    def close_unclaimed(self) -> None:
        """Close a store whose window closed before it could show it (the next start then finds it closed cleanly)."""
        if self.unclaimed is not None:
            self.unclaimed.close()
            self.unclaimed = None
