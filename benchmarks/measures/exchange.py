"""Exchange: export a package, then merge it into another store.

Timed through ``crc_reporter.services.exchange``'s own entry points, as the
window and ``crc-reporter merge`` call them (:mod:`benchmarks.exchange_child`):
on the 100x store (target 20 s), and on issue 7's store (about 20,000
recommendations, 50,000 actions) the first time and after 1,000 edits. A build
without that module says "not available". The baseline is the plain copying an
export cannot avoid: SQLite's online backup of the store, zipped.

Issue 25's targets for issue 7's store, first time: at most 2.5x the baseline,
and a peak resident size of at most 300 MB. That exchange and its baseline each
run in a process of their own (through :mod:`benchmarks.child`'s launcher),
timed from launch to exit, so that each one's own peak is read.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from benchmarks.child import timed_peak
from benchmarks.core import Row, at_most, interleave, measure, median, not_available, ratio_at_most
from benchmarks.exchange_child import bare_copy, export_and_merge
from benchmarks.fixtures import ROOT, Context

KEY = "exchange"
CHILD = ROOT / "benchmarks" / "exchange_child.py"  # by path: with --app-path, -m would find that checkout's
TARGET = at_most(20, "s")


def _edit_actions(store_path: Path, count: int) -> None:
    """``count`` actions changed through the service, as people change them between two exchanges."""
    from sqlalchemy import select

    from crc_reporter.services.actions import update_action
    from crc_reporter.store.models import Action
    from crc_reporter.store.open import open_store

    store = open_store(store_path, user="bench")
    try:
        with store.session() as session:
            for action_id in session.scalars(select(Action.id).order_by(Action.id).limit(count)).all():
                update_action(session, action_id, outcome="Reviewed in the second quarter")
    finally:
        store.close()


@measure(KEY, "Exchange", order=60)
def run(ctx: Context) -> list[Row]:
    name = f"Exchange of the {ctx.scales['100x']}x store: export + merge"
    try:
        exchange = importlib.import_module("crc_reporter.services.exchange")
    except ImportError as exc:
        return [not_available(KEY, name, f"crc_reporter.services.exchange cannot be imported ({exc})", TARGET, "s")]
    source = ctx.demo_store("100x")
    reps = ctx.repetitions(3, 1)
    folder = ctx.work / "exchange"
    folder.mkdir(exist_ok=True)

    def ours() -> float:
        return export_and_merge(exchange, source, ctx.empty_store(), folder / "package.crcx")

    try:
        values, bases = interleave(reps, ours, lambda: bare_copy(source, folder / "bare.zip"), warmup=False)
    except LookupError as exc:
        return [not_available(KEY, name, str(exc), TARGET, "s")]
    rows = [
        Row(
            KEY,
            name,
            unit="s",
            value=median(values),
            baseline=median(bases),
            baseline_name="SQLite backup + zip",
            target=TARGET,
            note="merged into an empty store",
            samples={"exchange_s": values, "bare_s": bases},
        )
    ]
    # issue 7's workload: a national tracker of 20,000 recommendations and 50,000 actions
    big, recs, acts = ctx.exchange_store()
    ctx.log(f"exchange: {recs:,} recommendations and {acts:,} actions, each in its own process (about a minute)")
    target = ctx.empty_store()
    env = ctx.child_env()
    runs: dict[str, tuple[float, float]] = {}

    def first() -> float:
        runs["exchange"] = timed_peak(
            [str(CHILD), "exchange", str(big), str(target), str(folder / "big.crcx")],
            env,
            ctx.work,
        )
        return runs["exchange"][0]

    def bare() -> float:
        runs["bare"] = timed_peak([str(CHILD), "bare", str(big), str(folder / "big-bare.zip")], env, ctx.work)
        return runs["bare"][0]

    value, base = interleave(1, first, bare, warmup=False)
    name = f"Exchange of {recs:,} recommendations and {acts:,} actions"
    rows += [
        Row(
            KEY,
            f"{name}: export + merge, first time",
            unit="s",
            value=median(value),
            baseline=median(base),
            baseline_name="SQLite backup + zip",
            target=ratio_at_most(2.5),
            note="the first export of the store, merged into an empty store (a new laptop joining); "
            "each in a fresh process, launch to exit",
            samples={"exchange_s": value, "bare_s": base},
        ),
        Row(
            KEY,
            f"{name}: export + merge, first time, peak memory",
            unit="MB",
            value=runs["exchange"][1],
            baseline=runs["bare"][1],
            baseline_name="SQLite backup + zip",
            target=at_most(300, "MB"),
            note="peak resident size of the process doing the export and the merge (os.wait4 ru_maxrss)",
        ),
    ]
    edits = min(1_000, acts)
    _edit_actions(big, edits)
    again = export_and_merge(exchange, big, target, folder / "big-again.crcx")
    rows.append(
        Row(
            KEY,
            f"{name}: export + merge, after {edits:,} edits",
            unit="s",
            value=again,
            baseline=median(base),
            baseline_name="SQLite backup + zip",
            target=TARGET,
            note="the next exchange between the same two copies (the everyday case)",
            samples={"exchange_s": [again]},
        )
    )
    return rows
