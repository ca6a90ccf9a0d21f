"""Icons drawn from the small SVG files in ``resources/icons`` in any colour."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from crc_reporter.paths import resource_path

DEFAULT_COLOR = "#4a5565"
_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg_path(name: str) -> Path:
    return resource_path("icons", f"{name}.svg")


@cache
def _svg(name: str) -> str:
    path = _svg_path(name)
    return path.read_text("utf-8") if path.is_file() else ""


def _pixmap(name: str, color: str, size: int) -> QPixmap:
    path = _svg_path(name)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if not path.is_file():
        return pixmap
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode("utf-8")))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return pixmap


@cache
def icon(name: str, color: str = DEFAULT_COLOR, selected_color: str | None = None) -> QIcon:
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_pixmap(name, color, size), QIcon.Mode.Normal)
        if selected_color:
            result.addPixmap(_pixmap(name, selected_color, size), QIcon.Mode.Selected)
    return result
