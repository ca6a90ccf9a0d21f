"""The error a file we cannot read raises: one line a person can act on."""

from crc_reporter.domain.errors import ServiceError


class SourceError(ServiceError):
    """The file cannot be imported: wrong format, damaged, hostile, or not what it claims to be."""
