"""Getting a store ready for an exchange: who may exchange, and the state with every change counted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.services.errors import NotAllowedError
from crc_reporter.services.exchange.apply import require_writable
from crc_reporter.services.exchange.snapshot import Snapshot, read_snapshot
from crc_reporter.services.exchange.state import (
    RefreshReport,
    SyncState,
    load_state,
    refresh,
    replica_id,
)
from crc_reporter.services.permissions import may_see_confidential, session_role
from crc_reporter.store.errors import ReadOnlyStoreError


@dataclass
class Prepared:
    snapshot: Snapshot
    state: SyncState
    refreshed: RefreshReport


def check_may_exchange(session: Session) -> None:
    # someone who cannot see confidential actions would take them for deleted ones; on a server
    # the exchange's bookkeeping is written only by coordinators and administrators (pg_security)
    on_server = bool(session.info.get("server_audit"))
    if not may_see_confidential(session) or (on_server and not session_role(session).at_least(Role.COORDINATOR)):
        raise NotAllowedError(
            _("exchanging a shared store needs a role that sees confidential records (coordinator or administrator)")
        )


def writable(session: Session) -> bool:
    try:
        require_writable(session)
    except (ReadOnlyStoreError, NotAllowedError):
        return False
    return True


def prepare(session: Session, *, write: bool) -> Prepared:
    """Read the store and count the changes made here since the last exchange.

    ``write``: save that count now (an export does; a merge saves it with the rest of its writes).
    """
    check_may_exchange(session)
    can_write = writable(session)
    replica = replica_id(session, claim=write and can_write)
    state = load_state(session, replica)
    snap = read_snapshot(session)
    report = refresh(snap, state)
    if write and state.dirty:
        if not can_write:
            raise ReadOnlyStoreError(
                _(
                    "this store is open read-only and has changes that were never exchanged; "
                    "open it for writing (close the other window) and try again"
                )
            )
        state.save(session)
    return Prepared(snap, state, report)
