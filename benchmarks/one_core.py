"""``python -m benchmarks --one-core``: the suite on one processor core shared with a busy loop.

Our users' laptops are about twice as slow as the development machine. The
run pins itself (and so every process it starts: the app, its baselines) to
one core with ``sched_setaffinity`` (what ``taskset -c N`` does) and starts a
process that spins on that same core for the whole run, so every measure and
its baseline get about half a core, as on an old laptop with something else
running. Ratios stay comparable with a normal run; absolute times roughly double.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Spins until its parent goes away (so a run that is killed leaves no loop behind).
BUSY_LOOP = "import os\nparent = os.getppid()\nwhile os.getppid() == parent:\n    pass\n"


def available() -> str | None:
    """Why the one-core run cannot be done here (None: it can)."""
    if not hasattr(os, "sched_setaffinity"):
        return "--one-core needs a system that can pin processes to a core (Linux)"
    return None


@contextmanager
def one_core() -> Iterator[str]:
    """Pin this process to one core and keep that core busy beside it; yields a description for the table."""
    before = os.sched_getaffinity(0)
    core = min(before)
    os.sched_setaffinity(0, {core})
    busy = subprocess.Popen([sys.executable, "-c", BUSY_LOOP], stdin=subprocess.DEVNULL)  # inherits the pinning
    try:
        yield f"one core (cpu {core}) shared with a busy loop"
    finally:
        busy.kill()
        busy.wait()
        os.sched_setaffinity(0, before)
