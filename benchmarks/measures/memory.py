"""Peak memory with the store open and the recommendations page showing every row.

The app starts in a fresh process (as ``crc-reporter --db STORE``), shows the
dashboard, then the recommendations page; once every row is loaded and
painted the process reads its own peak resident size (VmHWM). The baseline is
the bare PySide6 window's peak, measured in the same run; target on the 100x
store: <= 2.5x that baseline.
"""

from __future__ import annotations

from benchmarks.core import Row, interleave, measure, median, ratio_at_most
from benchmarks.fixtures import Context

KEY = "memory"
TARGET = 2.5  # x the bare window's peak (issue 25)


@measure(KEY, "Memory", order=50)
def run(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    bare_peaks: list[float] = []
    names = ["100x"] if ctx.quick else ["1x", "10x", "100x"]
    for name in names:
        store = ctx.demo_store(name)
        counts: list[int] = []

        def app(store: str = str(store), counts: list[int] = counts) -> float:
            result = ctx.run_probe("app", "--db", store, "--then-recommendations")
            counts.append(int(result["rows"]))
            return float(result["rss_mb"])

        def bare() -> float:
            bare_peaks.append(float(ctx.run_probe("bare")["rss_mb"]))
            return bare_peaks[-1]

        reps = ctx.repetitions(3, 1) if name == "100x" else 1
        ctx.log(f"memory: {reps} x (app on the {ctx.scales[name]}-copy store, bare window)")
        values, bases = interleave(reps, app, bare, warmup=False)
        rows.append(
            Row(
                KEY,
                f"Peak memory, {ctx.scales[name]}x store, recommendations shown",
                unit="MB",
                value=median(values),
                baseline=median(bases),
                baseline_name="bare window",
                target=ratio_at_most(TARGET) if name == "100x" else None,
                note=f"{counts[-1]:,} paragraphs in the table; peak resident size (VmHWM)"
                + ("" if name == "100x" else "; for information"),
                samples={"app_mb": values, "bare_mb": bases},
            )
        )
    return rows
