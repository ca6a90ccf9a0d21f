"""Exchange: export a package, then merge it into another store (target: 20 s together).

Timed through ``crc_reporter.services.exchange``'s own entry points, as the
window and ``crc-reporter merge`` call them: on the 100x store, and on issue
7's store (20,800 recommendations, 50,000 actions) the first time and after
1,000 edits. A build without that module says "not available". The baseline
is the plain copying an export cannot avoid: SQLite's online backup of the
store, zipped.
"""

from __future__ import annotations

import importlib
import inspect
import sqlite3
import time
import zipfile
from pathlib import Path
from types import ModuleType

from benchmarks.core import Row, at_most, interleave, measure, median, not_available
from benchmarks.fixtures import Context

KEY = "exchange"
TARGET = at_most(20, "s")


def _export_and_merge(exchange: ModuleType, source: Path, target: Path, package: Path) -> float:
    """Seconds to export ``source`` into ``package`` and merge that into ``target``."""
    export = getattr(exchange, "export_package", None)
    merge = getattr(exchange, "merge_package", None)
    if export is None or merge is None:
        raise LookupError("crc_reporter.services.exchange has no export_package/merge_package to time")
    from crc_reporter.store.open import open_store

    started = time.perf_counter()
    store = open_store(source, user="bench")
    try:
        with store.session() as session:
            export(session, package)
    finally:
        store.close()
    store = open_store(target, user="bench")
    try:
        with store.session() as session:
            # read, checked and sealed, as `crc-reporter merge --allow-untrusted` does (the package is unsigned;
            # a checkout from before the "require trusted packages" setting has no such argument)
            options = {"allow_untrusted": True} if "allow_untrusted" in inspect.signature(merge).parameters else {}
            merge(session, exchange.open_package(package), **options)
    finally:
        store.close()
    return time.perf_counter() - started


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


def _bare_copy(source: Path, package: Path) -> float:
    started = time.perf_counter()
    copy = package.with_suffix(".sqlite")
    src, out = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(copy)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(copy, "store.sqlite")
    copy.unlink()
    return time.perf_counter() - started


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
        return _export_and_merge(exchange, source, ctx.empty_store(), folder / "package.crcx")

    try:
        values, bases = interleave(reps, ours, lambda: _bare_copy(source, folder / "bare.zip"), warmup=False)
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
    ctx.log(f"exchange: {recs:,} recommendations and {acts:,} actions (twice; about 40 s)")
    target = ctx.empty_store()
    value, base = interleave(
        1,
        lambda: _export_and_merge(exchange, big, target, folder / "big.crcx"),
        lambda: _bare_copy(big, folder / "big-bare.zip"),
        warmup=False,
    )
    name = f"Exchange of {recs:,} recommendations and {acts:,} actions"
    rows.append(
        Row(
            KEY,
            f"{name}: export + merge, first time",
            unit="s",
            value=median(value),
            baseline=median(base),
            baseline_name="SQLite backup + zip",
            target=TARGET,
            note="the first export of the store, merged into an empty store (a new laptop joining)",
            samples={"exchange_s": value, "bare_s": base},
        )
    )
    edits = min(1_000, acts)
    _edit_actions(big, edits)
    again = _export_and_merge(exchange, big, target, folder / "big-again.crcx")
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
