"""Roles, grants and row-level security for a store on a shared PostgreSQL server.

Each database gets its own group roles, ``crc_<database>_viewer`` … ``_admin``
and ``_confidential``, nested so that each role has the rights of the one
below it (viewer < editor < coordinator < admin; coordinators and admins are
also members of ``_confidential``). People sign in with their own login role,
a member of one group. The database owner runs ``crc-reporter server-setup``
and adds users; the application never needs a superuser.

What the server enforces, whatever client is used:
- viewers only SELECT; editors also write the working tables but cannot set
  ``assessment.approved``; coordinators may;
- the audit trail is written by the server (triggers of migration 0009, author
  = the signed-in login): a client may add a row, but the server stamps it with
  that client's login and the time; nobody but the owner can change or delete
  a row; every UPDATE of a record moves its ``version`` on;
- the exchange's bookkeeping (``sync_*``, ``tombstone``) and the trusted keys are
  written only by coordinators and administrators (exchanges and trust are theirs);
  so are update requests; an editor (a focal point) may propose a change
  (INSERT into ``proposed_change`` without the decision's columns), only a
  coordinator approves it or sends it back;
- rows of confidential actions, their sources and links, and the audit rows
  written about them, are invisible (and unwritable) to roles that are not
  members of ``_confidential`` (RLS).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.store.errors import StoreError
from crc_reporter.store.follow_up_models import DECISION_COLUMNS
from crc_reporter.store.models import Base

READ_ONLY_TABLES = ("treaty", "article", "cluster", "store_meta", "alembic_version")
APPEND_ONLY_TABLES = ("audit_log",)
# written by exchanges and by trusting a key: coordinators and administrators only
COORDINATOR_TABLES = (
    "sync_replica",
    "sync_record",
    "tombstone",
    "sync_alias",
    "sync_peer",
    "trusted_key",
    "exchange_setting",
    "update_request",  # requests for updates are sent by coordinators
    "request_item",
)
# a focal point (editor) proposes changes; only coordinators decide them
PROPOSAL_TABLE = "proposed_change"
CONFIDENTIAL = "confidential"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.@-]{0,62}$")


@dataclass(frozen=True)
class RoleNames:
    prefix: str

    def group(self, role: Role | str) -> str:
        return f"{self.prefix}{role}"

    @classmethod
    def for_database(cls, database: str) -> RoleNames:
        cleaned = re.sub(r"[^a-z0-9_]", "_", database.lower())[:40]
        return cls(prefix=f"crc_{cleaned}_")


def role_names(conn: Connection) -> RoleNames:
    return RoleNames.for_database(str(conn.execute(text("SELECT current_database()")).scalar()))


def _quote(conn: Connection, ident: str) -> str:
    return str(conn.execute(text("SELECT quote_ident(:i)"), {"i": ident}).scalar())


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar())


def is_owner(conn: Connection) -> bool:
    return bool(
        conn.execute(
            text(
                "SELECT pg_has_role(current_user, d.datdba, 'MEMBER') OR r.rolsuper "
                "FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = current_user"
            )
        ).scalar()
    )


def current_role(conn: Connection) -> Role:
    """The signed-in user's role in this store (the owner is an administrator)."""
    if is_owner(conn):
        return Role.ADMIN
    names = role_names(conn)
    for role in reversed(list(Role)):
        group = names.group(role)
        if (
            _role_exists(conn, group)
            and conn.execute(text("SELECT pg_has_role(current_user, :g, 'MEMBER')"), {"g": group}).scalar()
        ):
            return role
    return Role.VIEWER


def sees_confidential(conn: Connection) -> bool:
    if is_owner(conn):
        return True
    group = role_names(conn).group(CONFIDENTIAL)
    return _role_exists(conn, group) and bool(
        conn.execute(text("SELECT pg_has_role(current_user, :g, 'MEMBER')"), {"g": group}).scalar()
    )


def _data_tables() -> list[str]:
    return [t for t in Base.metadata.tables if t not in READ_ONLY_TABLES + APPEND_ONLY_TABLES]


def apply_security(conn: Connection) -> RoleNames:
    """Create the group roles, grants and policies (idempotent; run by the owner after each upgrade)."""
    if not is_owner(conn):
        raise StoreError(_("only the owner of the database can set up a shared store"))
    names = role_names(conn)
    q = {r: _quote(conn, names.group(r)) for r in [*list(Role), CONFIDENTIAL]}
    for role in [*list(Role), CONFIDENTIAL]:
        if not _role_exists(conn, names.group(role)):
            conn.execute(text(f"CREATE ROLE {q[role]} NOLOGIN"))
    chain = [
        (Role.EDITOR, Role.VIEWER),
        (Role.COORDINATOR, Role.EDITOR),
        (Role.ADMIN, Role.COORDINATOR),
        (Role.COORDINATOR, CONFIDENTIAL),
    ]
    for member, group in chain:
        conn.execute(text(f"GRANT {q[group]} TO {q[member]}"))
    db = _quote(conn, str(conn.execute(text("SELECT current_database()")).scalar()))
    conn.execute(text(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {q[Role.VIEWER]}"))
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {q[Role.VIEWER]}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {q[Role.VIEWER]}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {q[Role.EDITOR]}"))
    for table in _data_tables():
        if table == "assessment":
            cols = [c.name for c in Base.metadata.tables[table].columns if c.name != "approved"]
            col_list = ", ".join(cols)
            conn.execute(
                text(f"GRANT INSERT ({col_list}), UPDATE ({col_list}), DELETE ON assessment TO {q[Role.EDITOR]}")
            )
            conn.execute(text(f"GRANT INSERT (approved), UPDATE (approved) ON assessment TO {q[Role.COORDINATOR]}"))
        elif table == PROPOSAL_TABLE:
            cols = [c.name for c in Base.metadata.tables[table].columns if c.name not in DECISION_COLUMNS]
            conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {table} FROM {q[Role.EDITOR]}"))
            conn.execute(text(f"GRANT INSERT ({', '.join(cols)}) ON {table} TO {q[Role.EDITOR]}"))
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {q[Role.COORDINATOR]}"))
        elif table in COORDINATOR_TABLES:
            conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {table} FROM {q[Role.EDITOR]}"))
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {q[Role.COORDINATOR]}"))
        else:
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {q[Role.EDITOR]}"))
    for table in APPEND_ONLY_TABLES:
        conn.execute(text(f"GRANT INSERT ON {table} TO {q[Role.EDITOR]}"))
    _apply_row_security(conn, names)
    _install_user_management(conn, names, q)
    return names


# Administrators who do not own the database add people through this function, which runs with the
# owner's rights (SECURITY DEFINER) but only ever makes or changes a login that belongs to this store's
# groups. Safer than CREATEROLE for administrators: on PostgreSQL 15 that attribute lets its holder
# create any role and grant any non-superuser role (pg_execute_server_program included).
_MANAGE_USER = r"""
CREATE OR REPLACE FUNCTION crc_manage_user(p_name text, p_role text, p_verifier text, p_confidential boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    prefix constant text := '{prefix}';
    target pg_roles%ROWTYPE;
    grp text;
BEGIN
    IF NOT pg_has_role(session_user, prefix || 'admin', 'MEMBER') THEN
        RAISE EXCEPTION 'not an administrator of this store' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_role NOT IN ('viewer', 'editor', 'coordinator', 'admin')
            OR p_name !~ '^[A-Za-z][A-Za-z0-9_.@-]{{0,62}}$'
            OR left(lower(p_name), length(prefix)) = prefix OR left(lower(p_name), 3) = 'pg_'
            OR p_verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'unusable user name or role' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO target FROM pg_roles WHERE rolname = p_name;
    IF FOUND AND (NOT target.rolcanlogin OR target.rolsuper OR target.rolcreaterole OR target.rolcreatedb
            OR target.rolreplication OR target.rolbypassrls
            OR target.oid = (SELECT datdba FROM pg_database WHERE datname = current_database())
            OR NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                           WHERE m.member = target.oid AND left(g.rolname, length(prefix)) = prefix)) THEN
        RAISE EXCEPTION 'not a person of this store' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF FOUND THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_name, p_verifier);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_name, p_verifier);
    END IF;
    FOREACH grp IN ARRAY ARRAY['viewer', 'editor', 'coordinator', 'admin', 'confidential'] LOOP
        EXECUTE format('REVOKE %I FROM %I', prefix || grp, p_name);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', prefix || p_role, p_name);
    IF p_confidential THEN
        EXECUTE format('GRANT %I TO %I', prefix || 'confidential', p_name);
    END IF;
END $$
"""


def _install_user_management(conn: Connection, names: RoleNames, q: dict[Role | str, str]) -> None:
    conn.execute(text(_MANAGE_USER.format(prefix=names.prefix)))
    signature = "crc_manage_user(text, text, text, boolean)"
    conn.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {q[Role.ADMIN]}"))


def _apply_row_security(conn: Connection, names: RoleNames) -> None:
    visible = f"pg_has_role(current_user, '{names.group(CONFIDENTIAL)}', 'MEMBER')"
    policies = {
        "action": f"(NOT confidential OR {visible})",
        "source": "(EXISTS (SELECT 1 FROM action a WHERE a.id = action_id))",
        "action_link": "(EXISTS (SELECT 1 FROM action a WHERE a.id = action_id))",
        "indicator_action": "(EXISTS (SELECT 1 FROM action a WHERE a.id = action_id))",
    }
    for table, condition in policies.items():
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"DROP POLICY IF EXISTS crc_confidential ON {table}"))
        conn.execute(text(f"CREATE POLICY crc_confidential ON {table} USING {condition} WITH CHECK {condition}"))
    # audit rows about confidential records (marked so when written) are read only by those who may see them;
    # anyone who may write may add a row (the server stamps it with their login)
    conn.execute(text("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY"))
    for policy in ("crc_confidential_read", "crc_append"):
        conn.execute(text(f"DROP POLICY IF EXISTS {policy} ON audit_log"))
    conn.execute(
        text(f"CREATE POLICY crc_confidential_read ON audit_log FOR SELECT USING (NOT confidential OR {visible})")
    )
    conn.execute(text("CREATE POLICY crc_append ON audit_log FOR INSERT WITH CHECK (true)"))


def add_user(conn: Connection, name: str, role: Role, password: str, confidential: bool = False) -> str:
    """Create (or update) a login role for a person and put it in one group."""
    if not _NAME.match(name):
        raise StoreError(
            _("'{name}' is not a usable user name (letters, digits, _ . @ -; starts with a letter)").format(name=name)
        )
    names = role_names(conn)
    if not _role_exists(conn, names.group(Role.VIEWER)):
        raise StoreError(_("this database is not set up for shared use; run 'crc-reporter server-setup' first"))
    if name.lower().startswith(names.prefix):  # a person must never become one of the app's own groups
        raise StoreError(
            _("'{name}' is not a usable user name (letters, digits, _ . @ -; starts with a letter)").format(name=name)
        )
    if not is_owner(conn):  # an administrator: through the owner's function, limited to this store's people
        _add_user_as_admin(conn, name, role, password, confidential)
        return name
    ident = _quote(conn, name)
    # only a salted SCRAM verifier travels: the password is in no statement, server log or error message
    pw = conn.execute(text("SELECT quote_literal(:p)"), {"p": scram_verifier(password)}).scalar()
    verb = "ALTER" if _role_exists(conn, name) else "CREATE"
    conn.exec_driver_sql(f"{verb} ROLE {ident} LOGIN PASSWORD {pw}")  # not text(): ':' in the verifier
    for other in [*list(Role), CONFIDENTIAL]:
        conn.execute(text(f"REVOKE {_quote(conn, names.group(other))} FROM {ident}"))
    conn.execute(text(f"GRANT {_quote(conn, names.group(role))} TO {ident}"))
    if confidential:
        conn.execute(text(f"GRANT {_quote(conn, names.group(CONFIDENTIAL))} TO {ident}"))
    return name


def _add_user_as_admin(conn: Connection, name: str, role: Role, password: str, confidential: bool) -> None:
    try:
        with conn.begin_nested():
            conn.execute(
                text("SELECT crc_manage_user(:n, :r, :v, :c)"),
                {"n": name, "r": role.value, "v": scram_verifier(password), "c": confidential},
            )
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state == "22023":
            raise StoreError(
                _("'{name}' is not a person of this store whose account you may change").format(name=name)
            ) from None
        if state in ("42501", "42883"):  # not an administrator, or a store set up by an older version
            raise StoreError(_("only an administrator of this store may add people")) from None
        raise StoreError(_("the server refused to add {name}").format(name=name)) from None


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier of ``password`` (RFC 7677; what the server itself would store)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    return f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}${b64(stored_key).decode()}:{b64(server_key).decode()}"


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: Role
    confidential: bool


def list_users(conn: Connection) -> list[UserInfo]:
    names = role_names(conn)
    rows = conn.execute(
        text(
            "SELECT r.rolname, g.rolname FROM pg_roles r "
            "JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE r.rolcanlogin AND g.rolname LIKE :p ORDER BY r.rolname"
        ),
        {"p": names.prefix.replace("_", r"\_") + "%"},
    ).all()
    users: dict[str, tuple[Role, bool]] = {}
    for user, group in rows:
        suffix = group[len(names.prefix) :]
        role, confidential = users.get(user, (Role.VIEWER, False))
        if suffix == CONFIDENTIAL:
            confidential = True
        elif suffix in {r.value for r in Role} and Role(suffix).at_least(role):
            role = Role(suffix)
        users[user] = (role, confidential or role.at_least(Role.COORDINATOR))
    return [UserInfo(u, r, c) for u, (r, c) in sorted(users.items())]
