"""Deciding, record by record, what a package changes in this store. Nothing is written here.

For every record the package carries, its version vector is compared with
ours (:mod:`~crc_reporter.services.exchange.state`): their version is newer
(take it), ours is newer or the same (leave it), or both changed since they
last agreed (a conflict, unless both made the same change). The same for
deletions. Records unknown here are added — or recognised, by their natural key,
as a record both copies added independently (the same document imported on two
laptops), which becomes one record with an alias.

Then the plan is made consistent, repeatedly until nothing moves:

* a record that points at a record deleted here is held back, and the deleted
  record becomes a conflict ("deleted here, still used there");
* a deletion that would take records with it that the other side never saw
  (a link added here to a paragraph deleted there) becomes a conflict;
* a change that would give two records the same symbol, name or paragraph
  number becomes a conflict ("clash").

A person's choice for a conflict (keep mine / take theirs) is applied during
planning; both choices add one change for this replica, so that the choice
wins over both earlier versions wherever the result travels next.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from crc_reporter.services.exchange import consistency
from crc_reporter.services.exchange.package import Package
from crc_reporter.services.exchange.plan_types import (
    APPLIED,
    BLOCKED,
    CONFLICT,
    DELETE,
    INSERT,
    SKIP,
    STAMP_DEAD,
    STAMP_LIVE,
    UPDATE,
    ConflictDraft,
    ConflictKind,
    Op,
    Plan,
    Resolution,
)
from crc_reporter.services.exchange.schema import BY_NAME, ORDER, TableSpec
from crc_reporter.services.exchange.snapshot import Content, Snapshot
from crc_reporter.services.exchange.state import SyncState, dominates, vv_dump, vv_inc, vv_load, vv_max
from crc_reporter.services.exchange.validate import IncomingRecord

MAX_ROUNDS = 100


class Planner:
    def __init__(self, snap: Snapshot, state: SyncState, package: Package, resolutions: dict[str, Resolution]):
        self.snap = snap
        self.state = state
        self.package = package
        self.resolutions = resolutions
        self.local = snap.locate()  # uuid -> table of our live records
        self.ops: dict[str, Op] = {}
        self.conflicts: dict[str, ConflictDraft] = {}
        self.aliases: dict[str, str] = {}  # new in this merge
        self._alias = dict(state.alias)  # all known, for resolving
        self.skipped: list[tuple[str, str, str]] = []
        self.their: dict[str, tuple[str, IncomingRecord, Content]] = {}  # our uuid -> (table, record, mapped)
        self.their_dead: dict[str, tuple[str, str]] = {}
        self.blocked_by: dict[str, str] = {}
        self.dropped: set[str] = set()  # dead here as the consequence of a person's "keep mine"
        mentioned = {u for records in package.records.values() for u in (r.uuid for r in records)}
        mentioned |= {u for u, _t, _v in package.tombstones}
        self.mentioned = {state.resolve(u) for u in mentioned}
        self._keys: dict[str, dict[tuple[Any, ...], str]] = {}
        self.forged: dict[str, str] = {}  # our uuid -> table: their vector claims changes made here never made
        self.unknown_deaths: list[tuple[str, str]] = []  # (table, uuid) deleted there, never seen here

    # --- helpers -------------------------------------------------------------------------

    def resolve(self, uuid: str) -> str:
        return self._alias.get(uuid, uuid)

    def _map(self, spec: TableSpec, data: Content) -> Content:
        out = dict(data)
        for ref in spec.refs:
            if out[ref.field] is not None:
                out[ref.field] = self.resolve(out[ref.field])
        for coll in spec.collections:
            if coll.kind == "uuids":
                out[coll.field] = sorted({self.resolve(u) for u in out[coll.field]})
        return out

    def _key(self, spec: TableSpec, data: Content) -> tuple[Any, ...]:
        return tuple(data[k] for k in spec.natural_key)

    def _local_index(self, spec: TableSpec) -> dict[tuple[Any, ...], str]:
        if spec.name not in self._keys:
            rows = self.snap.tables[spec.name].data
            self._keys[spec.name] = {self._key(spec, d): u for u, d in rows.items()}
        return self._keys[spec.name]

    def mine(self, uuid: str) -> Content | None:
        table = self.local.get(uuid)
        return self.snap.tables[table].data[uuid] if table else None

    def _conflict(self, kind: ConflictKind, table: str, uuid: str, theirs: Content | None) -> Op:
        draft = self.conflicts.get(uuid)
        if draft is None:
            self.conflicts[uuid] = ConflictDraft(kind, table, uuid, self.mine(uuid), theirs)
        return Op(CONFLICT, table, uuid, {})

    # --- their version vectors, checked against what this copy did itself ------------------------------

    def _guard_vv(self, table: str, ours: str, text: str) -> str:
        """``text`` with its entry for this replica no higher than this replica's own count for the record.

        This copy knows every change it made itself: a vector that claims more of
        them is forged (or from a copy of this store that kept its id). The claim is
        cut back, and the record is marked so that it cannot win without a person.
        """
        own = self.state.replica
        if own + ":" not in text:
            return text
        theirs = vv_load(text)
        claimed = theirs.get(own, 0)
        current = self.state.live.get(ours) or self.state.dead.get(ours)
        known = vv_load(current[1]).get(own, 0) if current is not None else 0
        if claimed <= known:
            return text
        if current is not None:
            self.forged[ours] = table
        if known:
            theirs[own] = known
        else:
            del theirs[own]
        return vv_dump(theirs or {own: 1})

    def _guard(self, table: str, ours: str, rec: IncomingRecord) -> IncomingRecord:
        vv = self._guard_vv(table, ours, rec.vv)
        return rec if vv is rec.vv else replace(rec, vv=vv)

    # --- first pass: one decision per record ------------------------------------------------

    def decide(self) -> None:
        for table in ORDER:
            spec = BY_NAME[table]
            matching = bool(spec.natural_key and self.snap.tables[table].data)  # nothing to match in an empty table
            for rec in self.package.records.get(table, ()):
                mapped = self._map(spec, rec.data) if self._alias else rec.data
                ours = self.resolve(rec.uuid)
                if matching and ours not in self.local and ours not in self.state.dead:
                    match = self._local_index(spec).get(self._key(spec, mapped))
                    if match is not None and match not in self.mentioned and match not in self.their:
                        self.aliases[rec.uuid] = match
                        self._alias[rec.uuid] = match
                        ours = match
                rec = self._guard(table, ours, rec)
                self.their[ours] = (table, rec, mapped)
                if ours in self.local or ours in self.state.dead:
                    self.ops[ours] = self._decide_live(table, ours, rec, mapped)
                else:  # new here: most records of a first exchange
                    self.ops[ours] = Op(INSERT, table, ours, rec.vv, mapped, rec)
        for uuid, table, vv in self.package.tombstones:
            ours = self.resolve(uuid)
            if ours in self.their:
                continue  # never both alive and deleted in one package; trust the record
            if ours not in self.local and ours not in self.state.dead:
                # never seen here: listed, neither stored nor forwarded, and it blocks no later arrival
                self.unknown_deaths.append((table, uuid))
                continue
            vv = self._guard_vv(table, ours, vv)
            self.their_dead[ours] = (table, vv)
            self.ops[ours] = self._decide_dead(table, ours, vv)

    def _decide_live(self, table: str, uuid: str, rec: IncomingRecord, mapped: Content) -> Op:
        choice = self.resolutions.get(uuid)
        if uuid in self.local:
            if rec.vv == self.state.live[uuid][1]:  # the same version: most records of a repeated exchange
                same = mapped == self.mine(uuid)
                return Op(SKIP, table, uuid, {}) if same else Op(STAMP_LIVE, table, uuid, vv_load(rec.vv), mapped, rec)
            mine_vv, theirs = self.state.live_vv(uuid), vv_load(rec.vv)
            same = mapped == self.mine(uuid)
            if dominates(mine_vv, theirs):
                return Op(SKIP, table, uuid, mine_vv)
            if dominates(theirs, mine_vv) and uuid not in self.forged:
                return Op(STAMP_LIVE if same else UPDATE, table, uuid, theirs, mapped, rec)
            merged = vv_max(mine_vv, theirs)
            if same:
                return Op(STAMP_LIVE, table, uuid, merged, mapped, rec)
            if choice is Resolution.KEEP_MINE:
                return Op(STAMP_LIVE, table, uuid, vv_inc(merged, self.state.replica))
            if choice is Resolution.TAKE_THEIRS:
                return Op(UPDATE, table, uuid, vv_inc(merged, self.state.replica), mapped, rec)
            return self._conflict(ConflictKind.BOTH_CHANGED, table, uuid, mapped)
        if uuid not in self.state.dead:
            return Op(INSERT, table, uuid, rec.vv, mapped, rec)  # their version vector as it came
        dead_vv, theirs = self.state.dead_vv(uuid), vv_load(rec.vv)
        if dominates(dead_vv, theirs):
            return Op(SKIP, table, uuid, dead_vv)
        if dominates(theirs, dead_vv) and uuid not in self.forged:
            return Op(INSERT, table, uuid, theirs, mapped, rec)
        merged = vv_max(dead_vv, theirs)
        if choice is Resolution.KEEP_MINE:
            return Op(STAMP_DEAD, table, uuid, vv_inc(merged, self.state.replica))
        if choice is Resolution.TAKE_THEIRS:
            return Op(INSERT, table, uuid, vv_inc(merged, self.state.replica), mapped, rec)
        return self._conflict(ConflictKind.DELETED_HERE, table, uuid, mapped)

    def _decide_dead(self, table: str, uuid: str, text: str) -> Op:
        vv = vv_load(text)
        if uuid in self.local:
            mine_vv = self.state.live_vv(uuid)
            if dominates(mine_vv, vv):
                return Op(SKIP, table, uuid, mine_vv)
            if dominates(vv, mine_vv) and uuid not in self.forged:
                return Op(DELETE, table, uuid, vv)
            merged = vv_max(mine_vv, vv)
            choice = self.resolutions.get(uuid)
            if choice is Resolution.KEEP_MINE:
                return Op(STAMP_LIVE, table, uuid, vv_inc(merged, self.state.replica))
            if choice is Resolution.TAKE_THEIRS:
                return Op(DELETE, table, uuid, vv_inc(merged, self.state.replica), note="forced")
            return self._conflict(ConflictKind.DELETED_THERE, table, uuid, None)
        current = self.state.dead.get(uuid)
        if current is not None:
            if current[1] == text:
                return Op(SKIP, table, uuid, {})
            current_vv = vv_load(current[1])
            if dominates(current_vv, vv):
                return Op(SKIP, table, uuid, current_vv)
            return Op(STAMP_DEAD, table, uuid, vv_max(current_vv, vv))
        return Op(SKIP, table, uuid, {})  # not reached: deletions of records never seen here are only listed

    # --- then: make the plan consistent -----------------------------------------------------

    def alive(self) -> set[str]:
        """Every record live after the plan as it stands (for quick checks; :meth:`live_after` is exact)."""
        gone = {u for u, op in self.ops.items() if op.kind not in (SKIP, CONFLICT, BLOCKED) and op.kind not in APPLIED}
        out = set(self.local) - gone
        out.update(u for u, op in self.ops.items() if op.kind in APPLIED)
        return out

    def live_after(self, uuid: str) -> bool:
        op = self.ops.get(uuid)
        if op is None or op.kind in (SKIP, CONFLICT, BLOCKED):
            return uuid in self.local
        return op.kind in APPLIED

    def settle(self) -> Plan:
        for _round in range(MAX_ROUNDS):
            moved = consistency.check_references(self)
            moved = consistency.check_deletions(self) or moved
            moved = consistency.check_clashes(self) or moved
            moved = consistency.check_cascades(self) or moved
            if not moved:
                break
        for uuid, root in self.blocked_by.items():
            if root in self.conflicts:
                self.conflicts[root].blocked.add(uuid)
        their_data = {u: mapped for u, (_t, _r, mapped) in self.their.items()}
        return Plan(self.ops, self.conflicts, self.aliases, self.skipped, their_data, self.forged, self.unknown_deaths)

    def dependents(self, targets: set[str]) -> dict[str, list[str]]:
        """Our live records whose content points at one of ``targets``."""
        out: dict[str, list[str]] = defaultdict(list)
        if not targets:
            return out
        for name, rows in self.snap.tables.items():
            spec = BY_NAME[name]
            keys = [r.field for r in spec.refs]
            colls = [c.field for c in spec.collections if c.kind == "uuids"]
            if not keys and not colls:
                continue
            for uuid, data in rows.data.items():
                for key in keys:
                    if data[key] in targets:
                        out[data[key]].append(uuid)
                for key in colls:
                    for target in data[key]:
                        if target in targets:
                            out[target].append(uuid)
        return out
