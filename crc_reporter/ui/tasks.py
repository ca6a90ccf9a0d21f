"""The one way to run work off the GUI thread: imports, reports, merges, big queries.

``TaskRunner.run(work, store=...)`` runs ``work(session, control)`` on a
``QThreadPool`` thread with a Session of its own (committed when the work
returns, rolled back if it fails or is cancelled). Its result or error comes
back on the GUI thread through Qt signals. A progress dialog appears only when
the work takes longer than a short delay, so quick work never flashes a
window; its Cancel button asks the work to stop at its next
``control.progress()`` call, and nothing it did is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.errors import show_error

if TYPE_CHECKING:
    from crc_reporter.store.engine import Store

PROGRESS_DELAY_MS = 500


class TaskCancelled(Exception):  # noqa: N818 - a signal to stop, not an error
    """Raised inside the work when the user pressed Cancel."""


class TaskControl:
    """What the work function gets besides its session: progress reports and the cancel flag."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress (thread-safe); raises :class:`TaskCancelled` once the user cancelled."""
        self.check()
        self._relay.progressed.emit(done, total, message)

    def report(self, done: int, total: int, message: str = "") -> None:
        """Report progress without stopping: for work past the point where stopping would leave a half-done job."""
        self._relay.progressed.emit(done, total, message)

    def request_cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Created on the GUI thread; emitting from the worker queues the call back to it."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[..., Any], store: Store | None, control: TaskControl, relay: _Relay) -> None:
        super().__init__()
        self._work, self._store, self._control, self._relay = work, store, control, relay

    def run(self) -> None:
        try:
            if self._store is None:
                result = self._work(self._control)
            else:
                with self._store.session() as session:
                    result = self._work(session, self._control)
                    self._control.check()  # a late cancel still rolls back
        except TaskCancelled:
            self._relay.cancelled.emit()
        except BaseException as exc:  # handed to the GUI thread, which shows or logs it
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class Task(QObject):
    """A piece of work under way. Its signals arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progressed = Signal(int, int, str)
    done = Signal()  # after any of the three outcomes

    def __init__(self, title: str, control: TaskControl, relay: _Relay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.control = control
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None
        self._relay = relay  # keep the relay alive as long as the task
        relay.finished.connect(self._on_finished)
        relay.failed.connect(self._on_failed)
        relay.cancelled.connect(self._on_cancelled)
        relay.progressed.connect(self.progressed)

    def cancel(self) -> None:
        self.control.request_cancel()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.running, self.result = False, result
        self.succeeded.emit(result)
        self.done.emit()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.running = False
        self.error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self.failed.emit(self.error)
        self.done.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.running = False
        self.cancelled.emit()
        self.done.emit()


class TaskRunner(QObject):
    """Starts tasks and shows their progress over ``window``."""

    def __init__(
        self,
        window: QWidget | None,
        *,
        pool: QThreadPool | None = None,
        progress_delay_ms: int = PROGRESS_DELAY_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pool = pool or QThreadPool.globalInstance()
        self._delay = progress_delay_ms
        self._active: set[Task] = set()

    def run(
        self,
        work: Callable[..., Any],
        *,
        store: Store | None = None,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        show_progress: bool = True,
        cancellable: bool = True,
    ) -> Task:
        """Run ``work(session, control)`` (or ``work(control)`` without a store) in the background."""
        relay = _Relay()
        control = TaskControl(relay)
        task = Task(title, control, relay, self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        task.failed.connect(on_failure if on_failure is not None else self._report_failure)
        if on_cancel is not None:
            task.cancelled.connect(on_cancel)
        self._active.add(task)
        task.done.connect(lambda: self._finish(task))
        if show_progress:
            QTimer.singleShot(self._delay, task, lambda: self._show_progress(task, cancellable))
        self._pool.start(_Runnable(work, store, control, relay))
        return task

    @property
    def active(self) -> int:
        return len(self._active)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has finished (used when closing the window or the store)."""
        for task in list(self._active):
            task.cancel()
        return bool(self._pool.waitForDone(msecs))

    def _finish(self, task: Task) -> None:
        self._active.discard(task)
        task.deleteLater()

    def _report_failure(self, exc: BaseException) -> None:
        show_error(self._window, exc)

    def _show_progress(self, task: Task, cancellable: bool) -> None:
        if not task.running:
            return
        dialog = QProgressDialog(self._window)
        dialog.setWindowTitle(task.title or _("Working…"))
        dialog.setLabelText(task.title or _("Working…"))
        dialog.setRange(0, 0)  # busy until the first report
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        if cancellable:
            dialog.setCancelButtonText(_("Cancel"))
            dialog.canceled.connect(task.cancel)
            dialog.canceled.connect(lambda: dialog.setLabelText(_("Cancelling…")))
        else:
            dialog.setCancelButton(None)

        def update(done: int, total: int, message: str) -> None:
            if total > 0:
                dialog.setRange(0, total)
                dialog.setValue(min(done, total))
            if message:
                dialog.setLabelText(message)

        task.progressed.connect(update)
        task.done.connect(dialog.close)
        task.done.connect(dialog.deleteLater)
        dialog.show()
        task.progress_dialog = dialog  # type: ignore[attr-defined]  # reachable from tests
