"""Start the desktop application on a store."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from crc_reporter import APP_NAME, __version__
from crc_reporter.i18n import _
from crc_reporter.store.errors import StoreError
from crc_reporter.store.open import open_store


def run_app(target: str, *, user: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CRC Reporter")
    try:
        store = open_store(target, user=user, create=True)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, _("The store cannot be opened: {reason}").format(reason=exc))
        return 1
    from crc_reporter.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    try:
        return int(app.exec())
    finally:
        store.close()
