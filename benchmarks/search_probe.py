"""Search as you type, through the window's own search path (run inside ``gui_probe search``).

The recommendations page is opened on the store and every row loaded; then
each word is typed one key at a time with real key events on the search box.
A keystroke is timed from the key press to the end of the table's repaint
that shows the new rows: the key handling, the full-text query (on a worker
thread since issue 17), the filtering of the loaded rows, the model reset and
the paint.

The recommendations page searches at every keystroke (since issue 25: keys
typed while a search runs are searched for together when it answers). An
older app waited 30 ms after the last key; that pause is idle time, not work,
so the timed pass sets it to 0, and a second pass over the same words with the
box's own pause gives the figure a user sees (the same figure without a pause).

When a keystroke's answer is the rows already on screen (letters that narrow
nothing), the page leaves the table as it is: no repaint follows, and the
keystroke is done when the answer is known.

After every keystroke the same query is run on a bare ``sqlite3`` connection
(FTS5, the same prefix expression): the baseline, interleaved key by key.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def settle(app: QApplication, until: Any, timeout: float = 30.0) -> bool:
    """Run the event loop until ``until()`` holds (True) or ``timeout`` seconds pass (False)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        app.processEvents()
        if until():
            return True
        QThreadPool.globalInstance().waitForDone(1)
    return False


class _Marks(QObject):
    """Records when the search ran and when the table's viewport finished painting after it."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, float] = {}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and "searched" in self.marks and "painted" not in self.marks:
            QTimer.singleShot(0, lambda: self.marks.setdefault("painted", time.perf_counter()))
        return False


def measure_typing(store: str, words: list[str]) -> dict[str, Any]:
    from crc_reporter.services.search import _fts5_prefixes, query_terms
    from crc_reporter.ui.app import build_window
    from crc_reporter.ui.widgets.inputs import SEARCH_DEBOUNCE_MS

    window = build_window(store)
    window.resize(1366, 768)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.navigate("recommendations")
    page: Any = window.pages["recommendations"]  # its private parts are timed
    if not settle(app, lambda: page._loaded and window.tasks.active == 0, timeout=120):
        raise RuntimeError("the recommendations were not loaded within 120 s")
    rows = len(page._rows)

    marks = _Marks()
    page.table.viewport().installEventFilter(marks)
    show_filtered = page._show_filtered

    def timed_show(
        flt: Any, matching: Any, prepared: Any = None
    ) -> None:  # the rows for the text typed, once its query answered
        reset["seen"] = False
        show_filtered(flt, matching, prepared)
        marks.marks["searched"] = time.perf_counter()
        if not reset["seen"]:  # the table already showed these rows: nothing to repaint
            marks.marks.setdefault("painted", marks.marks["searched"])

    page._show_filtered = timed_show
    reset = {"seen": False}
    page.model.modelReset.connect(lambda: reset.update(seen=True))
    bare = sqlite3.connect(f"file:{store}?mode=ro", uri=True)

    def bare_query(text: str) -> float:
        terms = query_terms(text)
        started = time.perf_counter()
        if terms:
            sql = "SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH ?"
            bare.execute(sql, (_fts5_prefixes(terms),)).fetchall()
        return time.perf_counter() - started

    def type_words(pause_ms: int, baseline: list[float] | None) -> list[float]:
        page.search._timer.setInterval(pause_ms)  # (the page's own box has none: searched at every key)
        latencies: list[float] = []
        page.search.setFocus()
        for word in words:
            for ch in word:
                marks.marks.clear()
                shown = page._shown_filter
                pressed = time.perf_counter()
                QTest.keyClick(page.search, ch)  # type: ignore[call-overload]  # a character
                app.processEvents()
                if page._shown_filter is shown and page.current_filter() == shown:
                    # the same question (a space after a word): the rows on screen are already its answer
                    latencies.append((time.perf_counter() - pressed) * 1000)
                elif not settle(app, lambda: "painted" in marks.marks, timeout=10):
                    raise RuntimeError(f"no repaint after typing {ch!r} into {page.search.text()!r}")
                else:
                    latencies.append((marks.marks["painted"] - pressed) * 1000)
                if baseline is not None:
                    baseline.append(bare_query(page.search.text()) * 1000)
            page.search.set_text_now("")
            settle(app, lambda: window.tasks.active == 0, timeout=10)
        return latencies

    type_words(0, None)  # warm-up: first queries fill SQLite's page cache
    baseline: list[float] = []
    latencies = type_words(0, baseline)
    pause_ms = int(getattr(page.search, "delay_ms", SEARCH_DEBOUNCE_MS))
    with_pause = type_words(pause_ms, None)
    bare.close()
    return {
        "rows": rows,
        "keystrokes_ms": latencies,
        "bare_ms": baseline,
        "with_pause_ms": with_pause,
        "pause_ms": pause_ms,
    }
