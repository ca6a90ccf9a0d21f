"""File ▸ Publish website…: choose what goes on the public site, see what will be public, write it.

The preview counts what will be public (documents, paragraphs, actions,
indicators) and what stays out (confidential actions, with their sources and
links; the names in the audit trail). Counting and writing run in the
background; the site is written to a folder the person chooses, and the
dialog ends on one line with a button that opens the site in the browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.i18n import LANGUAGES, N_, _, current_language, ngettext
from crc_reporter.publish import PublicationPreview, PublishOptions, PublishResult, preview_publication, publish_site
from crc_reporter.services.documents import list_documents
from crc_reporter.ui.dialogs.task_dialog import TaskDialogMixin
from crc_reporter.ui.formatting import file_size, number
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label
from crc_reporter.ui.widgets.scrolling import ScrollBody, fit_to_screen

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext

_OK, _ERROR = "#2f7d4f", "#c8372d"
FOLDER_KEY = "publish/folder"


class PublishDialog(TaskDialogMixin, QDialog):
    CANCELLED = N_("Cancelled; nothing was written.")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.published: PublishResult | None = None
        self.preview: PublicationPreview | None = None
        self._generation = 0
        self.setWindowTitle(_("Publish a website"))
        self.setMinimumWidth(640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        layout = QVBoxLayout(content)
        self.content_layout = layout
        layout.setContentsMargins(18, 14, 18, 6)
        layout.setSpacing(10)
        layout.addWidget(
            muted_label(
                _(
                    "A folder of web pages anyone can open without a network: from a USB stick, a laptop, or any "
                    "web host as it is. It shows the documents, their paragraphs, both sides' assessments, the "
                    "public actions and the indicators, with search and filters."
                )
            )
        )
        form_box = QGroupBox(_("The site"))
        form = QFormLayout(form_box)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(
            _("Where the recommendations of the Committee on the Rights of the Child stand")
        )
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(_("e.g. National Committee for Children's Rights"))
        form.addRow(_("Title:"), self.title_edit)
        form.addRow(_("Published by:"), self.organisation_edit)
        # the languages by their own names (endonyms: not translated), in a list like the documents
        self.languages = QListWidget()
        for code, name in LANGUAGES.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ("en", current_language()) else Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        self.languages.setMaximumHeight(self.languages.sizeHintForRow(0) * len(LANGUAGES) + 8)
        self.languages.itemChanged.connect(lambda _item: self._update_button())
        form.addRow(_("Languages:"), self.languages)
        self.khmer_digits = QCheckBox(_("Khmer digits in the Khmer pages"))
        form.addRow("", self.khmer_digits)
        layout.addWidget(form_box)

        docs_box = QGroupBox(_("Documents"))
        docs_layout = QVBoxLayout(docs_box)
        self.documents = QListWidget()
        self.documents.setMaximumHeight(130)
        self.documents.itemChanged.connect(lambda _item: self.refresh_preview())
        docs_layout.addWidget(self.documents)
        layout.addWidget(docs_box)

        preview_box = QGroupBox(_("What will be public"))
        preview_layout = QVBoxLayout(preview_box)
        self.preview_line = QLabel(_("Counting…"))
        self.preview_line.setWordWrap(True)
        self.left_out_line = QLabel()
        self.left_out_line.setWordWrap(True)
        preview_layout.addWidget(self.preview_line)
        preview_layout.addWidget(self.left_out_line)
        layout.addWidget(preview_box)
        self.groups = (form_box, docs_box, preview_box)
        layout.addStretch(1)
        outer.addWidget(ScrollBody(content), 1)

        footer = QVBoxLayout()
        footer.setContentsMargins(18, 4, 18, 14)
        outer.addLayout(footer)
        self.footer_layout = footer
        self.publish_button = self.add_task_footer(footer, _("&Publish…"))
        self.publish_button.clicked.connect(self.choose_folder)
        self.open_button = QPushButton(_("&Open the site"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_site)
        footer.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.ctx.tasks.run(
            lambda session, _c: [(d.symbol, d.title) for d in list_documents(session) if d.paragraphs],
            store=ctx.store,
            on_success=self._set_documents,
            on_failure=lambda exc: self.show_message(str(exc)),
            show_progress=False,
        )
        fit_to_screen(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Tall enough for the preview at its width, no taller than the screen (the choices scroll instead)."""
        if self.content_layout.hasHeightForWidth():
            need = self.content_layout.totalHeightForWidth(self.width()) + self.footer_layout.sizeHint().height()
            self.resize(self.width(), max(self.height(), need))
        fit_to_screen(self)
        super().showEvent(event)

    # --- the choices ----------------------------------------------------------------------------------------
    def _set_documents(self, documents: list[tuple[str, str]]) -> None:
        self.documents.blockSignals(True)
        for symbol, title in documents:
            item = QListWidgetItem(f"{symbol} — {title}")
            item.setData(Qt.ItemDataRole.UserRole, symbol)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.documents.addItem(item)
        self.documents.blockSignals(False)
        self.refresh_preview()

    def chosen_documents(self) -> tuple[str, ...]:
        items = [self.documents.item(i) for i in range(self.documents.count())]
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item.checkState() == Qt.CheckState.Checked
        )

    def chosen_languages(self) -> tuple[str, ...]:
        first = current_language() if current_language() in LANGUAGES else "en"
        items = [self.languages.item(i) for i in range(self.languages.count())]
        chosen = [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]
        return tuple(sorted(chosen, key=lambda code: code != first))  # the interface's language opens first

    def set_language(self, code: str, chosen: bool) -> None:
        for i in range(self.languages.count()):
            item = self.languages.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def options(self, out: Path) -> PublishOptions:
        return PublishOptions(
            out=out,
            languages=self.chosen_languages(),
            documents=self.chosen_documents(),
            title=self.title_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            khmer_digits=self.khmer_digits.isChecked(),
        )

    def _update_button(self) -> None:
        ready = bool(self.chosen_languages()) and bool(self.chosen_documents()) and self._task is None
        self.publish_button.setEnabled(ready and self.published is None)

    # --- the preview ----------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        documents = self.chosen_documents()
        self._update_button()
        if not documents:
            self.preview = None
            self.preview_line.setText(_("Choose at least one document."))
            self.left_out_line.setText("")
            return
        self._generation += 1
        generation = self._generation
        self.preview_line.setText(_("Counting…"))
        options = PublishOptions(out=Path(), documents=documents)

        def count(session: Session, _control: TaskControl) -> PublicationPreview:
            return preview_publication(session, options)

        self.ctx.tasks.run(
            count,
            store=self.ctx.store,
            on_success=lambda preview: self._show_preview(preview, generation),
            on_failure=lambda exc: self.show_message(str(exc)),
            show_progress=False,
        )

    def _show_preview(self, preview: PublicationPreview, generation: int) -> None:
        if generation != self._generation:
            return  # the choice changed since: a newer count is on its way
        self.preview = preview
        parts = [
            ngettext("{n} document", "{n} documents", len(preview.documents)).format(n=number(len(preview.documents))),
            ngettext("{n} paragraph", "{n} paragraphs", preview.recommendations).format(
                n=number(preview.recommendations)
            ),
            ngettext("{n} public action", "{n} public actions", preview.actions).format(n=number(preview.actions)),
            ngettext("{n} indicator", "{n} indicators", preview.indicators).format(n=number(preview.indicators)),
        ]
        self.preview_line.setText(_("Public: {counts}.").format(counts=", ".join(parts)))
        left_out = ngettext(
            "Left out: {n} confidential action (with its sources and links), and the names in the audit trail.",
            "Left out: {n} confidential actions (with their sources and links), and the names in the audit trail.",
            preview.confidential_left_out,
        ).format(n=number(preview.confidential_left_out))
        self.left_out_line.setText(left_out)

    # --- writing ----------------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.ctx.settings.value(FOLDER_KEY, str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, _("Choose an empty folder for the website"), start)
        if folder:
            self.write(Path(folder))

    def write(self, out: Path) -> None:
        """Write the site to ``out`` in the background (chosen in the dialog, or given by a test)."""
        self.ctx.settings.set_value(FOLDER_KEY, str(out.parent))
        options = self.options(out)

        def work(session: Session, control: TaskControl) -> PublishResult:
            return publish_site(session, options, lambda done, total: control.progress(done, total))

        self._start(work, _("Writing the website…"), self._written)

    def _written(self, result: PublishResult) -> None:
        self.published = result
        text = ngettext(
            "Published {n} page to {folder} ({size}).",
            "Published {n} pages to {folder} ({size}).",
            result.pages,
        ).format(n=number(result.pages), folder=str(result.folder), size=file_size(result.size))
        self.show_message(text, colour=_OK)
        for group in self.groups:
            group.setEnabled(False)
        self.publish_button.setVisible(False)
        self.open_button.setVisible(True)
        self.close_button.setText(_("Close"))

    def site_index(self) -> Path | None:
        return self.published.folder / "index.html" if self.published else None

    def open_site(self) -> None:
        index = self.site_index()
        if index is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(index)))

    def show_message(self, text: str, *, colour: str = _ERROR) -> None:
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- around the background task ---------------------------------------------------------------------
    def task_starting(self) -> None:
        self.show_message("")
        self.publish_button.setEnabled(False)

    def task_ended(self) -> None:
        self._update_button()

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        self.show_message(message)


def open_publish_dialog(ctx: AppContext | None, parent: QWidget) -> None:
    if ctx is not None:
        PublishDialog(ctx, parent).exec()
