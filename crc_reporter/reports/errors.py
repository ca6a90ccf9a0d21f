"""Errors of report generation: one line for the user, as every service error."""

from __future__ import annotations

from crc_reporter.services.errors import ServiceError


class ReportError(ServiceError):
    """A report cannot be written: a broken template, an unwritable path, a file open elsewhere."""


class ReportCancelledError(ReportError):
    """The user cancelled; nothing was written."""
