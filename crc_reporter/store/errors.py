"""Errors the store reports to people: one line, no traceback."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store cannot be opened or used; the message is shown as is."""


class NewerStoreError(StoreError):
    """The store was written by a newer version of the application."""


class PermissionDeniedError(StoreError):
    """The signed-in user's role does not allow this change."""


class ConcurrentEditError(StoreError):
    """Somebody else changed the record between reading and writing it."""


class DamagedStoreError(StoreError):
    """The store file is damaged (corrupt pages, truncated, failed integrity check).

    ``path`` is the store file; the user interface offers to restore the latest
    good backup of it (``crc-reporter restore`` on the command line).
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class StoreLockedError(StoreError):
    """Another instance of the application is writing to this store."""

    def __init__(self, message: str, holder_pid: int | None = None) -> None:
        super().__init__(message)
        self.holder_pid = holder_pid


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""


class PassphraseRequiredError(StoreError):
    """The store is encrypted and no passphrase was given."""


class WrongPassphraseError(StoreError):
    """The passphrase does not open this encrypted store."""


class NotAStoreError(StoreError):
    """The file is not a CRC Reporter store at all (another kind of file or database)."""
