"""What every export dialog shares: a form, the confidential tick, a save dialog, background work, one line.

Confidential actions leave only when the person ticks "Include confidential
actions" (off by default); the line under the tick says how many that means.
Writing runs in the background with a progress strip; the dialog stays open
on a one-line result (or a one-line error), and the status bar repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.ui.dialogs.task_dialog import TaskDialogMixin
from crc_reporter.ui.formatting import number
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label
from crc_reporter.ui.widgets.scrolling import ScrollBody, fit_to_screen

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

_OK, _ERROR, _WARNING = "#2f7d4f", "#c8372d", "#8a6d00"


class ExportDialog(TaskDialogMixin, QDialog):
    """Subclasses add their groups to ``self.body`` and implement :meth:`target` and :meth:`work`."""

    #: the settings key of the folder last written to
    folder_key = "export/folder"
    #: the file's suffix, added when the person typed a name without it
    suffix = ""

    def __init__(self, ctx: AppContext, title: str, intro: str, save_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Any = None
        self._confidential: int | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        content = QWidget()  # the choices scroll on a short screen; the progress and the buttons stay below
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 6)
        layout.setSpacing(10)
        self.content_layout = layout
        layout.addWidget(muted_label(intro))
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout.addLayout(self.body)
        box = QGroupBox(_("Confidential actions"))
        column = QVBoxLayout(box)
        self.include_confidential = QCheckBox(_("Include confidential actions"))
        self.include_confidential.setToolTip(_("Off unless you tick it: confidential actions stay in this store"))
        self.confidential_line = QLabel()
        self.confidential_line.setWordWrap(True)
        # the text arrives after the dialog is shown and may take two lines: keep the room for them
        self.confidential_line.setMinimumHeight(2 * self.confidential_line.fontMetrics().lineSpacing() + 4)
        column.addWidget(self.include_confidential)
        column.addWidget(self.confidential_line)
        layout.addWidget(box)
        self.confidential_box = box
        self.include_confidential.toggled.connect(lambda _on: self._show_confidential())
        self.after = QVBoxLayout()  # groups that come after the confidential one
        self.after.setSpacing(10)
        layout.addLayout(self.after)
        layout.addStretch(1)
        outer.addWidget(ScrollBody(content), 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(18, 4, 18, 14)
        footer.setSpacing(10)
        outer.addLayout(footer)
        self.footer_layout = footer
        self.save_button = self.add_task_footer(footer, save_text)
        self.save_button.clicked.connect(self.save)
        self._show_confidential()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Tall enough for its wrapped lines at its width (Qt sizes a new dialog without them)."""
        content = self.content_layout
        if content.hasHeightForWidth():
            need = content.totalHeightForWidth(self.width()) + self.footer_layout.sizeHint().height()
            self.resize(self.width(), max(self.height(), need))
        fit_to_screen(self)  # and no taller than the screen: the choices scroll instead
        super().showEvent(event)

    # --- for subclasses ------------------------------------------------------------------------------------
    def target(self) -> tuple[str, str, str] | None:
        """(title of the save dialog, proposed file name, filter), or None when the form is not ready."""
        raise NotImplementedError

    def work(self, out: Path) -> Callable[[TaskControl], Any]:
        """The background work that writes ``out`` (it opens its own session)."""
        raise NotImplementedError

    def summary(self, result: Any) -> str:
        raise NotImplementedError

    # --- the confidential line ------------------------------------------------------------------------------
    def set_confidential(self, count: int | None) -> None:
        """How many confidential actions the export would concern (None while counting)."""
        self._confidential = count
        self._show_confidential()

    def _show_confidential(self) -> None:
        n, ticked = self._confidential, self.include_confidential.isChecked()
        colour, bold = "#5f6b7a", False
        if n is None:
            text = _("Counting the confidential actions…")
        elif n == 0:
            text = _("There are no confidential actions in what you chose.")
        elif ticked:
            text = "⚠ " + ngettext(
                "{n} confidential action will be in the file: send it only to people who may see it.",
                "{n} confidential actions will be in the file: send it only to people who may see them.",
                n,
            ).format(n=number(n))
            colour, bold = _WARNING, True
        else:
            text = ngettext(
                "{n} confidential action stays out of the file.",
                "{n} confidential actions stay out of the file.",
                n,
            ).format(n=number(n))
        self.confidential_line.setStyleSheet(f"color: {colour};" + (" font-weight: 600;" if bold else ""))
        self.confidential_line.setText(text)

    # --- saving ------------------------------------------------------------------------------------------------
    def save(self) -> None:
        target = self.target()
        if target is None:
            return
        title, name, kinds = target
        folder = self.ctx.settings.value(self.folder_key, str(Path.home()))
        path, _f = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), kinds)
        if path:
            self.write(Path(path))

    def write(self, out: Path) -> None:
        """Write ``out`` in the background (the file was chosen, or is given by a test)."""
        if self.suffix and out.suffix.lower() != self.suffix:
            out = out.with_name(out.name + self.suffix)
        self.ctx.settings.set_value(self.folder_key, str(out.parent))
        self._start(self.work(out), _("Writing {name}…").format(name=out.name), self._written, store=False)

    def _written(self, result: Any) -> None:
        self.result = result
        text = self.summary(result)
        self.show_message(text, colour=_OK)
        for group in self.findChildren(QGroupBox):  # written: the form no longer applies
            group.setEnabled(False)
        self.save_button.setVisible(False)
        self.close_button.setText(_("Close"))
        parent = self.parentWidget()
        status = getattr(parent, "statusBar", None)
        if callable(status):
            status().showMessage(text, 10000)

    def show_message(self, text: str, *, colour: str = _ERROR) -> None:
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- around the background task (TaskDialogMixin) -------------------------------------------------
    CANCELLED = N_("Cancelled; nothing was written.")

    def task_starting(self) -> None:
        self.show_message("")
        self.progress.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)

    def task_ended(self) -> None:
        self.save_button.setEnabled(True)

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        self.show_message(message, colour=_ERROR)
