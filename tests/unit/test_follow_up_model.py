"""The follow-up cycle's model: migration 0013, request states, items, proposals and decisions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from crc_reporter.domain.follow_up import Answer, Asks, ChangeState, RequestState, UpdateKind, request_state
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.actions import create_action
from crc_reporter.services.actors import create_actor
from crc_reporter.services.documents import create_document
from crc_reporter.services.errors import ValidationError
from crc_reporter.store import migrate
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Assessment, Recommendation, UpdateRequest
from crc_reporter.store.open import open_store

TODAY = dt.date(2026, 12, 8)


def test_request_state_follows_answer_then_dates() -> None:
    due = dt.date(2027, 1, 31)
    assert request_state(None, due, TODAY) is RequestState.SENT
    assert request_state(None, due, due + dt.timedelta(days=1)) is RequestState.OVERDUE
    assert request_state(None, None, dt.date(2099, 1, 1)) is RequestState.SENT
    assert request_state(Answer.PARTIAL, due, due + dt.timedelta(days=9)) is RequestState.PARTLY_ANSWERED
    assert request_state(Answer.FULL, due, due + dt.timedelta(days=9)) is RequestState.ANSWERED
    assert Asks.from_json(Asks(indicator_years=(2025, 2024)).to_json()).indicator_years == (2024, 2025)


def test_upgrade_from_0012_keeps_the_store_and_adds_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0012")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute(
        "insert into actor(name, actor_type, contact, uuid, created_at, updated_at, version)"
        " values ('Ministry of Health', 'government', '', 'a-1', '2020-01-01', '2020-01-01', 1)"
    )
    con.commit()
    con.close()
    s = open_store(path, user="u")
    try:
        assert migrate.current_revision(s.engine) == migrate.head_revision() >= "0013"
        with s.session() as session:
            assert fu.list_requests(session) == []
            assert fu.open_by_body(session) == []
    finally:
        s.close()


def _body_with_work(session: object) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    create_document(session, "CRC/C/XMP/CO/5-6", date="2022-06-01")
    actor = create_actor(session, "Ministry of Health", "government", short_name="MoH")
    from crc_reporter.store.models import Document

    doc = session.scalar(select(Document))
    assert doc is not None
    for number in (12, 13):
        rec = Recommendation(document_id=doc.id, number=number, text=f"The Committee recommends {number}.")
        rec.responsible.append(actor)
        session.add(rec)
    session.flush()
    create_action(session, "Vaccination campaign", actor_id=actor.id, status="ongoing")


def test_request_items_proposals_and_decisions(store: Store) -> None:
    with store.session() as session:
        _body_with_work(session)
        request = fu.create_request(session, "MoH", due_on=dt.date(2027, 1, 31), today=TODAY)
        kinds = sorted(i.kind for i in request.items)
        # two paragraphs (new actions asked), one open action (status and evidence asked)
        assert kinds == ["action_status", "evidence", "new_action", "new_action"]
        by_kind = {i.kind: i for i in request.items}
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 12))
        action = session.scalar(select(Action))
        assert rec is not None and action is not None
        status, new = pr.propose(
            session,
            kind=UpdateKind.ACTION_STATUS,
            target_uuid=action.uuid,
            payload={"status": "completed", "end_date": "2026-11-30"},
            actor=action.actor,
            request=request,
            item=by_kind["action_status"],
            uuid="11111111-1111-4111-8111-111111111111",
            proposed_by="sokha",
        )
        assert new
        again, new_again = pr.propose(
            session,
            kind=UpdateKind.ACTION_STATUS,
            target_uuid=action.uuid,
            payload={"status": "cancelled"},
            actor=action.actor,
            uuid="11111111-1111-4111-8111-111111111111",
        )
        assert not new_again and again.id == status.id
        with pytest.raises(ValidationError):
            pr.propose(session, kind="assessment", target_uuid=rec.uuid, payload={"status": "nonsense"}, actor=None)
        pr.mark_answer(session, request, TODAY)
        info = fu.list_requests(session, today=TODAY)[0]
        assert (info.state, info.open_items, info.proposed) == (RequestState.PARTLY_ANSWERED, 3, 1)
        assert action.status == "ongoing"  # nothing changes before approval
        pr.approve(session, status.uuid)
        assert action.status == "completed" and action.end_date == dt.date(2026, 11, 30)
        assessment, _new = pr.propose(
            session,
            kind="assessment",
            target_uuid=rec.uuid,
            payload={"status": "in_progress", "assessed_on": "2026-12-01", "note": "half the provinces"},
            actor=action.actor,
            request=request,
            proposed_by="sokha",
        )
        pr.send_back(session, assessment.uuid, "Which provinces?")
        assert session.scalar(select(Assessment)) is None
        pr.approve(session, assessment.uuid)  # approved later after all
        row = session.scalar(select(Assessment))
        assert row is not None and row.recorded_by == "sokha" and row.assessor is not None
        assert row.assessor.name == "Ministry of Health"
        states = [c.state for c in pr.list_changes(session, request_uuid=request.uuid)]
        assert states == [ChangeState.APPROVED, ChangeState.APPROVED]
        body = fu.open_by_body(session, today=dt.date(2027, 2, 1))[0]
        assert (body.actor, body.requests, body.late_requests, len(body.open_items)) == ("Ministry of Health", 1, 1, 3)
        reminder = fu.create_reminder(session, request.uuid, today=TODAY)
        assert len(reminder.items) == 3 and session.scalar(
            select(UpdateRequest.id).where(UpdateRequest.reminder_of_id == request.id)
        )


def test_request_and_reply_files_refuse_any_change_in_one_line(tmp_path: Path) -> None:
    from crc_reporter.services import follow_up_files as files
    from crc_reporter.services.exchange import generate_keypair
    from crc_reporter.services.exchange.signing import load_private_key
    from crc_reporter.services.exchange.validate import PackageError

    generate_keypair(tmp_path / "k", "Coordinator")
    data = files.build(files.REQUEST, {"request": {"uuid": "x"}}, load_private_key(tmp_path / "k"), "Coordinator")
    signed = files.read(data, "r.crcrequest", files.REQUEST)
    assert signed.signer_name == "Coordinator" and signed.signer_fingerprint
    with pytest.raises(PackageError, match="not a reply"):
        files.read(data, "r.crcrequest", files.REPLY)  # a request is not a reply
    for position in (40, len(data) // 2, len(data) - 30):
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        with pytest.raises(PackageError) as refused:
            files.read(bytes(damaged), "r.crcrequest", files.REQUEST)
        assert "\n" not in str(refused.value) and "nothing was changed" in str(refused.value)
