"""``crc-reporter list recommendations --json`` on about 20,000 paragraphs, end to end.

Each run is a fresh ``python -m crc_reporter`` process, timed from start to exit, its
output thrown away; the baseline (:mod:`benchmarks.bare_listing`) is a bare ``sqlite3`` +
``json`` script that reads the same rows and writes the same JSON, run alternately with
it. Target: at most twice the bare script (issue 25). The first run checks that both
print the same JSON, so that the baseline cannot drift from what the command does.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.child import run_child
from benchmarks.core import Row, interleave, measure, median, ratio_at_most
from benchmarks.fixtures import ROOT, Context

KEY = "listing"


def _run(ctx: Context, args: list[str], out: Path | None = None) -> float:
    return run_child(args, ctx.child_env(), out)


@measure(KEY, "Listing recommendations as JSON", order=45)
def run(ctx: Context) -> list[Row]:
    ctx.compile_app()
    store = ctx.demo_store("search")
    app = ["-m", "crc_reporter", "--db", str(store), "list", "recommendations", "--json"]
    bare = [str(ROOT / "benchmarks" / "bare_listing.py"), str(store)]
    mine, theirs = ctx.work / "listing-app.json", ctx.work / "listing-bare.json"
    _run(ctx, app, mine)
    _run(ctx, bare, theirs)
    if mine.read_bytes() != theirs.read_bytes():
        raise RuntimeError("listing: the bare script's JSON differs from the command's; update bare_listing.py")
    count = mine.read_text(encoding="utf-8").count('"uuid"')
    reps = ctx.repetitions(7, 1)
    ctx.log(f"listing: {reps} x (list recommendations --json, bare sqlite3 + json) on {count:,} paragraphs")
    values, bases = interleave(reps, lambda: _run(ctx, app), lambda: _run(ctx, bare))
    return [
        Row(
            KEY,
            f"list recommendations --json, {count:,} paragraphs, wall time",
            unit="s",
            value=median(values),
            baseline=median(bases),
            baseline_name="bare sqlite3 + json",
            target=ratio_at_most(2.0),
            samples={"value": values, "baseline": bases},
        )
    ]
