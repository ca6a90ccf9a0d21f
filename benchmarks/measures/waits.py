"""The heaviest interactive waits, on the 100x store: what a click costs before its answer is on screen.

One fresh app process per repetition (``gui_probe waits``, see
:mod:`benchmarks.waits_probe`) clicks through: every page in the sidebar, the
recommendation with 50 linked actions and 20 assessments, the import dialog's
preview of a 60-page document and the merge dialog's preview of issue 7's
package (the exchange workload's export, read against the 100x store). Each
gives the time from the click to the first paint with its data (for
information) and the longest stall of the interface thread (target: none
over 100 ms). The baseline is a click with no work behind it (the sidebar's
current page clicked again), timed the same way in the same process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.core import Row, at_most, measure, median
from benchmarks.fixtures import Context, copy_sqlite

KEY = "waits"
STALL_TARGET_MS = 100.0
ACTIONS, ASSESSMENTS = 50, 20


def heavy_recommendation(store_path: Path) -> int:
    """Give one recommendation 50 linked actions and 20 assessments (as people record them); its id."""
    from sqlalchemy import select

    from crc_reporter.domain.enums import AssessmentSide, ImplementationStatus
    from crc_reporter.services.actions import create_action, link_action
    from crc_reporter.services.assessments import record_assessment
    from crc_reporter.store.models import Recommendation
    from crc_reporter.store.open import open_store

    store = open_store(store_path, user="bench")
    try:
        with store.session() as session:
            rec_id = session.scalars(select(Recommendation.id).order_by(Recommendation.id.desc())).first()
            assert rec_id is not None
            for i in range(ACTIONS):
                action = create_action(session, f"Measure {i + 1} for the heavy recommendation", description="x" * 200)
                link_action(session, action.id, rec_id)
            statuses = [s.value for s in ImplementationStatus]
            sides = [s.value for s in AssessmentSide]
            start = dt.date(2020, 1, 1)
            for i in range(ASSESSMENTS):
                record_assessment(
                    session,
                    rec_id,
                    sides[i % len(sides)],
                    statuses[i % len(statuses)],
                    assessed_on=start + dt.timedelta(days=30 * i),
                    note=f"Assessment {i + 1}",
                )
    finally:
        store.close()
    return rec_id


def issue7_package(ctx: Context) -> Path | None:
    """Issue 7's exchange workload exported as a package (None when this checkout has no exchange)."""
    try:
        from crc_reporter.services.exchange import export_package
    except ImportError:
        return None
    from crc_reporter.store.open import open_store

    source, _recs, _actions = ctx.exchange_store()
    package = ctx.work / "waits" / "issue7.crcx"
    package.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(source, user="bench")
    try:
        with store.session() as session:
            export_package(session, package)
    finally:
        store.close()
    return package


def _group(runs: list[dict[str, dict[str, float]]], prefix: str) -> tuple[list[float], list[float], str]:
    """Per run, the worst paint and stall of the steps named ``prefix…``; and which step was worst."""
    paints, stalls, worst = [], [], ""
    for steps in runs:
        chosen = {name: v for name, v in steps.items() if name.startswith(prefix)}
        paints.append(max(v["paint_ms"] for v in chosen.values()))
        name, value = max(chosen.items(), key=lambda kv: kv[1]["stall_ms"])
        stalls.append(value["stall_ms"])
        worst = name
    return paints, stalls, worst


@measure(KEY, "Interactive waits", order=55)
def run(ctx: Context) -> list[Row]:
    cached = ctx.demo_store("100x")
    store = copy_sqlite(cached, ctx.work / "waits" / "store.sqlite")
    rec_id = heavy_recommendation(store)
    document, _pdf, pages = ctx.co_documents("en")
    package = issue7_package(ctx)
    args = ["--db", str(store), "--rec", str(rec_id), "--document", str(document)]
    if package is not None:
        args += ["--package", str(package)]
    reps = ctx.repetitions(3, 1)
    ctx.log(f"interactive waits: {reps} x (app on the {ctx.scales['100x']}-copy store, clicked through)")
    runs = [ctx.run_probe("waits", *args, timeout=900)["steps"] for _ in range(reps)]
    base_paint = median([r["baseline"]["paint_ms"] for r in runs])
    base_stall = median([r["baseline"]["stall_ms"] for r in runs])
    scale = ctx.scales["100x"]
    groups = [
        ("recommendation:", f"Opening a recommendation with {ACTIONS} actions and {ASSESSMENTS} assessments"),
        ("page:", f"Switching pages, {scale}x store (the slowest page)"),
        ("dialog:import", f"Import dialog's preview of {pages}-page concluding observations"),
        ("dialog:merge", "Merge dialog's preview of issue 7's package"),
    ]
    rows: list[Row] = []
    for prefix, title in groups:
        if not all(any(name.startswith(prefix) for name in steps) for steps in runs):
            continue
        paints, stalls, worst = _group(runs, prefix)
        detail = ""
        if prefix == "page:":
            per_page = {
                name[5:]: median([steps[name]["paint_ms"] for steps in runs])
                for name in runs[0]
                if name in runs[-1]
                if name.startswith("page:")
            }
            detail = "; per page, click to data painted: " + ", ".join(f"{k} {v:.0f} ms" for k, v in per_page.items())
        rows += [
            Row(
                KEY,
                f"{title}: click to first useful paint",
                unit="ms",
                value=median(paints),
                baseline=base_paint,
                baseline_name="a click with no work",
                note=f"for information; median of {len(runs)} fresh processes{detail}",
                samples={"paint_ms": paints},
            ),
            Row(
                KEY,
                f"{title}: longest stall of the interface thread",
                unit="ms",
                value=median(stalls),
                baseline=base_stall,
                baseline_name="a click with no work",
                target=at_most(STALL_TARGET_MS, "ms"),
                note=f"worst step: {worst}; worst of the runs {max(stalls):.0f} ms",
                samples={"stall_ms": stalls},
            ),
        ]
    return rows
