"""Checking every record of a received package before anything is written.

A package comes from another laptop, by USB stick or e-mail: it may be damaged,
written by a newer version, or built to hurt. Each record must have exactly the
fields its table has, of the right type and length, with known enum values and
well-formed UUIDs; otherwise the whole package is refused with one line naming
the member and the record.

Records travel as arrays (the field names once per member, then one array per
record) and are checked by a list of small per-column checkers built once per
table: a package of 300,000 records is checked in a few seconds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String

from crc_reporter.domain.enums import TagKind
from crc_reporter.domain.text import clean_text, needs_cleaning
from crc_reporter.i18n import _
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange.schema import BY_NAME, TableSpec

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
VV_RE = re.compile(r"^[0-9A-Za-z_-]{1,32}:[1-9][0-9]{0,17}(?:,[0-9A-Za-z_-]{1,32}:[1-9][0-9]{0,17}){0,9999}$")
MAX_COLLECTION = 100_000
MAX_TEXT = 1_000_000  # a paragraph of concluding observations is a few thousand characters
_TAG_KINDS = frozenset(k.value for k in TagKind)
_HEAD = 4  # uuid, vv, created_at, updated_at, then the content in the member's field order


class PackageError(ServiceError):
    """The package cannot be used (damaged, altered, malformed, from a newer version); nothing was changed."""


class _BadValueError(ValueError):
    """One value is wrong; the caller adds where."""


@dataclass(frozen=True, slots=True)
class IncomingRecord:
    uuid: str
    vv: str  # version vector in its text form (see state.vv_dump)
    data: dict[str, Any]
    created_at: str | None  # ISO date and time, checked; turned into the store's form when written
    updated_at: str | None


def _fail(where: str, problem: str) -> PackageError:
    return PackageError(
        _("the package is malformed ({where}: {problem}); nothing was changed").format(where=where, problem=problem)
    )


def _uuid(value: Any) -> str:
    if type(value) is not str or not UUID_RE.match(value):
        raise _BadValueError(_("'{value}' is not a record id").format(value=str(value)[:40]))
    return value


def check_vv(value: Any, where: str) -> str:
    if type(value) is not str or not VV_RE.match(value):
        raise _fail(where, _("its version is missing or malformed"))
    return value


_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?$")


def _time(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if type(value) is str and _TIME.match(value):
            dt.datetime.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise _BadValueError(_("'{value}' is not a date and time").format(value=str(value)[:40]))


def _times(values: tuple[Any, ...]) -> bool:
    present = [v for v in values if v is not None]
    if set(map(type, present)) > {str} or not all(map(_TIME.match, present)):
        return False
    try:
        list(map(dt.datetime.fromisoformat, present))
    except ValueError:
        return False
    return True


Checker = Callable[[Any], Any]


def _column_checker(spec: TableSpec, key: str) -> Checker:
    column = spec.table.c[key]
    kind = column.type
    nullable = bool(column.nullable)
    allowed = dict(spec.enums).get(key)

    def check(value: Any) -> Any:  # messages are made when raised: in the language of that moment
        if value is None:
            if not nullable:
                raise _BadValueError(_("'{field}' is missing").format(field=key))
            return None
        if isinstance(kind, Boolean):
            ok = type(value) is bool
        elif isinstance(kind, Integer):
            ok = type(value) is int and -(2**31) <= value < 2**31
        elif isinstance(kind, Float):
            ok = type(value) in (int, float) and math.isfinite(value)
            value = float(value)
        elif isinstance(kind, Date):
            try:
                ok = type(value) is str and dt.date.fromisoformat(value).isoformat() == value
            except ValueError:
                ok = False
        else:
            limit = kind.length if isinstance(kind, String) and kind.length else MAX_TEXT
            if type(value) is str:
                value = clean_text(value)
            ok = type(value) is str and len(value) <= limit
        if not ok:
            raise _BadValueError(_("'{field}' has a value of the wrong kind").format(field=key))
        if allowed is not None and value not in allowed:
            raise _BadValueError(_("'{value}' is not a known {field}").format(value=str(value)[:40], field=key))
        return value

    return check


def _ref_checker(field: str, required: bool) -> Checker:
    def check(value: Any) -> Any:
        if value is None:
            if required:
                raise _BadValueError(_("'{field}' is missing").format(field=field))
            return None
        return _uuid(value)

    return check


def _collection_checker(kind: str, field: str) -> Checker:
    def malformed() -> _BadValueError:
        return _BadValueError(_("'{field}' has a malformed entry").format(field=field))

    def check(value: Any) -> list[Any]:
        if type(value) is not list or len(value) > MAX_COLLECTION:
            raise _BadValueError(_("'{field}' is not a list").format(field=field))
        if kind == "uuids":
            return sorted({_uuid(v) for v in value})
        out: list[Any] = []
        for item in value:
            if type(item) is not list or len(item) != 2:
                raise malformed()
            first, second = item
            if kind == "tags":
                second = clean_text(second) if type(second) is str else second
                ok = first in _TAG_KINDS and type(second) is str and 0 < len(second) <= 200
            else:  # previous: [symbol, paragraph]
                first = clean_text(first) if type(first) is str else first
                ok = type(first) is str and 0 < len(first) <= 64 and type(second) is int
            if not ok:
                raise malformed()
            out.append([first, second])
        if kind == "tags":
            out = [list(t) for t in sorted({(a, b) for a, b in out})]
        return out

    return check


@cache
def checkers(table: str) -> tuple[tuple[str, Checker, Callable[[tuple[Any, ...]], bool]], ...]:
    """(content key, checker of one value, quick check of a whole column) in the table's content order."""
    spec = BY_NAME[table]
    out = [(k, _column_checker(spec, k), _column_quick(spec, k)) for k in (*spec.fields, *spec.dates)]
    out += [(r.field, _ref_checker(r.field, r.required), _ref_quick(r.required)) for r in spec.refs]
    out += [(c.field, _collection_checker(c.kind, c.field), _collection_quick(c.kind)) for c in spec.collections]
    return tuple(out)


@cache
def legacy_checkers(table: str) -> tuple[tuple[str, Checker, Callable[[tuple[Any, ...]], bool]], ...]:
    """:func:`checkers` of the content a package of the previous version holds (no extras)."""
    names = {name for name, _default in BY_NAME[table].extras}
    return tuple(c for c in checkers(table) if c[0] not in names)


def _never(_column: tuple[Any, ...]) -> bool:
    return False


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NONE = type(None)


def _column_quick(spec: TableSpec, key: str) -> Callable[[tuple[Any, ...]], bool]:
    """True when every value of the column is certainly fine (checked in C loops); False means look closer."""
    column = spec.table.c[key]
    kind = column.type
    allowed = dict(spec.enums).get(key)
    ok_types: set[type] = {_NONE} if column.nullable else set()
    if isinstance(kind, Boolean):
        ok_types.add(bool)
    elif isinstance(kind, Integer):
        ok_types.add(int)
    elif isinstance(kind, Float):
        return _never  # converted to float value by value
    else:
        ok_types.add(str)
    limit = kind.length if isinstance(kind, String) and kind.length else MAX_TEXT

    def quick(values: tuple[Any, ...]) -> bool:
        if not set(map(type, values)) <= ok_types:
            return False
        present = [v for v in values if v is not None] if _NONE in ok_types else list(values)
        if not present:
            return True
        if isinstance(kind, Integer) and not isinstance(kind, Boolean):
            return min(present) >= -(2**31) and max(present) < 2**31
        if isinstance(kind, Boolean):
            return True
        if isinstance(kind, Date):
            try:
                return all(map(_DATE.match, present)) and bool(list(map(dt.date.fromisoformat, present)))
            except ValueError:
                return False
        if allowed is not None and not set(present) <= allowed:
            return False
        return max(map(len, present)) <= limit and not needs_cleaning("".join(present))

    return quick


def _sorted_unique(values: list[Any]) -> bool:
    return all(a < b for a, b in zip(values, values[1:], strict=False))


def _several(values: tuple[Any, ...]) -> list[Any]:
    """The lists with two entries or more: the only ones whose order needs checking (most hold one or none)."""
    return [v for v in values if len(v) > 1]


def _collection_quick(kind: str) -> Callable[[tuple[Any, ...]], bool]:
    def quick(values: tuple[Any, ...]) -> bool:
        if set(map(type, values)) - {list} or max(map(len, values), default=0) > MAX_COLLECTION:
            return False
        items = list(chain.from_iterable(values))
        if kind == "uuids":
            ok = set(map(type, items)) <= {str} and all(map(UUID_RE.match, items))
            return ok and all(map(_sorted_unique, _several(values)))
        if set(map(type, items)) - {list} or set(map(len, items)) - {2}:
            return False
        firsts, seconds = (list(c) for c in zip(*items, strict=True)) if items else ([], [])
        if kind == "tags":
            ok = set(firsts) <= _TAG_KINDS and set(map(type, seconds)) <= {str}
            ok = ok and (not seconds or (min(map(len, seconds)) > 0 and max(map(len, seconds)) <= 200))
            ok = ok and not needs_cleaning("".join(seconds))
            return ok and all(map(_sorted_unique, _several(values)))
        ok = set(map(type, firsts)) <= {str} and set(map(type, seconds)) <= {int}
        return (
            ok
            and (not firsts or (min(map(len, firsts)) > 0 and max(map(len, firsts)) <= 64))
            and not needs_cleaning("".join(firsts))
        )

    return quick


def _ref_quick(required: bool) -> Callable[[tuple[Any, ...]], bool]:
    def quick(values: tuple[Any, ...]) -> bool:
        present = [v for v in values if v is not None]
        if required and len(present) != len(values):
            return False
        return set(map(type, present)) <= {str} and all(map(UUID_RE.match, present))

    return quick


def _share(values: Any, memo: dict[str, str]) -> list[Any]:
    """The column with equal strings made one object (ids pointed at, versions, kinds, repeated texts)."""
    get = memo.setdefault
    return [get(v, v) if type(v) is str else v for v in values]


def check_records(
    table: str, member: Any, name: str, *, start: int = 0, memo: dict[str, str] | None = None
) -> list[IncomingRecord]:
    """Every record of one ``records/<table>.json`` member, checked (a column at a time).

    ``start``: how many records of the member came before these (read in batches);
    ``memo``: strings already kept from this package, shared instead of kept twice.
    """
    spec = BY_NAME[table]
    if type(member) is not dict:
        raise _fail(name, _("its fields are not those of a {table}").format(table=table))
    fields = member.get("fields")
    older = bool(spec.extras) and fields == list(spec.legacy_keys)  # from a version before the extras
    if fields != list(spec.content_keys) and not older:
        raise _fail(name, _("its fields are not those of a {table}").format(table=table))
    rows = member.get("records")
    if type(rows) is not list:
        raise _fail(name, _("it holds no list of records"))
    if not rows:
        return []
    checks = legacy_checkers(table) if older else checkers(table)
    width = _HEAD + len(checks)
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {width}:
        bad = next(i for i, r in enumerate(rows) if type(r) is not list or len(r) != width)
        raise _fail(f"{name} #{start + bad + 1}", _("a record has the wrong number of values"))
    columns = list(zip(*rows, strict=True))

    def slow(index: int, check: Checker) -> list[Any]:
        out = []
        for i, value in enumerate(columns[index]):
            try:
                out.append(check(value))
            except _BadValueError as exc:
                raise _fail(f"{name} #{start + i + 1}", str(exc)) from None
        return out

    uuids: Sequence[Any] = columns[0] if _ref_quick(True)(columns[0]) else slow(0, _uuid)
    vvs: Sequence[Any] = columns[1]
    if set(map(type, vvs)) != {str} or not all(map(VV_RE.match, vvs)):
        slow(1, lambda v: check_vv(v, name))
    created = columns[2] if _times(columns[2]) else slow(2, _time)
    updated = columns[3] if _times(columns[3]) else slow(3, _time)
    clean = [
        columns[_HEAD + i] if quick(columns[_HEAD + i]) else slow(_HEAD + i, check)
        for i, (_key, check, quick) in enumerate(checks)
    ]
    keys = [key for key, _check, _quick in checks]
    if memo is not None:
        uuids, vvs = _share(uuids, memo), _share(vvs, memo)
        clean = [_share(column, memo) for column in clean]
    datas = [dict(zip(keys, values, strict=True)) for values in zip(*clean, strict=True)]
    if older:
        defaults = dict(spec.extras)
        datas = [{**data, **defaults} for data in datas]
    return list(map(IncomingRecord, uuids, vvs, datas, created, updated))


def check_tombstones(member: Any, name: str, *, start: int = 0) -> list[tuple[str, str, str]]:
    if type(member) is not list:
        raise _fail(name, _("it holds no list of deletions"))
    out = []
    for index, item in enumerate(member):
        where = f"{name} #{start + index + 1}"
        if type(item) is not list or len(item) != 3 or item[1] not in BY_NAME:
            raise _fail(where, _("a deletion names no known kind of record"))
        try:
            uuid = _uuid(item[0])
        except _BadValueError as exc:
            raise _fail(where, str(exc)) from None
        out.append((uuid, str(item[1]), check_vv(item[2], where)))
    return out
