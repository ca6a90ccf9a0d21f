"""Errors the store reports to people: one line, no traceback."""


class StoreError(Exception):
    """The store cannot be opened or used; the message is shown as is."""


class NewerStoreError(StoreError):
    """The store was written by a newer version of the application."""


class PermissionDeniedError(StoreError):
    """The signed-in user's role does not allow this change."""


class ConcurrentEditError(StoreError):
    """Somebody else changed the record between reading and writing it."""
