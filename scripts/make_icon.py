"""Draw the application icon (resources/icons/crc-reporter.png and .ico).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
The outputs are committed; rerun only when the design changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
UN_BLUE = QColor("#1d6fb8")


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    path = QPainterPath()
    path.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.fillPath(path, UN_BLUE)
    # a document with a check mark: a recommendation followed up
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(64 * s, 40 * s, 128 * s, 168 * s), 12 * s, 12 * s)
    p.setBrush(QColor("#c9d8ea"))
    for i, width in enumerate((92, 76, 92, 60)):
        p.drawRoundedRect(QRectF(82 * s, (66 + i * 24) * s, width * s, 10 * s), 5 * s, 5 * s)
    pen = QPen(QColor("#2e9e5b"), 22 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    check = QPainterPath()
    check.moveTo(128 * s, 176 * s)
    check.lineTo(156 * s, 202 * s)
    check.lineTo(206 * s, 146 * s)
    p.drawPath(check)
    if size >= 64:
        p.setPen(QColor("white"))
        font = QFont("DejaVu Sans", max(1, int(26 * s)))
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(8 * s, 206 * s, 120 * s, 40 * s), Qt.AlignmentFlag.AlignCenter, "CRC")
    p.end()
    return img


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "crc-reporter.png"))
    ok = draw(256).save(str(OUT / "crc-reporter.ico"))
    print("icons written" if ok else "PNG written; this Qt has no ICO writer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
