"""Every stored value read back: what ``integrity_check`` cannot see.

``PRAGMA integrity_check`` verifies the file's structure, not what the cells
hold. A flipped bit inside a record can leave a perfectly sound b-tree whose
paragraph text no longer decodes as UTF-8, whose date is no longer a date, or
whose text cell has turned into a number (SQLite stores each value's type in
the record itself). The app never writes such values, so finding one means the
file is damaged. :func:`bad_cells` reads every row of every table once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from crc_reporter.store import sqlite_files as sf

_DATES = {"DATE": dt.date, "DATETIME": dt.datetime, "TIMESTAMP": dt.datetime}


def _allowed_types(declared: str) -> frozenset[str] | None:
    """The SQLite storage classes a column of this declared type holds when written by the app."""
    decl = declared.upper()
    if "INT" in decl or "BOOL" in decl:
        return frozenset({"integer", "null"})
    if "CHAR" in decl or "TEXT" in decl or "CLOB" in decl or decl in _DATES:
        return frozenset({"text", "null"})
    if "REAL" in decl or "FLOA" in decl or "DOUB" in decl:
        return frozenset({"real", "integer", "null"})
    return None  # no rule: anything goes


def _tables(conn: Any) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return [
        str(name)
        for name, sql in rows
        if not str(name).startswith("sqlite_")
        and "_fts" not in str(name)
        and not str(sql or "").upper().startswith("CREATE VIRTUAL")
    ]


def bad_cells(conn: Any, limit: int = 5) -> list[str]:
    """Cells the app could not read back (at most ``limit``), as ``table.column row N: …`` lines."""
    problems: list[str] = []
    tables = _tables(conn)
    columns = {
        t: [(str(c[1]), str(c[2])) for c in conn.execute(f"PRAGMA table_info({sf.quote_name(t)})")] for t in tables
    }
    without_rowid = {
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(sql) LIKE '%WITHOUT ROWID%'"
        )
    }
    previous_factory = conn.text_factory
    conn.text_factory = bytes  # text comes back undecoded, so that bad UTF-8 can be seen (names were read above)
    try:
        for table in tables:
            cols = columns[table]
            if not cols:
                continue
            select = ", ".join(f"typeof({sf.quote_name(name)}), {sf.quote_name(name)}" for name, _decl in cols)
            # WITHOUT ROWID tables (the exchange's sync state) have no rowid: number their rows instead
            with_rowid = table not in without_rowid
            key = "rowid" if with_rowid else "0"
            for n, row in enumerate(conn.execute(f"SELECT {key}, {select} FROM {sf.quote_name(table)}"), start=1):
                row = (row[0] if with_rowid else n, *row[1:])
                for i, (name, decl) in enumerate(cols):
                    kind, value = row[1 + 2 * i], row[2 + 2 * i]
                    problem = _cell_problem(decl, kind.decode() if isinstance(kind, bytes) else str(kind), value)
                    if problem:
                        problems.append(f"{table}.{name} row {row[0]}: {problem}")
                        if len(problems) >= limit:
                            return problems
    finally:
        conn.text_factory = previous_factory
    return problems


def _cell_problem(declared: str, kind: str, value: object) -> str:
    allowed = _allowed_types(declared)
    if allowed is not None and kind not in allowed:
        return f"a {kind} value in a {declared} column"
    if isinstance(value, bytes) and kind == "text":
        try:
            text = value.decode("utf-8")
            date_type = _DATES.get(declared.upper())
            if date_type is not None:
                date_type.fromisoformat(text)
        except ValueError:
            return f"unreadable value {value[:40]!r}"
    return ""


def find_damage(path: Path, key: str | None = None) -> list[str]:
    """A quick look for damage after an unexpected error: cells first, then the file's structure."""
    conn = sf.connect(path, key, read_only=True)
    try:
        return bad_cells(conn, limit=1) or sf.integrity_errors(conn, limit=1)
    except sf.driver_errors() as exc:
        return [sf.first_line(exc)]
    finally:
        conn.close()
