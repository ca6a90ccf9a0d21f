"""The one background task a dialog runs at a time, shown in its progress strip.

The import, merge, export and spreadsheet dialogs read, compare and write off
the GUI thread with the same rules: starting a task cancels the one before,
the strip shows its progress and a Cancel button, a failure or a cancel is one
line in the dialog, and closing the dialog cancels what runs. A dialog mixes
:class:`TaskDialogMixin` in before ``QDialog`` and says what changes around a
task (:meth:`task_starting`, :meth:`task_ended`, :meth:`task_failed`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton

from crc_reporter.i18n import N_, _
from crc_reporter.services.errors import ImportCancelledError
from crc_reporter.ui.dialogs.import_widgets import ProgressStrip
from crc_reporter.ui.errors import error_text

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext
    from crc_reporter.ui.dialogs.import_widgets import ProgressStrip
    from crc_reporter.ui.tasks import Task


class TaskDialogMixin:
    ctx: AppContext
    progress: ProgressStrip
    _task: Task | None = None
    CANCELLED = N_("Cancelled; nothing was changed.")

    def add_task_footer(self, layout: QBoxLayout, action: str) -> QPushButton:
        """The progress strip (unless the dialog placed it already), the one-line message, Cancel + its own button."""
        if getattr(self, "progress", None) is None:
            self.progress = ProgressStrip()
            layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton(_("Cancel"))
        button = QPushButton(action)
        button.setObjectName("Primary")
        buttons.addWidget(self.close_button)
        buttons.addWidget(button)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self.reject)
        self.progress.cancel_button.clicked.connect(self.cancel_task)
        return button

    def _start(
        self, work: Callable[..., Any], message: str, done: Callable[[Any], None], *, store: bool = True
    ) -> None:
        """Run ``work(session, control)`` (``work(control)`` with ``store=False``); ``done(result)`` after it."""
        self.cancel_task()
        self.task_starting()
        self.progress.start(message)
        task = self.ctx.tasks.run(
            work,
            store=self.ctx.store if store else None,
            on_success=done,
            on_failure=self._failed,
            on_cancel=self._cancelled,
            show_progress=False,
        )
        task.progressed.connect(self.progress.report)
        task.done.connect(self._task_done)
        self._task = task

    def _task_done(self) -> None:
        self._task = None
        self.progress.stop()
        self.task_ended()

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.progress.label.setText(_("Cancelling…"))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportCancelledError):
            self._cancelled()
        else:
            self.task_failed(error_text(exc), cancelled=False)

    def _cancelled(self) -> None:
        self.task_failed(_(self.CANCELLED), cancelled=True)

    def reject(self) -> None:
        self.cancel_task()
        super().reject()  # type: ignore[misc]

    # --- what a dialog says --------------------------------------------------------------------------
    def task_starting(self) -> None:
        """Before a task starts: clear the last message, disable what must wait."""

    def task_ended(self) -> None:
        """After a task, whatever its outcome."""

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        raise NotImplementedError


class FileDropMixin(TaskDialogMixin):
    """A task dialog that reads a file dropped on it (its ``read_file``), unless a task is running."""

    def read_file(self, path: str) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls() and self._task is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.read_file(files[0])
