"""Importing an edited tracker workbook or an IMPACT OSS actions file: preview every change, then apply.

The file was read by the import dialog (which recognises these formats and
hands them over). A dry run in the background lists what applying would
change, what cannot be applied and why; Apply takes a backup and applies the
same in one transaction. Edits made in the app since the tracker was exported
are never overwritten: they are listed, not applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _, clauses, ngettext
from crc_reporter.services.backups import backup_before
from crc_reporter.services.interchange.impact import ImpactActions, ImpactActionsReport
from crc_reporter.services.interchange.impact_actions import apply_impact_actions
from crc_reporter.services.interchange.tracker_apply import TrackerReport, apply_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.ui.dialogs.task_dialog import TaskDialogMixin
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.interchange import InterchangeModel, impact_rows, tracker_rows
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

Report = TrackerReport | ImpactActionsReport
_OK, _ERROR = "#2f7d4f", "#c8372d"


def accepts(source: ParsedSource) -> bool:
    return isinstance(source.payload, (TrackerSheets, ImpactActions))


def _apply(session: Session, payload: object, dry_run: bool) -> Report:
    if isinstance(payload, TrackerSheets):
        return apply_tracker(session, payload, dry_run=dry_run)
    if isinstance(payload, ImpactActions):
        return apply_impact_actions(session, payload, dry_run=dry_run)
    raise TypeError(type(payload).__name__)


def report_summary(report: Report) -> str:
    if isinstance(report, TrackerReport):
        n = len(report.changes)
        text = (
            ngettext("{n} change applied", "{n} changes applied", n)
            if report.applied
            else ngettext("{n} change to apply", "{n} changes to apply", n)
        ).format(n=number(n))
        left = len(report.conflicts) + len(report.problems) + len(report.unknown_rows)
        if left:
            text = clauses(
                text,
                ngettext(
                    "{n} cell or row not applied (listed below)", "{n} cells or rows not applied (listed below)", left
                ).format(n=number(left)),
            )
        return text + "."
    text = _(
        "actions: {created} new, {updated} updated, {unchanged} unchanged; {links} new links to paragraphs"
    ).format(
        created=number(report.created),
        updated=number(report.updated),
        unchanged=number(report.unchanged),
        links=number(report.links_added),
    )
    text = (_("Imported: {what}") if report.applied else _("Would import: {what}")).format(what=text)
    if report.problems:
        text = clauses(
            text,
            ngettext("{n} problem (listed below)", "{n} problems (listed below)", len(report.problems)).format(
                n=number(len(report.problems))
            ),
        )
    return text + "."


class InterchangeDialog(TaskDialogMixin, QDialog):
    def __init__(self, ctx: AppContext, source: ParsedSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.source = ctx, source
        self.report: Report | None = None
        self.applied: Report | None = None
        tracker = isinstance(source.payload, TrackerSheets)
        self.setWindowTitle(_("Import an edited tracker") if tracker else _("Import IMPACT OSS actions"))
        self.resize(1080, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.heading = section_label(_("What {name} would change").format(name=source.name))
        layout.addWidget(self.heading)
        intro = (
            _(
                "Rows are matched to the records they were exported from. A cell you edited is applied when the "
                "store still holds the value it had at the export; a field that was changed here meanwhile is "
                "listed, not overwritten. Nothing is written until you press Apply."
            )
            if tracker
            else _(
                "Actions are matched by their reference and linked to the recommendations the file names. Nothing "
                "is written until you press Apply."
            )
        )
        self.intro = muted_label(intro)
        layout.addWidget(self.intro)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: 600;")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warnings = muted_label("")
        self.warnings.setStyleSheet("color: #7a5200;")
        layout.addWidget(self.warnings)
        self.model = InterchangeModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Changes"))
        layout.addWidget(self.table, 1)
        self.apply_button = self.add_task_footer(layout, _("Apply"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        ctx.access.guard(self.apply_button)
        payload = source.payload
        self._start(lambda session, _c: _apply(session, payload, True), _("Comparing with the store…"), self._shown)

    def _show(self, report: Report) -> None:
        rows = tracker_rows(report) if isinstance(report, TrackerReport) else impact_rows(report)
        self.model.set_rows(rows)
        self.summary.setText(report_summary(report))
        warnings = list(self.source.warnings) + list(getattr(report, "warnings", ()))
        self.warnings.setText("\n".join(dict.fromkeys(warnings)))
        self.warnings.setVisible(bool(warnings))

    def _shown(self, report: Report) -> None:
        self.report = report
        self._show(report)
        changes = len(report.changes) if isinstance(report, TrackerReport) else report.created + report.updated
        links = 0 if isinstance(report, TrackerReport) else report.links_added
        self.apply_button.setEnabled(bool(changes or links))
        if not (changes or links):
            self.show_message(_("Nothing to apply: the store already holds what the file says."), ok=True)

    def apply(self) -> None:
        payload = self.source.payload

        def work(session: Session, _control: TaskControl) -> Report:
            backup_before(session, "import")  # before the first write: the backup holds the state before
            return _apply(session, payload, False)

        self.apply_button.setEnabled(False)
        self._start(work, _("Applying…"), self._applied)

    def _applied(self, report: Report) -> None:
        self.applied = report
        self.heading.setText("✓ " + _("Applied {name}").format(name=self.source.name))
        self.intro.setVisible(False)
        self._show(report)
        self.ctx.events.actors_changed.emit()
        self.ctx.events.store_reloaded.emit()
        self.show_message(
            _(
                "Saved in the store. This cannot be undone with Edit ▸ Undo: the backup taken just before can be "
                "restored from File ▸ Backups."
            ),
            ok=True,
        )
        self.apply_button.setVisible(False)
        self.close_button.setText(_("Close"))

    def show_message(self, text: str, *, ok: bool = False) -> None:
        self.message.setStyleSheet(f"color: {_OK if ok else _ERROR};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- around each background task (TaskDialogMixin) ------------------------------------------------
    def task_starting(self) -> None:
        self.show_message("")

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        self.show_message(message)
        self.apply_button.setEnabled(self.report is not None and self.applied is None)
