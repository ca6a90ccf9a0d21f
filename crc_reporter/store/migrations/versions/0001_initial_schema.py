"""Initial schema: reference data, documents, recommendations, actors, actions,
assessments, indicators, audit trail.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=True),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("name", name=op.f("uq_actor_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_actor_uuid")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("operation", sa.String(length=8), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_uuid"), ["record_uuid"], unique=False)

    op.create_table(
        "cluster",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("articles_text", sa.Text(), nullable=False),
        sa.Column("articles", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_cluster")),
    )
    op.create_table(
        "indicator",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("uuid", name=op.f("uq_indicator_uuid")),
    )
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_meta")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_tag_kind")),
    )
    op.create_table(
        "treaty",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("short_title", sa.Text(), nullable=False),
        sa.Column("reporting_article", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_treaty")),
    )
    op.create_table(
        "action",
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("action_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_action_actor_id_actor"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
        sa.UniqueConstraint("uuid", name=op.f("uq_action_uuid")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("treaty_code", sa.String(length=8), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["treaty_code"], ["treaty.code"], name=op.f("fk_article_treaty_code_treaty"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("treaty_code", "number", name=op.f("uq_article_treaty_code")),
    )
    op.create_table(
        "coalition_member",
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["actor.id"], name=op.f("fk_coalition_member_coalition_id_actor"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["actor.id"], name=op.f("fk_coalition_member_member_id_actor"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("coalition_id", "member_id", name=op.f("pk_coalition_member")),
    )
    op.create_table(
        "document",
        sa.Column("symbol", sa.String(length=64), nullable=False),
        sa.Column("treaty_code", sa.String(length=8), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("next_report_due", sa.Date(), nullable=True),
        sa.Column("next_report_word_limit", sa.Integer(), nullable=True),
        sa.Column("next_report_title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["treaty_code"], ["treaty.code"], name=op.f("fk_document_treaty_code_treaty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("symbol", name=op.f("uq_document_symbol")),
        sa.UniqueConstraint("uuid", name=op.f("uq_document_uuid")),
    )
    op.create_table(
        "indicator_value",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("age_group", sa.String(length=32), nullable=True),
        sa.Column("province", sa.String(length=80), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_value_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
        sa.UniqueConstraint("uuid", name=op.f("uq_indicator_value_uuid")),
    )
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_value_indicator_id"), ["indicator_id"], unique=False)

    op.create_table(
        "indicator_action",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_indicator_action_action_id_action"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_action_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "action_id", name=op.f("pk_indicator_action")),
    )
    op.create_table(
        "recommendation",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cluster", sa.String(length=32), nullable=True),
        sa.Column("subheading", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("articles", sa.Text(), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cluster"], ["cluster.key"], name=op.f("fk_recommendation_cluster_cluster")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_recommendation_document_id_document"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_recommendation_document_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_recommendation_uuid")),
    )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.create_index("ix_recommendation_cluster", ["cluster"], unique=False)

    op.create_table(
        "source",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("file_ref", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_source_action_id_action"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("uuid", name=op.f("uq_source_uuid")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_action_id"), ["action_id"], unique=False)

    op.create_table(
        "indicator_recommendation",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_recommendation_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_indicator_recommendation_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "recommendation_id", name=op.f("pk_indicator_recommendation")),
    )
    op.create_table(
        "previous_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=64), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_previous_reference_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_previous_reference")),
    )
    with op.batch_alter_table("previous_reference", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_previous_reference_recommendation_id"), ["recommendation_id"], unique=False
        )

    op.create_table(
        "recommendation_part",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_part_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_part")),
        sa.UniqueConstraint("recommendation_id", "label", name=op.f("uq_recommendation_part_recommendation_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_recommendation_part_uuid")),
    )
    with op.batch_alter_table("recommendation_part", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_part_recommendation_id"), ["recommendation_id"], unique=False
        )

    op.create_table(
        "recommendation_tag",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_tag_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_recommendation_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("recommendation_id", "tag_id", name=op.f("pk_recommendation_tag")),
    )
    op.create_table(
        "responsible_body",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_responsible_body_actor_id_actor"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_responsible_body_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("recommendation_id", "actor_id", name=op.f("pk_responsible_body")),
    )
    op.create_table(
        "action_link",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_action_link_action_id_action"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["recommendation_part.id"],
            name=op.f("fk_action_link_part_id_recommendation_part"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_action_link_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_link")),
        sa.UniqueConstraint("action_id", "recommendation_id", "part_id", name=op.f("uq_action_link_action_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_action_link_uuid")),
    )
    with op.batch_alter_table("action_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_link_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_link_recommendation_id"), ["recommendation_id"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=True),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"], ["actor.id"], name=op.f("fk_assessment_assessor_id_actor"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["recommendation_part.id"],
            name=op.f("fk_assessment_part_id_recommendation_part"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_assessment_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_assessment_uuid")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_rec_side", ["recommendation_id", "side", "assessed_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index("ix_assessment_rec_side")

    op.drop_table("assessment")
    with op.batch_alter_table("action_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_link_recommendation_id"))
        batch_op.drop_index(batch_op.f("ix_action_link_action_id"))

    op.drop_table("action_link")
    op.drop_table("responsible_body")
    op.drop_table("recommendation_tag")
    with op.batch_alter_table("recommendation_part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_part_recommendation_id"))

    op.drop_table("recommendation_part")
    with op.batch_alter_table("previous_reference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_previous_reference_recommendation_id"))

    op.drop_table("previous_reference")
    op.drop_table("indicator_recommendation")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_action_id"))

    op.drop_table("source")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_index("ix_recommendation_cluster")

    op.drop_table("recommendation")
    op.drop_table("indicator_action")
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_value_indicator_id"))

    op.drop_table("indicator_value")
    op.drop_table("document")
    op.drop_table("coalition_member")
    op.drop_table("article")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_actor_id"))

    op.drop_table("action")
    op.drop_table("treaty")
    op.drop_table("tag")
    op.drop_table("store_meta")
    op.drop_table("indicator")
    op.drop_table("cluster")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_uuid"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    op.drop_table("actor")
