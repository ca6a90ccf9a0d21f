"""Splitters whose handles can be seen and whose sizes are remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from crc_reporter.ui.settings import AppSettings

#: Wide enough to grab with a touchpad, drawn by the style sheet (``QSplitter::handle``).
HANDLE_WIDTH = 7


def splitter(orientation: Qt.Orientation, *widgets: QWidget, sizes: list[int] | None = None) -> QSplitter:
    """A splitter over ``widgets`` that never collapses one of them to nothing."""
    split = QSplitter(orientation)
    for widget in widgets:
        split.addWidget(widget)
    split.setHandleWidth(HANDLE_WIDTH)
    split.setChildrenCollapsible(False)
    if sizes:
        split.setSizes(sizes)
    return split


def remember(split: QSplitter, settings: AppSettings, name: str) -> None:
    """Restore the sizes the user gave ``split`` last time and save them whenever a handle moves."""
    split.setObjectName(f"Splitter-{name}")
    split.setHandleWidth(HANDLE_WIDTH)
    state = settings.splitter_state(name)
    if state is not None:
        split.restoreState(state)
    split.splitterMoved.connect(lambda _pos, _index: settings.save_splitter_state(name, split.saveState()))
