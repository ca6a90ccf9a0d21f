"""``python -m benchmarks``: build (or reuse) the synthetic stores, run every measure, print the table.

    python -m benchmarks                    # the full run (a few minutes; the first run also builds the stores)
    python -m benchmarks --quick            # tiny stores, one repetition: checks that everything runs
    python -m benchmarks --only startup search --reps 3 --json results.json --markdown
    python -m benchmarks --one-core         # on one core shared with a busy loop: an old laptop (see one_core.py)

Exit code 0 when the run completed (1 with ``--strict`` when a target is
missed, or when a measure failed to run).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
import traceback
from contextlib import ExitStack
from pathlib import Path

from benchmarks.core import Measure, Row, not_available, table_lines
from benchmarks.fixtures import Context, default_cache_dir
from benchmarks.measures import load_all
from benchmarks.one_core import available as one_core_available
from benchmarks.one_core import one_core


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    ram = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(next(line for line in fh if line.startswith("MemTotal")).split()[1])
            ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()} (PySide6 {PySide6.__version__})"
    except ImportError:
        qt = "Qt not installed"
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "qt": qt,
        "system": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny stores and one repetition (the smoke test)")
    parser.add_argument("--only", nargs="+", metavar="MEASURE", help="run only these measures (keys: see --list)")
    parser.add_argument("--list", action="store_true", help="list the measures and exit")
    parser.add_argument("--reps", type=int, help="repetitions of each measure (default: each measure's own)")
    parser.add_argument("--cache", type=Path, help=f"where built stores are kept (default: {default_cache_dir()})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    parser.add_argument(
        "--app-path",
        type=Path,
        metavar="DIR",
        help="measure the crc_reporter package found in DIR (another checkout, e.g. before a change)",
    )
    parser.add_argument(
        "--one-core",
        action="store_true",
        help="run everything on one processor core shared with a busy loop (an old, loaded laptop)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.app_path is not None:  # before anything imports crc_reporter (see benchmarks/__init__.py)
        os.environ["CRC_BENCH_APP_PATH"] = str(args.app_path.resolve())
        sys.path.insert(0, os.environ["CRC_BENCH_APP_PATH"])
    measures = load_all()
    if args.list:
        for m in measures:
            print(f"{m.key:<10} {m.title}")
        return 0
    if args.only:
        unknown = set(args.only) - {m.key for m in measures}
        if unknown:
            print(f"unknown measure(s): {', '.join(sorted(unknown))} (see --list)", file=sys.stderr)
            return 2
        measures = [m for m in measures if m.key in args.only]
    if args.one_core and one_core_available() is not None:
        print(one_core_available(), file=sys.stderr)
        return 2
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    gc.freeze()  # as the CLI does: building stores makes many objects at once
    ctx = Context(cache=args.cache or default_cache_dir(), quick=args.quick, reps=args.reps, verbose=not args.quiet)
    started = time.perf_counter()
    rows: list[Row] = []
    failed = False
    cpu_note = ""
    with ExitStack() as slowed:
        if args.one_core:
            cpu_note = slowed.enter_context(one_core())
            ctx.log(f"running on {cpu_note}")
        failed = run_measures(measures, ctx, rows)
    info = machine()
    elapsed = time.perf_counter() - started
    print()
    import crc_reporter

    print(
        f"CRC Reporter benchmarks ({'quick' if args.quick else 'full'} run of {Path(crc_reporter.__file__).parent}, "
        f"{elapsed:.0f} s) on "
        f"{info['cpus']} x {info['cpu']}, {info['ram']} RAM, Python {info['python']}, {info['qt']}, "
        f"{info['system']}; load average {load_before} at the start, {info['load']} at the end"
        + (f"; {cpu_note}" if cpu_note else "")
    )
    print()
    print("\n".join(table_lines(rows, markdown=args.markdown)))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "load_before": load_before,
                    "quick": args.quick,
                    "one_core": args.one_core,
                    "seconds": elapsed,
                    "rows": [r.as_json() for r in rows],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    missed = any(r.passed is False for r in rows)
    return 1 if failed or (args.strict and missed) else 0


def run_measures(measures: list[Measure], ctx: Context, rows: list[Row]) -> bool:
    """Run each measure, adding its rows; True when one failed to run."""
    failed = False
    try:
        for m in measures:
            t = time.perf_counter()
            try:
                rows += m.run(ctx)
            except Exception as exc:  # noqa: BLE001 - one broken measure must not hide the others
                failed = True
                traceback.print_exc()
                rows.append(not_available(m.key, m.title, f"the measure failed: {type(exc).__name__}: {exc}"))
            ctx.log(f"{m.key} done in {time.perf_counter() - t:.1f} s")
    finally:
        ctx.cleanup()
    return failed


if __name__ == "__main__":
    sys.exit(main())
