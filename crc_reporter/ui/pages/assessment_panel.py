"""One side's view of a recommendation: its current status, note and evidence, and its history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import esc, long_date
from crc_reporter.ui.models.detail import AssessmentHistoryModel
from crc_reporter.ui.style import status_color, text_on
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.flow import FlowLayout
from crc_reporter.ui.widgets.tables import RecordTable


def status_badge_style(status: str | None) -> str:
    color = status_color(status)
    return (
        f"background: {color.name()}; color: {text_on(color).name()}; border-radius: 11px;"
        " padding: 3px 12px; font-weight: 600;"
    )


class SidePanel(QWidget):
    """The government's or civil society's assessments; the two never overwrite each other."""

    record_requested = Signal(str)  # the side

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        top = FlowLayout()  # wraps on a narrow pane instead of squeezing the badge and the button
        top.addWidget(section_label(label(side)))
        self.badge = QLabel()
        self.badge.setAccessibleName(_("Current status"))
        top.addWidget(self.badge)
        self.record = QPushButton(_("Record assessment…"))
        self.record.setObjectName("Primary")
        self.record.clicked.connect(lambda: self.record_requested.emit(self.side))
        top.addWidget(self.record)
        layout.addLayout(top)
        self.meta = muted_label()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence = muted_label()
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.meta)
        layout.addWidget(self.note)
        layout.addWidget(self.evidence)
        self.model = AssessmentHistoryModel(self)
        self.history = RecordTable(self.model, sortable=False)
        self.history.setAccessibleName(_("History of {side} assessments").format(side=label(side)))
        self.history.verticalHeader().setDefaultSectionSize(28)
        # at least a heading and three entries: the history is read, not glimpsed (the tab scrolls instead)
        self.history.setMinimumHeight(32 + 3 * 28 + 16)
        layout.addWidget(self.history, 1)

    def show_history(self, entries: list[AssessmentInfo]) -> None:
        mine = [a for a in entries if a.side == self.side]
        whole = [a for a in mine if a.part_label is None]
        current = whole[-1] if whole else None  # the paragraph's status, as the table shows it
        status = current.status if current else "not_assessed"
        self.badge.setText(label(status))
        self.badge.setStyleSheet(status_badge_style(status))
        latest_parts: dict[str, AssessmentInfo] = {a.part_label: a for a in mine if a.part_label}
        parts = "; ".join(f"({part}) {label(a.status)}" for part, a in sorted(latest_parts.items()))
        if current is None:
            self.meta.setText(
                _("No assessment of the whole paragraph yet. Parts: {parts}").format(parts=parts)
                if parts
                else _("No assessment recorded yet.")
            )
            self.note.clear()
            self.evidence.clear()
        else:
            who = current.assessor or current.recorded_by or ""
            meta = " · ".join(x for x in (long_date(current.assessed_on), who) if x)
            self.meta.setText(meta + (" · " + _("Parts: {parts}").format(parts=parts) if parts else ""))
            self.note.setText(current.note)
            self.evidence.setText(
                "<b>{}</b> {}".format(esc(_("Evidence:")), esc(current.evidence)) if current.evidence else ""
            )
        self.note.setVisible(bool(self.note.text()))
        self.evidence.setVisible(bool(self.evidence.text()))
        self.model.set_rows(list(reversed(mine)))
        self.history.setVisible(bool(mine))
