"""Errors of reading a source. Their message is one line a person can act on."""

from __future__ import annotations

from crc_reporter.services.errors import ImportCancelledError, ServiceError

__all__ = ["ImportCancelledError", "SourceError"]


class SourceError(ServiceError):
    """The file cannot be imported: wrong format, damaged, hostile, or not what it claims to be."""
