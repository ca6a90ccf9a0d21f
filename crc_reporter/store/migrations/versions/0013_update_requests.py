"""The follow-up cycle: update requests, what each asks, and the changes bodies propose.

Three new tables (``update_request``, ``request_item``, ``proposed_change``):
every existing store keeps working and simply has none. On PostgreSQL they get
the same audit and version triggers as the other record tables (revision
0009); ``server-setup`` grants editors only the right to propose a change
(not to decide it), and coordinators the rest.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "update_request",
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("recipient_name", sa.String(length=300), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("asks", sa.Text(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("reminder_of_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["actor.id"], name=op.f("fk_update_request_recipient_id_actor"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_update_request_document_id_document"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reminder_of_id"],
            ["update_request.id"],
            name=op.f("fk_update_request_reminder_of_id_update_request"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_request")),
        sa.UniqueConstraint("uuid", name=op.f("uq_update_request_uuid")),
    )
    op.create_index(op.f("ix_update_request_recipient_id"), "update_request", ["recipient_id"], unique=False)
    op.create_table(
        "request_item",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=False),
        sa.Column("part_uuid", sa.String(length=36), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["update_request.id"],
            name=op.f("fk_request_item_request_id_update_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_item")),
        sa.UniqueConstraint("uuid", name=op.f("uq_request_item_uuid")),
    )
    op.create_index(op.f("ix_request_item_request_id"), "request_item", ["request_id"], unique=False)
    op.create_table(
        "proposed_change",
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("previous", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.String(length=120), nullable=True),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), server_default=sa.text("'proposed'"), nullable=False),
        sa.Column("decided_by", sa.String(length=120), server_default=sa.text("NULL"), nullable=True),
        sa.Column("decided_at", sa.DateTime(), server_default=sa.text("NULL"), nullable=True),
        sa.Column("note", sa.Text(), server_default=sa.text("NULL"), nullable=True),
        sa.Column("result_uuid", sa.String(length=36), server_default=sa.text("NULL"), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["update_request.id"],
            name=op.f("fk_proposed_change_request_id_update_request"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["request_item.id"], name=op.f("fk_proposed_change_item_id_request_item"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_proposed_change_actor_id_actor"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposed_change")),
        sa.UniqueConstraint("uuid", name=op.f("uq_proposed_change_uuid")),
    )
    op.create_index(op.f("ix_proposed_change_request_id"), "proposed_change", ["request_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in ("update_request", "request_item", "proposed_change"):
            op.execute(
                f"CREATE TRIGGER crc_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION crc_audit_row()"
            )
            op.execute(
                f"CREATE TRIGGER crc_version BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION crc_bump_version()"
            )


def downgrade() -> None:
    op.drop_index(op.f("ix_proposed_change_request_id"), table_name="proposed_change")
    op.drop_table("proposed_change")
    op.drop_index(op.f("ix_request_item_request_id"), table_name="request_item")
    op.drop_table("request_item")
    op.drop_index(op.f("ix_update_request_recipient_id"), table_name="update_request")
    op.drop_table("update_request")
