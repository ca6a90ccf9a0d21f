"""Damaged store files (flipped bytes, truncation, garbage) never crash the app and are reported.

Each damaged copy of the demo store goes through what the app does with a store:
``check_store`` (never raises), ``open_store``, reading every list, a search, a
write. Only :class:`StoreError` may come out; anything else fails the test.
"""

from __future__ import annotations

import collections
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crc_reporter.store.health import HealthState, check_store
from tests.conftest import LONG_TESTS
from tests.reliability.damage import flip, use_like_the_app
from tests.reliability.figures import record

FLIP_EXAMPLES = int(os.environ.get("CRC_REPORTER_CORRUPT_EXAMPLES") or (2000 if LONG_TESTS else 120))
OUTCOMES: collections.Counter[str] = collections.Counter()

fuzz_settings = settings(
    max_examples=FLIP_EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def demo_bytes(demo_template: Path) -> bytes:
    return demo_template.read_bytes()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if OUTCOMES:
        total = sum(OUTCOMES.values())
        record("corrupt_files", total)
        print(f"\n{total} damaged stores: {dict(OUTCOMES)}")


def _try(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.sqlite"
        path.write_bytes(data)
        outcome = use_like_the_app(path)
        OUTCOMES[outcome] += 1
        return outcome


@fuzz_settings
@given(flips=st.lists(st.tuples(st.integers(0, 1 << 31), st.integers(1, 255)), min_size=1, max_size=8))
def test_flipped_bytes_never_crash(demo_bytes: bytes, flips: list[tuple[int, int]]) -> None:
    outcome = _try(flip(demo_bytes, flips))
    _check_agrees(outcome)


def _check_agrees(outcome: str) -> None:
    """When the check finds nothing wrong, the app can use the store."""
    assert not outcome.endswith("(ok)") or outcome.startswith("usable"), outcome


@fuzz_settings
@given(page=st.integers(0, 10_000), offset=st.integers(0, 4095), run=st.binary(min_size=1, max_size=64))
def test_overwritten_runs_never_crash(demo_bytes: bytes, page: int, offset: int, run: bytes) -> None:
    """A run of bytes overwritten at once (a torn or misdirected write), anywhere in any page."""
    data = bytearray(demo_bytes)
    start = (page * 4096 + offset) % len(data)
    data[start : start + len(run)] = run
    _check_agrees(_try(bytes(data[: len(demo_bytes)])))


def _truncation_points(size: int) -> list[int]:
    points = {0, 1, 15, 16, 50, 99, 100, 101, 511, 512, 1024, 4095, 4096, 4097, size - 1, size - 4096}
    points |= {p for p in range(8192, size, 4096 * 7)}  # page boundaries across the file
    points |= {p + 1000 for p in range(8192, size, 4096 * 11)}  # and mid-page
    return sorted(p for p in points if 0 <= p < size)


def test_truncated_stores_never_crash_and_are_reported(demo_bytes: bytes) -> None:
    points = _truncation_points(len(demo_bytes))
    assert len(points) >= 40
    for size in points:
        _check_agrees(_try(demo_bytes[:size]))


@settings(max_examples=60 if not LONG_TESTS else 600, deadline=None, database=None)
@given(data=st.binary(max_size=9000))
def test_arbitrary_bytes_are_not_a_store(data: bytes) -> None:
    outcome = _try(data)
    assert outcome.startswith(("refused", "usable (ok)")), outcome  # usable: an empty file becomes a new store


def test_check_reports_every_kind_of_damage(demo_bytes: bytes, tmp_path: Path) -> None:
    cases = {
        "flipped page": flip(demo_bytes, [(4096 * 5 + i, 0x5A) for i in range(0, 4000, 9)]),
        "truncated": demo_bytes[: len(demo_bytes) // 2 + 100],
        "zeroed header": bytes(100) + demo_bytes[100:],
        "not a database": b"%PDF-1.7\n" * 200,
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.sqlite"
        path.write_bytes(data)
        health = check_store(path)
        assert not health.sound, name
        assert health.state in (HealthState.DAMAGED, HealthState.NOT_A_STORE, HealthState.NEEDS_PASSPHRASE), name
        assert health.message and "\n" not in health.message


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE recommendation SET articles = x'0102' WHERE id = (SELECT min(id) FROM recommendation)",
        "UPDATE recommendation SET number = 'seven' WHERE id = (SELECT min(id) FROM recommendation)",
        "UPDATE document SET date = '2023-13-45' WHERE id = (SELECT min(id) FROM document)",
        "UPDATE action SET title = CAST(x'c328' AS TEXT) WHERE id = (SELECT min(id) FROM action)",
    ],
)
def test_damaged_cells_are_reported_not_crashed(demo_bytes: bytes, tmp_path: Path, sql: str) -> None:
    """Values of the wrong type or encoding in a sound file (what a flipped bit in a record can leave)."""
    path = tmp_path / "cells.sqlite"
    path.write_bytes(demo_bytes)
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    health = check_store(path)
    assert health.state is HealthState.DAMAGED and "row" in health.message
    # used: either reported as damaged, or (where the value is only shown) read as it is; never a crash
    assert use_like_the_app(path) in ("error in use (damaged)", "usable (damaged)")
