"""Related recommendations across mechanisms (issue 22): the CRC's and the UPR's on the same issue.

``recommendation_relation``: one row per pair of recommendations a person
linked (``status`` ``linked``), or rejected when the text-similarity proposer
offered them (``rejected``, so the pair is not offered again); ``score`` is the
similarity proposed. A new table: every existing store keeps working and
simply has none. On PostgreSQL it gets the audit and version triggers of the
other synchronised tables (revision 0009); ``server-setup`` grants editors
write access to it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendation_relation",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("related_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_relation_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["related_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_relation_related_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_relation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_recommendation_relation_uuid")),
        sa.UniqueConstraint(
            "recommendation_id", "related_id", name=op.f("uq_recommendation_relation_recommendation_id")
        ),
    )
    op.create_index(
        op.f("ix_recommendation_relation_recommendation_id"), "recommendation_relation", ["recommendation_id"]
    )
    op.create_index(op.f("ix_recommendation_relation_related_id"), "recommendation_relation", ["related_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER crc_audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_relation "
            "FOR EACH ROW EXECUTE FUNCTION crc_audit_row()"
        )
        op.execute(
            "CREATE TRIGGER crc_version BEFORE UPDATE ON recommendation_relation "
            "FOR EACH ROW EXECUTE FUNCTION crc_bump_version()"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_recommendation_relation_related_id"), table_name="recommendation_relation")
    op.drop_index(op.f("ix_recommendation_relation_recommendation_id"), table_name="recommendation_relation")
    op.drop_table("recommendation_relation")
