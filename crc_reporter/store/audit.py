"""The audit trail: every insert, update and delete of a synced record, with its author.

A ``before_flush`` hook on the session writes :class:`AuditEntry` rows in the
same transaction as the change, so the trail can never disagree with the data.
The author comes from ``session.info["user"]`` (the store's :attr:`~crc_reporter.store.engine.Store.user`).

On PostgreSQL the server writes the trail itself (triggers of migration 0009,
author = the signed-in login), so this hook writes nothing there: the store
marks such sessions with ``session.info["server_audit"]``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from crc_reporter.store.base import Synced
from crc_reporter.store.models import AuditEntry

_SKIP = {"id", "created_at", "updated_at", "version"}


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _changes(obj: Synced) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIP:
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            out[attr.key] = [_plain(old), _plain(new)]
    return out


def _entry(session: Session, operation: str, obj: Synced, changes: dict[str, list[Any]]) -> AuditEntry:
    return AuditEntry(
        user=str(session.info.get("user") or "unknown"),
        operation=operation,
        table_name=obj.__tablename__,  # type: ignore[attr-defined]
        record_uuid=obj.uuid,
        changes=json.dumps(changes, ensure_ascii=False) if changes else "",
    )


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    if session.info.get("audit") is False or session.info.get("server_audit"):
        return
    entries: list[AuditEntry] = []
    for obj in session.new:
        if isinstance(obj, Synced):
            if obj.uuid is None:
                from crc_reporter.store.base import new_uuid

                obj.uuid = new_uuid()
            entries.append(_entry(session, "insert", obj, {}))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            if changes:
                entries.append(_entry(session, "update", obj, changes))
    for obj in session.deleted:
        if isinstance(obj, Synced):
            entries.append(_entry(session, "delete", obj, {}))
    session.add_all(entries)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
