"""Writing a merge plan to the store, in bulk, inside the caller's transaction.

Core statements, not the ORM: adding 50,000 actions one object at a time would
take minutes. So this module does what the session hooks do for ORM writes —
refuse writes the session may not make, write one audit-trail entry per
insert, update and delete (with the changed fields), bump ``version`` so that
an edit window still showing the old record notices.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.services.errors import NotAllowedError
from crc_reporter.services.exchange.plan import DELETE, INSERT, STAMP_DEAD, STAMP_LIVE, UPDATE, Op, Plan
from crc_reporter.services.exchange.schema import ASSOCIATIONS, BY_NAME, ORDER, TableSpec
from crc_reporter.services.exchange.snapshot import Content, Snapshot, content_hash
from crc_reporter.services.exchange.state import SyncState, chunks
from crc_reporter.store.base import utcnow
from crc_reporter.store.errors import ReadOnlyStoreError
from crc_reporter.store.models import AuditEntry, PreviousReference, Tag

BATCH = 2_000


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
        self.snap = snap
        self.state = state
        self.plan = plan
        self.user = str(session.info.get("user") or "unknown")
        self.now = utcnow()
        self.ids: dict[str, dict[str, int]] = {name: dict(rows.ids) for name, rows in snap.tables.items()}
        self.audit: list[dict[str, Any]] = []
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
        for chunk in range(0, len(self.audit), BATCH):
            self.session.execute(insert(AuditEntry), self.audit[chunk : chunk + BATCH])
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
        self.audit.append(
            {
                "at": self.now,
                "user": self.user,
                "operation": operation,
                "table_name": table,
                "record_uuid": uuid,
                "changes": json.dumps(changes, ensure_ascii=False) if changes else "",
            }
        )
        self.counts[table][operation] += 1

    def _delete(self, table: str, ops: list[Op]) -> None:
        t = BY_NAME[table].table
        ids = [self.ids[table][op.uuid] for op in ops if op.uuid in self.ids[table]]
        for part in chunks(ids):  # type: ignore[arg-type]
            self.session.execute(delete(t).where(t.c.id.in_(part)))
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
                self.session.execute(stmt, rows)

    def _insert(self, table: str, ops: list[Op]) -> None:
        if not ops:
            return
        spec = BY_NAME[table]
        t = spec.table
        groups: dict[bool, list[dict[str, Any]]] = defaultdict(list)
        for op in ops:
            assert op.data is not None and op.incoming is not None
            row = self._row(spec, op.data)
            row.update(
                uuid=op.uuid,
                created_at=op.incoming.created_at or self.now,
                updated_at=op.incoming.updated_at or self.now,
                version=1,
            )
            if table == "assessment" and not row["approved"]:
                del row["approved"]  # left to the server default: editors may not write it
            groups["approved" in row].append(row)
            self._log("insert", table, op.uuid)
        for rows in groups.values():
            for start in range(0, len(rows), BATCH):
                stmt = insert(t).returning(t.c.id, t.c.uuid, sort_by_parameter_order=True)
                for rid, uuid in self.session.execute(stmt, rows[start : start + BATCH]):
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
            row["b_updated"] = op.incoming.updated_at if op.incoming and op.incoming.updated_at else self.now
            groups[changed].append(row)
            self._log("update", table, op.uuid, changes)
        for columns, rows in groups.items():
            values: dict[str, Any] = {k: bindparam(f"b_{k}") for k in columns if k in t.c}
            values["version"] = t.c.version + 1
            values["updated_at"] = bindparam("b_updated")
            stmt = update(t).where(t.c.id == bindparam("b_id")).values(values)
            for start in range(0, len(rows), BATCH):
                self.session.execute(stmt, rows[start : start + BATCH])

    # --- collections --------------------------------------------------------------------------

    def _collections(self, table: str, ops: list[Op]) -> None:
        spec = BY_NAME[table]
        for coll in spec.collections:
            owners: dict[int, list[Any]] = {}
            for op in ops:
                assert op.data is not None
                old = self.snap.tables[table].data.get(op.uuid)
                if old is not None and old[coll.field] == op.data[coll.field]:
                    continue
                if old is None and not op.data[coll.field]:
                    continue
                owners[self.ids[table][op.uuid]] = op.data[coll.field]
            if owners:
                self._replace(spec, coll.field, coll.target, owners)

    def _replace(self, spec: TableSpec, name: str, target: str | None, owners: dict[int, list[Any]]) -> None:
        ids = sorted(owners)
        if name == "previous":
            p = PreviousReference.__table__
            for part in chunks(ids):  # type: ignore[arg-type]
                self.session.execute(delete(p).where(p.c.recommendation_id.in_(part)))
            rows = [{"recommendation_id": o, "symbol": s, "paragraph": n} for o in ids for s, n in owners[o]]
            if rows:
                self.session.execute(insert(p), rows)
            return
        table, owner_col, other_col = ASSOCIATIONS[(spec.name, name)]
        for part in chunks(ids):  # type: ignore[arg-type]
            self.session.execute(delete(table).where(table.c[owner_col].in_(part)))
        if name == "tags":
            tag_ids = self._tag_ids({(k, n) for o in ids for k, n in owners[o]})
            rows = [{owner_col: o, other_col: tag_ids[(k, n)]} for o in ids for k, n in owners[o]]
        else:
            assert target is not None
            rows = [{owner_col: o, other_col: self.ids[target][u]} for o in ids for u in owners[o]]
        if rows:
            self.session.execute(insert(table), rows)

    def _tag_ids(self, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        t = Tag.__table__
        have = {(k, n): i for i, k, n in self.session.execute(select(t.c.id, t.c.kind, t.c.name))}
        missing = [{"kind": k, "name": n} for k, n in sorted(wanted - set(have))]
        if missing:
            self.session.execute(insert(t), missing)
            have = {(k, n): i for i, k, n in self.session.execute(select(t.c.id, t.c.kind, t.c.name))}
        return have

    # --- sync state ----------------------------------------------------------------------------

    def _stamp(self) -> None:
        for foreign, ours in self.plan.aliases.items():
            self.state.add_alias(foreign, ours)
        for op in self.plan.ops.values():
            if op.kind in (INSERT, UPDATE):
                assert op.data is not None
                self.state.set_live(op.uuid, op.table, op.vv, content_hash(op.data))
            elif op.kind == STAMP_LIVE:
                current = self.state.live[op.uuid]
                if current[1] != op.vv:
                    self.state.set_live(op.uuid, op.table, op.vv, current[2])
            elif op.kind in (DELETE, STAMP_DEAD):
                current_dead = self.state.dead.get(op.uuid)
                if current_dead is None or current_dead[1] != op.vv:
                    self.state.set_dead(op.uuid, op.table, op.vv)
