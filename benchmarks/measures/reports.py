"""Report generation: the State party report against a bare python-docx script, and its growth with size.

The workload of issue 10 (150 recommendations, 1,000 actions) is "10x" of a
unit of 15 recommendations and 100 actions; 1x and 100x (1,500
recommendations, 10,000 actions) show whether the time per recommendation
stays flat (linear growth). The draft is written as the app writes it
(gathering from the store included); the baseline is
:mod:`benchmarks.bare_docx` writing the same paragraphs, tables and footnote
text, interleaved with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import bare_docx
from benchmarks.core import Row, interleave, measure, median, ratio_at_most
from benchmarks.fixtures import Context
from benchmarks.report_store import SYMBOL

KEY = "reports"
FULL_UNIT, QUICK_UNIT = (15, 100), (3, 20)
FULL_SIZES, QUICK_SIZES = (1, 10, 100), (1, 2, 4)


@contextmanager
def _timer(ctx: Context, recommendations: int, actions: int) -> Iterator[tuple[Callable[[], float], Path]]:
    """A function writing the State report of a store of this size, and the file it writes."""
    from crc_reporter.reports import ReportOptions, generate_report
    from crc_reporter.store.open import open_store

    store = open_store(ctx.report_store(recommendations, actions), user="bench")
    out = ctx.work / f"state-{recommendations}.docx"

    def write() -> float:
        started = time.perf_counter()
        with store.session() as session:
            generate_report(session, ReportOptions(kind="state", document=SYMBOL, lang="en", out=out))
        return time.perf_counter() - started

    try:
        yield write, out
    finally:
        store.close()


@measure(KEY, "Report generation", order=30)
def run(ctx: Context) -> list[Row]:
    unit_recs, unit_actions = QUICK_UNIT if ctx.quick else FULL_UNIT
    small, middle, large = QUICK_SIZES if ctx.quick else FULL_SIZES
    recs, actions = unit_recs * middle, unit_actions * middle

    reps = ctx.repetitions(5, 1)
    with _timer(ctx, recs, actions) as (ours, out):
        ours()  # warm-up, and the draft whose content the baseline writes
        content = bare_docx.content_of(out)
        bare_out = ctx.work / "bare.docx"
        ctx.log(f"report: {reps} x (State report on {recs} recommendations, bare python-docx with and without styles)")
        plain: list[float] = []

        def bare() -> float:
            plain.append(bare_docx.write(content, bare_out, styles=False))
            return bare_docx.write(content, bare_out)

        values, bases = interleave(reps, ours, bare, warmup=False)
    tables = sum(1 for kind, _v in content["items"] if kind == "t")
    per_rec = {middle: median(values) / recs}
    for size, size_reps in ((small, ctx.repetitions(5, 1)), (large, ctx.repetitions(3, 1))):
        with _timer(ctx, unit_recs * size, unit_actions * size) as (timer, _out):
            timer()
            ctx.log(f"report growth: {size_reps} x State report on {unit_recs * size} recommendations")
            per_rec[size] = median([timer() for _ in range(size_reps)]) / (unit_recs * size)
    rows = [
        Row(
            KEY,
            f"State party report, {recs:,} recommendations, {actions:,} actions",
            unit="s",
            value=median(values),
            baseline=median(bases),
            baseline_name="bare python-docx",
            target=ratio_at_most(1.5),
            note=f"{len(content['items']) - tables:,} paragraphs, {tables} tables, {len(content['footnotes']):,} "
            "footnotes; gathering the data from the store is included, the baseline writes only",
            samples={"report_s": values, "bare_s": bases},
        ),
        Row(
            KEY,
            "State party report, against bare python-docx without paragraph styles",
            unit="s",
            value=median(values),
            baseline=median(plain),
            baseline_name="bare, all Normal",
            note="for information: a stricter yardstick, since setting a style by name makes python-docx scan "
            "every style of its template each time",
            samples={"bare_plain_s": plain},
        ),
    ]
    for before, after in ((small, middle), (middle, large)):
        rows.append(
            Row(
                KEY,
                f"Report growth {before}x -> {after}x ({unit_recs * after:,} rec.), time per recommendation",
                unit="ms/rec",
                value=per_rec[after] * 1000,
                baseline=per_rec[before] * 1000,
                baseline_name=f"{before}x",
                target=ratio_at_most(1.5),
                note="linear growth keeps the time per recommendation flat (ratio about 1)" if after == large else "",
            )
        )
    return rows
