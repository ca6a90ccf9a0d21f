"""Importing concluding observations: choose a file or paste text, check the preview, import.

Reading runs in the background with a progress bar and a Cancel button; the
preview shows every paragraph found with its kind, cluster and urgency, what
importing will do to it (new, updated, unchanged…) and any warnings. The
symbol and treaty can be corrected before anything is written (a new treaty
re-reads the file: the treaty decides how its headings are read). Import
takes a backup, then writes everything in one transaction; the dialog ends
on what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _, ngettext
from crc_reporter.importers import ReadOptions, load_source
from crc_reporter.services.backups import backup_before
from crc_reporter.services.errors import FORM_NAMES, ServiceError, ValidationError
from crc_reporter.services.importing import ImportReport, apply_import, preview_import
from crc_reporter.services.translations import TranslationReport, import_translation
from crc_reporter.ui.dialogs.import_translation import TranslationChoice, describe
from crc_reporter.ui.dialogs.import_widgets import ImportPreview, ProgressStrip, SourceChooser
from crc_reporter.ui.dialogs.task_dialog import FileDropMixin
from crc_reporter.ui.errors import error_text
from crc_reporter.ui.tasks import TaskControl

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext
    from crc_reporter.ui.main_window import MainWindow

FILE_FILTER = "{docs} (*.docx *.pdf *.txt *.xlsx *.csv *.crcx);;{all} (*)"


class ImportDialog(FileDropMixin, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source: ParsedSource | None = None
        self.report: ImportReport | None = None
        self.applied: ImportReport | None = None
        self.backup: Path | None = None  # the backup taken just before the import: "Revert this import" restores it
        self.revert_requested = False
        #: a file that carries records rather than documents (a package, a tracker, IMPACT OSS actions):
        #: (source, path), for the dialog that handles it (see ``run_import_dialog``)
        self.handed_over: tuple[ParsedSource, str] | None = None
        self._input: tuple[str | bytes, str] | None = None  # (path or pasted bytes, name)
        self.setWindowTitle(_("Import concluding observations"))
        self.setAcceptDrops(True)
        self.resize(1080, 700)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        intro = QLabel(
            _(
                "Read the Committee's document: a Word file, a PDF, text copied from it, or a UHRI export "
                "(.xlsx, .csv). Nothing is written to the store until you press Import; importing the same "
                "document again updates it and keeps your links, assessments and edits. An exchange package, "
                "an edited tracker workbook or an IMPACT OSS actions file opens the dialog made for it."
            )
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.chooser = SourceChooser()
        layout.addWidget(self.chooser)
        self.translation = TranslationChoice()
        self.translation_report: TranslationReport | None = None
        layout.addWidget(self.translation)
        self.progress = ProgressStrip()
        layout.addWidget(self.progress)
        self.preview = ImportPreview()
        layout.addWidget(self.preview, 1)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setStyleSheet("color: #c8372d;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.show_button = QPushButton(_("Show the recommendations"))
        self.show_button.setVisible(False)
        self.revert_button = QPushButton(_("Revert this import…"))
        self.revert_button.setToolTip(_("Put back the backup taken just before this import"))
        self.revert_button.setVisible(False)
        self.close_button = QPushButton(_("Cancel"))
        self.import_button = QPushButton(_("Import"))
        self.import_button.setObjectName("Primary")
        self.import_button.setEnabled(False)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)

        self.chooser.browse_button.clicked.connect(self.choose_file)
        self.chooser.read_button.clicked.connect(self.read_pasted)
        self.progress.cancel_button.clicked.connect(self.cancel_task)
        self.preview.symbol_edited.connect(self.compare)
        self.preview.treaty_changed.connect(self.reread)
        self.import_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        self.show_button.clicked.connect(self.show_recommendations)
        self.revert_button.clicked.connect(self.revert)

    # --- choosing the source ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        kinds = FILE_FILTER.format(docs=_("Documents"), all=_("All files"))
        start = self.ctx.settings.value("import/folder", str(Path.home()))
        path, _f = QFileDialog.getOpenFileName(self, _("Choose the document to import"), start, kinds)
        if path:
            self.read_file(path)

    def read_file(self, path: str) -> None:
        self.ctx.settings.set_value("import/folder", str(Path(path).parent))
        self.chooser.show_file(path)
        self._forget()
        self._input = (path, Path(path).name)
        self.read()

    def read_pasted(self) -> None:
        text = self.chooser.paste.toPlainText()
        if not text.strip():
            self.show_error(_("Paste the text of the concluding observations first."))
            return
        self._forget()
        self._input = (text.encode("utf-8"), _("pasted text"))
        self.read()

    def _forget(self) -> None:
        """A new source: the previous one's preview goes, so Import can never import it instead."""
        self.source, self.report, self.translation_report = None, None, None
        self.preview.forget()
        self.import_button.setEnabled(False)

    # --- reading and comparing (background) --------------------------------------------------------------
    def read(self) -> None:
        """Read the chosen source (again) and compare it with the store."""
        if self._input is None:
            return
        self.report = None  # until this reading's comparison arrives, there is nothing to import
        self.import_button.setEnabled(False)
        data, name = self._input
        if self.translation.active():
            self.read_translation(data, name)
            return
        symbol, treaty = self.preview.overrides()
        children = self.preview.only_children.isChecked()

        def work(session: Session, control: TaskControl) -> tuple[ParsedSource, ImportReport | None, str]:
            options = ReadOptions(
                symbol=symbol,
                treaty=treaty,
                only_children=children,
                progress=lambda done, total, message: control.progress(done, total, message),
                cancel=lambda: control.cancelled,
            )
            source = load_source(data, name=name, options=options)
            if source.payload is not None:  # records, not documents: handed over (see _read_done)
                return source, None, ""
            report, problem = _compare(session, source, symbol, treaty)
            return source, report, problem

        self._start(work, _("Reading {name}…").format(name=name), self._read_done)

    def read_translation(self, data: str | bytes, name: str) -> None:
        """Read a translated document and match it to the stored original (nothing is written yet)."""
        target, lang = self.translation.target(), self.translation.language()

        def work(session: Session, control: TaskControl) -> tuple[ParsedSource, TranslationReport | None, str]:
            options = ReadOptions(
                symbol=target or None,
                progress=lambda done, total, message: control.progress(done, total, message),
                cancel=lambda: control.cancelled,
            )
            source = load_source(data, name=name, options=options)
            try:
                found = lang or (source.documents[0].language if source.documents else "km")
                return source, import_translation(session, source, target, found, apply=False), ""
            except ServiceError as exc:
                return source, None, error_text(exc)
            finally:
                session.rollback()

        self._start(work, _("Reading {name}…").format(name=name), self._translation_read)

    def _translation_read(self, result: tuple[ParsedSource, TranslationReport | None, str]) -> None:
        self.source, self.translation_report, problem = result
        if self.translation_report is not None:
            self.preview.show_message(*describe(self.translation_report))
        self.show_error(problem)
        self.import_button.setEnabled(self.translation_report is not None and bool(self.translation_report.matched))

    def apply_translation(self, source: ParsedSource, report: TranslationReport) -> None:
        def work(session: Session, control: TaskControl) -> TranslationReport:
            control.progress(0, 0, _("Backing up the store…"))
            backup_before(session, "import")
            return import_translation(session, source, report.symbol, report.lang)

        self.import_button.setEnabled(False)
        self._start(work, _("Importing…"), self._translation_applied)

    def _translation_applied(self, report: TranslationReport) -> None:
        self.translation_report = report
        self.ctx.events.store_reloaded.emit()
        self.preview.show_message(*describe(report))
        self.chooser.setEnabled(False)
        self.translation.setEnabled(False)
        self.import_button.setVisible(False)
        self.close_button.setText(_("Close"))

    def reread(self) -> None:
        self.read()

    def compare(self) -> None:
        """The symbol was corrected: compare again (the file need not be read again)."""
        source = self.source
        if source is None:
            return
        symbol, treaty = self.preview.overrides()

        def work(session: Session, _control: TaskControl) -> tuple[ParsedSource, ImportReport | None, str]:
            report, problem = _compare(session, source, symbol, treaty)
            return source, report, problem

        self._start(work, _("Comparing with the store…"), self._read_done)

    def _read_done(self, result: tuple[ParsedSource, ImportReport | None, str]) -> None:
        if result[0].payload is not None and self._input is not None and isinstance(self._input[0], str):
            self.handed_over = (result[0], self._input[0])
            self.accept()
            return
        self.source, self.report, problem = result
        self.preview.show_source(self.source, self.report)
        self.show_error(problem)
        self.import_button.setEnabled(self.report is not None and self.report.paragraphs > 0)
        if self.report is not None and not self.report.paragraphs:
            self.show_error(_("No numbered paragraphs were found in {name}.").format(name=self.source.name))

    # --- importing ------------------------------------------------------------------------------------------
    def apply(self) -> None:
        source = self.source
        if source is not None and self.translation_report is not None and not self.translation_report.applied:
            self.apply_translation(source, self.translation_report)
            return
        if source is None or self.report is None:
            return
        replace = any(doc.weaker_than for doc in self.report.documents)
        if replace and not self.choose_weaker_copy(self.report):
            return  # the stored copy stays; nothing is written
        symbol, treaty = self.preview.overrides()

        def work(session: Session, control: TaskControl) -> tuple[ImportReport, Path | None]:
            control.progress(0, 0, _("Backing up the store…"))
            backup = backup_before(session, "import")  # before the first write: the backup holds the state before
            return apply_import(
                session,
                source,
                symbol=symbol,
                treaty=treaty,
                replace=replace,
                progress=lambda done, total, message: control.progress(done, total, _("Importing…")),
                cancel=lambda: control.cancelled,
            ), backup.path if backup is not None else None

        self.import_button.setEnabled(False)
        self._start(work, _("Importing…"), self._applied)

    def choose_weaker_copy(self, report: ImportReport) -> bool:
        """A PDF or pasted text over a copy from a better form: the person sees what changes and chooses."""
        lines = []
        for doc in report.documents:
            if doc.weaker_than:
                lines.append(
                    _("{symbol} was imported from {stored}. This {found} would change paragraphs {numbers}.").format(
                        symbol=doc.symbol,
                        stored=_(FORM_NAMES.get(doc.weaker_than, doc.weaker_than)),
                        found=_(FORM_NAMES.get(report.format, report.format)),
                        numbers=", ".join(map(str, doc.changed_numbers)),
                    )
                )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Replace a better copy?"))
        box.setText(" ".join(lines))
        box.setInformativeText(
            _(
                "A copy from a Word file keeps the Committee's numbering, parts and bold exactly; text from a PDF may not."
            )
        )
        replace = box.addButton(_("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep the stored copy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is replace

    def _applied(self, result: tuple[ImportReport, Path | None]) -> None:
        report, self.backup = result
        self.applied = report
        self.revert_button.setVisible(self.backup is not None)
        events = self.ctx.events
        events.documents_changed.emit()
        events.store_reloaded.emit()  # paragraphs, parts and tags may all have changed
        self.preview.show_result(report)
        self.chooser.setEnabled(False)
        self.import_button.setVisible(False)
        self.close_button.setText(_("Close"))
        self.show_button.setVisible(bool(report.documents))
        self.show_error("")

    def revert(self) -> None:
        """Ask, then close: the window restores the backup taken before the import (see ``run_import_dialog``)."""
        if self.backup is None:
            return
        answer = QMessageBox.question(
            self,
            _("Revert this import"),
            _(
                "Put the store back as it was just before this import? Changes made since then are undone too; "
                "the store as it is now is kept as a backup first."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.revert_requested = True
            self.accept()

    def show_recommendations(self) -> None:
        if self.applied is not None and self.applied.documents:
            self.ctx.navigate("recommendations", document=self.applied.documents[0].symbol)
        self.accept()

    # --- tasks ------------------------------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # --- around each background task (TaskDialogMixin) ------------------------------------------------
    def task_starting(self) -> None:
        self.show_error("")
        self.chooser.setEnabled(False)

    def task_ended(self) -> None:
        self.chooser.setEnabled(self.applied is None)

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        self.show_error(message)
        self.import_button.setEnabled(self.report is not None and self.applied is None)


def _compare(
    session: Session, source: ParsedSource, symbol: str | None, treaty: str | None
) -> tuple[ImportReport | None, str]:
    """The preview against the store, or (when the symbol is missing or wrong) why there is none yet."""
    try:
        return preview_import(session, source, symbol=symbol, treaty=treaty), ""
    except ValidationError as exc:
        return None, error_text(exc)
    finally:
        session.rollback()  # a preview writes nothing


def summary(report: ImportReport) -> str:
    """ "62 paragraphs: 48 recommendations, 6 urgent" for a whole source."""
    head = ngettext("{n} paragraph", "{n} paragraphs", report.paragraphs).format(n=report.paragraphs)
    recs = ngettext("{n} recommendation", "{n} recommendations", report.recommendations).format(
        n=report.recommendations
    )
    return f"{head}: {recs}, " + _("{n} urgent").format(n=report.urgent)


def run_import_dialog(window: MainWindow, path: str | None = None) -> ImportReport | None:
    """Open the import dialog over ``window`` (reading ``path`` at once when given); the report when imported."""
    if window.ctx is None:
        return None
    dialog = ImportDialog(window.ctx, window)
    if path:
        dialog.read_file(path)
    dialog.exec()
    if dialog.handed_over is not None:
        window.exchange.open_payload(*dialog.handed_over)
        return None
    store = window.store
    if dialog.revert_requested and dialog.backup is not None and store is not None and store.path is not None:
        window.recovery.restore(store.path, dialog.backup)
        return None
    if dialog.applied is not None:
        window.statusBar().showMessage(_("Imported: {summary}").format(summary=summary(dialog.applied)), 8000)
    return dialog.applied
