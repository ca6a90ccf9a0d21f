"""Inserting many rows at once, straight through the driver, inside the session's transaction.

SQLAlchemy's executemany prepares every parameter set in Python (a third of
the time of merging a large package); the driver's own ``executemany`` takes
ready tuples. The values are put in the form the store's column types would:
on SQLite, dates as ISO text and times as ``YYYY-MM-DD HH:MM:SS.ffffff`` (how
SQLAlchemy stores them); on PostgreSQL, date and time objects.

On SQLite, rows for a table with triggers (the full-text indexes of paragraphs
and actions) are first put in a temporary table and then copied in one
``INSERT … SELECT``: FTS5 writes its pending index data at the end of every
statement, so one statement per row (executemany) made thousands of tiny index
segments to merge, four times slower than the rows themselves (measured: 70,000
paragraphs and actions, 11 s by executemany, 3 s staged).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Date, DateTime, Table, bindparam, insert
from sqlalchemy.orm import Session

from crc_reporter.store.sqlite_files import full_text_indexes, quote_name

BATCH = 5_000
STAGE_FROM = 200  # rows: below this the per-row index writes cost less than the staging
FTS_HASHSIZE = 16 * 1024 * 1024  # bytes of pending full-text terms during a staged copy
FTS_HASHSIZE_DEFAULT = 1024 * 1024  # FTS5's own


def _sqlite_time(value: Any) -> Any:
    if type(value) is str:
        if len(value) == 10 or (len(value) == 26 and value[10] == " "):
            return value  # already as SQLAlchemy stores dates and times on SQLite
        value = dt.datetime.fromisoformat(value)  # a date and time from a package, with a "T"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _stored_form(values: list[Any]) -> bool:
    """Every value is already text as :func:`_sqlite_time` gives it (checked in C loops, not value by value).

    The values were checked before (a package's times match ``YYYY-MM-DD[ T]HH:MM:SS[.ffffff]``, dates
    ``YYYY-MM-DD``): 10 characters is a date, 26 without a "T" a time as SQLAlchemy stores it.
    """
    present = [v for v in values if v is not None]
    return set(map(type, present)) <= {str} and set(map(len, present)) <= {10, 26} and "T" not in "".join(present)


def _server_time(kind: Any) -> Any:
    def convert(value: Any) -> Any:
        if type(value) is not str:
            return value
        return dt.date.fromisoformat(value) if isinstance(kind, Date) else dt.datetime.fromisoformat(value)

    return convert


def bulk_time(session: Session, value: dt.datetime) -> Any:
    """A time in the form :func:`insert_rows` passes through unchanged on this database."""
    return _sqlite_time(value) if session.connection().dialect.name == "sqlite" else value


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    compiled = insert(table).values({c: bindparam(c) for c in columns}).compile(dialect=dialect)
    sql = str(compiled)
    sqlite = dialect.name == "sqlite"
    timed = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, (Date, DateTime))]
    converters = {i: (_sqlite_time if sqlite else _server_time(table.c[columns[i]].type)) for i in timed}
    order = [columns.index(name) for name in compiled.positiontup or ()] if compiled.positional else []
    reorder = compiled.positional and order != list(range(len(columns)))
    cursor = conn.connection.cursor()
    staged = sqlite and len(rows) >= STAGE_FROM and _has_triggers(cursor, table.name)
    if staged:
        names = ", ".join(f'"{c}"' for c in columns)
        stage = f"crc_stage_{table.name}"
        cursor.execute(f'DROP TABLE IF EXISTS temp."{stage}"')
        cursor.execute(f'CREATE TEMP TABLE "{stage}" AS SELECT {names} FROM main."{table.name}" WHERE 0')
        sql = f'INSERT INTO temp."{stage}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        reorder, positional = False, True
    else:
        positional = bool(compiled.positional)
    try:
        for start in range(0, len(rows), BATCH):
            batch: list[Any] = list(rows[start : start + BATCH])
            needed = [(i, f) for i, f in converters.items() if not (sqlite and _stored_form([r[i] for r in batch]))]
            if needed:
                batch = [list(row) for row in batch]
                for i, convert in needed:
                    for row in batch:
                        row[i] = convert(row[i])
            if reorder:
                batch = [tuple(row[i] for i in order) for row in batch]
            elif not positional:
                batch = [dict(zip(columns, row, strict=True)) for row in batch]
            cursor.executemany(sql, batch)
        if staged:  # one statement: the triggers' index writes are flushed once
            with _roomy_indexes(cursor, table.name):
                cursor.execute(
                    f'INSERT INTO main."{table.name}" ({names}) SELECT {names} FROM temp."{stage}" ORDER BY rowid'
                )
            cursor.execute(f'DROP TABLE temp."{stage}"')
    finally:
        cursor.close()


def _has_triggers(cursor: Any, table: str) -> bool:
    found = cursor.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = ? LIMIT 1", (table,)
    ).fetchone()
    return found is not None


@contextmanager
def _roomy_indexes(cursor: Any, table: str) -> Iterator[None]:
    """The full-text indexes fed by ``table``'s triggers keep more pending terms in memory meanwhile.

    FTS5 writes a new index segment whenever its pending terms pass ``hashsize``
    (1 MB by default) and merges segments as they pile up; a trigram index of
    20,000 paragraphs passes 1 MB hundreds of times. With 16 MB the copy of
    20,800 recommendations and 49,400 actions takes a third less time (3.3 s ->
    2.2 s measured), for at most 16 MB more memory per index while it runs. The
    setting lives in the index's config table, inside this transaction: it is
    put back before the transaction ends.
    """
    before = {}
    for name in full_text_indexes(cursor, content=table):
        found = cursor.execute(f"SELECT v FROM main.{quote_name(name + '_config')} WHERE k = 'hashsize'").fetchone()
        before[name] = int(found[0]) if found else FTS_HASHSIZE_DEFAULT
        _set_hashsize(cursor, name, FTS_HASHSIZE)
    try:
        yield
    finally:
        for name, value in before.items():
            _set_hashsize(cursor, name, value)


def _set_hashsize(cursor: Any, index: str, size: int) -> None:
    quoted = quote_name(index)
    cursor.execute(f"INSERT INTO main.{quoted}({quoted}, rank) VALUES ('hashsize', ?)", (size,))


@contextmanager
def large_cache(session: Session, megabytes: int = 128) -> Iterator[None]:
    """A bigger SQLite page cache while many rows with random-UUID indexes are written."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection
    cursor = raw.cursor()
    try:
        before = cursor.execute("PRAGMA cache_size").fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(megabytes)}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")
    finally:
        cursor.close()
