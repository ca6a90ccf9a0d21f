"""Search as you type while the machine is busy (run inside ``gui_probe typing``; issue 17, item 8).

The recommendations page is opened on the store and every row loaded; each word is then typed one key
at a time with real key events. Three things are recorded per keystroke:

* *key to repaint*: from the key press to the end of the table's repaint showing the rows that match
  the text now in the box (the query runs on a worker thread, so this includes handing its answer back);
* *search's time on the interface thread*: the page's own work for the keystroke on the interface thread
  (starting the query; once its answer is back, the model reset, the selection, and showing the detail
  of the row the search selected, loaded on a worker or, if the page loads it itself, on this thread),
  timed around those calls;
* the longest gap of a 1 ms timer on the interface thread while typing: what a person would feel as a
  stutter, whatever caused it (painting included).

The search box's pause after a keystroke (30 ms in an older app; none since issue 25) is set to 0, and
a keystroke whose answer is the rows already on screen is done when it is known (no repaint follows),
as in :mod:`benchmarks.search_probe`.
The parent measure runs a CPU loop in another process beside this one (a busy second core).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.search_probe import settle


class _Painted(QObject):
    """Notes the end of the first table repaint after the rows for the current text were shown."""

    def __init__(self, marks: dict[str, Any]) -> None:
        super().__init__()
        self.marks = marks

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and "shown" in self.marks and "painted" not in self.marks:
            QTimer.singleShot(0, lambda: self.marks.setdefault("painted", time.perf_counter()))
        return False


def _bare_queries(store: str, texts: list[str]) -> list[float]:
    """The baseline: each text's full-text query on a bare ``sqlite3`` connection (after the typing)."""
    import sqlite3

    from crc_reporter.services.search import _fts5_prefixes, query_terms

    bare = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    times = []
    for text in texts:
        terms = query_terms(text)
        started = time.perf_counter()
        if terms:
            sql = "SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH ?"
            bare.execute(sql, (_fts5_prefixes(terms),)).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    bare.close()
    return times


def measure_busy_typing(store: str, words: list[str]) -> dict[str, Any]:
    from crc_reporter.ui.app import build_window

    window = build_window(store)
    window.resize(1366, 768)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.navigate("recommendations")
    page: Any = window.pages["recommendations"]  # its private parts are timed
    if not settle(app, lambda: page._loaded and window.tasks.active == 0, timeout=180):
        raise RuntimeError("the recommendations were not loaded within 180 s")

    marks: dict[str, Any] = {}
    on_thread: list[float] = []  # seconds of search work on the interface thread, per call
    on_cpu: list[float] = []  # the same calls' processor time on that thread (what a busy machine cannot inflate)
    by_kind: dict[str, float] = {"keystroke": 0.0, "rows shown": 0.0, "detail loaded": 0.0}  # the longest of each
    painted = _Painted(marks)  # kept referenced: an event filter Python collects stops filtering
    page.table.viewport().installEventFilter(painted)
    apply_filters, show_filtered = page.apply_filters, page._show_filtered

    def timed_apply() -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        apply_filters()
        on_thread.append(time.perf_counter() - started)
        on_cpu.append(time.thread_time() - cpu)
        by_kind["keystroke"] = max(by_kind["keystroke"], on_thread[-1])

    reset = {"seen": False}
    page.model.modelReset.connect(lambda: reset.update(seen=True))

    def timed_show(flt: Any, matching: Any, prepared: Any = None) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        reset["seen"] = False
        show_filtered(flt, matching, prepared)
        on_thread.append(time.perf_counter() - started)
        on_cpu.append(time.thread_time() - cpu)
        by_kind["rows shown"] = max(by_kind["rows shown"], on_thread[-1])
        marks["shown"] = flt.query
        if not reset["seen"]:  # the table already showed these rows: nothing to repaint
            marks.setdefault("painted", time.perf_counter())

    show_detail = page.detail.show_recommendation
    show_data = getattr(page.detail, "show_data", None)  # (an older app, measured with --app-path, has none)
    inside = {"detail": False}

    def timed_detail(rec_id: Any) -> None:  # a detail loaded on the interface thread (a click, say)
        started, cpu = time.perf_counter(), time.thread_time()
        inside["detail"] = True
        try:
            show_detail(rec_id)
        finally:
            inside["detail"] = False
        on_thread.append(time.perf_counter() - started)
        on_cpu.append(time.thread_time() - cpu)
        by_kind["detail loaded"] = max(by_kind["detail loaded"], on_thread[-1])

    def timed_data(data: Any) -> None:  # the detail of the row a search selected, loaded on a worker, shown
        assert show_data is not None
        if inside["detail"]:
            show_data(data)  # counted by timed_detail
            return
        started, cpu = time.perf_counter(), time.thread_time()
        show_data(data)
        on_thread.append(time.perf_counter() - started)
        on_cpu.append(time.thread_time() - cpu)
        by_kind["detail loaded"] = max(by_kind["detail loaded"], on_thread[-1])

    page.apply_filters = timed_apply  # the search box calls it by name
    page._show_filtered = timed_show
    page.detail.show_recommendation = timed_detail
    if show_data is not None:
        page.detail.show_data = timed_data

    gaps = {"last": time.perf_counter(), "max": 0.0, "on": False}

    def tick() -> None:
        now = time.perf_counter()
        if gaps["on"]:
            gaps["max"] = max(float(gaps["max"]), now - float(gaps["last"]))
        gaps["last"] = now

    ticker = QTimer(window)
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    ticker.start()
    page.search._timer.setInterval(0)

    typed: list[str] = []

    def type_words() -> list[float]:
        latencies: list[float] = []
        page.search.setFocus()
        for word in words:
            for ch in word:
                marks.clear()
                wanted = page.search.text() + ch
                shown = page._shown_filter
                pressed = time.perf_counter()
                QTest.keyClick(page.search, ch)  # type: ignore[call-overload]  # a character
                app.processEvents()
                if page._shown_filter is shown and page.current_filter() == shown:
                    # the same question (a space after a word): the rows on screen are already its answer
                    latencies.append((time.perf_counter() - pressed) * 1000)
                    typed.append(wanted)
                    continue
                if not settle(
                    app,
                    lambda w=wanted: "painted" in marks and marks.get("shown") == w.strip(),
                    timeout=10,
                ):
                    raise RuntimeError(f"the rows for {wanted!r} were not shown: {marks} {page.search.text()!r}")
                latencies.append((marks["painted"] - pressed) * 1000)
                typed.append(wanted)
            page.search.set_text_now("")
            settle(app, lambda: window.tasks.active == 0, timeout=10)
        return latencies

    type_words()  # warm-up: the first queries fill SQLite's page cache
    on_thread.clear()
    on_cpu.clear()
    typed.clear()
    by_kind.update(dict.fromkeys(by_kind, 0.0))
    gaps["max"], gaps["last"], gaps["on"] = 0.0, time.perf_counter(), True
    latencies = type_words()
    gaps["on"] = False
    ticker.stop()
    return {
        "bare_ms": _bare_queries(store, typed),
        "rows": len(page._rows),
        "keystrokes_ms": latencies,
        "search_on_ui_thread_ms": [t * 1000 for t in on_thread],
        "search_on_ui_thread_cpu_ms": [t * 1000 for t in on_cpu],
        "longest_gap_ms": float(gaps["max"]) * 1000,
        "longest_by_kind_ms": {kind: t * 1000 for kind, t in by_kind.items()},
    }
