"""The three consistency rules of a merge plan (see :mod:`~crc_reporter.services.exchange.plan`).

Each rule looks at the whole plan, changes what it must, and says whether it
changed anything; the planner runs them until none does. Every change only
takes something out of the plan (holds a record back, turns a decision into a
conflict) or follows a person's choice, so the rounds end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crc_reporter.services.exchange.plan_types import (
    BLOCKED,
    CONFLICT,
    DELETE,
    INSERT,
    SKIP,
    STAMP_DEAD,
    STAMP_LIVE,
    UPDATE,
    ConflictKind,
    Op,
    Resolution,
)
from crc_reporter.services.exchange.schema import BY_NAME, ORDER
from crc_reporter.services.exchange.state import as_vv, vv_inc, vv_load, vv_max

if TYPE_CHECKING:
    from crc_reporter.services.exchange.plan import Planner


def _root(p: Planner, uuid: str) -> str:
    seen = set()
    while uuid in p.blocked_by and uuid not in seen:
        seen.add(uuid)
        uuid = p.blocked_by[uuid]
    return uuid


def _given_up(p: Planner, uuid: str) -> bool:
    """Is ``uuid`` dead here by a person's choice (or as a consequence of one)?"""
    return p.resolutions.get(uuid) is Resolution.KEEP_MINE or uuid in p.dropped


def _drop(p: Planner, op: Op, key: str, how: str, target: str) -> None:
    """``target`` stays deleted here: ``op`` loses its pointer to it, or dies with it."""
    replica = p.state.replica
    if how == "required":
        if op.uuid in p.local:
            mine = p.state.live_vv(op.uuid)
            p.ops[op.uuid] = Op(DELETE, op.table, op.uuid, vv_inc(vv_max(mine, as_vv(op.vv)), replica), note="forced")
        else:
            p.ops[op.uuid] = Op(STAMP_DEAD, op.table, op.uuid, vv_inc(as_vv(op.vv), replica))
        p.dropped.add(op.uuid)
        return
    assert op.data is not None
    data = dict(op.data)
    if how == "optional":
        data[key] = None
    else:
        data[key] = [u for u in data[key] if u != target]
    bumped = op.vv if op.note == "adjusted" else vv_inc(as_vv(op.vv), replica)
    p.ops[op.uuid] = Op(op.kind, op.table, op.uuid, bumped, data, op.incoming, note="adjusted")


def _resurrect(p: Planner, uuid: str) -> None:
    table, rec, mapped = p.their[uuid]
    theirs = vv_load(rec.vv)
    vv = vv_inc(vv_max(p.state.dead_vv(uuid), theirs) if uuid in p.state.dead else theirs, p.state.replica)
    p.ops[uuid] = Op(INSERT, table, uuid, vv, mapped, rec)


def _target_fields(table: str) -> list[tuple[str, str]]:
    spec = BY_NAME[table]
    out = [(r.field, "required" if r.required else "optional") for r in spec.refs]
    return out + [(c.field, "collection") for c in spec.collections if c.kind == "uuids"]


def check_references(p: Planner) -> bool:
    moved = False
    writes: dict[str, list[Op]] = {table: [] for table in ORDER}
    for op in p.ops.values():
        if op.kind in (INSERT, UPDATE):
            writes[op.table].append(op)
    alive = p.alive()  # as the round starts; anything this round takes out is seen by the next round
    for table in ORDER:
        fields = _target_fields(table)
        for op in writes[table]:
            uuid = op.uuid
            op = p.ops[uuid]  # an earlier step of this round may have changed it
            if op.kind not in (INSERT, UPDATE):
                continue
            assert op.data is not None
            pending = [
                (key, how, target)
                for key, how in fields
                for target in (op.data[key] if how == "collection" else (op.data[key],))
                if target is not None and target not in alive
            ]
            for key, how, target in pending:
                if p.live_after(target):
                    continue
                target_op = p.ops.get(target)
                if target_op is not None and target_op.kind in (CONFLICT, BLOCKED):
                    p.ops[uuid] = Op(BLOCKED, op.table, uuid, op.vv, op.data, op.incoming)
                    p.blocked_by[uuid] = _root(p, target)
                elif target in p.local or target in p.state.dead or target_op is not None:
                    # deleted here (or by this very package): a person decides, unless they already did
                    if _given_up(p, target):
                        _drop(p, op, key, how, target)
                    elif p.resolutions.get(target) is Resolution.TAKE_THEIRS and target in p.their:
                        _resurrect(p, target)
                    else:
                        if target not in p.conflicts:
                            kind = ConflictKind.DELETED_THERE if target in p.local else ConflictKind.DELETED_HERE
                            tt = p.their[target][0] if target in p.their else p.state.dead.get(target, ("", ""))[0]
                            theirs = p.their[target][2] if target in p.their else None
                            p._conflict(kind, tt or op.table, target, theirs)
                            if target_op is not None and target_op.kind == DELETE:
                                p.ops[target] = Op(CONFLICT, target_op.table, target, {})
                        p.ops[uuid] = Op(BLOCKED, op.table, uuid, op.vv, op.data, op.incoming)
                        p.blocked_by[uuid] = target
                else:
                    p.ops[uuid] = Op(SKIP, op.table, uuid, op.vv)
                    p.skipped.append((op.table, uuid, "missing"))
                moved = True
                break
    return moved


def _points_at(data: dict[str, Any] | None, table: str, target: str) -> bool:
    if data is None:
        return False
    spec = BY_NAME[table]
    if any(data[r.field] == target for r in spec.refs):
        return True
    return any(target in data[c.field] for c in spec.collections if c.kind == "uuids")


def check_deletions(p: Planner) -> bool:
    deletes = {u for u, op in p.ops.items() if op.kind == DELETE and op.note != "forced"}
    dependents = p.dependents(deletes)
    moved = False
    for uuid in sorted(deletes):
        op = p.ops[uuid]
        for dep in dependents.get(uuid, ()):
            dep_op = p.ops.get(dep)
            if dep_op is not None and dep_op.kind in (DELETE, STAMP_DEAD):
                continue
            if dep_op is not None and dep_op.kind in (INSERT, UPDATE, STAMP_LIVE):
                data = dep_op.data if dep_op.data is not None else p.mine(dep)
                if not _points_at(data, dep_op.table, uuid):
                    continue
            choice = p.resolutions.get(uuid)
            if choice is Resolution.TAKE_THEIRS:  # delete it with what points at it here
                mine = p.state.live_vv(uuid)
                p.ops[uuid] = Op(
                    DELETE, op.table, uuid, vv_inc(vv_max(mine, as_vv(op.vv)), p.state.replica), note="forced"
                )
            elif choice is Resolution.KEEP_MINE:
                mine = p.state.live_vv(uuid)
                p.ops[uuid] = Op(STAMP_LIVE, op.table, uuid, vv_inc(vv_max(mine, as_vv(op.vv)), p.state.replica))
            else:
                p._conflict(ConflictKind.DELETED_THERE, op.table, uuid, None)
                p.ops[uuid] = Op(CONFLICT, op.table, uuid, {})
            moved = True
            break
    return moved


def check_cascades(p: Planner) -> bool:
    """A deletion that went with its parent's there follows the person's choice about that parent here.

    They deleted an action (its links and sources went with it) that was changed
    here: the action is a conflict, and the deletions of its links and sources wait
    for the decision, and are undone with the action when this side keeps it. The
    other way round, records deleted here with a parent they changed come back
    with that parent when its version there is taken.
    """
    moved = False
    ops = p.ops
    deletes = [(u, op) for u, op in ops.items() if op.kind == DELETE and op.note != "forced"]
    revived = [(u, op) for u, op in ops.items() if op.kind == SKIP and u in p.state.dead and u in p.their]
    for uuid, op in deletes:
        for target in _required_targets(op.table, p.mine(uuid)):
            target_op = ops.get(target)
            if target_op is None:
                continue
            if target_op.kind == STAMP_LIVE and p.resolutions.get(target) is Resolution.KEEP_MINE:
                vv = vv_inc(vv_max(p.state.live_vv(uuid), as_vv(op.vv)), p.state.replica)
                ops[uuid] = Op(STAMP_LIVE, op.table, uuid, vv)
            elif target_op.kind in (CONFLICT, BLOCKED):
                ops[uuid] = Op(BLOCKED, op.table, uuid, op.vv)
                p.blocked_by[uuid] = _root(p, target)
            else:
                continue
            moved = True
            break
    for uuid, op in revived:
        targets = _required_targets(op.table, p.their[uuid][2])
        if any(p.resolutions.get(t) is Resolution.TAKE_THEIRS and ops.get(t, op).kind == INSERT for t in targets):
            _resurrect(p, uuid)
            moved = True
    return moved


def _required_targets(table: str, data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return []
    return [data[r.field] for r in BY_NAME[table].refs if r.required and data.get(r.field)]


def check_clashes(p: Planner) -> bool:
    moved = False
    for table in ORDER:
        spec = BY_NAME[table]
        if not spec.natural_key or (not p.snap.tables[table].data and not p.aliases):
            continue  # records from one store, into an empty table: their keys are already unique
        holders: dict[tuple[Any, ...], list[str]] = {}
        for uuid, data in p.snap.tables[table].data.items():
            if p.live_after(uuid):
                op = p.ops.get(uuid)
                final = op.data if op is not None and op.kind in (INSERT, UPDATE) and op.data is not None else data
                holders.setdefault(p._key(spec, final), []).append(uuid)
        for uuid, op in p.ops.items():
            if op.table == table and op.kind == INSERT and uuid not in p.local:
                assert op.data is not None
                holders.setdefault(p._key(spec, op.data), []).append(uuid)
        for group in holders.values():
            if len(group) < 2:
                continue
            incoming = [u for u in group if p.ops.get(u) is not None and p.ops[u].kind in (INSERT, UPDATE)]
            others = [u for u in group if u not in incoming]
            holder = others[0] if others else incoming[0]
            for uuid in incoming if others else incoming[1:]:
                _clash(p, p.ops[uuid], holder)
                moved = True
    return moved


def _clash(p: Planner, op: Op, holder: str) -> None:
    choice = p.resolutions.get(op.uuid)
    replica = p.state.replica
    if choice is Resolution.KEEP_MINE:
        if op.uuid in p.local:
            mine = p.state.live_vv(op.uuid)
            p.ops[op.uuid] = Op(STAMP_LIVE, op.table, op.uuid, vv_inc(vv_max(mine, as_vv(op.vv)), replica))
        else:
            p.ops[op.uuid] = Op(STAMP_DEAD, op.table, op.uuid, vv_inc(as_vv(op.vv), replica))
            p.dropped.add(op.uuid)
        return
    p.conflicts.pop(op.uuid, None)
    p._conflict(ConflictKind.CLASH, op.table, op.uuid, op.data)
    p.conflicts[op.uuid].other = holder
    p.ops[op.uuid] = Op(CONFLICT, op.table, op.uuid, {})


__all__ = ["SKIP", "check_cascades", "check_clashes", "check_deletions", "check_references"]
