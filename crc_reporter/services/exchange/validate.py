"""Checking every record of a received package before anything is written.

A package comes from another laptop, by USB stick or e-mail: it may be damaged,
written by a newer version, or built to hurt. Each record must have exactly the
fields its table has, of the right type and length, with known enum values and
well-formed UUIDs; otherwise the whole package is refused with one line naming
the member and the record.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String

from crc_reporter.domain.enums import TagKind
from crc_reporter.i18n import _
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange.schema import TableSpec
from crc_reporter.services.exchange.state import VV

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
REPLICA_RE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
MAX_VV_ENTRIES = 10_000
MAX_COLLECTION = 100_000
MAX_TEXT = 1_000_000  # a paragraph of concluding observations is a few thousand characters
_TAG_KINDS = frozenset(k.value for k in TagKind)


class PackageError(ServiceError):
    """The package cannot be used (damaged, altered, malformed, from a newer version); nothing was changed."""


@dataclass(frozen=True, slots=True)
class IncomingRecord:
    uuid: str
    vv: VV
    data: dict[str, Any]
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


def _fail(where: str, problem: str) -> PackageError:
    return PackageError(
        _("the package is malformed ({where}: {problem}); nothing was changed").format(where=where, problem=problem)
    )


def check_uuid(value: Any, where: str) -> str:
    if not isinstance(value, str) or not UUID_RE.match(value):
        raise _fail(where, _("'{value}' is not a record id").format(value=str(value)[:40]))
    return value


def check_vv(value: Any, where: str) -> VV:
    if not isinstance(value, dict) or not value or len(value) > MAX_VV_ENTRIES:
        raise _fail(where, _("its version is missing or malformed"))
    out: VV = {}
    for key, count in value.items():
        if not REPLICA_RE.match(str(key)) or type(count) is not int or not 0 < count < 2**62:
            raise _fail(where, _("its version is malformed"))
        out[key] = count
    return out


def _time(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise _fail(where, _("'{value}' is not a date and time").format(value=str(value)[:40]))
    return parsed.replace(tzinfo=None)


def _column_value(spec: TableSpec, key: str, value: Any, where: str) -> Any:
    column = spec.table.c[key]
    if value is None:
        if not column.nullable:
            raise _fail(where, _("'{field}' is missing").format(field=key))
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
    elif isinstance(kind, Integer):
        ok = type(value) is int and -(2**31) <= value < 2**31
    elif isinstance(kind, Float):
        ok = type(value) in (int, float) and math.isfinite(value)
        value = float(value) if ok else value
    elif isinstance(kind, Date):
        try:
            ok = isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
        except ValueError:
            ok = False
    else:  # String / Text
        limit = kind.length if isinstance(kind, String) and kind.length else MAX_TEXT
        ok = isinstance(value, str) and len(value) <= limit and "\x00" not in value
    if not ok:
        raise _fail(where, _("'{field}' has a value of the wrong kind").format(field=key))
    return value


def _collection(kind: str, value: Any, where: str, key: str) -> list[Any]:
    if not isinstance(value, list) or len(value) > MAX_COLLECTION:
        raise _fail(where, _("'{field}' is not a list").format(field=key))
    if kind == "uuids":
        return sorted({check_uuid(v, where) for v in value})
    out: list[Any] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise _fail(where, _("'{field}' has a malformed entry").format(field=key))
        first, second = item
        if kind == "tags":
            ok = first in _TAG_KINDS and isinstance(second, str) and 0 < len(second) <= 200 and "\x00" not in second
        else:  # previous: [symbol, paragraph]
            ok = isinstance(first, str) and 0 < len(first) <= 64 and "\x00" not in first and type(second) is int
        if not ok:
            raise _fail(where, _("'{field}' has a malformed entry").format(field=key))
        out.append([first, second])
    if kind == "tags":
        out = sorted({(a, b) for a, b in out})  # type: ignore[misc]
        out = [list(t) for t in out]
    return out


def check_record(spec: TableSpec, raw: Any, where: str) -> IncomingRecord:
    if not isinstance(raw, dict):
        raise _fail(where, _("a record is not an object"))
    uuid = check_uuid(raw.get("uuid"), where)
    vv = check_vv(raw.get("vv"), where)
    data = raw.get("data")
    if not isinstance(data, dict) or set(data) != set(spec.content_keys):
        raise _fail(where, _("its fields are not those of a {table}").format(table=spec.name))
    clean: dict[str, Any] = {}
    enums = dict(spec.enums)
    for key in (*spec.fields, *spec.dates):
        value = _column_value(spec, key, data[key], where)
        if key in enums and value not in enums[key]:
            raise _fail(where, _("'{value}' is not a known {field}").format(value=str(value)[:40], field=key))
        clean[key] = value
    for ref in spec.refs:
        value = data[ref.field]
        if value is None and ref.required:
            raise _fail(where, _("'{field}' is missing").format(field=ref.field))
        clean[ref.field] = None if value is None else check_uuid(value, where)
    for coll in spec.collections:
        clean[coll.field] = _collection(coll.kind, data[coll.field], where, coll.field)
    return IncomingRecord(
        uuid=uuid,
        vv=vv,
        data=clean,
        created_at=_time(raw.get("created_at"), where),
        updated_at=_time(raw.get("updated_at"), where),
    )


def check_tombstone(raw: Any, known_tables: set[str], where: str) -> tuple[str, str, VV]:
    if not isinstance(raw, dict) or raw.get("table") not in known_tables:
        raise _fail(where, _("a deletion names no known kind of record"))
    return check_uuid(raw.get("uuid"), where), str(raw["table"]), check_vv(raw.get("vv"), where)
