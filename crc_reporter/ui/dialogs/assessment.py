"""Recording one side's assessment: status, date, note and evidence (a new entry; nothing is overwritten)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPlainTextEdit, QWidget

from crc_reporter.domain.enums import AssessmentSide, ImplementationStatus
from crc_reporter.domain.records import RecommendationInfo
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.services.actors import list_actors
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.formatting import integer
from crc_reporter.ui.widgets.keyboard import notes_keys

_TITLES = {  # marked for translation, translated when shown
    AssessmentSide.GOVERNMENT.value: N_("Record the government's assessment"),
    AssessmentSide.CIVIL_SOCIETY.value: N_("Record civil society's assessment"),
}


class AssessmentValues(TypedDict):
    """What the dialog asks for: the keyword arguments of ``RecordAssessment``."""

    status: str
    assessed_on: dt.date
    part: str | None
    assessor_id: int | None
    note: str
    evidence: str


class AssessmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, info: RecommendationInfo, side: str, parent: QWidget | None = None) -> None:
        super().__init__(_(_TITLES.get(side, "Record an assessment")), parent, ok_text=_("Record"))
        self.side = side
        self.setMinimumWidth(560)
        intro = QLabel(
            _(
                "{document}, paragraph {number}. This adds a new entry to the history; the other side's view is kept."
            ).format(document=info.document, number=integer(info.number))
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.part = QComboBox()
        self.part.addItem(_("Whole paragraph"), None)
        for p in info.parts:
            self.part.addItem(f"({p.label}) {p.text[:70]}", p.label)
        self.status = QComboBox()
        for status in ImplementationStatus:
            self.status.addItem(label(status.value), status.value)
        current = info.government_status if side == AssessmentSide.GOVERNMENT.value else info.civil_society_status
        self.status.setCurrentIndex(max(self.status.findData(current or "not_implemented"), 0))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.assessor = QComboBox()
        self.assessor.addItem(_("(not stated)"), None)
        with ctx.store.session() as session:
            actors = list_actors(session)
        for actor in actors:
            self.assessor.addItem(actor.name, actor.id)
        self.note = QPlainTextEdit()
        notes_keys(self.note)  # Tab moves on, Ctrl+Tab types a tab
        self.note.setPlaceholderText(_("What was done, what is missing…"))
        self.note.setFixedHeight(90)
        self.evidence = QPlainTextEdit()
        notes_keys(self.evidence)  # Tab moves on, Ctrl+Tab types a tab
        self.evidence.setPlaceholderText(_("Reports, laws, data that support this view"))
        self.evidence.setFixedHeight(64)
        self.form.addRow(_("Side"), QLabel(f"<b>{label(side)}</b>"))
        if info.parts:
            self.form.addRow(_("Applies to"), self.part)
        self.form.addRow(_("Status"), self.status)
        self.form.addRow(_("Date"), self.date)
        self.form.addRow(_("Assessed by"), self.assessor)
        self.form.addRow(_("Note"), self.note)
        self.form.addRow(_("Evidence"), self.evidence)

    def values(self) -> AssessmentValues:
        q = self.date.date()
        return AssessmentValues(
            status=str(self.status.currentData()),
            assessed_on=dt.date(q.year(), q.month(), q.day()),
            part=self.part.currentData(),
            assessor_id=self.assessor.currentData(),
            note=self.note.toPlainText().strip(),
            evidence=self.evidence.toPlainText().strip(),
        )
