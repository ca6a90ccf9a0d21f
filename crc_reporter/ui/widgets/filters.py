"""The filter combo boxes of the list pages: "All …" first, then the choices."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def filter_combo(all_text: str, items: Sequence[tuple[str, object]], min_width: int = 120) -> QComboBox:
    combo = QComboBox()
    combo.addItem(all_text, None)
    for text, data in items:
        combo.addItem(text, data)
    # at least wide enough for "All …" in the interface's language (the arrow takes about 34 px)
    combo.setMinimumWidth(max(min_width, combo.fontMetrics().horizontalAdvance(all_text) + 34))
    combo.setMaxVisibleItems(20)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


def refill(combo: QComboBox, all_text: str, items: list[tuple[str, object]]) -> None:
    """Replace a filter's choices, keeping the current one if it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for text, data in items:
        combo.addItem(text, data)
    found = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
