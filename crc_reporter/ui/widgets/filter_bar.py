"""A row of filters whose less used ones fold behind "More filters" when the window is narrow.

On a wide window every filter shows on one line. When they do not all fit (a
laptop at 1366×768 and 125 %, a French or Khmer interface), the secondary ones
hide behind a "More filters" button, which names how many of them are set;
pressing it shows them below, wrapped (:class:`FlowLayout`), until pressed
again. Nothing is ever clipped or lost: a set filter still filters while folded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.formatting import number
from crc_reporter.ui.widgets.flow import FlowLayout

GAP = 6


class FoldingFilterBar(QWidget):
    def __init__(
        self,
        primary: Sequence[QWidget],
        secondary: Sequence[QWidget],
        active: Callable[[], int],
        trailing: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``active()`` counts the secondary filters that are set (shown on the button while folded)."""
        super().__init__(parent)
        self.primary, self.secondary, self.trailing = list(primary), list(secondary), list(trailing)
        self._active = active
        self.more = QToolButton()
        self.more.setCheckable(True)
        self.more.setText(_("More filters"))
        self.more.setAccessibleName(_("More filters"))
        self.more.setToolTip(_("Show the other filters"))
        self.flow = FlowLayout(self, spacing=GAP)
        for widget in (*self.primary, self.more, *self.secondary, *self.trailing):
            self.flow.addWidget(widget)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # never asks the page to grow wider
        self.setSizePolicy(policy)
        self.folded = False
        self.more.toggled.connect(lambda _on: self.refold())

    def _needed(self) -> int:
        widgets = [*self.primary, *self.secondary, *self.trailing]
        return sum(w.sizeHint().width() for w in widgets) + GAP * (len(widgets) - 1)

    def refold(self) -> None:
        """Fold or unfold for the current width; call it after a filter changes (the button counts them)."""
        self.folded = self._needed() > max(self.width(), 1)
        self.more.setVisible(self.folded)
        shown = not self.folded or self.more.isChecked()
        for widget in self.secondary:
            widget.setVisible(shown)
        count = self._active()
        self.more.setText(
            _("More filters ({count})").format(count=number(count)) if count and self.folded else _("More filters")
        )
        self.flow.invalidate()
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (self._needed() > event.size().width()) != self.folded:
            self.refold()
