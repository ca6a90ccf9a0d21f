"""Icons drawn from the small SVG files in ``resources/icons`` in any colour."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

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


def _image(name: str, color: str, size: int) -> QImage:
    """One size of an icon, drawn into a QImage (which, unlike a QPixmap, may be drawn off the GUI thread)."""
    from PySide6.QtSvg import QSvgRenderer  # Qt's SVG library loads when the first icon is drawn, not at start-up

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)  # transparent
    if not _svg_path(name).is_file():
        return image
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode("utf-8")))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


IconKey = tuple[str, str, str | None]  # name, colour, colour when selected
_ICONS: dict[IconKey, QIcon] = {}


def icon_images(name: str, color: str = DEFAULT_COLOR, selected_color: str | None = None) -> list[tuple[QImage, bool]]:
    """Every size of an icon as images (``True`` for the selected look); safe on any thread."""
    images = []
    for size in _SIZES:
        images.append((_image(name, color, size), False))
        if selected_color:
            images.append((_image(name, selected_color, size), True))
    return images


def adopt_icon(key: IconKey, images: list[tuple[QImage, bool]]) -> None:
    """Make an icon drawn elsewhere (see :func:`icon_images`) the one :func:`icon` returns; GUI thread only."""
    if key not in _ICONS:
        result = QIcon()
        for image, selected in images:
            result.addPixmap(QPixmap.fromImage(image), QIcon.Mode.Selected if selected else QIcon.Mode.Normal)
        _ICONS[key] = result


def icon(name: str, color: str = DEFAULT_COLOR, selected_color: str | None = None) -> QIcon:
    key = (name, color, selected_color)
    if key not in _ICONS:
        adopt_icon(key, icon_images(*key))
    return _ICONS[key]
