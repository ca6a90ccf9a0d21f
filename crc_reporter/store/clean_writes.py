"""Every text value written through a session is cleaned first (:func:`crc_reporter.domain.text.clean_text`).

The last of the ways in: whatever a service, the window's editors, the command
line or an import hands to the store, a string attribute of a new or changed
record is cleaned before it is flushed, so no control character or lone
surrogate reaches a store (issue 21, finding 5). Installed before the audit
hook, so the audit trail records the cleaned value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from crc_reporter.domain.text import clean_text, is_clean


def _clean_object(obj: Any) -> None:
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key)
        if isinstance(value, str) and not is_clean(value):
            setattr(obj, attr.key, clean_text(value))


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    for obj in session.new:
        _clean_object(obj)
    for obj in session.dirty:
        _clean_object(obj)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush, insert=True)
