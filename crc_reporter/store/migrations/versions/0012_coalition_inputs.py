"""What a coalition enters for its alternative report: questions and proposed recommendations.

``coalition_input``: one row per question for the list of issues (or the
dialogue) or per recommendation a coalition proposes, attached to a paragraph
of concluding observations or to a whole cluster of one document. A new table:
every existing store keeps working and simply has none. On PostgreSQL the
table gets the same audit and version triggers as the other synchronised
tables (revision 0009); ``server-setup`` grants editors write access to it.

``subheading_translation``: the French or Khmer wording a drafter typed once
for a sub-heading outside the standard glossary (``reports/subheadings.py``),
used by drafts in that language. Also a new table.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coalition_input",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("cluster", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_coalition_input_document_id_document"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_coalition_input_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coalition_input")),
        sa.UniqueConstraint("uuid", name=op.f("uq_coalition_input_uuid")),
    )
    op.create_index(op.f("ix_coalition_input_document_id"), "coalition_input", ["document_id"], unique=False)
    op.create_table(
        "subheading_translation",
        sa.Column("subheading", sa.String(length=300), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subheading_translation")),
        sa.UniqueConstraint("subheading", "lang", name=op.f("uq_subheading_translation_subheading")),
        sa.UniqueConstraint("uuid", name=op.f("uq_subheading_translation_uuid")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in ("coalition_input", "subheading_translation"):
            op.execute(
                f"CREATE TRIGGER crc_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION crc_audit_row()"
            )
            op.execute(
                f"CREATE TRIGGER crc_version BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION crc_bump_version()"
            )


def downgrade() -> None:
    op.drop_table("subheading_translation")
    op.drop_index(op.f("ix_coalition_input_document_id"), table_name="coalition_input")
    op.drop_table("coalition_input")
