"""How long the command line takes to answer ``--version`` and ``--help``.

Each is a fresh ``python -m crc_reporter`` process, timed from start to exit, beside
the baseline ``python -c pass`` (the interpreter's own start-up) run alternately with
it. Target: 0.2 s wall on the development machine; the ratio is shown so that a run
on a slower or busier machine can be read against its own interpreter.
"""

from __future__ import annotations

from benchmarks.child import run_child
from benchmarks.core import Row, at_most, interleave, measure, median
from benchmarks.fixtures import Context

KEY = "cli"


def _run(ctx: Context, *args: str) -> float:
    return run_child(list(args), ctx.child_env())


@measure(KEY, "Command line start-up", order=5)
def run(ctx: Context) -> list[Row]:
    ctx.compile_app()
    reps = ctx.repetitions(15, 2)
    rows = []
    for flag in ("--version", "--help"):
        ctx.log(f"cli: {reps} x (crc-reporter {flag}, python -c pass)")

        def app(f: str = flag) -> float:
            return _run(ctx, "-m", "crc_reporter", f)

        values, bases = interleave(reps, app, lambda: _run(ctx, "-c", "pass"))
        rows.append(
            Row(
                KEY,
                f"crc-reporter {flag}, wall time",
                unit="s",
                value=median(values),
                baseline=median(bases),
                baseline_name="python -c pass",
                target=at_most(0.2, "s"),
                samples={"value": values, "baseline": bases},
            )
        )
    return rows
