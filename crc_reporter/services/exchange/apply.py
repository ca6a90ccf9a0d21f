"""Writing a merge plan to the store, in bulk, inside the caller's transaction.

Core statements, not the ORM: adding 50,000 actions one object at a time would
take minutes. So this module does what the session hooks do for ORM writes —
refuse writes the session may not make, write one audit-trail entry per
insert, update and delete (with the changed fields; on a server its triggers
do), bump ``version`` so that an edit window still showing the old record notices.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.services.errors import NotAllowedError
from crc_reporter.services.exchange.bulk import bulk_time, insert_rows
from crc_reporter.services.exchange.plan_types import DELETE, INSERT, STAMP_DEAD, STAMP_LIVE, UPDATE, Op, Plan
from crc_reporter.services.exchange.schema import ASSOCIATIONS, BY_NAME, ORDER, TableSpec, _t
from crc_reporter.services.exchange.snapshot import Content, Snapshot, content_hash, fetch_all
from crc_reporter.services.exchange.state import SyncState, chunks, vv_dump
from crc_reporter.store.base import utcnow
from crc_reporter.store.errors import ReadOnlyStoreError
from crc_reporter.store.models import AuditEntry, PreviousReference, Tag

BATCH = 2_000
_AUDIT = ("at", "user", "operation", "table_name", "record_uuid", "changes")


def require_writable(session: Session) -> None:
    """What the store's guard hook checks before an ORM flush, for Core writes."""
    if session.info.get("read_only"):
        raise ReadOnlyStoreError(
            session.info.get("read_only_reason") or _("this store is open read-only; changes cannot be saved")
        )
    role = Role(session.info.get("role") or Role.ADMIN.value)
    if not role.can_write:
        raise NotAllowedError(_("your role ({role}) may read this store but not change it").format(role=role.value))


class Writer:
    def __init__(self, session: Session, snap: Snapshot, state: SyncState, plan: Plan):
        self.session = session
        self.conn = session.connection()  # Core statements: no per-row ORM bookkeeping
        self.snap = snap
        self.state = state
        self.plan = plan
        self.user = str(session.info.get("user") or "unknown")
        self.now = utcnow()
        self.now_db = bulk_time(session, self.now)  # the audit trail's time, converted once
        self.ids: dict[str, dict[str, int]] = {name: dict(rows.ids) for name, rows in snap.tables.items()}
        self.audit: list[tuple[Any, ...]] = []
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def by_kind(self, kind: str) -> dict[str, list[Op]]:
        out: dict[str, list[Op]] = defaultdict(list)
        for op in self.plan.ops.values():
            if op.kind == kind:
                out[op.table].append(op)
        return out

    def run(self) -> dict[str, dict[str, int]]:
        deletes = self.by_kind(DELETE)
        for table in reversed(ORDER):  # children first; the database cascades the rest
            self._delete(table, deletes.get(table, []))
        updates = self.by_kind(UPDATE)
        self._free_keys(updates)
        inserts = self.by_kind(INSERT)
        for table in ORDER:
            self._insert(table, inserts.get(table, []))
            self._update(table, updates.get(table, []))
        for table in ORDER:
            self._collections(table, inserts.get(table, []) + updates.get(table, []))
        if not self.session.info.get("server_audit"):  # on a server, its triggers write the trail
            insert_rows(self.session, _t(AuditEntry), _AUDIT, self.audit)
        self._stamp()
        return {k: dict(v) for k, v in self.counts.items()}

    # --- rows -------------------------------------------------------------------------------

    def _row(self, spec: TableSpec, data: Content) -> dict[str, Any]:
        row: dict[str, Any] = {key: data[key] for key in spec.fields}
        for key in spec.dates:
            row[key] = dt.date.fromisoformat(data[key]) if data[key] else None
        for ref in spec.refs:
            target = data[ref.field]
            row[ref.column] = self.ids[ref.target][target] if target is not None else None
        return row

    def _log(self, operation: str, table: str, uuid: str, changes: dict[str, list[Any]] | None = None) -> None:
        text = json.dumps(changes, ensure_ascii=False) if changes else ""
        self.audit.append((self.now_db, self.user, operation, table, uuid, text))
        self.counts[table][operation] += 1

    def _delete(self, table: str, ops: list[Op]) -> None:
        t = BY_NAME[table].table
        ids = [self.ids[table][op.uuid] for op in ops if op.uuid in self.ids[table]]
        for part in chunks(ids):  # type: ignore[arg-type]
            self.conn.execute(delete(t).where(t.c.id.in_(part)))
        for op in ops:
            self._log("delete", table, op.uuid)

    def _free_keys(self, updates: dict[str, list[Op]]) -> None:
        """Give records whose natural key changes a temporary one first, so that swaps do not collide."""
        temporary = {
            "document": ("symbol", lambda op, rid: "~" + op.uuid),
            "actor": ("name", lambda op, rid: "~" + op.uuid),
            "recommendation": ("number", lambda op, rid: -rid),
            "recommendation_part": ("label", lambda op, rid: f"~{rid:x}"[:8]),
        }
        for table, (column, make) in temporary.items():
            t = BY_NAME[table].table
            rows = []
            for op in updates.get(table, []):
                assert op.data is not None
                if op.data[column] != self.snap.tables[table].data[op.uuid][column]:
                    rid = self.ids[table][op.uuid]
                    rows.append({"b_id": rid, "b_value": make(op, rid)})
            if rows:
                stmt = update(t).where(t.c.id == bindparam("b_id")).values({column: bindparam("b_value")})
                self.conn.execute(stmt, rows)

    def _insert(self, table: str, ops: list[Op]) -> None:
        if not ops:
            return
        spec = BY_NAME[table]
        t = spec.table
        plain = [*spec.fields, *spec.dates]
        refs = [(r.field, r.column, self.ids[r.target]) for r in spec.refs]
        columns = [*plain, *(r[1] for r in refs), "uuid", "created_at", "updated_at", "version"]
        groups: dict[bool, list[tuple[Any, ...]]] = defaultdict(list)
        for op in ops:
            data, incoming = op.data, op.incoming
            assert data is not None and incoming is not None
            row = [data[k] for k in plain]
            row += [ids[data[f]] if data[f] is not None else None for f, _c, ids in refs]
            row += [op.uuid, incoming.created_at or self.now, incoming.updated_at or self.now, 1]
            groups[table == "assessment" and not data["approved"]].append(tuple(row))
            self._log("insert", table, op.uuid)
        for leave_approved, rows in groups.items():
            if leave_approved:  # left to the server default: editors may not write it
                index = columns.index("approved")
                insert_rows(
                    self.session, t, columns[:index] + columns[index + 1 :], [r[:index] + r[index + 1 :] for r in rows]
                )
            else:
                insert_rows(self.session, t, columns, rows)
        wanted = {op.uuid for op in ops}
        for rid, uuid in fetch_all(self.session, select(t.c.id, t.c.uuid)):
            if uuid in wanted:
                self.ids[table][uuid] = rid

    def _update(self, table: str, ops: list[Op]) -> None:
        spec = BY_NAME[table]
        t = spec.table
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for op in ops:
            assert op.data is not None
            old = self.snap.tables[table].data[op.uuid]
            new_row, old_row = self._row(spec, op.data), self._row(spec, old)
            changed = tuple(
                sorted(k for k in new_row if new_row[k] != old_row[k] or k in ("symbol", "name", "number", "label"))
            )
            changes = {k: [old[k], op.data[k]] for k in spec.content_keys if old[k] != op.data[k]}
            row = {f"b_{k}": new_row[k] for k in changed}
            row["b_id"] = self.ids[table][op.uuid]
            stamp = op.incoming.updated_at if op.incoming else None
            row["b_updated"] = dt.datetime.fromisoformat(stamp) if stamp else self.now
            groups[changed].append(row)
            self._log("update", table, op.uuid, changes)
        for columns, rows in groups.items():
            values: dict[str, Any] = {k: bindparam(f"b_{k}") for k in columns if k in t.c}
            values["version"] = t.c.version + 1
            values["updated_at"] = bindparam("b_updated")
            stmt = update(t).where(t.c.id == bindparam("b_id")).values(values)
            for start in range(0, len(rows), BATCH):
                self.conn.execute(stmt, rows[start : start + BATCH])

    # --- collections --------------------------------------------------------------------------

    def _collections(self, table: str, ops: list[Op]) -> None:
        spec = BY_NAME[table]
        for coll in spec.collections:
            owners: dict[int, list[Any]] = {}
            existing: list[int] = []  # owners that may have rows to replace (not the ones added now)
            current = self.snap.tables[table].data
            for op in ops:
                assert op.data is not None
                old = current.get(op.uuid)
                if old is not None and old[coll.field] == op.data[coll.field]:
                    continue
                if old is None and not op.data[coll.field]:
                    continue
                owner = self.ids[table][op.uuid]
                owners[owner] = op.data[coll.field]
                if old is not None:
                    existing.append(owner)
            if owners:
                self._replace(spec, coll.field, coll.target, owners, sorted(existing))

    def _replace(
        self, spec: TableSpec, name: str, target: str | None, owners: dict[int, list[Any]], existing: list[int]
    ) -> None:
        ids = sorted(owners)
        if name == "previous":
            p = _t(PreviousReference)
            for part in chunks(existing):  # type: ignore[arg-type]
                self.conn.execute(delete(p).where(p.c.recommendation_id.in_(part)))
            refs = [(o, s, n) for o in ids for s, n in owners[o]]
            insert_rows(self.session, p, ("recommendation_id", "symbol", "paragraph"), refs)
            return
        table, owner_col, other_col = ASSOCIATIONS[(spec.name, name)]
        for part in chunks(existing):  # type: ignore[arg-type]
            self.conn.execute(delete(table).where(table.c[owner_col].in_(part)))
        if name == "tags":
            tag_ids = self._tag_ids({(k, n) for o in ids for k, n in owners[o]})
            rows = [(o, tag_ids[(k, n)]) for o in ids for k, n in owners[o]]
        else:
            assert target is not None
            targets = self.ids[target]
            rows = [(o, targets[u]) for o in ids for u in owners[o]]
        insert_rows(self.session, table, (owner_col, other_col), rows)

    def _tag_ids(self, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        t = _t(Tag)
        have = {(k, n): i for i, k, n in fetch_all(self.session, select(t.c.id, t.c.kind, t.c.name))}
        missing = sorted(wanted - set(have))
        if missing:
            insert_rows(self.session, t, ("kind", "name"), missing)
            have = {(k, n): i for i, k, n in fetch_all(self.session, select(t.c.id, t.c.kind, t.c.name))}
        return have

    # --- sync state ----------------------------------------------------------------------------

    def _stamp(self) -> None:
        for foreign, ours in self.plan.aliases.items():
            self.state.add_alias(foreign, ours)
        written = [op for op in self.plan.ops.values() if op.kind in (INSERT, UPDATE)]
        self.state.set_live_many(
            (op.uuid, op.table, op.vv, content_hash(BY_NAME[op.table], op.data))  # type: ignore[arg-type]
            for op in written
        )
        for op in self.plan.ops.values():
            if op.kind == STAMP_LIVE:
                current = self.state.live[op.uuid]
                if current[1] != vv_dump(op.vv):
                    self.state.set_live(op.uuid, op.table, op.vv, current[2])
            elif op.kind in (DELETE, STAMP_DEAD):
                current_dead = self.state.dead.get(op.uuid)
                if current_dead is None or current_dead[1] != vv_dump(op.vv):
                    self.state.set_dead(op.uuid, op.table, op.vv)
