"""Errors of publishing: one line for the person, as every service error."""

from __future__ import annotations

from crc_reporter.services.errors import ServiceError


class PublishError(ServiceError):
    """The site cannot be written (a folder that is not ours, no room, no permission); nothing was changed."""
