"""The fuzz harness every parser of outside input plugs into.

A *target* is a function that takes one generated input and either returns or
raises one of its *expected* errors — the one-line errors people see
(``StoreError``, ``ServiceError``, an importer's own error class). Anything
else fails: an unexpected exception, a hang (more than ``timeout`` seconds,
10 by default), or memory growing by more than ``memory_mb`` for one input.

To fuzz a new parser (an importer, a template reader, a package reader), add a
module ``tests/fuzz/targets_<name>.py`` that calls :func:`register`; the
suite (``tests/fuzz/test_fuzz.py``) finds it by its name, nothing else to edit::

    from tests.fuzz.harness import FuzzTarget, register

    register(
        FuzzTarget(
            name="docx importer",
            run=lambda data: read_docx(io.BytesIO(data)),
            expected=(ImportFailed,),
            seeds=lambda: [minimal_docx(), docx_with_tables()],  # built in code
        )
    )

Inputs are bytes by default: random bytes, and mutations of the seeds (bit
flips, overwritten runs, truncation, duplicated and inserted chunks) — for a
zip-based format, mutating a valid file reaches far deeper than random bytes.
A target may instead give its own Hypothesis ``strategy`` (for command-line
arguments, JSON…). ``examples`` runs per target: 40 in CI, 2,000 in the long
run (``CRC_REPORTER_LONG_TESTS=1``), or ``CRC_REPORTER_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from tests.conftest import LONG_TESTS

DEFAULT_EXAMPLES = int(os.environ.get("CRC_REPORTER_FUZZ_EXAMPLES") or (2000 if LONG_TESTS else 40))


class FuzzHangError(AssertionError):
    """A target ran longer than its timeout on one input."""


@dataclass(frozen=True)
class FuzzTarget:
    name: str
    run: Callable[[Any], object]
    expected: tuple[type[BaseException], ...] = ()
    seeds: Callable[[], Sequence[bytes]] = field(default=lambda: ())
    strategy: Callable[[], st.SearchStrategy[Any]] | None = None  # instead of bytes
    max_size: int = 64 * 1024  # of random inputs; mutated seeds keep their own size
    timeout: float = 10.0
    memory_mb: int = 512
    examples: int | None = None  # runs in CI (default 40)
    long_examples: int | None = None  # runs in the long run (default 2,000)

    @property
    def runs(self) -> int:
        if os.environ.get("CRC_REPORTER_FUZZ_EXAMPLES"):
            return DEFAULT_EXAMPLES
        if LONG_TESTS:
            return self.long_examples or DEFAULT_EXAMPLES
        return self.examples or DEFAULT_EXAMPLES


TARGETS: dict[str, FuzzTarget] = {}


def register(target: FuzzTarget) -> FuzzTarget:
    if target.name in TARGETS:
        raise ValueError(f"two fuzz targets are called {target.name!r}")
    TARGETS[target.name] = target
    return target


# --- inputs -----------------------------------------------------------------------


@st.composite
def _mutated(draw: st.DrawFn, seeds: Sequence[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("flip", "run", "truncate", "insert", "duplicate", "delete")))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "run":
            chunk = draw(st.binary(min_size=1, max_size=32))
            data[at : at + len(chunk)] = chunk
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "duplicate" and data:
            end = min(len(data), at + draw(st.integers(1, 512)))
            data[at:at] = data[at:end] * draw(st.integers(1, 4))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 256))]
    return bytes(data)


def inputs(target: FuzzTarget) -> st.SearchStrategy[Any]:
    if target.strategy is not None:
        return target.strategy()
    random_bytes = st.binary(max_size=target.max_size)
    seeds = list(target.seeds())
    if not seeds:
        return random_bytes
    return st.one_of(st.sampled_from(seeds), _mutated(seeds), random_bytes)


# --- running one input ------------------------------------------------------------


def _max_rss_mb() -> float:
    """The process's peak memory so far (0 where the platform cannot tell: no memory check there)."""
    try:
        import resource  # POSIX only
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@contextlib.contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """Interrupt Python code after ``seconds``; a hang inside C code ends the process with a traceback."""

    def hang(_signum: int, _frame: object) -> None:
        raise FuzzHangError(f"no answer after {seconds:.0f} s")

    alarm = hasattr(signal, "SIGALRM")  # POSIX; elsewhere only the faulthandler backstop
    previous = signal.signal(signal.SIGALRM, hang) if alarm else None
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 3, exit=True)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


SLOWEST: dict[str, float] = {}  # target name -> seconds of its slowest input so far


def run_one(target: FuzzTarget, value: Any) -> str:
    """Run the target on one input; returns its outcome, or the name of the expected error it raised."""
    before = _max_rss_mb()
    outcome = "ok"
    started = time.perf_counter()
    with _watchdog(target.timeout):
        try:
            result = target.run(value)
            outcome = result if isinstance(result, str) else "ok"  # a target may name its outcome
        except target.expected as exc:
            outcome = type(exc).__name__
    elapsed = time.perf_counter() - started
    SLOWEST[target.name] = max(SLOWEST.get(target.name, 0.0), elapsed)
    grown = _max_rss_mb() - before
    assert grown <= target.memory_mb, f"{target.name}: memory grew by {grown:.0f} MB on one input"
    return outcome
