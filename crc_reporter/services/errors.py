"""Errors a person can act on. Their message is shown as one line, as is."""


class ServiceError(Exception):
    """A request that cannot be done (bad value, missing record, conflict)."""


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    pass


class ImportCancelledError(ServiceError):
    """An import stopped before the end (cancelled, or over its time budget); nothing was changed."""
