"""Documents of the reporting cycle: concluding observations, reports, lists of issues."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLineEdit, QPushButton, QSpinBox, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import DocumentType, Mechanism
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.documents import list_documents
from crc_reporter.services.usage import document_usage
from crc_reporter.ui.commands.records import CreateDocument, DeleteDocument, EditDocument, MergeDocuments
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.records import NewDocumentDialog
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.directory import DocumentRow, DocumentTableModel
from crc_reporter.ui.pages.directory import DirectoryPage
from crc_reporter.ui.widgets.cards import FigureTile, muted_label, section_label
from crc_reporter.ui.widgets.inputs import OptionalDateEdit


class DocumentsPage(DirectoryPage):
    key = "documents"
    TITLE = N_("Documents")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, DocumentTableModel(), parent)
        self.new_button.setText(_("New document…"))
        self.search.setPlaceholderText(_("Filter documents…"))
        self.table.setAccessibleName(_("Documents"))
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.symbol = QLineEdit()
        self.symbol.setReadOnly(True)
        self.doc_title = QLineEdit()
        self.treaty, self.type = QComboBox(), QComboBox()
        for treaty in Mechanism:  # the CRC's instruments and the other mechanisms (issue 22)
            self.treaty.addItem(treaty.value, treaty.value)
        for kind in DocumentType:
            self.type.addItem(label(kind.value), kind.value)
        self.date, self.due = OptionalDateEdit(), OptionalDateEdit()
        self.word_limit = QSpinBox()
        self.word_limit.setRange(0, 200_000)
        self.word_limit.setSingleStep(100)
        self.word_limit.setSpecialValueText(_("none"))
        self.word_limit.setGroupSeparatorShown(True)
        form.addRow(_("Symbol"), self.symbol)
        form.addRow(_("Title"), self.doc_title)
        form.addRow(_("Mechanism"), self.treaty)
        form.addRow(_("Type"), self.type)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Next report due"), self.due)
        form.addRow(_("Word limit of the next report"), self.word_limit)
        self.editor_layout.addLayout(form)
        self.editor_layout.addWidget(section_label(_("What is linked")))
        tiles = QGridLayout()
        tiles.setSpacing(10)
        self.tile_paragraphs = FigureTile(_("Paragraphs"))
        self.tile_actions = FigureTile(_("Linked actions"))
        self.tile_assessments = FigureTile(_("Assessments"))
        for i, tile in enumerate((self.tile_paragraphs, self.tile_actions, self.tile_assessments)):
            tiles.addWidget(tile, 0, i)
        self.editor_layout.addLayout(tiles)
        self.show_recs = QPushButton(_("Show its recommendations"))
        self.editor_layout.addWidget(self.show_recs)
        self.delete_hint = muted_label(_("Only a document without paragraphs can be deleted."))
        self.editor_layout.addWidget(self.delete_hint)
        self.editor_layout.addStretch(1)
        self.add_buttons()
        self.doc_title.textEdited.connect(lambda _t: self.set_dirty())
        for combo in (self.treaty, self.type):
            combo.activated.connect(lambda _i: self.set_dirty())
        for edit in (self.date, self.due):
            edit.changed.connect(self.set_dirty)
        self.word_limit.valueChanged.connect(lambda _v: self.set_dirty())
        self.show_recs.clicked.connect(self._show_recommendations)
        ctx.access.guard(self.doc_title, self.treaty, self.type, self.date, self.due, self.word_limit)
        ctx.events.documents_changed.connect(self.mark_stale)
        ctx.events.recommendations_changed.connect(self.mark_stale)
        ctx.events.actions_changed.connect(self.mark_stale)
        ctx.events.assessments_changed.connect(self.mark_stale)
        ctx.events.store_reloaded.connect(self.mark_stale)

    def load_rows(self, session: Session) -> list[DocumentRow]:
        usage = document_usage(session)
        return [DocumentRow(d, usage[d.id]) for d in list_documents(session)]

    def count_text(self, count: int) -> str:
        return ngettext("{n} document", "{n} documents", count).format(n=number(count))

    def current(self) -> DocumentRow | None:
        return self.shown if isinstance(self.shown, DocumentRow) else None

    def show_current(self) -> None:
        row = self.current()
        info = row.info if row else None
        self.empty.setVisible(row is None)
        for widget in (self.doc_title, self.treaty, self.type, self.date, self.due, self.word_limit, self.show_recs):
            widget.setEnabled(row is not None)
        self.editor_title.setText(info.symbol if info else "")
        self.symbol.setText(info.symbol if info else "")
        self.doc_title.setText(info.title if info else "")
        self.doc_title.setCursorPosition(0)
        self.treaty.setCurrentIndex(max(self.treaty.findData(info.treaty if info else "CRC"), 0))
        self.type.setCurrentIndex(max(self.type.findData(info.type if info else "other"), 0))
        self.date.set_date(info.date if info else None)
        self.due.set_date(info.next_report_due if info else None)
        self.word_limit.blockSignals(True)
        self.word_limit.setValue(info.word_limit or 0 if info else 0)
        self.word_limit.blockSignals(False)
        usage = row.usage if row else None
        self.tile_paragraphs.set(
            number(usage.paragraphs) if usage else "—",
            _("{n} urgent").format(n=number(usage.urgent)) if usage and usage.urgent else "",
        )
        self.tile_actions.set(number(usage.linked_actions) if usage else "—")
        self.tile_assessments.set(number(usage.assessments) if usage else "—")
        self.delete_button.setEnabled(bool(row and not row.info.paragraphs))
        self.delete_hint.setVisible(bool(row and row.info.paragraphs))
        self.show_recs.setVisible(bool(row and row.info.paragraphs))
        self.set_dirty(False)

    def save(self) -> None:
        row = self.current()
        if row is None or not self._dirty:
            return
        info = row.info
        values: dict[str, object] = {
            "title": self.doc_title.text().strip(),
            "treaty_code": self.treaty.currentData(),
            "doc_type": self.type.currentData(),
            "date": self.date.date(),
            "next_report_due": self.due.date(),
            "next_report_word_limit": self.word_limit.value() or None,
        }
        before: dict[str, object] = {
            "title": info.title,
            "treaty_code": info.treaty,
            "doc_type": info.type,
            "date": info.date,
            "next_report_due": info.next_report_due,
            "next_report_word_limit": info.word_limit,
        }
        changed = {k: v for k, v in values.items() if before[k] != v}
        self.set_dirty(False)
        if changed:
            self.ctx.edit(EditDocument(info.symbol, changed, expected_version=info.version))

    def create_record(self) -> None:
        dialog = NewDocumentDialog(self)
        if dialog.exec():
            self.ctx.edit(CreateDocument(dialog.symbol.text().strip(), dialog.values()))

    def delete(self) -> None:
        row = self.current()
        if row is not None and not row.info.paragraphs:
            self.ctx.edit(DeleteDocument(row.info.symbol))

    def merge(self) -> None:
        dialog = self.choose_duplicates(
            _("Merge a document imported twice"),
            _(
                "Paragraphs are matched by number: the duplicate's action links, assessments, tags and responsible "
                "bodies move to the same paragraph of the document you keep, and paragraphs it alone has move "
                "over. The duplicate is then deleted. Edit ▸ Undo brings it back."
            ),
            lambda row: row.info.symbol,
        )
        if dialog is not None:
            keep, duplicate = dialog.names()
            self.ctx.edit(MergeDocuments(keep, duplicate))

    def _show_recommendations(self) -> None:
        row = self.current()
        if row is not None:
            self.ctx.navigate("recommendations", document=row.info.symbol)
