"""Start the desktop application: settings, language, look, the window, then the store.

:func:`run_app` shows the window before the store is open: SQLAlchemy, the
services and the pages are imported, and the store opened (upgraded, or
checked after an unclean shutdown, when needed), in the background after the
window's first frame (:mod:`crc_reporter.ui.opening`), so the window appears
about as fast as a bare Qt window does (``python -m benchmarks`` measures it).
:func:`build_window` opens the store first, for tests and tools.

A store that another window already writes is handed over to that window
(it comes forward and this instance exits); when nobody answers, it opens
read-only. A store that cannot be opened is explained, with the remedy
(passphrase, backup) when there is one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _, forced_language, set_language
from crc_reporter.paths import resource_path
from crc_reporter.store.errors import StoreError
from crc_reporter.store.locking import StoreLock
from crc_reporter.ui import dashboard_cache
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.opening import BackgroundOpening, dashboard_to_keep
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.style import add_khmer_fonts, apply_style
from crc_reporter.ui.widgets.scrolling import keep_dialogs_on_screen

if TYPE_CHECKING:
    from crc_reporter.store.engine import Store

APP_ICON = ("icons", "crc-reporter.png")


def application(*, khmer_fonts: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CRC Reporter")
    icon_file = resource_path(*APP_ICON)
    if icon_file.is_file():
        app.setWindowIcon(QIcon(str(icon_file)))
    apply_style(app, khmer_fonts=khmer_fonts)
    keep_dialogs_on_screen(app)
    return app


def _install_excepthook(window: MainWindow) -> None:
    """A bug in a slot is logged and shown in one line; the window stays open and nothing is lost."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if showing or issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        showing = True
        try:
            QMessageBox.warning(window, APP_NAME, error_text(exc.with_traceback(tb)))
        finally:
            showing = False

    sys.excepthook = hook


def _is_url(target: str) -> bool:
    return "://" in target  # as store.engine.is_url, without importing SQLAlchemy before the first frame


def initial_target(target: str | None, settings: AppSettings) -> str:
    """The store named on the command line, else the one created or opened last, else the default one."""
    return target or settings.last_store() or str(settings.default_store)


def _shown_name(target: str) -> str:
    """A file's name, or a URL without its password (the window's title while it opens)."""
    if not _is_url(target):
        return Path(target).name
    scheme, _sep, rest = target.partition("://")
    where = rest.rpartition("@")[2]
    return f"{scheme}://{where}"


def _opener(target: str | None, user: str | None, settings: AppSettings) -> tuple[str, Callable[[], Store]]:
    """The store to open (named on the command line, else the settings' one) and a function that opens it."""
    chosen = initial_target(target, settings)
    name = user or settings.user_name or None
    default_folder = settings.default_store.parent if not _is_url(chosen) and target is None else None

    def open_it() -> Store:
        from crc_reporter.store.open import default_user, open_store

        try:
            if default_folder is not None:
                default_folder.mkdir(parents=True, exist_ok=True)
            return open_store(chosen, user=name or default_user(), create=not _is_url(chosen))
        except OSError as exc:
            raise StoreError(str(exc.strerror or exc)) from exc

    return chosen, open_it


def open_initial_store(
    target: str | None, user: str | None, settings: AppSettings
) -> tuple[Store | None, Exception | None]:
    """The store named on the command line, else the one from the settings; or why it did not open."""
    _chosen, open_it = _opener(target, user, settings)
    try:
        return open_it(), None
    except StoreError as exc:
        return None, exc


def hand_over_to_first_window(target: str, files: tuple[str, ...] = ()) -> bool:
    """True when another window writes this store and came forward (this instance then has nothing to do)."""
    if _is_url(target):
        return False  # on a server many windows may work at once
    path = Path(target).expanduser()
    if not path.exists():
        return False
    lock = StoreLock(path.resolve())
    if lock.holder().get("state") != "open" or not lock.held_elsewhere():  # closed, or its writer crashed
        return False
    from crc_reporter.ui.single_instance import ask_first_instance

    reply = ask_first_instance(path, files)
    return reply is not None and reply.ok


def build_window(target: str | None, *, user: str | None = None, settings: AppSettings | None = None) -> MainWindow:
    application()
    settings = settings or AppSettings()
    # CRC_REPORTER_LANG (tests, the pseudo-locale "xx") wins over the saved choice for this run
    apply_language(forced_language() or settings.language, settings.khmer_digits)
    store, error = open_initial_store(target, user, settings)
    window = MainWindow(store, settings)
    if store is not None and user:
        store.user = user  # a name given on the command line wins over the settings
        window._update_titles()
    if error is not None:
        chosen = initial_target(target, settings)
        window.recovery.explain(chosen, error, create=not _is_url(chosen))
    return window


def run_app(target: str | None, *, user: str | None = None, files: tuple[str, ...] = ()) -> int:
    started = time.perf_counter()
    app = application(khmer_fonts=False)  # (added once the window is on screen, or at once for a Khmer window)
    settings = AppSettings()
    set_language(forced_language() or settings.language)
    if (forced_language() or settings.language) == "km":
        add_khmer_fonts(app)
    if hand_over_to_first_window(initial_target(target, settings), files):
        return 0
    # CRC_REPORTER_LANG (tests, the pseudo-locale "xx") wins over the saved choice for this run
    apply_language(forced_language() or settings.language, settings.khmer_digits)
    chosen, open_it = _opener(target, user, settings)
    window = MainWindow(None, settings, opening=_shown_name(chosen))
    _install_excepthook(window)

    def opened(store: Store) -> None:
        if user:
            store.user = user  # a name given on the command line wins over the settings
            window._update_titles()
        seconds = time.perf_counter() - started
        window.statusBar().showMessage(_("Ready in {seconds:.1f} s").format(seconds=seconds), 5000)
        if files and window.ctx is not None and window.ctx.access.allowed:
            window.open_import_dialog(files[0])

    def failed(exc: BaseException) -> None:
        window.recovery.explain(chosen, exc, create=not _is_url(chosen))

    store_file = None if _is_url(chosen) else Path(chosen).expanduser()
    opening = BackgroundOpening(window, open_it, opened, failed, store_file=store_file)
    window.show_initial()
    opening.start_after_first_frame()
    try:
        return int(app.exec())
    finally:
        opening.close_unclaimed()
        if window.store is not None:
            kept, path = dashboard_to_keep(window), window.store.path
            window.store.close()
            if kept is not None and path is not None:  # stamped as the file is now, closed
                dashboard_cache.save(path, dashboard_cache.store_stamp(path), kept)
