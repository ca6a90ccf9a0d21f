"""A translation beside each lettered part, as the paragraph already has one.

``recommendation_part.translation``: the part in the language of its
paragraph's ``translation_lang``, filled when a translated document is
imported (``crc-reporter import FILE --translation-of SYMBOL``). Nullable:
every existing store keeps working, its parts simply have no translation.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recommendation_part", sa.Column("translation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendation_part") as batch:
        batch.drop_column("translation")
