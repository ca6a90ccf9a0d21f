"""Khmer text in data: a translation beside each recommendation, and search inside unspaced words.

- ``recommendation.translation`` (the paragraph in another language, typed
  by a person, usually Khmer) and ``recommendation.translation_lang`` ("km").
- SQLite: the word index ``recommendation_fts`` now covers the translation
  too; new trigram indexes (``tokenize='trigram'``) over the recommendations'
  text and translation and over the actions' title, description and outcome
  find a Khmer word inside a sentence, where Khmer writes no spaces between
  words and the ``unicode61`` word tokenizer sees one long token.
  Their names contain ``_fts`` so that the value check skips their shadow tables.
- PostgreSQL: trigram and text-search indexes over the translation (``pg_trgm``
  is there since 0005).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _fts_triggers(index: str, table: str, columns: tuple[str, ...]) -> list[str]:
    """Triggers keeping an external-content FTS5 index in step with its table."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {index}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
    ]


def _fts_index(index: str, table: str, columns: tuple[str, ...], tokenize: str) -> list[str]:
    return [
        f"""CREATE VIRTUAL TABLE {index} USING fts5(
            {", ".join(columns)}, content='{table}', content_rowid='id', tokenize='{tokenize}')""",
        *_fts_triggers(index, table, columns),
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def _drop_fts(index: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {index}_ai",
        f"DROP TRIGGER IF EXISTS {index}_ad",
        f"DROP TRIGGER IF EXISTS {index}_au",
        f"DROP TABLE IF EXISTS {index}",
    ]


_WORDS = "unicode61 remove_diacritics 2"
_REC_TEXT = ("text", "translation")
_ACTION_TEXT = ("title", "description", "outcome")

_SQLITE_UP = [
    *_drop_fts("recommendation_fts"),
    *_fts_index("recommendation_fts", "recommendation", _REC_TEXT, _WORDS),
    *_fts_index("recommendation_trgm_fts", "recommendation", _REC_TEXT, "trigram"),
    *_fts_index("action_trgm_fts", "action", _ACTION_TEXT, "trigram"),
]
_SQLITE_DOWN = [
    *_drop_fts("action_trgm_fts"),
    *_drop_fts("recommendation_trgm_fts"),
    *_drop_fts("recommendation_fts"),
    # no trigger names the columns any more, so SQLite (3.35+) drops them in place
    "ALTER TABLE recommendation DROP COLUMN translation_lang",
    "ALTER TABLE recommendation DROP COLUMN translation",
    *_fts_index("recommendation_fts", "recommendation", ("text",), _WORDS),
]

_PG_UP = [
    "CREATE INDEX IF NOT EXISTS ix_recommendation_translation_trgm ON recommendation USING gin (translation gin_trgm_ops)",
    """CREATE INDEX IF NOT EXISTS ix_recommendation_translation_tsv ON recommendation
        USING gin (to_tsvector('simple', coalesce(translation, '')))""",
]
_PG_DOWN = [
    "DROP INDEX IF EXISTS ix_recommendation_translation_tsv",
    "DROP INDEX IF EXISTS ix_recommendation_translation_trgm",
    "ALTER TABLE recommendation DROP COLUMN translation_lang",
    "ALTER TABLE recommendation DROP COLUMN translation",
]


def upgrade() -> None:
    op.add_column("recommendation", sa.Column("translation", sa.Text(), nullable=True))
    op.add_column("recommendation", sa.Column("translation_lang", sa.String(8), nullable=True))
    dialect = op.get_bind().dialect.name
    statements = _SQLITE_UP if dialect == "sqlite" else _PG_UP if dialect == "postgresql" else []
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = _SQLITE_DOWN if dialect == "sqlite" else _PG_DOWN if dialect == "postgresql" else []
    for statement in statements:
        op.execute(statement)
