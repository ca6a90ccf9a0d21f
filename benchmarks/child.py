"""Running a measured process: its wall time from launch to exit, and its own peak resident size.

``os.wait4`` gives the resource usage of one child (``ru_maxrss``: kilobytes on
Linux, bytes on macOS), unlike ``RUSAGE_CHILDREN``, which keeps the largest of
every child the suite has waited for. A child started straight from the suite
would carry the suite's own peak (Linux keeps the high-water mark across fork
and exec), so :func:`peak_of` reads it through a small launcher process
(:data:`_LAUNCHER`, a bare interpreter of about 10 MB) that starts the command
and reports the command's ``ru_maxrss``.

With ``--app-path DIR`` the command must run DIR's ``crc_reporter``: ``python -m``
puts the current folder first on ``sys.path``, so children run in DIR (else in
this checkout), with DIR first on ``PYTHONPATH`` for scripts started by path.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_LAUNCHER = (
    "import os, sys, subprocess\n"
    "proc = subprocess.Popen(sys.argv[2:])\n"
    "_pid, status, usage = os.wait4(proc.pid, 0)\n"
    "open(sys.argv[1], 'w').write(repr(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_child(args: list[str], env: dict[str, str], stdout: Path | None = None) -> float:
    """Seconds ``python ARGS`` takes from launch to exit; ``RuntimeError`` with its last lines when it fails."""
    app = os.environ.get("CRC_BENCH_APP_PATH")
    if app:
        env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [app, env.get("PYTHONPATH", "")]))}
    with open(stdout or os.devnull, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, *args], env=env, cwd=app or ROOT, stdout=out, stderr=subprocess.PIPE, check=False
        )
        seconds = time.perf_counter() - started
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
        raise RuntimeError(f"{' '.join(args[:3])} … exited {proc.returncode}: {tail}")
    return seconds


def timed_peak(args: list[str], env: dict[str, str], work: Path) -> tuple[float, float]:
    """Seconds and peak resident size (MB) of ``python ARGS``, read through the launcher.

    The seconds include the launcher's own start (a few tens of milliseconds): use :func:`run_child`
    for short commands.
    """
    report = work / f"peak-{time.perf_counter_ns()}.txt"
    seconds = run_child(["-c", _LAUNCHER, str(report), sys.executable, *args], env)
    value = int(report.read_text(encoding="ascii"))
    report.unlink()
    return seconds, value / (1024 * 1024 if sys.platform == "darwin" else 1024)


def peak_of(args: list[str], env: dict[str, str], work: Path) -> float:
    """The peak resident size (MB) of ``python ARGS``, read through the launcher."""
    return timed_peak(args, env, work)[1]
