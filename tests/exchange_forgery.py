"""Forging exchange packages as a hostile sender could: valid seal and format, lying version vectors.

A sender who received any package from the victim knows the victim's replica
id (it is in every manifest) and can write any vector and any tombstone; the
seal and even a signature only prove who made the lie.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from crc_reporter.services import exchange as ex
from crc_reporter.services.exchange import package as pkg
from crc_reporter.services.exchange.schema import BY_NAME
from crc_reporter.services.exchange.state import vv_dump, vv_load

VVEdit = Callable[[str, str, dict[str, int]], dict[str, int]]  # (table, uuid, vv) -> forged vv


def rows(package: ex.Package) -> dict[str, list[list[Any]]]:
    """The package's records back in their member form (one array per record)."""
    out: dict[str, list[list[Any]]] = {}
    for table, records in package.records.items():
        keys = BY_NAME[table].content_keys
        out[table] = [[r.uuid, r.vv, r.created_at, r.updated_at, *(r.data[k] for k in keys)] for r in records]
    return out


def _escaped(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def forge(
    package: ex.Package,
    path: Path,
    *,
    vv: VVEdit | None = None,
    tombstones: list[list[Any]] | None = None,
    records: dict[str, list[list[Any]]] | None = None,
    confidential: int | None = None,
) -> ex.Package:
    """``package`` rewritten (vectors changed by ``vv``, tombstones added) and sealed again; read back."""
    info = package.info
    body = records if records is not None else rows(package)
    if vv is not None:
        for table, items in body.items():
            for item in items:
                item[1] = vv_dump(vv(table, item[0], vv_load(item[1])))
    dead = [list(t) for t in package.tombstones] + list(tombstones or [])
    with mock.patch.object(pkg, "_json_bytes", _escaped):  # lone surrogates travel as \\ud800 escapes
        blob, _id = pkg.build(
            records=body,
            tombstones=dead,
            creator=info.creator,
            replica=info.replica,
            store=info.store,
            selection={},
            include_confidential=info.include_confidential,
            confidential=info.confidential if confidential is None else confidential,
        )
    path.write_bytes(blob)
    return ex.open_package(path)
