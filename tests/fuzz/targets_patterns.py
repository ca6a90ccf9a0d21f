"""Fuzz target: every pattern in ``crc_reporter.importers`` on adversarial strings, each use under 2 s.

Issue 21, finding 3: a few hundred bytes of digits hung the importer (a pattern
that tried every way to split them). Each input here is a prefix, one unit
(digits, a word, a symbol segment, a separator, or arbitrary text) repeated up
to thousands of times, and a suffix that makes the match fail at the end; it
goes through every module-level pattern (match, fullmatch, finditer) and every
function that applies patterns of its own (tests/fuzz/adversarial.py). The
normal run tries 8 inputs of up to 1,000 repeats; the long run 300 of up to
30,000 (about 300 KB).
"""

from __future__ import annotations

import time

from hypothesis import strategies as st

from tests.conftest import LONG_TESTS
from tests.fuzz.adversarial import PREFIXES, SUFFIXES, UNITS, every_use
from tests.fuzz.harness import FuzzTarget, register

PER_USE_SECONDS = 2.0
MAX_REPEATS = 30_000 if LONG_TESTS else 1_000
_USES = every_use()


class SlowPatternError(AssertionError):
    """One pattern took longer than :data:`PER_USE_SECONDS` on one input."""


def _strings() -> st.SearchStrategy[str]:
    return st.builds(
        lambda prefix, unit, repeats, suffix: prefix + unit * repeats + suffix,
        st.one_of(st.sampled_from(PREFIXES), st.text(max_size=40)),
        st.one_of(st.sampled_from(UNITS), st.text(min_size=1, max_size=8)),
        st.integers(1, MAX_REPEATS),
        st.one_of(st.sampled_from(SUFFIXES), st.text(max_size=8)),
    )


def run_every_pattern(text: str) -> str:
    for name, use in _USES.items():
        began = time.perf_counter()
        use(text)
        took = time.perf_counter() - began
        if took > PER_USE_SECONDS:
            raise SlowPatternError(f"{name} took {took:.1f} s on {len(text)} characters: {text[:60]!r}…")
    return "ok"


register(
    FuzzTarget(
        "importer patterns (adversarial strings)",
        run_every_pattern,
        expected=(),
        strategy=_strings,
        timeout=60.0,  # the backstop; each use is held to PER_USE_SECONDS
        memory_mb=300,
        examples=8,
        long_examples=300,
    )
)
