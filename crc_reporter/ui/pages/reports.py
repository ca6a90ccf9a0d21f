"""The reports page: the kinds of report the application will write.

Generation is wired when the report writers land (the reports issue builds
them); until then this page says so plainly instead of offering buttons that
do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crc_reporter.i18n import N_, _
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.icons import icon
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.widgets.cards import muted_label, section_label

REPORT_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        "state_report",
        N_("State party report"),
        N_("The periodic report, cluster by cluster, answering each recommendation with the actions taken."),
    ),
    (
        "loipr_replies",
        N_("Replies to the list of issues prior to reporting"),
        N_("Under the simplified procedure, the State's replies are its report (within 21,200 words)."),
    ),
    (
        "alternative_report",
        N_("Alternative report"),
        N_("Civil society's report: its own assessments, evidence and proposed recommendations."),
    ),
    (
        "follow_up_matrix",
        N_("Follow-up matrix"),
        N_("A table of every recommendation with the responsible bodies, actions and both sides' status."),
    ),
)


class ReportsPage(Page):
    key = "reports"
    TITLE = N_("Reports")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._stale = False
        layout = self.page_layout()
        header, _t, _s = self.header(self.title(), _("Word documents drawn from the store"))
        layout.addLayout(header)
        note = QLabel(
            _(
                "Report generation is not available in this version yet: it is added together with the report "
                "writers. Everything you record now (actions, evidence, assessments) will go into these reports."
            )
        )
        note.setObjectName("Note")
        note.setWordWrap(True)
        layout.addWidget(note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        for i, (key, title, text) in enumerate(REPORT_KINDS):
            grid.addWidget(self._card(key, _(title), _(text)), i // 2, i % 2)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _card(self, key: str, title: str, text: str) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        card.setAccessibleName(title)
        row = QHBoxLayout(card)
        row.setContentsMargins(16, 14, 16, 14)
        row.setSpacing(14)
        glyph = QLabel()
        glyph.setPixmap(icon("reports", "#2563c9").pixmap(QSize(32, 32)))
        row.addWidget(glyph)
        texts = QVBoxLayout()
        texts.addWidget(section_label(title))
        texts.addWidget(muted_label(text))
        state = QLabel(_("Coming with the report writers"))
        state.setStyleSheet("color: #8a6d00; font-size: 8.5pt;")
        texts.addWidget(state)
        row.addLayout(texts, 1)
        return card
