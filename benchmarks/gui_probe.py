"""Runs in a fresh process started by the suite; times a window and prints one line ``BENCH {json}``.

    python -m benchmarks.gui_probe bare
    python -m benchmarks.gui_probe app --db STORE [--then-recommendations]
    python -m benchmarks.gui_probe search --db STORE WORD…
    python -m benchmarks.gui_probe typing --db STORE WORD…
    python -m benchmarks.gui_probe waits --db STORE --rec ID [--document FILE] [--package FILE]

Times count from ``CRC_BENCH_T0``, the wall-clock time at which the parent
launched this process, so interpreter start-up and every import are included.

*Interactive* is when the main window has painted its first frame and the
event loop then runs a queued call: the window is on screen and answers input.
The probe learns of the window by wrapping ``QWidget.show``; it then watches
paint events, so the bare window and the app are timed by the same code.
``app`` also reports when the first page's data are shown (the dashboard's
figures: ``data``, which counts the figures kept from the last session shown
while the store opens, ``early``; ``data_open``, once the store is open and
the page shows them), the longest the event loop stalled until then, and, with
``--then-recommendations``, the peak memory once the recommendations page
shows every row.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

T0 = float(os.environ.get("CRC_BENCH_T0") or time.time())
RESULT: dict[str, Any] = {}


def since_launch() -> float:
    return time.time() - T0


def peak_rss_mb() -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def finish(**values: Any) -> None:
    RESULT.update(values)
    RESULT.setdefault("rss_mb", peak_rss_mb())
    print("BENCH " + json.dumps(RESULT), flush=True)
    os._exit(0)  # the measure is taken; tearing Qt down would only add noise and time


def fail(message: str) -> None:
    print("BENCH " + json.dumps({"error": message}), flush=True)
    os._exit(1)


def watch_first_frame(on_interactive: Any) -> None:
    """Call ``on_interactive(window)`` once the first top-level window shown has painted and the loop is free."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    state: dict[str, Any] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            window = state.get("window")
            if (
                window is not None
                and "paint" not in state
                and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and obj.window() is window
            ):
                state["paint"] = since_launch()
                QTimer.singleShot(0, interactive)
            return False

    def interactive() -> None:
        RESULT["first_paint"] = state["paint"]
        RESULT["interactive"] = since_launch()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(state["filter"])
        on_interactive(state["window"])

    def wrap(name: str) -> None:
        original = getattr(QWidget, name)

        def shown(self: QWidget, *args: Any) -> Any:
            if "window" not in state and self.isWindow():
                state["window"] = self
                RESULT["show_called"] = since_launch()
                app = QApplication.instance()
                state["filter"] = FirstPaint()
                if app is not None:
                    app.installEventFilter(state["filter"])
            return original(self, *args)

        setattr(QWidget, name, shown)

    for name in ("show", "showMaximized", "showNormal", "showFullScreen"):
        wrap(name)


# --- the baseline: a bare PySide6 window showing an empty table ------------------------------------------------
def run_bare() -> None:
    watch_first_frame(lambda _w: finish())
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    model = QStandardItemModel(0, 6, window)
    model.setHorizontalHeaderLabels(["Document", "No.", "Text", "Cluster", "Status", "Actions"])
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.setWindowTitle("Bare window")
    window.resize(1280, 800)
    window.show()
    app.exec()


# --- the application, started as ``crc-reporter --db STORE`` starts it ------------------------------------------
def run_app(store: str, then_recommendations: bool) -> None:
    def interactive(window: Any) -> None:
        from PySide6.QtCore import QTimer

        ticks = {"last": time.perf_counter(), "stall": 0.0}

        # the figures kept from the last session count once on screen (an older checkout has none)
        opening = sys.modules.get("crc_reporter.ui.opening")
        dashboard_figures_shown = getattr(opening, "dashboard_figures_shown", None)

        def page_ready() -> bool:
            page = getattr(window, "pages", {}).get("dashboard")
            return page is not None and getattr(page, "figures", None) is not None and window.tasks.active == 0

        def dashboard_ready() -> bool:
            if dashboard_figures_shown is not None and dashboard_figures_shown(window):
                RESULT.setdefault("early", getattr(window, "early_view", None) is not None)
                return True
            return page_ready()

        def recommendations_ready() -> bool:
            page = window.pages.get("recommendations")
            return page is not None and page._loaded and window.tasks.active == 0 and page.model.rowCount() > 0

        stalls: list[tuple[float, float]] = []
        RESULT["stalls_ms"] = stalls  # (when, how long) of every stall over 50 ms, for a closer look

        def tick() -> None:
            now = time.perf_counter()
            if now - ticks["last"] > 0.05:
                stalls.append((round(since_launch() * 1000), round((now - ticks["last"]) * 1000)))
            ticks["stall"] = max(ticks["stall"], now - ticks["last"])
            ticks["last"] = now
            if "data" not in RESULT and dashboard_ready():
                RESULT["data"] = since_launch()
                RESULT["stall_ms"] = ticks["stall"] * 1000
            if "data_open" not in RESULT:
                if page_ready():  # the store open and the page showing figures it read itself (or adopted)
                    RESULT["data_open"] = since_launch()
                    RESULT.setdefault("data", RESULT["data_open"])
                    RESULT.setdefault("stall_ms", ticks["stall"] * 1000)
                    RESULT["stall_open_ms"] = ticks["stall"] * 1000
                    RESULT["rss_dashboard_mb"] = peak_rss_mb()
                    if not then_recommendations:
                        finish()
                    window.navigate("recommendations")
            elif recommendations_ready():
                RESULT["recommendations"] = since_launch()
                RESULT["rows"] = window.pages["recommendations"].model.rowCount()
                QTimer.singleShot(50, lambda: finish())  # let the table paint its rows first
            if since_launch() > 120:
                fail("the window did not show its data within 120 s")

        timer = QTimer(window)
        timer.timeout.connect(tick)
        timer.start(5)

    watch_first_frame(interactive)
    from crc_reporter.cli import main

    main(["--db", store])
    fail("the application quit before the probe finished")


# --- search as you type -------------------------------------------------------------------------------------------
def run_search(store: str, words: list[str]) -> None:
    from benchmarks.search_probe import measure_typing

    finish(**measure_typing(store, words))


def run_typing(store: str, words: list[str]) -> None:
    from benchmarks.typing_probe import measure_busy_typing

    finish(**measure_busy_typing(store, words))


def run_waits(store: str, options: list[str]) -> None:
    from benchmarks.waits_probe import measure_waits

    named = dict(zip(options[::2], options[1::2], strict=False))
    measure_waits(store, int(named["--rec"]), named.get("--document"), named.get("--package"))


def main(argv: list[str]) -> None:
    if not argv:
        fail("usage: gui_probe bare | app --db STORE [--then-recommendations] | search|typing --db STORE WORD…")
    mode, rest = argv[0], argv[1:]
    if mode == "bare":
        run_bare()
    elif mode in ("app", "search", "typing", "waits") and len(rest) >= 2 and rest[0] == "--db":
        if mode == "waits":
            run_waits(rest[1], rest[2:])
        elif mode == "app":
            run_app(rest[1], "--then-recommendations" in rest[2:])
        elif mode == "typing":
            run_typing(rest[1], rest[2:])
        else:
            run_search(rest[1], rest[2:])
    fail(f"unknown probe arguments: {argv}")


if __name__ == "__main__":
    main(sys.argv[1:])
