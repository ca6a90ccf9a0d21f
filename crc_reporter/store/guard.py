"""Refuse writes that the session's role does not allow, before anything reaches the database.

The server enforces the same rules with grants; this guard gives a clear
message instead of a database error, and also protects read-only SQLite opens.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.store.errors import PermissionDeniedError, ReadOnlyStoreError


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    if not (session.new or session.dirty or session.deleted):
        return
    if session.info.get("read_only"):
        raise ReadOnlyStoreError(
            session.info.get("read_only_reason") or _("this store is open read-only; changes cannot be saved")
        )
    role = session.info.get("role")
    if role is not None and not Role(role).can_write:
        raise PermissionDeniedError(
            _("your role ({role}) may read this store but not change it").format(role=label(role).lower())
        )


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        # inserted first, so that the audit hook never writes for a refused change
        event.listen(session_class, "before_flush", _before_flush, insert=True)
