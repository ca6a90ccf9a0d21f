"""Clean text already in a store: no C0 control characters but tab and newline, no lone surrogates.

Issue 21, finding 5: before every way in cleaned text
(:func:`crc_reporter.domain.text.clean_text`), a vertical tab pasted into a
paragraph broke ``export-xlsx`` for everybody and a NUL made every full package
of the store unreadable. This rewrites every text column of every table (the
full-text indexes' own tables excepted) where a value holds such a character.
The full-text indexes stay consistent: on SQLite their ``AFTER UPDATE``
triggers re-index each rewritten row; on PostgreSQL the search vectors are
computed from the columns. Nothing is done when no value needs it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crc_reporter.domain.text import clean_text, is_clean

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _text_columns(inspector: sa.Inspector, table: str) -> list[str]:
    return [
        column["name"]
        for column in inspector.get_columns(table)
        if isinstance(column["type"], (sa.String, sa.Text, sa.Unicode, sa.UnicodeText))
    ]


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        if "_fts" in table or table.startswith(("alembic_", "sqlite_")):
            continue
        columns = _text_columns(inspector, table)
        if not columns:
            continue
        keys = inspector.get_pk_constraint(table).get("constrained_columns") or []
        if not keys:
            if bind.dialect.name != "sqlite":
                continue  # every table of the app has a primary key; a foreign one is left alone
            keys = ["rowid"]
        names = ", ".join(f'"{c}"' for c in [*keys, *columns])
        rows = bind.execute(sa.text(f'SELECT {names} FROM "{table}"')).fetchall()  # noqa: S608 - names from the schema
        for row in rows:
            values = dict(zip([*keys, *columns], row, strict=True))
            changed = {
                c: clean_text(values[c]) for c in columns if isinstance(values[c], str) and not is_clean(values[c])
            }
            if not changed:
                continue
            sets = ", ".join(f'"{c}" = :v_{i}' for i, c in enumerate(changed))
            where = " AND ".join(f'"{k}" = :k_{i}' for i, k in enumerate(keys))
            params = {f"v_{i}": v for i, v in enumerate(changed.values())}
            params.update({f"k_{i}": values[k] for i, k in enumerate(keys)})
            bind.execute(sa.text(f'UPDATE "{table}" SET {sets} WHERE {where}'), params)  # noqa: S608


def downgrade() -> None:
    """Nothing to undo: the removed characters are not kept."""
