"""Runs every registered fuzz target (see harness.py); modules ``targets_*.py`` register them."""

from __future__ import annotations

import collections
import importlib
import pkgutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz import harness
from tests.reliability.figures import record

for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if module.name.startswith("targets_"):
        importlib.import_module(f"tests.fuzz.{module.name}")


@pytest.mark.parametrize("name", sorted(harness.TARGETS))
def test_fuzz_target(name: str) -> None:
    target = harness.TARGETS[name]
    outcomes: collections.Counter[str] = collections.Counter()

    @settings(
        max_examples=target.runs,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=harness.inputs(target))
    def fuzz(value: object) -> None:
        outcomes[harness.run_one(target, value)] += 1

    fuzz()
    total = sum(outcomes.values())
    record(f"fuzz: {name}", total)
    slowest = harness.SLOWEST.get(name, 0.0)
    print(f"\n{name}: {total} inputs, {dict(outcomes)}, slowest {slowest:.2f} s, peak {harness._max_rss_mb():.0f} MB")
    assert total >= min(target.runs, 10)
