"""Fuzz target: forged version vectors and tombstones in exchange packages (issue 21, finding 4).

Copy B merged A's base and then changed some records of its own; a hostile A
knows B's replica id and sends a package whose vectors claim more (or fewer) of
B's changes than B made, with deletions of B's records and of records B never
had. Whatever the forgery, the plan of B's merge must never overwrite or delete
one of B's own changes without a person, never keep a deletion of a record B
never had, and never adopt a count of B's changes that B did not make.
"""

from __future__ import annotations

import functools
import tempfile
import uuid as uuid_mod
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from crc_reporter.services import actions as action_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services.exchange import package as pkg
from crc_reporter.services.exchange.merge import _plan
from crc_reporter.services.exchange.plan_types import DELETE, STAMP_DEAD, UPDATE
from crc_reporter.services.exchange.schema import BY_NAME
from crc_reporter.services.exchange.session import prepare
from crc_reporter.services.exchange.state import as_vv, vv_dump, vv_load
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action
from crc_reporter.store.open import open_store
from tests.exchange_forgery import rows
from tests.exchange_support import build_base, export, open_taking_unsigned
from tests.fuzz.harness import FuzzTarget, register

_CONFIDENTIAL = list(BY_NAME["action"].content_keys).index("confidential")


@functools.cache
def _setup() -> tuple[Store, ex.Package, str, dict[str, str], list[str]]:
    """B (open), A's package, B's replica id, B's vectors of the records it changed, every uuid B knows."""
    folder = Path(tempfile.mkdtemp(prefix="crc-fuzz-exchange-"))
    a = open_store(folder / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(folder / "b.sqlite", user="bob")  # forgery, not trust, is fuzzed here
    with b.session() as session:
        ex.merge_package(session, export(a, folder / "base.crcx"), backup=False)
    with b.session() as session:
        for action in session.scalars(select(Action)):
            action_svc.update_action(session, action.id, title=action.title + " (Bob)")
    export(b, folder / "b.crcx")  # counts B's changes
    with b.session() as session:
        prepared = prepare(session, write=False)
        state = prepared.state
        own = state.replica
        changed = {u: vv for u, (_t, vv, _h) in state.live.items() if own in vv_load(vv)}
        known = sorted(state.live) + sorted(state.dead)
    package = export(a, folder / "a.crcx")
    a.close()
    return b, package, own, changed, known


def _strategy() -> st.SearchStrategy[Any]:
    _setup()  # the stores are made before the first timed case
    claim = st.one_of(st.just(0), st.integers(1, 3), st.integers(10**6, 10**17))
    return st.tuples(
        st.lists(st.tuples(st.integers(0, 40), claim, st.integers(0, 5)), max_size=20),  # vector forgeries
        st.lists(st.tuples(st.integers(0, 60), claim, st.booleans()), max_size=20),  # tombstones
    )


def _forged(value: Any) -> None:
    b, package, own, changed, known = _setup()
    body = rows(package)
    flat = [row for table in sorted(body) for row in body[table]]
    tables = {row[0]: table for table in body for row in body[table]}
    for index, claim, extra in value[0]:
        row = flat[index % len(flat)]
        vv = vv_load(row[1])
        real = as_vv(changed.get(row[0], "x:1")).get(own, 0)
        vv.pop(own, None)
        if claim and claim != real:
            vv[own] = claim
        if extra:
            vv["ffff"] = extra
        row[1] = vv_dump(vv or {"ffff": 1})
    dead = []
    for index, claim, stranger in value[1]:
        target = str(uuid_mod.uuid4()) if stranger else known[index % len(known)]
        vv = {"ffff": 1 + index % 3}
        real = as_vv(changed.get(target, "x:1")).get(own, 0)
        if claim and claim != real:
            vv[own] = claim
        dead.append([target, tables.get(target, "action"), vv_dump(vv)])
    gone = {d[0] for d in dead}
    body = {t: [r for r in items if r[0] not in gone] for t, items in body.items()}  # deleted, not sent
    secret = [r for r in body.get("action", ()) if r[4 + _CONFIDENTIAL]]
    blob, _id = pkg.build(
        records=body,
        tombstones=dead,
        creator="mallory",
        replica="ffff",
        store="forged",
        selection={},
        include_confidential=True,
        confidential=len(secret),
    )
    forged = pkg.read_package(blob, "forged.crcx")
    with b.session() as session:
        prepared = prepare(session, write=False)
        plan = _plan(prepared, forged, {})
        state = prepared.state
        session.rollback()
    for uuid, op in plan.ops.items():
        if uuid in changed:
            assert op.kind not in (UPDATE, DELETE), f"B's change to {uuid} was overwritten: {op.kind}"
        assert not (op.kind == STAMP_DEAD and uuid not in state.dead and uuid not in state.live), "kept a stranger"
        current = state.live.get(uuid) or state.dead.get(uuid)
        limit = max(as_vv(current[1]).get(own, 0) if current else 0, 1)
        assert as_vv(op.vv).get(own, 0) <= limit + 1, f"adopted a forged count for {uuid}"


register(
    FuzzTarget(
        name="exchange forged vectors and tombstones",
        run=_forged,
        expected=(ex.PackageError,),
        strategy=_strategy,
        timeout=2.0,
        memory_mb=300,
        examples=10,
        long_examples=500,
    )
)
