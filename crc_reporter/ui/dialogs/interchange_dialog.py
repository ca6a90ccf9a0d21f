"""Importing an edited tracker workbook or an IMPACT OSS actions file: preview every change, then apply.

The file was read by the import dialog (which recognises these formats and
hands them over). A dry run in the background lists what applying would
change, what cannot be applied and why; Apply takes a backup and applies the
same in one transaction. Edits made in the app since the tracker was exported
are never overwritten: they are listed, not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import ParsedSource, PayloadKind
from crc_reporter.i18n import _, clauses, ngettext
from crc_reporter.services.backups import backup_before
from crc_reporter.services.interchange.impact import ImpactActionsReport
from crc_reporter.services.interchange.tracker_apply import TrackerReport
from crc_reporter.services.payloads import PayloadReport, apply_payload, describe
from crc_reporter.ui.dialogs.task_dialog import TaskDialogMixin
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.interchange import InterchangeModel, InterchangeRow, impact_rows, tracker_rows
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

_OK, _ERROR = "#2f7d4f", "#c8372d"


def _tracker_summary(report: TrackerReport) -> str:
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


def _impact_summary(report: ImpactActionsReport) -> str:
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


#: How this dialog shows each kind of file: its summary line and its rows. What a file holds, how it is
#: applied, the dialog's title and introduction come from :mod:`crc_reporter.services.payloads`.
_VIEWS: dict[PayloadKind, tuple[Callable[[Any], str], Callable[[Any], list[InterchangeRow]]]] = {
    PayloadKind.TRACKER: (_tracker_summary, tracker_rows),
    PayloadKind.IMPACT_ACTIONS: (_impact_summary, impact_rows),
}


def report_summary(report: PayloadReport) -> str:
    return _VIEWS[report.kind][0](report.detail)


class InterchangeDialog(TaskDialogMixin, QDialog):
    def __init__(self, ctx: AppContext, source: ParsedSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.source = ctx, source
        self.report: PayloadReport | None = None
        self.applied: PayloadReport | None = None
        payload = source.payload
        assert payload is not None  # the import dialog hands over only files that carry records
        description = describe(payload)
        self.setWindowTitle(description.title)
        self.resize(1080, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.heading = section_label(_("What {name} would change").format(name=source.name))
        layout.addWidget(self.heading)
        self.intro = muted_label(description.intro)
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
        self._start(
            lambda session, _c: apply_payload(session, payload, dry_run=True),
            _("Comparing with the store…"),
            self._shown,
        )

    def _show(self, report: PayloadReport) -> None:
        self.model.set_rows(_VIEWS[report.kind][1](report.detail))
        self.summary.setText(report_summary(report))
        warnings = list(self.source.warnings) + list(report.warnings)
        self.warnings.setText("\n".join(dict.fromkeys(warnings)))
        self.warnings.setVisible(bool(warnings))

    def _shown(self, report: PayloadReport) -> None:
        self.report = report
        self._show(report)
        self.apply_button.setEnabled(report.anything)
        if not report.anything:
            self.show_message(_("Nothing to apply: the store already holds what the file says."), ok=True)

    def apply(self) -> None:
        payload = self.source.payload
        assert payload is not None

        def work(session: Session, _control: TaskControl) -> PayloadReport:
            backup_before(session, "import")  # before the first write: the backup holds the state before
            return apply_payload(session, payload, dry_run=False)

        self.apply_button.setEnabled(False)
        self._start(work, _("Applying…"), self._applied)

    def _applied(self, report: PayloadReport) -> None:
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
