"""Content that scrolls when the screen is short, and windows kept on the screen.

On a laptop at 125 % a window has about 1093×558 logical pixels; a form or a
panel taller than that must scroll rather than push its buttons off the screen
or squeeze its text to one line.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QScrollArea, QWidget

#: The least a scrolling body keeps: a few lines, whatever the room.
LEAST_HEIGHT = 90


class ScrollBody(QScrollArea):
    """A vertical scroll area that asks for its content's full size (a plain QScrollArea asks for at most
    24 lines) and shrinks to :data:`LEAST_HEIGHT` when the window must."""

    def __init__(self, body: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # what cannot be narrower than its minimum scrolls sideways rather than being cut
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if body is not None:
            self.setWidget(body)

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint().expandedTo(body.minimumSizeHint())
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        body = self.widget()
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() if body else 0
        return QSize(width, min(LEAST_HEIGHT, self.sizeHint().height()))


def scrolling(body: QWidget) -> ScrollBody:
    return ScrollBody(body)


def fit_to_screen(window: QWidget, *, grow_to_hint: bool = False) -> None:
    """Shrink a window that is larger than the room its screen offers, and bring it back onto the screen.

    ``grow_to_hint``: first make it as large as its content asks (a dialog sized by its minimum width
    before its content was added would otherwise scroll sideways on a screen with room to spare)."""
    if grow_to_hint:
        window.resize(window.size().expandedTo(window.sizeHint()))
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.size()  # the title bar and borders
    width = min(window.width(), room.width() - frame.width())
    height = min(window.height(), room.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    geometry = window.frameGeometry()
    x = min(max(geometry.x(), room.x()), room.right() - geometry.width() + 1)
    y = min(max(geometry.y(), room.y()), room.bottom() - geometry.height() + 1)
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(x, y)


class DialogsOnScreen(QObject):
    """An application-wide filter: every dialog, when shown, is no larger than its screen's free room
    and lies on it (dialogs that ask for 1180×720 on a laptop at 125 %, say); their content scrolls."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            fit_to_screen(watched)
        return False


def keep_dialogs_on_screen(app: QApplication) -> None:
    if app.property("crcDialogsOnScreen"):
        return
    app.setProperty("crcDialogsOnScreen", True)
    keeper = DialogsOnScreen(app)
    app.installEventFilter(keeper)
