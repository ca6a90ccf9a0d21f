"""Crash safety: writers killed with SIGKILL at random points never damage the store or lose a commit.

At least 200 kills in the normal run, 1,000 with CRC_REPORTER_LONG_TESTS=1
(``CRC_REPORTER_KILLS`` overrides the number). The kills land during the
open (crash check, migration check, seeding), between transactions and inside
them: small edits, links, assessments, merges, bulk writes of 20–50 actions
and whole demo imports, all through the services.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from crc_reporter.services.demo import load_demo
from crc_reporter.store.open import open_store
from tests.conftest import LONG_TESTS
from tests.reliability.figures import record
from tests.reliability.kill_harness import ForkServer, KillStats, check_store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill harness forks (POSIX only)")

KILLS = int(os.environ.get("CRC_REPORTER_KILLS") or (1000 if LONG_TESTS else 200))


def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    store_path, log = tmp_path / "killed.sqlite", tmp_path / "committed.log"
    store = open_store(store_path, user="setup")
    with store.session() as s:
        load_demo(s)
    store.close()
    rng = random.Random(int(os.environ.get("CRC_REPORTER_KILL_SEED", "20261121")))
    stats = KillStats()
    server = ForkServer(store_path, log, tmp_path / "worker.err")
    try:
        for cycle in range(1, KILLS + 1):
            server.cycle(cycle, rng, stats)
            check_store(store_path, log, stats)
    finally:
        server.close()
    # the last writer was killed too: the app itself opens the store after it, checks it and can write
    reopened = open_store(store_path, user="after")
    try:
        assert reopened.unclean_shutdown and not reopened.read_only
    finally:
        reopened.close()
    check_store(store_path, log, stats)
    record("kills", stats.kills)
    record("kill_transactions_checked", stats.transactions_logged)
    print(
        f"\n{stats.kills} kills ({stats.kills_during_open} during open), "
        f"{stats.transactions_logged} committed transactions all present: {dict(stats.by_kind)}"
    )
    assert stats.kills == KILLS and stats.checks == KILLS + 1
    assert stats.transactions_logged > KILLS  # the writers did real work between kills
    assert {"action", "assess", "edit", "bulk", "merge"} <= set(stats.by_kind)
