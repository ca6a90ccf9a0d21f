"""What a shared server guarantees against a person with ``psql``: the audit trail, versions, grants, notifications.

Issue 21 findings 2, 7 and 12, issue 16 item 6: each test plays the person with
a plain psycopg connection (or the app with a false name) and checks what the
server kept.
"""

from __future__ import annotations

import uuid as uuid_mod
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from crc_reporter.domain.roles import Role
from crc_reporter.services import actions as action_svc
from crc_reporter.services.changes import ChangeWatcher
from crc_reporter.store.models import Action, AuditEntry
from tests.support.shared_server import SharedStore, cli, who


def _one(conn: psycopg.Connection, sql: str, *params: object) -> object:
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return row[0]


def _new_action(shared: SharedStore, user: str, title: str, *, confidential: bool = False) -> tuple[int, str]:
    s = shared.open(user)
    try:
        with s.session() as session:
            action = action_svc.create_action(session, title, confidential=confidential)
            return action.id, action.uuid
    finally:
        s.close()


def test_a_forged_audit_row_is_signed_by_the_login_that_wrote_it(shared: SharedStore) -> None:
    eddie, cora = who(shared, "eddie"), who(shared, "cora")
    marker = f"forged-{uuid_mod.uuid4()}"
    with shared.raw(eddie) as conn:
        conn.execute(
            'INSERT INTO audit_log (id, at, "user", operation, table_name, record_uuid, changes) '
            "VALUES (2000000000, '2001-01-01', %s, 'update', 'action', NULL, %s)",
            (cora, marker),
        )
    with shared.raw(shared.owner) as conn:
        user, year, row_id = conn.execute(
            'SELECT "user", extract(year FROM at), id FROM audit_log WHERE changes = %s', (marker,)
        ).fetchone()  # type: ignore[misc]
    assert user == eddie and int(year) > 2001 and row_id < 2000000000


def test_the_app_writes_the_login_whatever_name_it_is_given(shared: SharedStore) -> None:
    eddie = who(shared, "eddie")
    s = shared.open(eddie)  # opened with user="someone-else"
    try:
        s.user = "mallory"  # what a window started with --user mallory does
        assert s.user == eddie
        with s.session() as session:
            record = action_svc.create_action(session, "Training of judges").uuid
        with s.session() as session:
            authors = set(session.scalars(select(AuditEntry.user).where(AuditEntry.record_uuid == record)))
        assert authors == {eddie}
    finally:
        s.close()


def test_a_raw_update_or_delete_is_audited_and_bumps_the_version(shared: SharedStore) -> None:
    eddie = who(shared, "eddie")
    action_id, record = _new_action(shared, eddie, "Inspection of shelters")
    with shared.raw(eddie) as conn:
        before = _one(conn, "SELECT version FROM action WHERE id = %s", action_id)
        conn.execute("UPDATE action SET title = 'Quietly changed' WHERE id = %s", (action_id,))
        conn.execute("UPDATE action SET title = 'Again', version = 1 WHERE id = %s", (action_id,))
        after = _one(conn, "SELECT version FROM action WHERE id = %s", action_id)
        conn.commit()
        rows = conn.execute(
            'SELECT "user", operation, changes FROM audit_log WHERE record_uuid = %s ORDER BY id', (record,)
        ).fetchall()
    assert after == int(before) + 2  # type: ignore[call-overload]
    assert [(u, o) for u, o, _c in rows] == [(eddie, "insert"), (eddie, "update"), (eddie, "update")]
    assert '"title": ["Inspection of shelters", "Quietly changed"]' in rows[1][2]
    s = shared.open(eddie)
    try:  # a save from a window still showing the old version is refused
        with pytest.raises(Exception, match="changed"), s.session() as session:
            action_svc.update_action(session, action_id, expected_version=int(before), title="Stale")  # type: ignore[call-overload]
    finally:
        s.close()
    with shared.raw(eddie) as conn:
        conn.execute("DELETE FROM action WHERE id = %s", (action_id,))
        conn.commit()
        operations = [r[0] for r in conn.execute("SELECT operation FROM audit_log WHERE record_uuid = %s", (record,))]
    assert operations[-1] == "delete"


def test_editors_cannot_write_trust_or_exchange_bookkeeping(shared: SharedStore) -> None:
    statements = [
        "INSERT INTO trusted_key (fingerprint, name, public_key, added_at) VALUES ('f', 'n', 'k', now())",
        "INSERT INTO sync_replica (key, replica, binding) VALUES ('x', 'y', 'z')",
        "INSERT INTO sync_record (uuid, table_name, vv, hash) VALUES ('u', 'action', '{}', 'h')",
        "INSERT INTO tombstone (uuid, table_name, vv, deleted_at) VALUES ('u', 'action', '{}', now())",
        "DELETE FROM tombstone",
    ]
    for statement in statements:
        with shared.raw(who(shared, "eddie")) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    with shared.raw(who(shared, "cora")) as conn:  # an exchange is a coordinator's act
        conn.execute("DELETE FROM tombstone WHERE uuid = 'none'")


def test_viewers_read_no_audit_row_of_a_confidential_action(shared: SharedStore) -> None:
    cora, vera, eddie = who(shared, "cora"), who(shared, "vera"), who(shared, "eddie")
    secret = f"Interviews in detention {uuid_mod.uuid4()}"
    action_id, record = _new_action(shared, cora, secret, confidential=True)
    s = shared.open(cora)
    try:
        with s.session() as session:
            action_svc.update_action(session, action_id, description=secret + " (details)")
    finally:
        s.close()
    for user in (vera, eddie):
        with shared.raw(user) as conn:
            assert _one(conn, "SELECT count(*) FROM audit_log WHERE record_uuid = %s", record) == 0
            assert _one(conn, "SELECT count(*) FROM audit_log WHERE changes LIKE %s", f"%{secret}%") == 0
    with shared.raw(cora) as conn:
        assert _one(conn, "SELECT count(*) FROM audit_log WHERE record_uuid = %s", record) == 2


def test_notifications_tell_nothing_and_cannot_be_spoofed(shared: SharedStore) -> None:
    vera, cora, eddie = who(shared, "vera"), who(shared, "cora"), who(shared, "eddie")
    viewer = shared.open(vera)
    watcher = ChangeWatcher(viewer)
    listener = shared.raw(vera)
    listener.autocommit = True
    listener.execute("LISTEN crc_changes")
    try:
        _new_action(shared, cora, "Secret visit", confidential=True)
        assert not watcher.poll(wait=0.5)  # no notification, nothing to read
        with shared.raw(vera) as spoofer:  # anyone may NOTIFY: the watcher does not believe it
            with viewer.session() as session:
                some = session.scalar(select(Action.uuid))
            spoofer.execute(f"NOTIFY crc_changes, 'action:{some}:{cora}'")
            spoofer.commit()
        spoofed = list(listener.notifies(timeout=5, stop_after=1))
        assert [n.payload for n in spoofed] == [f"action:{some}:{cora}"]  # it was sent; the watcher hears it too
        assert not watcher.poll(wait=5)
        _new_action(shared, eddie, "Public hearing")  # a real change is still heard, with what changed
        real = list(listener.notifies(timeout=5, stop_after=1))
        assert [n.payload for n in real] == [""]  # a wake-up that says nothing
        changes = watcher.poll(wait=5)
        assert changes.tables == {"action"} and len(changes.uuids) == 1
    finally:
        listener.close()
        watcher.close()
        viewer.close()


def test_user_add_never_shows_a_password_nor_makes_a_group_a_login(shared: SharedStore, tmp_path: Path) -> None:
    secret = f"pw-{uuid_mod.uuid4()}"
    env = {"CRC_REPORTER_NEW_PASSWORD": secret, "CRC_REPORTER_HOME": str(tmp_path)}
    # an editor may not add people: the server refuses, and the refusal must not repeat the password
    refused = cli("--db", shared.url(who(shared, "eddie")), "user", "add", "newcomer", "--role", "viewer", env=env)
    assert refused.returncode != 0 and secret not in refused.stderr + refused.stdout
    assert all(secret not in p.read_text("utf-8") for p in tmp_path.rglob("*.log"))
    group = f"crc_{shared.database}_confidential"
    as_group = cli("--db", shared.url(shared.owner), "user", "add", group, "--role", "viewer", env=env)
    assert as_group.returncode == 1 and "not a usable user name" in as_group.stderr
    with shared.raw(shared.owner) as conn:
        assert not _one(conn, "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", group)


def test_an_administrator_adds_people_but_only_people_of_this_store(shared: SharedStore) -> None:
    n = shared.database.rsplit("_", 1)[1]
    admin, newcomer = f"adele{n}", f"newcomer{n}"
    assert cli("--db", shared.url(shared.owner), "user", "add", admin, "--role", "admin").returncode == 0
    added = cli("--db", shared.url(admin), "user", "add", newcomer, "--role", "editor")
    assert added.returncode == 0, added.stderr
    s = shared.open(newcomer)  # signs in with the password given, with the role given
    try:
        assert s.role is Role.EDITOR and s.user == newcomer
    finally:
        s.close()
    for target in (shared.owner, "postgres", f"crc_{shared.database}_admin"):
        refused = cli("--db", shared.url(admin), "user", "add", target, "--role", "admin")
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
    with shared.raw(who(shared, "eddie")) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT crc_manage_user('sneaky', 'admin', 'SCRAM-SHA-256$x', true)")
    with shared.raw(shared.owner) as conn:  # the owner's password was not changed: it still signs in
        assert _one(conn, "SELECT count(*) FROM pg_roles WHERE rolname = 'sneaky'") == 0
