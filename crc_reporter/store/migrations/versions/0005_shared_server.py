"""Shared-server support on PostgreSQL: trigram indexes and a change feed.

- ``pg_trgm`` GIN indexes let search find words inside unspaced scripts
  (Khmer) with ILIKE, which the 'simple' text-search parser cannot split.
- Every audit-trail insert sends ``NOTIFY crc_changes, 'table:uuid:user'`` so
  that other people's windows refresh what changed.
SQLite needs neither (it has FTS5 and ``PRAGMA data_version``).
On both: ``assessment.approved`` gets a server default, so inserts leave it out.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None

_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_recommendation_trgm ON recommendation USING gin (text gin_trgm_ops)",
    """CREATE INDEX IF NOT EXISTS ix_action_trgm ON action USING gin (
        (title || ' ' || description || ' ' || outcome) gin_trgm_ops)""",
    """CREATE OR REPLACE FUNCTION crc_notify_change() RETURNS trigger AS $$
    BEGIN
        PERFORM pg_notify('crc_changes', NEW.table_name || ':' || coalesce(NEW.record_uuid, '') || ':' || NEW."user");
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER crc_audit_notify AFTER INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION crc_notify_change()""",
]
_DOWN = [
    "DROP TRIGGER IF EXISTS crc_audit_notify ON audit_log",
    "DROP FUNCTION IF EXISTS crc_notify_change()",
    "DROP INDEX IF EXISTS ix_action_trgm",
    "DROP INDEX IF EXISTS ix_recommendation_trgm",
]


def upgrade() -> None:
    # inserts leave ``approved`` to the server, so editors (who may not write it) can record assessments
    with op.batch_alter_table("assessment") as batch:
        batch.alter_column("approved", server_default=sa.false(), existing_type=sa.Boolean(), existing_nullable=False)
    if op.get_bind().dialect.name == "postgresql":
        for statement in _UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _DOWN:
            op.execute(statement)
    with op.batch_alter_table("assessment") as batch:
        batch.alter_column("approved", server_default=None, existing_type=sa.Boolean(), existing_nullable=False)
