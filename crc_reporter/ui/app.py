"""Start the desktop application: settings, language, look, the store, the window."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _, forced_language
from crc_reporter.store.engine import Store, is_url
from crc_reporter.store.errors import StoreError
from crc_reporter.store.open import default_user, open_store
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.style import apply_style


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


def open_initial_store(target: str | None, user: str | None, settings: AppSettings) -> Store | None:
    """The store named on the command line, else the one from the settings; None (after saying why) if it fails."""
    chosen = target or str(settings.default_store)
    name = user or settings.user_name or default_user()
    try:
        if not is_url(chosen) and target is None:
            settings.default_store.parent.mkdir(parents=True, exist_ok=True)
        return open_store(chosen, user=name, create=not is_url(chosen))
    except (StoreError, OSError) as exc:
        reason = exc if isinstance(exc, StoreError) else exc.strerror or exc
        QMessageBox.critical(None, APP_NAME, _("The store cannot be opened: {reason}").format(reason=reason))
        return None


def build_window(target: str | None, *, user: str | None = None, settings: AppSettings | None = None) -> MainWindow:
    application()
    settings = settings or AppSettings()
    # CRC_REPORTER_LANG (tests, the pseudo-locale "xx") wins over the saved choice for this run
    apply_language(forced_language() or settings.language, settings.khmer_digits)
    store = open_initial_store(target, user, settings)
    window = MainWindow(store, settings)
    if store is not None and user:
        store.user = user  # a name given on the command line wins over the settings
        window._update_titles()
    return window


def run_app(target: str | None, *, user: str | None = None) -> int:
    started = time.perf_counter()
    app = application()
    window = build_window(target, user=user)
    _install_excepthook(window)
    window.show_initial()
    window.statusBar().showMessage(_("Ready in {seconds:.1f} s").format(seconds=time.perf_counter() - started), 5000)
    try:
        return int(app.exec())
    finally:
        if window.store is not None:
            window.store.close()
