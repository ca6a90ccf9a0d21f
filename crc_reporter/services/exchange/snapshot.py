"""The content of every synced record in a store, read in bulk, in the form packages carry.

A record's content is a flat dict of plain JSON values: dates as ISO text,
references to other records as their UUIDs, collections as sorted lists. Two
copies hold "the same record" exactly when these dicts are equal, and
:func:`content_hash` of the dict is what the sync state remembers.

One query per table and one per collection: a store with 20,000
recommendations and 50,000 actions is read in a couple of seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.services.exchange.schema import ASSOCIATIONS, SPECS, TableSpec
from crc_reporter.store import models as m

Content = dict[str, Any]


def content_hash(spec: TableSpec, data: Content) -> str:
    """A digest of a record's content; equal for equal content on any copy, on any database.

    The repr of the values in the table's fixed key order: as canonical as JSON for
    the plain values content holds (text, numbers, booleans, None, lists), ten times faster.
    """
    values = spec.hash_values(data)
    return hashlib.blake2b(repr(values).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def iso(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def fetch_all(session: Session, stmt: Any) -> list[tuple[Any, ...]]:
    """The rows of a SELECT straight from the driver, in the session's transaction.

    Bypasses SQLAlchemy's per-row processing: dates come back as the driver gives
    them (text on SQLite, date objects elsewhere) and the callers normalise them.
    """
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


@dataclass
class TableRows:
    spec: TableSpec
    data: dict[str, Content] = field(default_factory=dict)  # uuid -> content
    ids: dict[str, int] = field(default_factory=dict)  # uuid -> local id
    times: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # created_at, updated_at
    by_id: dict[int, str] = field(default_factory=dict)  # local id -> uuid


@dataclass
class Snapshot:
    tables: dict[str, TableRows]

    def locate(self) -> dict[str, str]:
        """uuid -> table name, for every record."""
        out: dict[str, str] = {}
        for name, rows in self.tables.items():
            out.update(dict.fromkeys(rows.data, name))
        return out

    def count(self) -> int:
        return sum(len(rows.data) for rows in self.tables.values())


def _date_text(value: Any) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _converters(spec: TableSpec, plain: list[str]) -> dict[int, Any]:
    """Per content column that needs it, how to turn what the driver gives into the content's form."""
    out: dict[int, Any] = {}
    for index, key in enumerate(plain):
        python_type = getattr(spec.table.c[key].type, "python_type", None)
        if key in spec.dates:
            out[index] = _date_text
        elif python_type is bool:
            out[index] = bool
        elif python_type is float:
            out[index] = float
    return out


def read_snapshot(session: Session) -> Snapshot:
    """The content of every synced record in this store (that this session may see)."""
    snap = Snapshot(tables={})
    for spec in SPECS:
        rows = TableRows(spec)
        snap.tables[spec.name] = rows
        t = spec.table
        plain = [*spec.fields, *spec.dates]
        cols = [t.c.id, t.c.uuid, t.c.created_at, t.c.updated_at, *(t.c[k] for k in plain)]
        cols += [t.c[r.column] for r in spec.refs]
        ref_maps = [(r, snap.tables[r.target].by_id) for r in spec.refs]
        convert = _converters(spec, plain)
        n = len(plain)
        ref_fields = [r.field for r in spec.refs]
        keys = [*plain, *ref_fields]
        fetched = fetch_all(session, select(*cols))
        if not fetched:
            continue
        columns = [list(c) for c in zip(*fetched, strict=True)]  # a column at a time: the loops below run in C
        for index, function in convert.items():
            columns[4 + index] = [None if v is None else function(v) for v in columns[4 + index]]
        for offset, (_ref, targets) in enumerate(ref_maps):
            column = columns[4 + n + offset]
            columns[4 + n + offset] = [None if v is None else targets.get(v) for v in column]
        ids, uuids = columns[0], columns[1]
        datas = [dict(zip(keys, values, strict=True)) for values in zip(*columns[4:], strict=True)]
        rows.data = dict(zip(uuids, datas, strict=True))
        rows.ids = dict(zip(uuids, ids, strict=True))
        rows.by_id = dict(zip(ids, uuids, strict=True))
        rows.times = dict(zip(uuids, zip(map(iso, columns[2]), map(iso, columns[3]), strict=True), strict=True))
        for coll in spec.collections:
            values = _collection(session, spec, coll.field, snap)
            for uuid, data in rows.data.items():
                data[coll.field] = values.get(rows.ids[uuid], [])
    return snap


def _collection(session: Session, spec: TableSpec, name: str, snap: Snapshot) -> dict[int, list[Any]]:
    owner_rows = snap.tables[spec.name]
    out: dict[int, list[Any]] = defaultdict(list)
    if name == "previous":
        p = m.PreviousReference.__table__
        for rec_id, symbol, paragraph in fetch_all(
            session, select(p.c.recommendation_id, p.c.symbol, p.c.paragraph).order_by(p.c.id)
        ):
            out[rec_id].append([symbol, paragraph])
        return out
    table, owner_col, other_col = ASSOCIATIONS[(spec.name, name)]
    if name == "tags":
        tag = m.Tag.__table__
        stmt = select(table.c[owner_col], tag.c.kind, tag.c.name).join(tag, tag.c.id == table.c[other_col])
        for owner, kind, tag_name in fetch_all(session, stmt):
            out[owner].append([kind, tag_name])
    else:
        coll = next(c for c in spec.collections if c.field == name)
        assert coll.target is not None
        targets = snap.tables[coll.target].by_id
        for owner, other in fetch_all(session, select(table.c[owner_col], table.c[other_col])):
            if owner in owner_rows.by_id and other in targets:
                out[owner].append(targets[other])
    for values in out.values():
        values.sort()
    return out
