"""The heaviest waits a person meets in the window, timed with real clicks (run by ``gui_probe waits``).

The app starts on the store as ``crc-reporter --db STORE`` starts it; once the
dashboard shows its figures, the probe goes through the steps below one after
the other, each started by a real mouse click (``QTest`` on the item's
``visualRect``) or by the call a menu command makes:

- each page chosen in the sidebar (the Recommendations page first, with every
  row of the store), until its data are shown;
- the recommendation with 50 linked actions and 20 assessments clicked in
  the table, until its detail (text, actions, history) is shown;
- the import dialog reading a 60-page document, until its preview is shown;
- the merge dialog reading a package (issue 7's), until its preview is shown.

The steps start once the window is idle: the dashboard shown, no task
running, the other pages' modules imported (a click before that waits for
them as well). For each: the time from the click to the first paint after the step's data
are shown (*first useful paint*) and the longest the interface thread went
without running its 5 ms timer between the click and 200 ms after that paint
(*longest stall*; target: none over 100 ms).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

SETTLE_S = 0.2  # stalls are still counted this long after the step's paint
STEP_TIMEOUT_S = 300.0


def _click(widget: Any, rect: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


class Steps:
    """Runs the steps one after the other on the window's event loop and times each."""

    def __init__(self, window: Any, steps: list[tuple[str, Callable[[], Any], Callable[[], bool]]]) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication

        self.window = window
        self.steps = steps
        self.results: dict[str, dict[str, float]] = {}
        self.done = False
        self._step = -1
        self._last = time.perf_counter()
        self._stall = 0.0
        self._started = 0.0
        self._ready_at: float | None = None
        self._painted_at: float | None = None

        outer = self

        class Paints(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
                if outer._ready_at is not None and outer._painted_at is None and event.type() == QEvent.Type.Paint:
                    outer._painted_at = time.perf_counter()
                return False

        self._paints = Paints()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self._paints)
        self.timer = QTimer(window)
        self.timer.timeout.connect(self._tick)
        self.timer.start(5)
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        self._step += 1
        if self._step >= len(self.steps):
            self.done = True
            self.timer.stop()
            return
        name, start, _ready = self.steps[self._step]
        self._ready_at = self._painted_at = None
        self._stall = 0.0
        self._started = self._last = time.perf_counter()
        try:
            start()
        except Exception as exc:  # noqa: BLE001 - the probe reports one line, never a dialog
            self.fail(f"{name}: {type(exc).__name__}: {exc}")

    def fail(self, message: str) -> None:
        from benchmarks.gui_probe import fail

        fail(message)

    def _tick(self) -> None:
        now = time.perf_counter()
        self._stall = max(self._stall, now - self._last)
        self._last = now
        if self.done or self._step < 0 or self._step >= len(self.steps):
            return
        name, _start, ready = self.steps[self._step]
        if self._ready_at is None:
            if ready():
                self._ready_at = now
                self.window.update()  # (a paint follows even where nothing visible changed)
            elif now - self._started > STEP_TIMEOUT_S:
                self.fail(f"{name}: not ready after {STEP_TIMEOUT_S:.0f} s")
            return
        painted = self._painted_at
        if painted is not None and now - painted >= SETTLE_S:
            self.results[name] = {"paint_ms": (painted - self._started) * 1000, "stall_ms": self._stall * 1000}
            self._next()


def steps_for(window: Any, rec_id: int, document: str | None, package: str | None) -> list[tuple[str, Any, Any]]:
    """The steps of the probe, in order (see the module's docstring)."""
    from crc_reporter.ui.page_list import PAGE_KEYS

    def idle() -> bool:
        return bool(window.tasks.active == 0)

    def page_step(key: str) -> tuple[str, Any, Any]:
        row = PAGE_KEYS.index(key)

        def start() -> None:
            sidebar = window.sidebar
            _click(sidebar.viewport(), sidebar.visualRect(window.sidebar_model.index(row, 0)))

        def ready() -> bool:
            page = window.pages.get(key)
            shown = page is not None and window.stack.currentWidget() is page and idle()
            if key == "recommendations" and shown:
                return bool(page._loaded and page.model.rowCount() > 0)
            return shown

        return f"page:{key}", start, ready

    def open_recommendation() -> None:
        page = window.pages["recommendations"]
        table = page.table
        source_row = table.source.row_of(rec_id)
        if source_row is None:
            raise RuntimeError(f"recommendation {rec_id} is not in the table")
        index = table.proxy.mapFromSource(table.source.index(source_row, 1))
        table.scrollTo(index)
        _click(table.viewport(), table.visualRect(index))

    def recommendation_shown() -> bool:
        detail = window.pages["recommendations"].detail
        return bool(detail.rec_id() == rec_id and idle())

    def click_current() -> None:  # the baseline: a click with no work behind it (the page shown already)
        sidebar = window.sidebar
        _click(sidebar.viewport(), sidebar.visualRect(window.sidebar_model.index(PAGE_KEYS.index("dashboard"), 0)))

    steps = [
        ("baseline", click_current, idle),
        page_step("recommendations"),
        ("recommendation:50 actions, 20 assessments", open_recommendation, recommendation_shown),
    ]
    steps += [page_step(k) for k in PAGE_KEYS if k != "recommendations"]
    steps.append(page_step("recommendations"))  # back to a page already built
    dialogs: dict[str, Any] = {}
    if document:

        def open_import() -> None:
            from crc_reporter.ui.dialogs.import_dialog import ImportDialog

            dialog = dialogs["import"] = ImportDialog(window.ctx, window)
            dialog.show()
            dialog.read_file(document)

        def import_shown() -> bool:
            dialog = dialogs.get("import")
            return dialog is not None and dialog.report is not None and idle()

        steps.append(("dialog:import preview, 60 pages", open_import, import_shown))
    if package:

        def open_merge() -> None:
            if "import" in dialogs:
                dialogs["import"].close()
            from crc_reporter.ui.dialogs.merge_dialog import MergeDialog

            dialog = dialogs["merge"] = MergeDialog(window.ctx, window)
            dialog.show()
            dialog.read_file(package)

        def merge_shown() -> bool:
            dialog = dialogs.get("merge")
            return dialog is not None and dialog.info is not None and idle()

        steps.append(("dialog:merge preview", open_merge, merge_shown))
    return steps


def measure_waits(store: str, rec_id: int, document: str | None, package: str | None) -> None:
    """Start the app on ``store``, run the steps once the dashboard shows, then report (through ``finish``)."""
    from benchmarks.gui_probe import fail, finish, watch_first_frame

    def interactive(window: Any) -> None:
        from PySide6.QtCore import QTimer

        state: dict[str, Any] = {}

        def wait_for_dashboard() -> None:
            page = window.pages.get("dashboard")
            if state.get("steps") is None:
                importing = any(t.name == "import-pages" for t in threading.enumerate())  # (ui/opening.py)
                if (
                    page is not None
                    and getattr(page, "figures", None) is not None
                    and window.tasks.active == 0
                    and not importing
                ):
                    state["steps"] = Steps(window, steps_for(window, rec_id, document, package))
                return
            steps: Steps = state["steps"]
            if steps.done:
                poll.stop()
                finish(steps=steps.results)

        poll = QTimer(window)
        poll.timeout.connect(wait_for_dashboard)
        poll.start(20)

    watch_first_frame(interactive)
    from crc_reporter.cli import main

    try:
        main(["--db", store])
    except Exception as exc:  # noqa: BLE001 - reported as the probe's one line
        fail(f"{type(exc).__name__}: {exc}")
    fail("the application quit before the probe finished")
