"""Recommendations of every mechanism: the UPR, the other treaty bodies, special procedures (issue 22).

A document's mechanism is its ``treaty_code`` (the reference table gains the
other mechanisms' rows when the store is opened, ``resources/reference``);
every existing document keeps its code, so every existing store is all CRC.

``recommendation`` gains, all nullable or defaulted, so existing rows keep
their meaning:

- ``label``: the number as printed when it is not a plain paragraph number
  ("110.45" in a UPR working group report);
- ``recommending_states``: the State(s) that made a UPR recommendation, one a line;
- ``position``: the State under review's position (supported, supported_in_part, noted);
- ``upr_session`` and ``upr_cycle``: the UPR working group session and review cycle;
- ``cluster_confirmed``: False while the CRC cluster of another mechanism's
  recommendation is only proposed (existing rows: true, their clusters are the
  Committee's own).

Revision ID: 0014
Revises: 0013 (re-chained after 0013_update_requests, merged first)
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_COLUMNS = ("label", "recommending_states", "position", "upr_session", "upr_cycle", "cluster_confirmed")


def upgrade() -> None:
    op.add_column("recommendation", sa.Column("label", sa.String(length=16), nullable=True))
    op.add_column(
        "recommendation", sa.Column("recommending_states", sa.Text(), nullable=False, server_default=sa.text("''"))
    )
    op.add_column("recommendation", sa.Column("position", sa.String(length=24), nullable=True))
    op.add_column("recommendation", sa.Column("upr_session", sa.String(length=32), nullable=True))
    op.add_column("recommendation", sa.Column("upr_cycle", sa.Integer(), nullable=True))
    op.add_column(
        "recommendation", sa.Column("cluster_confirmed", sa.Boolean(), nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    with op.batch_alter_table("recommendation") as batch:
        for column in reversed(_COLUMNS):
            batch.drop_column(column)
