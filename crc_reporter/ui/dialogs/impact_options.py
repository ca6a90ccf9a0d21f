"""The choices of an IMPACT OSS export: which line of IMPACT imports the files, concerns or not, since when."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QWidget

from crc_reporter.i18n import N_, _
from crc_reporter.services.interchange.impact_lines import DEFAULT_LINE, LINES

LINE_LABELS = {
    "main": N_("IMPACT OSS demo and most installations (main)"),
    "nz": N_("New Zealand's Human Rights Monitor (nz-production)"),
    "scotland": N_("Scotland (sg-dev): recommendations only"),
}


class ImpactOptions(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("IMPACT OSS"), parent)
        form = QFormLayout(self)
        self.line = QComboBox()
        for key in LINES:
            self.line.addItem(_(LINE_LABELS[key]), key)
        self.line.setCurrentIndex(list(LINES).index(DEFAULT_LINE))
        self.line.setToolTip(_("Each line of IMPACT OSS reads dates and columns in its own way"))
        form.addRow(_("Version of IMPACT OSS:"), self.line)
        self.concerns = QCheckBox(_("Also send concerns and other paragraphs"))
        self.concerns.setToolTip(_("IMPACT OSS cannot delete a record once imported"))
        form.addRow(self.concerns)
        row = QHBoxLayout()
        self.since_on = QCheckBox(_("Only records added since"))
        self.since = QDateEdit(QDate.currentDate())
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setEnabled(False)
        self.since_on.toggled.connect(self.since.setEnabled)
        row.addWidget(self.since_on)
        row.addWidget(self.since)
        row.addStretch(1)
        form.addRow(row)

    def choice(self) -> tuple[str, bool, dt.date | None]:
        since = self.since.date().toPython() if self.since_on.isChecked() else None
        return str(self.line.currentData()), self.concerns.isChecked(), since  # type: ignore[return-value]
