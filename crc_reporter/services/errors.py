"""Errors a person can act on. Their message is shown as one line, as is."""

from crc_reporter.domain.errors import ServiceError
from crc_reporter.i18n import _

__all__ = [
    "EditConflictError",
    "ImportCancelledError",
    "NotAllowedError",
    "NotFoundError",
    "ServiceError",
    "ValidationError",
]


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    pass


class ImportCancelledError(ServiceError):
    """An import stopped before the end (cancelled, or over its time budget); nothing was changed."""


class EditConflictError(ServiceError):
    """The record changed since the user read it: both versions travel with the error."""

    def __init__(self, what: str, mine: dict[str, object], theirs: dict[str, object], version: int) -> None:
        super().__init__(
            _("someone else changed {what} since you opened it; compare both versions").format(what=_(what))
        )
        self.mine = mine
        self.theirs = theirs
        self.version = version


class NotAllowedError(ServiceError):
    """The user's role does not allow this."""
