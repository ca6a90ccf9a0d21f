"""Full-text search over recommendations and actions.

SQLite: FTS5 tables with external content, kept in step by triggers.
PostgreSQL: GIN indexes over ``to_tsvector('simple', …)``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_UP = [
    """CREATE VIRTUAL TABLE recommendation_fts USING fts5(
        text, content='recommendation', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER recommendation_fts_ai AFTER INSERT ON recommendation BEGIN
        INSERT INTO recommendation_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER recommendation_fts_ad AFTER DELETE ON recommendation BEGIN
        INSERT INTO recommendation_fts(recommendation_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER recommendation_fts_au AFTER UPDATE OF text ON recommendation BEGIN
        INSERT INTO recommendation_fts(recommendation_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO recommendation_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE VIRTUAL TABLE action_fts USING fts5(
        title, description, outcome, content='action', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER action_fts_ai AFTER INSERT ON action BEGIN
        INSERT INTO action_fts(rowid, title, description, outcome)
        VALUES (new.id, new.title, new.description, new.outcome); END""",
    """CREATE TRIGGER action_fts_ad AFTER DELETE ON action BEGIN
        INSERT INTO action_fts(action_fts, rowid, title, description, outcome)
        VALUES ('delete', old.id, old.title, old.description, old.outcome); END""",
    """CREATE TRIGGER action_fts_au AFTER UPDATE OF title, description, outcome ON action BEGIN
        INSERT INTO action_fts(action_fts, rowid, title, description, outcome)
        VALUES ('delete', old.id, old.title, old.description, old.outcome);
        INSERT INTO action_fts(rowid, title, description, outcome)
        VALUES (new.id, new.title, new.description, new.outcome); END""",
    "INSERT INTO recommendation_fts(recommendation_fts) VALUES ('rebuild')",
    "INSERT INTO action_fts(action_fts) VALUES ('rebuild')",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS recommendation_fts_ai",
    "DROP TRIGGER IF EXISTS recommendation_fts_ad",
    "DROP TRIGGER IF EXISTS recommendation_fts_au",
    "DROP TABLE IF EXISTS recommendation_fts",
    "DROP TRIGGER IF EXISTS action_fts_ai",
    "DROP TRIGGER IF EXISTS action_fts_ad",
    "DROP TRIGGER IF EXISTS action_fts_au",
    "DROP TABLE IF EXISTS action_fts",
]

_PG_UP = [
    "CREATE INDEX ix_recommendation_tsv ON recommendation USING gin (to_tsvector('simple', text))",
    """CREATE INDEX ix_action_tsv ON action USING gin (
        to_tsvector('simple', title || ' ' || description || ' ' || outcome))""",
]
_PG_DOWN = ["DROP INDEX IF EXISTS ix_recommendation_tsv", "DROP INDEX IF EXISTS ix_action_tsv"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_UP)
    elif dialect == "postgresql":
        _run(_PG_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(_PG_DOWN)
