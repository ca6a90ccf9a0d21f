"""The audit trail written by the server, confidential audit rows, and a change feed that leaks nothing.

- ``audit_log.confidential`` (both dialects): set when a row is written about a
  confidential action, its sources or links (and, for rows written before this
  revision, about such records or records that no longer exist); on PostgreSQL
  row-level security hides those rows from people outside ``_confidential``
  (the policy itself is installed by ``server-setup``, see ``pg_security``).
- PostgreSQL only: triggers on every synchronised table write the audit row
  (author = the signed-in login, ``session_user``, set by the server) and bump
  ``version`` on every UPDATE, whatever client made the change; a trigger on
  ``audit_log`` itself overwrites the author, time and id of any row a client
  inserts, so nobody can sign a row with someone else's name.
- ``NOTIFY crc_changes`` carries an empty payload and is sent only for rows
  everyone may see: the listener reads what changed from ``audit_log`` (where
  row-level security applies), so a spoofed notification changes nothing.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SYNCED = (
    "document",
    "recommendation",
    "recommendation_part",
    "actor",
    "action",
    "source",
    "action_link",
    "assessment",
    "indicator",
    "indicator_value",
)
# audit rows of these tables are about an action: as confidential as the action
_ABOUT_ACTIONS = ("action", "source", "action_link")

_FUNCTIONS = [
    # the confidentiality of a row of an audited table (NULL parent: assume confidential)
    """CREATE OR REPLACE FUNCTION crc_row_confidential(tbl text, new_j jsonb, old_j jsonb) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
        IF tbl = 'action' THEN
            RETURN coalesce((new_j ->> 'confidential')::boolean, false)
                OR coalesce((old_j ->> 'confidential')::boolean, false);
        ELSIF tbl IN ('source', 'action_link') THEN
            RETURN coalesce((SELECT bool_or(a.confidential) FROM action a WHERE a.id IN (
                (new_j ->> 'action_id')::integer, (old_j ->> 'action_id')::integer)), true);
        END IF;
        RETURN false;
    END $$""",
    """CREATE OR REPLACE FUNCTION crc_audit_row() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
        old_j jsonb := '{}';
        new_j jsonb := '{}';
        diff jsonb := '{}';
        k text;
        body text := '';
    BEGIN
        IF TG_OP <> 'DELETE' THEN new_j := to_jsonb(NEW); END IF;
        IF TG_OP <> 'INSERT' THEN old_j := to_jsonb(OLD); END IF;
        IF TG_OP = 'UPDATE' THEN
            FOR k IN SELECT jsonb_object_keys(new_j) LOOP
                IF k NOT IN ('id', 'created_at', 'updated_at', 'version')
                        AND (new_j -> k) IS DISTINCT FROM (old_j -> k) THEN
                    diff := diff || jsonb_build_object(k, jsonb_build_array(old_j -> k, new_j -> k));
                END IF;
            END LOOP;
            IF diff = '{}'::jsonb THEN
                RETURN NULL;  -- only bookkeeping columns changed
            END IF;
            body := diff::text;
        END IF;
        INSERT INTO audit_log (at, "user", operation, table_name, record_uuid, changes, confidential)
        VALUES (now() AT TIME ZONE 'UTC', session_user, lower(TG_OP), TG_TABLE_NAME,
                coalesce(new_j ->> 'uuid', old_j ->> 'uuid'), body,
                crc_row_confidential(TG_TABLE_NAME, new_j, old_j));
        RETURN NULL;
    END $$""",
    # every UPDATE of a synchronised record moves its version on (optimistic locking holds against psql)
    """CREATE OR REPLACE FUNCTION crc_bump_version() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
    BEGIN
        IF NEW.version IS NULL OR NEW.version <= OLD.version THEN
            NEW.version := OLD.version + 1;
        END IF;
        RETURN NEW;
    END $$""",
    # whoever inserts an audit row, the server says who and when
    """CREATE OR REPLACE FUNCTION crc_audit_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
        NEW."user" := session_user;
        NEW.at := now() AT TIME ZONE 'UTC';
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
        NEW.confidential := coalesce(NEW.confidential, false);
        RETURN NEW;
    END $$""",
    # a wake-up only: listeners read what changed from audit_log, where row-level security applies
    """CREATE OR REPLACE FUNCTION crc_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT NEW.confidential THEN
            PERFORM pg_notify('crc_changes', '');
        END IF;
        RETURN NEW;
    END $$""",
]


def _pg_upgrade() -> None:
    for statement in _FUNCTIONS:
        op.execute(statement)
    op.execute("DROP TRIGGER IF EXISTS crc_audit_stamp ON audit_log")
    op.execute(
        "CREATE TRIGGER crc_audit_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION crc_audit_stamp()"
    )
    for table in SYNCED:
        op.execute(f"DROP TRIGGER IF EXISTS crc_audit ON {table}")
        op.execute(
            f"CREATE TRIGGER crc_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION crc_audit_row()"
        )
        op.execute(f"DROP TRIGGER IF EXISTS crc_version ON {table}")
        op.execute(
            f"CREATE TRIGGER crc_version BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION crc_bump_version()"
        )
    for function in ("crc_row_confidential(text, jsonb, jsonb)", "crc_audit_row()", "crc_audit_stamp()"):
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")


def _backfill() -> None:
    """Rows written before: about a confidential action (or a record no longer there) -> confidential."""
    op.execute(
        "UPDATE audit_log SET confidential = true WHERE table_name = 'action' AND record_uuid IN "
        "(SELECT uuid FROM action WHERE confidential)"
    )
    for table in ("source", "action_link"):
        op.execute(
            f"UPDATE audit_log SET confidential = true WHERE table_name = '{table}' AND record_uuid IN "
            f"(SELECT t.uuid FROM {table} t JOIN action a ON a.id = t.action_id WHERE a.confidential)"
        )
    for table in _ABOUT_ACTIONS:
        op.execute(
            f"UPDATE audit_log SET confidential = true WHERE table_name = '{table}' "
            f"AND record_uuid IS NOT NULL AND record_uuid NOT IN (SELECT uuid FROM {table})"
        )


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False))
    _backfill()
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SYNCED:
            op.execute(f"DROP TRIGGER IF EXISTS crc_audit ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS crc_version ON {table}")
        op.execute("DROP TRIGGER IF EXISTS crc_audit_stamp ON audit_log")
        op.execute("DROP POLICY IF EXISTS crc_confidential_read ON audit_log")
        op.execute("DROP POLICY IF EXISTS crc_append ON audit_log")
        op.execute("ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY")
        for function in ("crc_audit_row()", "crc_audit_stamp()", "crc_bump_version()"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
        op.execute("DROP FUNCTION IF EXISTS crc_row_confidential(text, jsonb, jsonb)")
        op.execute(
            """CREATE OR REPLACE FUNCTION crc_notify_change() RETURNS trigger AS $$
            BEGIN
                PERFORM pg_notify('crc_changes',
                    NEW.table_name || ':' || coalesce(NEW.record_uuid, '') || ':' || NEW."user");
                RETURN NEW;
            END $$ LANGUAGE plpgsql"""
        )
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("confidential")
