"""``crc-reporter report state`` from the command line, end to end, and a large report's peak memory.

*End to end*: a fresh ``python -m crc_reporter --db DEMO report state …`` process on
the demo store (``crc-reporter demo``), timed from launch to exit, against a fresh
bare python-docx process (:mod:`benchmarks.bare_docx` ``--content``) writing the
same paragraphs, tables and footnote text, run alternately with it (issue 25:
target at most 3x). Both pay the interpreter's start, their imports and the
writing; the app also opens and checks the store and gathers the data.

The measure runs the command with ``--no-contents-pages``: the bare process
does not lay the document out, so the app does not either. That pass (LibreOffice
filling in the contents' page numbers) changes no text of the draft, only the
page numbers shown in its contents, which Word fills in on opening.

*Peak memory*: the same command on the store of 1,500 recommendations and
10,000 actions (the largest size of the ``reports`` growth rows), its own peak
resident size (``os.wait4`` through a small launcher, see :mod:`benchmarks.child`); target at most 400 MB. The baseline is the bare
python-docx process writing that draft's content.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from benchmarks import bare_docx
from benchmarks.child import peak_of, run_child, timed_peak
from benchmarks.core import Row, at_most, interleave, measure, median, ratio_at_most
from benchmarks.fixtures import ROOT, Context
from benchmarks.report_store import SYMBOL

KEY = "report_cli"


def _latest_observations(store: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
        row = db.execute(
            "SELECT symbol FROM document WHERE doc_type = 'concluding_observations' AND treaty_code = 'CRC' "
            "ORDER BY date DESC LIMIT 1"
        ).fetchone()
    if row is None:
        raise RuntimeError("report_cli: the demo store holds no concluding observations")
    return str(row[0])


def _counts(store: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
        (recs,) = db.execute("SELECT count(*) FROM recommendation").fetchone()
        (actions,) = db.execute("SELECT count(*) FROM action").fetchone()
    return int(recs), int(actions)


def _commands(ctx: Context, store: Path, symbol: str, name: str) -> tuple[list[str], list[str]]:
    """The app's command and the bare process's, writing the same content (made once here)."""
    out, bare_out = ctx.work / f"{name}.docx", ctx.work / f"{name}-bare.docx"
    app = ["-m", "crc_reporter", "--db", str(store), "report", "state", "--document", symbol]
    app += ["--out", str(out), "--no-contents-pages"]
    run_child(app, ctx.child_env())
    content = ctx.work / f"{name}-content.json"
    content.write_text(json.dumps(bare_docx.content_of(out)), encoding="utf-8")
    return app, [str(ROOT / "benchmarks" / "bare_docx.py"), "--content", str(content), str(bare_out)]


@measure(KEY, "Report from the command line", order=32)
def run(ctx: Context) -> list[Row]:
    ctx.compile_app()
    env = ctx.child_env()
    demo = ctx.demo_store("1x")
    app, bare = _commands(ctx, demo, _latest_observations(demo), "cli-state")
    reps = ctx.repetitions(7, 1)
    ctx.log(f"report_cli: {reps} x (crc-reporter report state on the demo store, bare python-docx process)")
    quick_peaks: dict[str, list[float]] = {"app": [], "bare": []}

    def timed(command: list[str], who: str) -> float:
        if not ctx.quick:
            return run_child(command, env)
        seconds, peak = timed_peak(command, env, ctx.work)  # the smoke test reads both from one run
        quick_peaks[who].append(peak)
        return seconds

    values, bases = interleave(reps, lambda: timed(app, "app"), lambda: timed(bare, "bare"), warmup=not ctx.quick)
    rows = [
        Row(
            KEY,
            "report state from the command line, demo store, wall time",
            unit="s",
            value=median(values),
            baseline=median(bases),
            baseline_name="bare python-docx process",
            target=ratio_at_most(3.0),
            note="fresh processes, launch to exit; --no-contents-pages (the baseline lays nothing out either)",
            samples={"app_s": values, "bare_s": bases},
        )
    ]
    if ctx.quick:  # the smoke test: the demo store's runs above, so that the row is alive without a second store
        recs, actions = _counts(demo)
        peaks, bare_peaks = quick_peaks["app"], quick_peaks["bare"]
    else:
        recs, actions = 1_500, 10_000
        app, bare = _commands(ctx, ctx.report_store(recs, actions), SYMBOL, "cli-state-big")
        reps = ctx.repetitions(3, 1)
        ctx.log(f"report_cli: {reps} x peak memory of report state on {recs:,} recommendations, {actions:,} actions")
        peaks, bare_peaks = interleave(
            reps, lambda: peak_of(app, env, ctx.work), lambda: peak_of(bare, env, ctx.work), warmup=False
        )
    rows.append(
        Row(
            KEY,
            f"report state, {recs:,} recommendations and {actions:,} actions: peak memory",
            unit="MB",
            value=max(peaks),
            baseline=max(bare_peaks),
            baseline_name="bare python-docx process",
            target=at_most(400, "MB"),
            note="the command's own peak resident size (os.wait4 ru_maxrss), largest of the runs",
            samples={"app_mb": peaks, "bare_mb": bare_peaks},
        )
    )
    return rows
