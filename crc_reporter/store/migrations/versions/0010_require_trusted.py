"""Whether the store takes only packages signed by a key it trusts.

A new table ``exchange_setting`` (key, value). A store that already exists
(its reference tables were seeded) gets ``require_trusted = "0"`` so that
nobody's way of exchanging breaks on upgrade; a store created now has no row
yet, and opening it writes ``"1"`` (see ``services.exchange.trust_setting``).
On PostgreSQL the table is written only by coordinators and administrators
(``pg_security.COORDINATOR_TABLES``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "exchange_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_exchange_setting")),
    )
    bind = op.get_bind()
    seeded = bind.execute(sa.text("SELECT 1 FROM store_meta WHERE key = 'reference_digest'")).first()
    if seeded is not None:  # an existing store: keep accepting what it accepted
        op.bulk_insert(table, [{"key": "require_trusted", "value": "0"}])


def downgrade() -> None:
    op.drop_table("exchange_setting")
