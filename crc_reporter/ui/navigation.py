"""Back and Forward between the places a person jumped to (issue 17, item 7).

A *place* is a page and the record it showed (``("recommendations", {"rec_id": 12})``). Following a
link, a dashboard tile or "Open in Actions" is a jump: the place left is remembered, so Back
(Alt+Left, the mouse's back button) returns to it and Forward goes where Back came from. Going back
and forth is not itself a jump. :class:`PlaceHistory` is plain data, tested without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

MAX_PLACES = 100


@dataclass(frozen=True)
class Place:
    page: str
    target: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, page: str, target: dict[str, object]) -> Place:
        return cls(page, tuple(sorted((k, v) for k, v in target.items() if v is not None)))

    def target_dict(self) -> dict[str, object]:
        return dict(self.target)


@dataclass
class PlaceHistory:
    back: list[Place] = field(default_factory=list)
    forward: list[Place] = field(default_factory=list)

    def jumped(self, left: Place, arrived: Place) -> None:
        """A jump from ``left`` to ``arrived``: ``left`` is where Back returns; Forward is forgotten."""
        if left == arrived:
            return
        if not self.back or self.back[-1] != left:
            self.back.append(left)
            del self.back[:-MAX_PLACES]
        self.forward.clear()

    def go_back(self, here: Place) -> Place | None:
        if not self.back:
            return None
        self.forward.append(here)
        return self.back.pop()

    def go_forward(self, here: Place) -> Place | None:
        if not self.forward:
            return None
        self.back.append(here)
        return self.forward.pop()

    def clear(self) -> None:
        self.back.clear()
        self.forward.clear()


# --- in the window ----------------------------------------------------------------------------------------------


class Navigator(QObject):
    """The window's Back and Forward: ``here()`` tells where the window is, ``go(place)`` goes there.

    The mouse's back and forward buttons work anywhere in the window (an application event filter sees
    them before the list under the pointer takes the click).
    """

    def __init__(self, window: QWidget, here: Callable[[], Place | None], go: Callable[[Place], None]) -> None:
        super().__init__(window)
        self.window = window
        self.history = PlaceHistory()
        self._here, self._go = here, go
        self.back_action: QAction | None = None
        self.forward_action: QAction | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_actions(self, back: QAction, forward: QAction) -> None:
        self.back_action, self.forward_action = back, forward
        self._update()

    def jumped(self, left: Place | None) -> None:
        arrived = self._here()
        if left is not None and arrived is not None:
            self.history.jumped(left, arrived)
        self._update()

    def back(self) -> None:
        self._move(self.history.go_back)

    def forward(self) -> None:
        self._move(self.history.go_forward)

    def clear(self) -> None:
        self.history.clear()
        self._update()

    def _move(self, step: Callable[[Place], Place | None]) -> None:
        here = self._here()
        place = step(here) if here is not None else None
        if place is not None:
            self._go(place)
        self._update()

    def _update(self) -> None:
        for action, places in ((self.back_action, self.history.back), (self.forward_action, self.history.forward)):
            if action is not None:
                action.setEnabled(bool(places))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.MouseButtonPress or not isinstance(event, QMouseEvent):
            return False
        button = event.button()
        if (
            button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.back() if button == Qt.MouseButton.BackButton else self.forward()
            return True
        return False
