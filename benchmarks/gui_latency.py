"""Measure the window's start-up and search-as-you-type latency (run by hand; not part of the test suite).

    crc-reporter --db /tmp/big.sqlite demo --scale 200
    QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py /tmp/big.sqlite

Start-up: from before the first Qt import to the main window shown with its
first page's data loaded. Keystrokes: from each key press (a real key event on
the search box) to the table showing the new rows, the search box's debounce
included. Prints medians and maxima in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

STARTED = time.perf_counter()

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, until: Callable[[], bool] | None = None, timeout: float = 30.0) -> None:
    """Run the event loop until ``until()`` holds (or once round, without a condition)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(5)
        app.processEvents()
        if until is None or until():
            return


def main(target: str, words: str = "child justice pre-trial detention") -> None:
    os.environ.setdefault("CRC_REPORTER_HOME", tempfile.mkdtemp(prefix="crc-bench-"))
    from crc_reporter.ui.app import build_window

    window = build_window(target)
    window.resize(1366, 768)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dashboard = window.pages["dashboard"]
    settle(app, lambda: window.tasks.active == 0 and dashboard.figures is not None)
    startup = time.perf_counter() - STARTED

    window.navigate("recommendations")
    page = window.pages["recommendations"]
    settle(app, lambda: page._loaded and window.tasks.active == 0)
    total = len(page._rows)
    resets: list[float] = []
    page.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
    latencies = []
    page.search.setFocus()
    for word in (words, ""):
        text = word or ""
        for ch in text:
            before = len(resets)
            pressed = time.perf_counter()
            QTest.keyClick(page.search, ch)
            settle(app, lambda b=before: len(resets) > b, timeout=5)
            latencies.append((resets[-1] - pressed) * 1000)
        page.search.clear()
        settle(app)
    print(f"rows: {total}")
    print(f"start-up to dashboard shown with data: {startup * 1000:.0f} ms")
    print(
        f"keystroke to table updated ({len(latencies)} keys, 30 ms debounce included): "
        f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms"
    )
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
