"""The right half of the reports page: the draft's outline, its length against the limit, and the file written."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import _, ngettext
from crc_reporter.reports.context import ReportResult
from crc_reporter.ui.formatting import number
from crc_reporter.ui.style import DANGER
from crc_reporter.ui.widgets.cards import muted_label, section_label

_OK, _NEAR, _OVER = "#2f9e68", "#f0a030", DANGER
_BAR = (
    "QProgressBar {{ border: none; background: #e6eaf0; border-radius: 4px; }}"
    "QProgressBar::chunk {{ background: {color}; border-radius: 4px; }}"
)


def length_text(result: ReportResult) -> tuple[str, str]:
    """ "12,345 words of 21,200 allowed" and the colour that says how close to the limit it is."""
    words = number(result.words)
    if not result.word_limit:
        return ngettext("{words} word (no word limit)", "{words} words (no word limit)", result.words).format(
            words=words
        ), _OK
    text = _("{words} words of {limit} allowed").format(words=words, limit=number(result.word_limit))
    if result.over_limit:
        return text + " — " + _("over the limit by {excess}").format(excess=number(result.over_limit)), _OVER
    return text, _NEAR if result.words > 0.9 * result.word_limit else _OK


class ReportPreview(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(section_label(_("Outline and length")))
        top.addStretch(1)
        self.busy = muted_label(_("Updating…"))
        self.busy.setVisible(False)
        top.addWidget(self.busy)
        layout.addLayout(top)
        self.length = QLabel(_("Choose a document the draft answers."))
        self.length.setStyleSheet("font-size: 11pt; font-weight: 600;")
        layout.addWidget(self.length)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName(_("Length against the word limit"))
        layout.addWidget(self.bar)
        self.note = muted_label()
        layout.addWidget(self.note)
        self.permission = QLabel()
        self.permission.setObjectName("Note")
        self.permission.setWordWrap(True)
        self.permission.setVisible(False)
        layout.addWidget(self.permission)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(_("Outline of the draft"))
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)
        self.written = QFrame()
        self.written.setStyleSheet("QFrame { background: #eaf6ef; border: 1px solid #bfe3cc; border-radius: 6px; }")
        row = QHBoxLayout(self.written)
        row.setContentsMargins(12, 8, 12, 8)
        self.written_text = QLabel()
        self.written_text.setWordWrap(True)
        self.written_text.setStyleSheet("background: transparent; border: none; color: #1f5c3a;")
        self.open_button = QPushButton(_("Open in Word"))
        self.open_button.setObjectName("Primary")
        self.folder_button = QPushButton(_("Show in folder"))
        row.addWidget(self.written_text, 1)
        row.addWidget(self.folder_button)
        row.addWidget(self.open_button)
        self.written.setVisible(False)
        layout.addWidget(self.written)
        self.failure = QLabel()
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet(f"color: {DANGER};")
        self.failure.setVisible(False)
        layout.addWidget(self.failure)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def set_permission(self, reason: str) -> None:
        self.permission.setText(reason)
        self.permission.setVisible(bool(reason))

    def show_nothing(self, message: str, *, error: bool = False) -> None:
        self.set_busy(False)
        self.model.clear()
        self.length.setText(message)
        self.length.setStyleSheet(f"font-size: 10pt; color: {DANGER if error else '#5f6b7a'};")
        self.bar.setVisible(False)
        self.note.setText("")

    def show_outline(self, result: ReportResult) -> None:
        self.set_busy(False)
        text, color = length_text(result)
        self.length.setText(text)
        self.length.setStyleSheet(f"font-size: 11pt; font-weight: 600; color: {color};")
        self.bar.setVisible(bool(result.word_limit))
        if result.word_limit:
            self.bar.setRange(0, max(result.word_limit, result.words))
            self.bar.setValue(result.words)
            self.bar.setStyleSheet(_BAR.format(color=color))
        notes = [
            ngettext("{n} heading", "{n} headings", len(result.outline)).format(n=number(len(result.outline))),
            ngettext("{n} footnote", "{n} footnotes", result.footnotes).format(n=number(result.footnotes)),
        ]
        if result.confidential_left_out:
            notes.append(
                ngettext(
                    "{n} confidential action left out",
                    "{n} confidential actions left out",
                    result.confidential_left_out,
                ).format(n=number(result.confidential_left_out))
            )
        notes.extend(_("removed from the template: {what}").format(what=_(kind)) for kind in result.template_removed)
        self.note.setText(" · ".join(notes))
        self._fill(result)

    def _fill(self, result: ReportResult) -> None:
        self.model.clear()
        parents: list[QStandardItem] = [self.model.invisibleRootItem()]
        budget = {line.title: line for line in result.budget}
        for entry in result.outline:
            text = entry.text
            line = budget.pop(entry.text.split(". ", 1)[-1], None) if entry.level == 1 else None
            if line is not None:  # a chapter: its words, and what is left of its share of the limit
                words = ngettext("{n} word", "{n} words", line.words).format(n=number(line.words))
                if line.left is not None and line.left >= 0:
                    text += " — " + _("{words}, {left} left").format(words=words, left=number(line.left))
                elif line.left is not None:
                    text += " — " + _("{words}, {excess} over").format(words=words, excess=number(-line.left))
                else:
                    text += " — " + words
            item = QStandardItem(text)
            item.setToolTip(text)
            del parents[max(entry.level, 1) :]  # Heading 1 at the top, Heading 2 under it…
            parents[-1].appendRow(item)
            parents.append(item)
        self.tree.expandToDepth(0)

    def show_written(self, result: ReportResult) -> None:
        self.failure.setVisible(False)
        self.show_outline(result)
        name = result.path.name if result.path else ""
        words = ngettext("{n} word", "{n} words", result.words).format(n=number(result.words))
        self.written_text.setText("✓ " + _("Written: {name} ({words})").format(name=name, words=words))
        self.written_text.setToolTip(str(result.path))
        self.written.setVisible(True)

    def show_failure(self, message: str) -> None:
        self.written.setVisible(False)
        self.failure.setText(message)
        self.failure.setVisible(True)
