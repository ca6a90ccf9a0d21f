"""Exchange between copies: sync state, tombstones, aliases, peers, trusted keys.

- ``sync_record``: per live record, the version vector and content hash this
  copy last stamped (a changed hash means "changed here since");
- ``tombstone``: deleted records, so deletions travel to the other copies;
- ``sync_alias``: another copy's UUID for one of our records (the same document
  or actor added on both sides);
- ``sync_peer``: the last exchange with each other copy;
- ``trusted_key``: public keys whose signed packages this store trusts;
- ``sync_replica``: this copy's replica id, and where the copy was when it got it
  (made at the first exchange, so that copies of a new store each get their own).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_replica",
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("replica", sa.String(length=32), nullable=False),
        sa.Column("binding", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_replica")),
    )
    op.create_table(
        "sync_record",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("vv", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_sync_record")),
        sqlite_with_rowid=False,  # one B-tree instead of two: a merge writes a row per record
    )
    op.create_table(
        "tombstone",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("vv", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_tombstone")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_alias",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("target", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_sync_alias")),
    )
    with op.batch_alter_table("sync_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_alias_target"), ["target"], unique=False)
    op.create_table(
        "sync_peer",
        sa.Column("replica", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("last_package", sa.String(length=64), nullable=True),
        sa.Column("last_merged_at", sa.DateTime(), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("signer", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("replica", name=op.f("pk_sync_peer")),
    )
    op.create_table(
        "trusted_key",
        sa.Column("fingerprint", sa.String(length=80), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_trusted_key")),
    )


def downgrade() -> None:
    op.drop_table("trusted_key")
    op.drop_table("sync_peer")
    with op.batch_alter_table("sync_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_alias_target"))
    op.drop_table("sync_alias")
    op.drop_table("tombstone")
    op.drop_table("sync_record")
    op.drop_table("sync_replica")
