"""The benchmark suite's quick run, so that it cannot rot: every measure runs and gives numbers.

The full run (``python -m benchmarks``) takes minutes and is not part of the tests.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

from benchmarks.measures import load_all
from tests.co_documents import soffice

ROOT = Path(__file__).resolve().parents[2]


def _allowed_gap(row: dict[str, object]) -> bool:
    """A measure may be unavailable only for the reasons the suite names."""
    if row["measure"] == "exchange":
        return importlib.util.find_spec("crc_reporter.services.exchange") is None
    if row["measure"] == "import" and "PDF" in str(row["name"]):
        return soffice() is None
    return False


def test_the_quick_run_reports_every_measure_with_numbers(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--quick",
            "--quiet",
            "--cache",
            str(tmp_path / "cache"),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,  # a guard against a hang: the quick run takes 1-2 minutes on a quiet machine
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text("utf-8"))
    rows = results["rows"]
    assert {row["measure"] for row in rows} == {m.key for m in load_all()}
    for row in rows:
        assert row["name"] in proc.stdout  # the printed table has every row
        if row["unavailable"]:
            assert _allowed_gap(row), row
            assert row["result"] == "n/a"
            continue
        for field in ("value", "baseline", "ratio"):
            assert isinstance(row[field], float) and math.isfinite(row[field]) and row[field] > 0, (field, row)
        assert row["result"] in ("pass", "FAIL", "info")
        assert (row["target"] is None) == (row["result"] == "info")
    assert "measure" in proc.stdout and "baseline (same run)" in proc.stdout
    assert results["machine"]["cpus"] and results["machine"]["python"]
    assert not any((tmp_path / "cache").glob("*.building"))  # nothing half-built left in the cache


def test_one_core_pins_the_run_to_one_core_beside_a_busy_loop() -> None:
    from benchmarks.one_core import available, one_core

    if available() is not None:
        return  # (not Linux: the option says so and exits 2)
    import os

    before = os.sched_getaffinity(0)
    with one_core() as note:
        pinned = os.sched_getaffinity(0)
        children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
    assert len(pinned) == 1 and "busy loop" in note
    assert children, "the busy loop runs beside the measures"
    assert os.sched_getaffinity(0) == before  # given back after the run
    for child in children:
        assert not Path(f"/proc/{child}/cmdline").exists() or "parent" not in Path(f"/proc/{child}/cmdline").read_text()
