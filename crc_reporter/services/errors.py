"""Errors a person can act on. Their message is shown as one line, as is."""

from crc_reporter.i18n import _


class ServiceError(Exception):
    """A request that cannot be done (bad value, missing record, conflict)."""


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    pass


class ImportCancelledError(ServiceError):
    """An import stopped before the end (cancelled, or over its time budget); nothing was changed."""


class SourceError(ServiceError):
    """The file cannot be imported: wrong format, damaged, hostile, or not what it claims to be."""


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
