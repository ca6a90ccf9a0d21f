"""Issue 23, item 6: on a shared PostgreSQL store a focal point (editor) types updates that wait for a coordinator.

The server enforces it whatever the client: an editor may insert a proposed change but not its decision
columns, cannot approve one, and cannot send requests; a coordinator approves and the change becomes the record.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import select

from crc_reporter.domain.follow_up import RequestState
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.errors import NotAllowedError
from crc_reporter.store.errors import PermissionDeniedError
from crc_reporter.store.models import Action, Actor, ProposedChange
from tests.support.shared_server import SharedStore, who


def test_focal_point_proposes_coordinator_decides(shared: SharedStore) -> None:
    cora = shared.open(who(shared, "cora"))
    eddie = shared.open(who(shared, "eddie"))
    try:
        with cora.session() as session:
            request = fu.create_request(session, "Ministry of Interior", due_on=dt.date.today() + dt.timedelta(days=9))
            item = next(i for i in request.items if i.kind == "action_status")
            action_uuid, request_uuid = item.target_uuid, request.uuid
            status_before = session.scalar(select(Action.status).where(Action.uuid == action_uuid))
        with pytest.raises(NotAllowedError), eddie.session() as session:
            fu.create_request(session, "Ministry of Interior")
        with eddie.session() as session:
            row = pr.propose_direct(
                session, "Ministry of Interior", "action_status", action_uuid, {"status": "completed"}
            )
            change = row.uuid
        with eddie.session() as session:  # waiting, not applied; the author is the editor's login
            proposed = session.scalar(select(ProposedChange).where(ProposedChange.uuid == change))
            assert proposed is not None and proposed.state == "proposed" and proposed.origin == "direct"
            assert proposed.proposed_by == who(shared, "eddie")
            assert session.scalar(select(Action.status).where(Action.uuid == action_uuid)) == status_before
        with pytest.raises(NotAllowedError, match="coordinator"), eddie.session() as session:
            pr.approve(session, change)
        # with any SQL client: no decision, no request, no proposal that claims to be approved
        with shared.raw(who(shared, "eddie")) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE proposed_change SET state = 'approved'")
        with shared.raw(who(shared, "eddie")) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO proposed_change (uuid, kind, label, payload, previous, origin, proposed_at, state,"
                " created_at, updated_at, version) VALUES (gen_random_uuid()::text, 'evidence', '', '{}', '{}',"
                " 'direct', now(), 'approved', now(), now(), 1)"
            )
        with shared.raw(who(shared, "eddie")) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM update_request")
        with cora.session() as session:
            pr.approve(session, change)
        with cora.session() as session:
            assert session.scalar(select(Action.status).where(Action.uuid == action_uuid)) == "completed"
            decided = session.scalar(select(ProposedChange).where(ProposedChange.uuid == change))
            assert decided is not None and decided.decided_by == who(shared, "cora")
            info = next(r for r in fu.list_requests(session) if r.uuid == request_uuid)
            assert info.state is RequestState.PARTLY_ANSWERED and info.approved == 1
            assert session.scalar(select(Actor.name).where(Actor.id == decided.actor_id)) == "Ministry of Interior"
        vera = shared.open(who(shared, "vera"))
        try:
            with pytest.raises((NotAllowedError, PermissionDeniedError)), vera.session() as session:
                pr.propose_direct(session, "Ministry of Interior", "evidence", action_uuid, {"title": "x"})
        finally:
            vera.close()
    finally:
        cora.close()
        eddie.close()
