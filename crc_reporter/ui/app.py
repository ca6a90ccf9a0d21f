"""Start the desktop application: settings, language, look, the window, then the store.

:func:`run_app` shows the window before the store is open: SQLAlchemy, the
services and the pages are imported, and the store opened (and upgraded when
needed), in the background after the window's first frame, so the window
appears about as fast as a bare Qt window does (``python -m benchmarks``
measures it). :func:`build_window` opens the store first, for tests and tools.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _, set_language
from crc_reporter.store.errors import StoreError
from crc_reporter.ui.errors import error_text, show_error
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.style import apply_style

if TYPE_CHECKING:
    from crc_reporter.store.engine import Store


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CRC Reporter")
    apply_style(app)
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
    return "://" in target  # as store.engine.is_url, without importing SQLAlchemy


def _shown_name(target: str) -> str:
    """A file's name, or a URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", target) if _is_url(target) else Path(target).name


def _cannot_open(exc: BaseException) -> None:
    if not isinstance(exc, StoreError | OSError):
        show_error(None, exc)
        return
    reason = exc if isinstance(exc, StoreError) else exc.strerror or exc
    QMessageBox.critical(None, APP_NAME, _("The store cannot be opened: {reason}").format(reason=reason))


def _store_opener(target: str | None, user: str | None, settings: AppSettings) -> tuple[str, Callable[[], Store]]:
    """The store to open (named on the command line, else the settings' one) and a function opening it."""
    chosen = target or str(settings.default_store)
    name = user or settings.user_name or None
    default_folder = settings.default_store.parent if not _is_url(chosen) and target is None else None

    def open_it() -> Store:
        from crc_reporter.store.open import default_user, open_store

        if default_folder is not None:
            default_folder.mkdir(parents=True, exist_ok=True)
        return open_store(chosen, user=name or default_user(), create=not _is_url(chosen))

    return chosen, open_it


def open_initial_store(target: str | None, user: str | None, settings: AppSettings) -> Store | None:
    """The store named on the command line, else the one from the settings; None (after saying why) if it fails."""
    _chosen, open_it = _store_opener(target, user, settings)
    try:
        return open_it()
    except (StoreError, OSError) as exc:
        _cannot_open(exc)
        return None


def build_window(target: str | None, *, user: str | None = None, settings: AppSettings | None = None) -> MainWindow:
    application()
    settings = settings or AppSettings()
    set_language(settings.language)
    store = open_initial_store(target, user, settings)
    window = MainWindow(store, settings)
    if store is not None and user:
        store.user = user  # a name given on the command line wins over the settings
        window._update_titles()
    return window


def run_app(target: str | None, *, user: str | None = None) -> int:
    started = time.perf_counter()
    app = application()
    settings = AppSettings()
    set_language(settings.language)
    chosen, open_it = _store_opener(target, user, settings)
    window = MainWindow(None, settings, opening=_shown_name(chosen))
    _install_excepthook(window)

    def opened(store: Store) -> None:
        if user:
            store.user = user  # a name given on the command line wins over the settings
            window._update_titles()
        seconds = time.perf_counter() - started
        window.statusBar().showMessage(_("Ready in {seconds:.1f} s").format(seconds=seconds), 5000)

    window.open_when_shown(open_it, _shown_name(chosen), opened, _cannot_open)
    window.show_initial()
    try:
        return int(app.exec())
    finally:
        if window.store is not None:
            window.store.close()
