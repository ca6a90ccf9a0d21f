"""Property tests: random edit histories on two copies, exchanged both ways.

After one exchange each way: both copies hold the same data except for the
records of reported conflicts (and their records waiting on those); every
record changed on one side only ends as that side made it (nothing any side
wrote is lost); merging the same package again changes nothing. After the
conflicts are settled and packages go round once more, the copies are equal.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from crc_reporter.services import exchange as ex
from tests.conftest import copy_store
from tests.exchange_support import (
    EDIT_KINDS,
    alias_map,
    apply_edit,
    audit_count,
    build_base,
    compare,
    contents,
    export,
    merge,
    open_taking_unsigned,
    remap,
)

LONG = os.environ.get("CRC_REPORTER_LONG_TESTS") == "1"
edits = st.lists(
    st.tuples(st.sampled_from(EDIT_KINDS), st.integers(0, 9), st.integers(0, 9), st.integers(0, 3)),
    max_size=12 if LONG else 7,
)
_counter = itertools.count()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Copy A with the base content, and copy B made from A's package (both already exchanged once)."""
    folder = tmp_path_factory.mktemp("exchange-templates")
    a = open_taking_unsigned(folder / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    package = export(a, folder / "base.crcx")
    b = open_taking_unsigned(folder / "b.sqlite", user="bob")
    merge(b, package)
    a.close()
    b.close()
    return folder / "a.sqlite", folder / "b.sqlite"


def _affected(*results: ex.MergeResult) -> set[str]:
    out: set[str] = set()
    for result in results:
        for conflict in result.conflicts:
            out.add(conflict.uuid)
            out.update(conflict.waiting)
    return out


@settings(
    max_examples=300 if LONG else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits_a=edits, edits_b=edits, policy=st.sampled_from(list(ex.Resolution)))
def test_random_histories_converge_without_losing_anything(
    templates: tuple[Path, Path], tmp_path: Path, edits_a: list[Any], edits_b: list[Any], policy: ex.Resolution
) -> None:
    folder = tmp_path / f"run{next(_counter)}"
    folder.mkdir()
    a = open_taking_unsigned(copy_store(templates[0], folder / "a.sqlite"), user="alice")
    b = open_taking_unsigned(copy_store(templates[1], folder / "b.sqlite"), user="bob")
    try:
        base_a, base_b = compare(a, b)
        assert base_a == base_b
        base_raw = contents(a)
        for edit in edits_a:
            with a.session() as session:
                apply_edit(session, edit)
        for edit in edits_b:
            with b.session() as session:
                apply_edit(session, edit)
        pre_a_raw, pre_b_raw = contents(a), contents(b)

        package_a = export(a, folder / "a1.crcx")
        into_b = merge(b, package_a)
        before = audit_count(b)
        again = merge(b, package_a)
        assert again.changes == 0 and audit_count(b) == before, "merging the same package twice changed something"
        package_b = export(b, folder / "b1.crcx")
        into_a = merge(a, package_b)
        final_a, final_b = compare(a, b)
        aliases = alias_map(a, b)
        base_a, pre_a, pre_b = remap(base_raw, aliases), remap(pre_a_raw, aliases), remap(pre_b_raw, aliases)
        affected = {aliases.get(u, u) for u in _affected(into_a, into_b)}
        event("conflicts" if affected else "no conflict")
        for result in (into_a, into_b):
            for conflict in result.conflicts:
                event(f"conflict: {conflict.kind.value} on {conflict.table}")
        event("aliases" if aliases else "no aliases")
        for uuid in set(final_a) | set(final_b) | set(pre_a) | set(pre_b) | set(base_a):
            if uuid in affected:
                continue
            assert final_a.get(uuid) == final_b.get(uuid), f"copies differ on {uuid}"
            base, mine, theirs = base_a.get(uuid), pre_a.get(uuid), pre_b.get(uuid)
            if mine != base and theirs == base:
                assert final_a.get(uuid) == mine, f"A's change to {uuid} was lost"
            elif theirs != base and mine == base:
                assert final_b.get(uuid) == theirs, f"B's change to {uuid} was lost"
            elif mine != base and theirs != base and mine != theirs:
                pytest.fail(f"{uuid} changed differently on both sides but no conflict was reported")

        # settle every conflict, send packages round again: the copies become equal
        for round_ in range(4):
            merge(b, export(a, folder / f"a{round_ + 2}.crcx"), policy)
            last = merge(a, export(b, folder / f"b{round_ + 2}.crcx"), policy)
            final_a, final_b = compare(a, b)
            if final_a == final_b and not last.conflicts:
                break
        assert final_a == final_b
    finally:
        a.close()
        b.close()


PAIRS = [(i, j) for i in range(3) for j in range(3) if i != j]
routes = st.lists(st.sampled_from(PAIRS), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def third(templates: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy C, made from B's package (so that C's history comes through B)."""
    folder = tmp_path_factory.mktemp("exchange-third")
    b = open_taking_unsigned(copy_store(templates[1], folder / "b.sqlite"), user="bob")
    package = export(b, folder / "b.crcx")
    b.close()
    c = open_taking_unsigned(folder / "c.sqlite", user="chantha")
    merge(c, package)
    c.close()
    return folder / "c.sqlite"


@settings(
    max_examples=100 if LONG else 12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.tuples(edits, edits, edits),
    route=routes,
    policy=st.sampled_from(list(ex.Resolution)),
)
def test_three_copies_on_any_route_converge(
    templates: tuple[Path, Path],
    third: Path,
    tmp_path: Path,
    edits: tuple[list[Any], list[Any], list[Any]],
    route: list[tuple[int, int]],
    policy: ex.Resolution,
) -> None:
    """Packages go from laptop to laptop in any order; in the end everyone holds the same data."""
    folder = tmp_path / f"three{next(_counter)}"
    folder.mkdir()
    sources = (templates[0], templates[1], third)
    stores = [
        open_taking_unsigned(copy_store(src, folder / f"{i}.sqlite"), user=f"u{i}") for i, src in enumerate(sources)
    ]
    try:
        for store, history in zip(stores, edits, strict=True):
            for edit in history:
                with store.session() as session:
                    apply_edit(session, edit)
        for n, (sender, receiver) in enumerate(route):  # some exchanges while people keep working
            package = export(stores[sender], folder / f"r{n}.crcx")
            merge(stores[receiver], package)
            before = audit_count(stores[receiver])
            assert merge(stores[receiver], package).changes == 0 and audit_count(stores[receiver]) == before
        for round_ in range(6):  # then everyone exchanges with the coordinator (0) until nothing moves
            for i in (1, 2):
                merge(stores[0], export(stores[i], folder / f"in{round_}{i}.crcx"), policy)
            results = [merge(stores[i], export(stores[0], folder / f"out{round_}{i}.crcx"), policy) for i in (1, 2)]
            first, second = compare(stores[0], stores[1])
            _, third_copy = compare(stores[0], stores[2])
            if first == second == third_copy and not any(r.conflicts for r in results):
                break
        assert first == second == third_copy
    finally:
        for store in stores:
            store.close()
