"""Building hundreds of thousands of records without Python's cyclic collector running in between.

An exchange of a large store creates a dict, a list and a tuple or two per
record, 300,000 records at a time. Every 700 new objects the cyclic collector
runs, and each of its full passes walks every object made so far: measured on
a store of 20,800 recommendations and 50,000 actions, an eighth of the time of
an export plus a merge (2.6 s of 20 s) went to collections that found nothing
to free, since these records hold no cycles. So the heavy parts of an exchange
pause the collector, and it runs again (catching up) when the last of them ends.

The pause is process-wide (the window's thread does not collect either while a
merge runs in the background, for those few seconds) and counted: of two
overlapping exchanges, the one that ends first does not resume it early; a
collector that was off before stays off.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_depth = 0
_resume = False

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()


def without_collector(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the collector paused (see the module's docstring)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return wrapper
