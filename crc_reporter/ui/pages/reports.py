"""The reports page: choose a Word draft, see its outline and word count, write it, open it.

Every change of a choice rebuilds the draft in memory in the background
(``preview_report``: outline and word count against the limit, before anything
is written). "Generate…" asks where to save, draws the dashboard's chart when
asked for, and writes the draft in the background with progress and Cancel;
then "Open in Word" and "Show in folder". On a shared server only a
coordinator may write the official drafts (the State party report and the
replies); others see why the button is disabled, and may still preview them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.records import DocumentInfo
from crc_reporter.domain.roles import Role
from crc_reporter.domain.summaries import DashboardFigures
from crc_reporter.i18n import N_, _
from crc_reporter.reports.api import generate_report, preview_report
from crc_reporter.reports.context import KIND_TITLES, ReportKind, ReportOptions, ReportResult
from crc_reporter.reports.errors import ReportCancelledError
from crc_reporter.reports.progress_xlsx import is_workbook, write_progress_workbook
from crc_reporter.services.actors import list_actors
from crc_reporter.services.dashboard import dashboard_figures
from crc_reporter.services.documents import list_documents
from crc_reporter.services.permissions import require_role
from crc_reporter.ui.access import may_write_official_drafts
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.coalition_dialog import ClusterEntriesDialog
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.pages.report_form import OFFICIAL, ReportForm
from crc_reporter.ui.pages.report_preview import ReportPreview
from crc_reporter.ui.report_chart import cluster_chart
from crc_reporter.ui.tasks import Task, TaskControl
from crc_reporter.ui.widgets.scrolling import ScrollBody

PREVIEW_DELAY_MS = 350


class ReportsPage(Page):
    key = "reports"
    TITLE = N_("Reports")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._preview_task: Task | None = None
        self.result: ReportResult | None = None  # the last draft written
        layout = self.page_layout()
        header, _t, _s = self.header(self.title(), _("Word drafts drawn from the store, ready to edit and submit"))
        layout.addLayout(header)
        body = QHBoxLayout()
        body.setSpacing(14)
        self.form = ReportForm()
        self.form.setMaximumWidth(540)
        self.generate_button = QPushButton(_("Generate the draft…"))
        self.generate_button.setObjectName("Primary")
        self.generate_button.setMinimumHeight(34)
        # an alternative report's questions and proposed recommendations about a whole cluster
        self.entries_button = QPushButton(_("Questions per cluster…"))
        self.entries_button.setToolTip(_("Questions for the list of issues and proposed recommendations per cluster"))
        self.entries_button.clicked.connect(self.edit_cluster_entries)
        self.form.footer.addWidget(self.entries_button)
        self.form.footer.addStretch(1)
        self.form.footer.addWidget(self.generate_button)
        form_scroll = ScrollBody(self.form)  # the choices scroll on a short screen (a laptop at 125 %)
        form_scroll.setMaximumWidth(540 + form_scroll.verticalScrollBar().sizeHint().width())
        body.addWidget(form_scroll, 5)
        self.preview = ReportPreview()
        body.addWidget(self.preview, 6)
        layout.addLayout(body, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.form.changed.connect(self._choices_changed)
        self.generate_button.clicked.connect(self.generate)
        self.preview.open_button.clicked.connect(self.open_in_word)
        self.preview.folder_button.clicked.connect(self.show_in_folder)
        if not ctx.store.confidential:
            self.form.confidential.setEnabled(False)
            self.form.confidential.setToolTip(_("Your role does not let you see confidential actions"))
        ctx.events.documents_changed.connect(self.mark_stale)
        ctx.events.actors_changed.connect(self.mark_stale)
        ctx.events.store_reloaded.connect(self.mark_stale)
        for signal in (ctx.events.recommendations_changed, ctx.events.actions_changed, ctx.events.assessments_changed):
            signal.connect(lambda *_a: self._choices_changed())

    # --- loading the choices -------------------------------------------------------------------------------
    def reload(self) -> None:
        generation = self.next_generation()

        def work(session: Session, _control: TaskControl) -> tuple[list, list[str], list[str]]:
            actors = list_actors(session)
            return list_documents(session), [a.name for a in actors if a.type == "coalition"], [a.name for a in actors]

        def done(result: tuple[list, list[str], list[str]]) -> None:
            if self.is_current(generation):
                self.form.set_choices(*result)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _choices_changed(self) -> None:
        self._update_permission()
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def _update_permission(self) -> None:
        allowed, reason = True, ""
        if self.form.kind_value() in OFFICIAL:
            allowed, reason = may_write_official_drafts(self.ctx.store)
        ready = self.form.options() is not None
        self.generate_button.setEnabled(allowed and ready)
        self.entries_button.setVisible(self.form.kind_value() == ReportKind.ALTERNATIVE)
        self.entries_button.setEnabled(self._chosen_document() is not None)
        self.generate_button.setToolTip(reason)
        self.preview.set_permission(reason)

    def _chosen_document(self) -> DocumentInfo | None:
        symbol = self.form.document.currentData()
        return next((d for d in self.form.documents if d.symbol == symbol), None) if symbol else None

    def edit_cluster_entries(self) -> None:
        doc = self._chosen_document()
        if doc is not None:
            ClusterEntriesDialog(self.ctx, doc.id, doc.symbol, self).exec()

    # --- the preview ------------------------------------------------------------------------------------------
    def update_preview(self) -> None:
        options = self.form.options(self.ctx.store.user)
        if self._preview_task is not None:
            self._preview_task.cancel()
        if options is None:
            problem = self.form.choice_problem()
            self.preview.show_nothing(problem or _("Choose a document the draft answers."), error=bool(problem))
            return
        self.preview.set_busy(True)

        def work(session: Session, control: TaskControl) -> ReportResult:
            return preview_report(session, options)

        task = self.ctx.tasks.run(
            work,
            store=self.ctx.store,
            on_success=lambda result: self._previewed(task, result),
            on_failure=lambda exc: self._preview_failed(task, exc),
            show_progress=False,
        )
        self._preview_task = task

    def _previewed(self, task: Task, result: ReportResult) -> None:
        if task is self._preview_task:
            self._preview_task = None
            self.preview.show_outline(result)

    def _preview_failed(self, task: Task, exc: BaseException) -> None:
        if task is self._preview_task:
            self._preview_task = None
            self.preview.show_nothing(error_text(exc), error=True)

    def refresh(self) -> None:
        super().refresh()
        self._update_permission()
        self._timer.start()

    # --- writing the draft ---------------------------------------------------------------------------------------
    def default_path(self, options: ReportOptions) -> Path:
        folder = self.ctx.settings.value("reports/folder") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        title = _(KIND_TITLES[options.kind])  # type: ignore[index]
        if options.kind == ReportKind.PROGRESS and options.actors:
            title = options.actors[0]
        name = re.sub(r"[^\w\- ]+", "-", f"{title} {options.document} {options.lang}", flags=re.UNICODE)
        return Path(folder or Path.home()) / f"{re.sub(r'-+', '-', name).strip('- ')}.{self._suffix(options)}"

    def _suffix(self, options: ReportOptions) -> str:
        """ "xlsx" for a progress report asked for as a workbook, else "docx"."""
        workbook = options.kind == ReportKind.PROGRESS and self.form.output_format.currentData() == "xlsx"
        return "xlsx" if workbook else "docx"

    def generate(self) -> None:
        options = self.form.options(self.ctx.store.user)
        if options is None or not self.generate_button.isEnabled():
            return
        suffix = self._suffix(options)
        kinds = _("Excel workbook (*.xlsx)") if suffix == "xlsx" else _("Word document (*.docx)")
        path, _f = QFileDialog.getSaveFileName(self, _("Save the draft as"), str(self.default_path(options)), kinds)
        if not path:
            return
        if not path.lower().endswith("." + suffix):
            path += "." + suffix
        self.ctx.settings.set_value("reports/folder", str(Path(path).parent))
        self.write(replace(options, out=Path(path)), with_chart=self.form.chart.isChecked())

    def write(self, options: ReportOptions, *, with_chart: bool = False) -> Task:
        """Write the draft in the background (first reading the chart's figures when asked for)."""
        self.generate_button.setEnabled(False)
        if with_chart:

            def figures(session: Session, _control: TaskControl) -> DashboardFigures:
                return dashboard_figures(session, options.document)

            def drawn(result: DashboardFigures) -> None:
                try:
                    chart = cluster_chart(result, options.lang)
                except Exception as exc:  # a picture that cannot be drawn must not leave the page stuck
                    self._failed(exc)
                    return
                self.write(replace(options, chart_images=(chart,) if chart else ()))

            return self.ctx.tasks.run(
                figures, store=self.ctx.store, title=_("Drawing the chart…"), on_success=drawn, on_failure=self._failed
            )
        official = options.kind in OFFICIAL

        def work(session: Session, control: TaskControl) -> ReportResult:
            if official:
                require_role(session, Role.COORDINATOR, _("generate the official drafts"))
            if is_workbook(options):
                return write_progress_workbook(session, options)
            return generate_report(
                session,
                options,
                progress=lambda done, total: control.progress(done, total, _("Writing the draft…")),
                cancelled=lambda: control.cancelled,
            )

        return self.ctx.tasks.run(
            work,
            store=self.ctx.store,
            title=_("Writing {name}…").format(name=options.out.name if options.out else ""),
            on_success=self._written,
            on_failure=self._failed,
            on_cancel=lambda: self._failed(ReportCancelledError(_("report cancelled; nothing was written"))),
        )

    def _written(self, result: ReportResult) -> None:
        self.result = result
        self._update_permission()
        self.preview.show_written(result)
        if result.path is not None:
            self.ctx.settings.set_value("reports/last", str(result.path))

    def _failed(self, exc: BaseException) -> None:
        self._update_permission()
        self.preview.show_failure(error_text(exc))

    def open_in_word(self) -> None:
        if self.result is not None and self.result.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))

    def show_in_folder(self) -> None:
        if self.result is not None and self.result.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def focus_search(self) -> None:
        self.form.kind.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_record(self, **target: object) -> None:
        """Show the form for one kind of draft (``kind="alternative"``), as "What needs attention" asks."""
        kind = target.get("kind")
        index = self.form.kind.findData(kind) if isinstance(kind, str) else -1
        if index >= 0:
            self.form.kind.setCurrentIndex(index)
