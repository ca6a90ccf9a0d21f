"""The parts every measure shares: the registry, result rows, targets, statistics and the table.

A measure is a function ``run(ctx) -> list[Row]`` registered with
:func:`measure`; a module in :mod:`benchmarks.measures` holds one. A row
carries its value, the baseline measured in the same run, the target, and
says whether the target is met; a measure that cannot run (a module not
merged yet, a missing tool) gives a row marked *not available* with the reason.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.fixtures import Context


@dataclass(frozen=True)
class Target:
    """``limit`` applies to the value (``kind="max"``) or to the value/baseline ratio (``kind="ratio"``)."""

    kind: str
    limit: float
    unit: str = ""

    def met(self, value: float, ratio: float | None) -> bool | None:
        if self.kind == "ratio":
            return None if ratio is None else ratio <= self.limit
        return value <= self.limit

    def text(self) -> str:
        if self.kind == "ratio":
            return f"<= {self.limit:g}x baseline"
        return f"<= {self.limit:g} {self.unit}".rstrip()


def at_most(limit: float, unit: str) -> Target:
    return Target("max", limit, unit)


def ratio_at_most(limit: float) -> Target:
    return Target("ratio", limit)


@dataclass
class Row:
    measure: str  # the registry key of the measure that made it
    name: str
    unit: str = ""
    value: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    target: Target | None = None  # None: shown for information
    note: str = ""
    unavailable: str | None = None  # why there is no value
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.unavailable is not None or self.value is None or self.target is None:
            return None
        return self.target.met(self.value, self.ratio)

    @property
    def result(self) -> str:
        if self.unavailable is not None:
            return "n/a"
        passed = self.passed
        return "info" if passed is None else ("pass" if passed else "FAIL")

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "name": self.name,
            "unit": self.unit,
            "value": self.value,
            "baseline": self.baseline,
            "baseline_name": self.baseline_name,
            "ratio": self.ratio,
            "target": self.target.text() if self.target else None,
            "result": self.result,
            "note": self.note,
            "unavailable": self.unavailable,
            "samples": self.samples,
        }


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    order: int
    run: Callable[[Context], list[Row]]


REGISTRY: dict[str, Measure] = {}


def measure(key: str, title: str, order: int) -> Callable[[Callable[[Context], list[Row]]], Callable[..., list[Row]]]:
    """Register ``run(ctx) -> list[Row]`` as the measure ``key``."""

    def register(run: Callable[[Context], list[Row]]) -> Callable[[Context], list[Row]]:
        REGISTRY[key] = Measure(key, title, order, run)
        return run

    return register


def not_available(key: str, name: str, reason: str, target: Target | None = None, unit: str = "") -> Row:
    return Row(key, name, unit=unit, target=target, unavailable=reason)


# --- statistics --------------------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """The 95th percentile (linear interpolation between the closest ranks)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = 0.95 * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def interleave(
    reps: int, subject: Callable[[], float], baseline: Callable[[], float], *, warmup: bool = True
) -> tuple[list[float], list[float]]:
    """Run the subject and its baseline ``reps`` times each, alternating which goes first.

    Whatever else loads the machine then weighs on both alike. Each callable
    returns its own measurement (seconds, bytes…); a warm-up pair is discarded.
    """
    if warmup:
        subject()
        baseline()
    values: list[float] = []
    bases: list[float] = []
    for i in range(reps):
        if i % 2 == 0:
            values.append(subject())
            bases.append(baseline())
        else:
            bases.append(baseline())
            values.append(subject())
    return values, bases


# --- the table -----------------------------------------------------------------------------------------
def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.2f} s"
    if unit in ("ms", "MB", "ms/rec"):
        return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{value:.3g} {unit}".rstrip()


def table_lines(rows: list[Row], markdown: bool = False) -> list[str]:
    header = ["measure", "value", "baseline (same run)", "ratio", "target", "result"]
    body = []
    for row in rows:
        ratio = row.ratio
        baseline = _number(row.baseline, row.unit)
        if row.baseline_name and row.baseline is not None:
            baseline = f"{baseline} ({row.baseline_name})"
        body.append(
            [
                row.name,
                _number(row.value, row.unit) if row.unavailable is None else "not available",
                baseline if row.unavailable is None else "—",
                f"{ratio:.2f}x" if ratio is not None else "—",
                row.target.text() if row.target else "—",
                row.result,
            ]
        )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
    else:
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
        lines += [fmt.format(*cells) for cells in body]
    notes = [f"- {row.name}: {row.unavailable or row.note}" for row in rows if row.unavailable or row.note]
    if notes:
        lines += ["", "Notes:", *notes]
    return lines
