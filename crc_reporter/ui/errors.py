"""Turning exceptions into one line a person can act on, and logging the ones they cannot."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from crc_reporter import APP_NAME
from crc_reporter.error_log import write_exception
from crc_reporter.i18n import _
from crc_reporter.services.errors import ServiceError
from crc_reporter.store.errors import StoreError

log = logging.getLogger("crc_reporter.ui")

#: Errors whose message is written for the user (one line, shown as is).
USER_ERRORS = (ServiceError, StoreError)


def log_exception(exc: BaseException) -> Path | None:
    """Append the traceback to the user's log file; returns the file (None if it cannot be written)."""
    log_file = write_exception(exc)  # owner-only, no message text (see crc_reporter.error_log)
    if log_file is None:
        log.error("could not write the log file (%s)", type(exc).__name__)
    return log_file


def error_text(exc: BaseException) -> str:
    if isinstance(exc, USER_ERRORS):
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")  # not imported: it cannot be one of its errors
    if sqlalchemy_exc is not None and isinstance(exc, sqlalchemy_exc.SQLAlchemyError):
        log_exception(exc)
        return _("The store refused the change; nothing was saved. Another program may be using it.")
    log_file = log_exception(exc)
    where = str(log_file) if log_file else _("the console")
    return _("Something went wrong ({error}). Details were written to {log}.").format(
        error=type(exc).__name__, log=where
    )


def show_error(parent: QWidget | None, exc: BaseException | str, title: str | None = None) -> None:
    text = exc if isinstance(exc, str) else error_text(exc)
    QMessageBox.warning(parent, title or APP_NAME, text)
