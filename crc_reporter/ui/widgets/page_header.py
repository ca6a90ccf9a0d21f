"""A page's title row, shared by the pages and by views shown before a store is open (no store imports here)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout


def page_header(title: str, subtitle: str = "") -> tuple[QHBoxLayout, QLabel, QLabel]:
    """A page's title row: the title over its subtitle, then a stretch (index 1: room for a search box)."""
    row = QHBoxLayout()
    row.setSpacing(12)
    texts = QVBoxLayout()
    texts.setSpacing(0)
    title_label = QLabel(title)
    title_label.setObjectName("PageTitle")
    subtitle_label = QLabel(subtitle)
    subtitle_label.setObjectName("PageSubtitle")
    subtitle_label.setVisible(bool(subtitle))
    texts.addWidget(title_label)
    texts.addWidget(subtitle_label)
    row.addLayout(texts)
    row.addStretch(1)  # index 1: pages may insert a search box here
    return row, title_label, subtitle_label
