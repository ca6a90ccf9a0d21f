"""Exports for other tools: the tracker for Excel (.xlsx) and IMPACT OSS import files (.csv).

Both write in the background, leave confidential actions out unless the person
ticks the box, and end on one line that says what was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout, QWidget

from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.i18n import _
from crc_reporter.services.exchange.outline import confidential_actions
from crc_reporter.services.interchange.columns import BY_KEY
from crc_reporter.services.interchange.impact_export import ImpactExport, export_impact
from crc_reporter.services.interchange.impact_messages import impact_summary
from crc_reporter.services.interchange.tracker_export import TrackerExport, export_tracker
from crc_reporter.ui.dialogs.export_base import ExportDialog
from crc_reporter.ui.dialogs.impact_options import ImpactOptions
from crc_reporter.ui.formatting import number
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

TRACKER, IMPACT = "xlsx", "impact"


class ToolsExportDialog(ExportDialog):
    folder_key = "export/folder"

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        if kind == TRACKER:
            title = _("Export the tracker for Excel")
            intro = _(
                "A workbook with one sheet per kind of record (paragraphs, actions, assessments, indicators, actors, "
                "documents), with filters, drop-down lists and status colours; it opens in Excel and LibreOffice and "
                "prints landscape at the page's width. Edit the columns with dark headings, or add rows, and import "
                "the workbook again (File ▸ Import…): your edits are applied, and edits made here meanwhile are "
                "reported, not overwritten."
            )
        else:
            title = _("Export for IMPACT OSS")
            intro = _(
                "CSV files in the form the chosen line of IMPACT OSS imports: the recommendations (each lettered "
                "part as its own record), their actions (“-actions.csv”) and indicators (“-indicators.csv”), and "
                "the list of categories they use (“-categories.csv”), to create in IMPACT OSS first. Import them "
                "in that order. IMPACT OSS creates records and never updates them."
            )
        super().__init__(ctx, title, intro, _("Save as…"), parent)
        self.kind = kind
        self.side = QComboBox()
        if kind == TRACKER:
            self.body.addWidget(self._side_box())
        if kind == IMPACT:
            self.impact = ImpactOptions()
            self.body.addWidget(self.impact)
        self.suffix = ".xlsx" if kind == TRACKER else ".csv"
        self.ctx.tasks.run(
            lambda session, _c: confidential_actions(session),
            store=ctx.store,
            on_success=self.set_confidential,
            on_failure=lambda _exc: self.set_confidential(0),
            show_progress=False,
        )

    def _side_box(self) -> QGroupBox:
        """Whose workbook: the side of the assessments and comments its readers add without naming one."""
        box = QGroupBox(_("Whose workbook"))
        column = QVBoxLayout(box)
        self.side.addItem(_("Either side (each added assessment says whose)"), None)
        self.side.addItem(_("Government"), AssessmentSide.GOVERNMENT.value)
        self.side.addItem(_("Civil society"), AssessmentSide.CIVIL_SOCIETY.value)
        self.side.setAccessibleName(_("Whose workbook"))
        column.addWidget(self.side)
        column.addWidget(
            muted_label(
                _(
                    "Members add rows to the Assessments, Actions and Indicators sheets and write in the Comment "
                    "and Evidence columns; an assessment without a side counts for the side chosen here."
                )
            )
        )
        return box

    def target(self) -> tuple[str, str, str]:
        store = self.ctx.store
        stem = store.path.stem if store.path is not None else "crc-reporter"
        today = dt.date.today().isoformat()
        if self.kind == TRACKER:
            kinds = "{book} (*.xlsx);;{all} (*)".format(book=_("Excel workbooks"), all=_("All files"))
            return _("Save the tracker"), f"{stem}-tracker-{today}.xlsx", kinds
        kinds = "{csv} (*.csv);;{all} (*)".format(csv=_("CSV files"), all=_("All files"))
        return _("Save the IMPACT OSS files"), f"{stem}-impact-{today}.csv", kinds

    def work(self, out: Path) -> Callable[[TaskControl], TrackerExport | ImpactExport]:
        store, include, kind = self.ctx.store, self.include_confidential.isChecked(), self.kind
        side = self.side.currentData()
        impact = self.impact.choice() if kind == IMPACT else None

        def run(control: TaskControl) -> TrackerExport | ImpactExport:
            with store.session() as session:  # reads only
                if kind == TRACKER:
                    return export_tracker(
                        session,
                        out,
                        include_confidential=include,
                        side=side,
                        progress=lambda done, total, message: control.progress(done, total, message),
                    )
                control.progress(0, 0, _("Writing the IMPACT OSS files…"))
                assert impact is not None
                line, concerns, since = impact
                return export_impact(
                    session, out, line=line, include_confidential=include, include_concerns=concerns, since=since
                )

        return run

    def summary(self, result: TrackerExport | ImpactExport) -> str:
        if isinstance(result, TrackerExport):
            sheets = [(_(BY_KEY[key].title), number(n)) for key, n in result.rows.items()]
            counts = ", ".join(f"{title} {n}" for title, n in sheets)
            text = _("Wrote {file} ({counts}).").format(file=result.path.name, counts=counts)
            if result.neutralised:
                text += " " + _("{n} cells that started like a formula were written as text.").format(
                    n=number(result.neutralised)
                )
            return text
        lines = impact_summary(
            result,
            concerns_hint=_("tick “Also send concerns and other paragraphs”"),
            since_hint=_("tick “Only records added since”"),
            names_only=True,
        )
        return " ".join(lines)
