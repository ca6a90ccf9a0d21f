"""The parts of the import dialog: where the text comes from, the progress strip, and the preview."""

from __future__ import annotations

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.enums import Mechanism
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _, joined, labelled, ngettext
from crc_reporter.i18n.labels import position_count
from crc_reporter.services.importing import ImportReport
from crc_reporter.ui.formatting import long_date, number
from crc_reporter.ui.icons import icon
from crc_reporter.ui.models.import_preview import ImportPreviewModel, PreviewRow, rows_from_parsed, rows_from_report
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable


class SourceChooser(QTabWidget):
    """A file (chosen or dropped), or text pasted from a PDF or a web page."""

    FILE, PASTE = 0, 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        file_tab = QWidget()
        row = QHBoxLayout(file_tab)
        row.setContentsMargins(0, 10, 0, 0)
        row.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("No file chosen yet; you can also drop one on this window"))
        self.path.setAccessibleName(_("File to import"))
        self.browse_button = QPushButton(_("Choose a file…"))
        self.browse_button.setObjectName("Primary")
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        self.addTab(file_tab, _("From a file"))
        paste_tab = QWidget()
        paste_row = QHBoxLayout(paste_tab)
        paste_row.setContentsMargins(0, 10, 0, 0)
        paste_row.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText(
            _("Paste the text of the concluding observations here, as copied from the PDF or the web page.")
        )
        self.paste.setAccessibleName(_("Pasted text"))
        self.paste.setFixedHeight(78)
        self.read_button = QPushButton(_("Read the text"))
        paste_row.addWidget(self.paste, 1)
        paste_row.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        self.addTab(paste_tab, _("Paste text"))
        self.setFixedHeight(self.tabBar().sizeHint().height() + 92)
        self.currentChanged.connect(self._fit)
        self._fit(self.FILE)

    def _fit(self, index: int) -> None:
        # the file row needs one line; the paste box a few
        self.setFixedHeight(self.tabBar().sizeHint().height() + (50 if index == self.FILE else 92))

    def show_file(self, path: str) -> None:
        self.setCurrentIndex(self.FILE)
        self.path.setText(path)
        self.path.setCursorPosition(0)


class ProgressStrip(QWidget):
    """What the background work is doing, how far it got, and a way to stop it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.cancel_button = QPushButton(_("Cancel"))
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setVisible(False)

    def start(self, message: str) -> None:
        self.label.setText(message)
        self.bar.setRange(0, 0)
        self.setVisible(True)

    def report(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)

    def stop(self) -> None:
        self.setVisible(False)


class ImportPreview(QStackedWidget):
    """What the source holds and what importing it would do."""

    symbol_edited = Signal()  # the person corrected the symbol: compare again
    treaty_changed = Signal()  # the person corrected the treaty: read again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: ParsedSource | None = None
        self.report: ImportReport | None = None
        self.symbol_override: str | None = None
        self.treaty_override: str | None = None
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        glyph = QLabel()
        glyph.setPixmap(icon("documents", "#9fb0c8").pixmap(QSize(48, 48)))
        glyph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(glyph)
        hint = muted_label(_("Choose a file or paste text: what it holds is shown here before anything is written."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(hint)
        empty_layout.addStretch(2)
        self.addWidget(empty)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        card = self.card = QFrame()
        card.setObjectName("Card")
        grid = QGridLayout(card)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.heading = section_label("")
        grid.addWidget(self.heading, 0, 0, 1, 4)
        self.document = QComboBox()
        self.document.setAccessibleName(_("Document"))
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText(_("e.g. {symbol}").format(symbol="CRC/C/XMP/CO/5-6"))
        self.symbol.setAccessibleName(_("Symbol"))
        self.symbol.setMinimumWidth(280)
        self.symbol.setToolTip(_("Correct the symbol if the file does not show it, or shows it wrongly; Enter applies"))
        self.treaty = QComboBox()
        for mechanism in Mechanism:
            self.treaty.addItem(mechanism.value, mechanism.value)
        self.treaty.setAccessibleName(_("Mechanism"))
        self.treaty.setMinimumWidth(110)
        self.treaty.setToolTip(
            _("Correct the mechanism: the file is read again, since the mechanism decides its headings")
        )
        # a UHRI export: other mechanisms' rows about children only (on by default; the count left out is shown)
        self.only_children = QCheckBox(_("Only other mechanisms' recommendations about children"))
        self.only_children.setChecked(True)
        self.only_children.setToolTip(
            _(
                "UPR, other treaty bodies and special procedures: keep the rows whose affected persons "
                "include children or whose text concerns children. The Committee's rows are always kept."
            )
        )
        self.only_children.setVisible(False)
        self.title = muted_label()
        self.dates = muted_label()
        grid.addWidget(QLabel(_("Symbol")), 1, 0)
        grid.addWidget(self.symbol, 1, 1)
        grid.addWidget(QLabel(_("Mechanism")), 1, 2)
        grid.addWidget(self.treaty, 1, 3)
        grid.addWidget(self.document, 1, 4)
        grid.addWidget(self.title, 2, 0, 1, 6)
        grid.addWidget(self.dates, 3, 0, 1, 6)
        grid.addWidget(self.only_children, 4, 0, 1, 6)
        grid.setColumnStretch(5, 1)
        layout.addWidget(card)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warnings_model = QStringListModel(self)
        self.warnings = QListView()
        self.warnings.setModel(self.warnings_model)
        self.warnings.setAccessibleName(_("Warnings"))
        self.warnings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # "text not placed" quotes what the file held: wrapped, so that it can be read whole
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(110)
        self.warnings.setStyleSheet("QListView { background: #fffaf0; color: #7a5200; }")
        layout.addWidget(self.warnings)
        self.model = ImportPreviewModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Paragraphs found"))
        layout.addWidget(self.table, 1)
        self.addWidget(body)
        self.symbol.editingFinished.connect(self._symbol_finished)
        self.treaty.activated.connect(self._treaty_chosen)
        self.only_children.toggled.connect(lambda _on: self.treaty_changed.emit())  # read again
        self.document.currentIndexChanged.connect(lambda _i: self._show())

    # --- the person's corrections ----------------------------------------------------------------------
    def overrides(self) -> tuple[str | None, str | None]:
        return self.symbol_override, self.treaty_override

    def _symbol_finished(self) -> None:
        text = self.symbol.text().strip() or None
        if text != self._shown_symbol() and self.symbol.isEnabled():
            self.symbol_override = text
            self.symbol_edited.emit()

    def _treaty_chosen(self, _index: int) -> None:
        value = self.treaty.currentData()
        if value != self.treaty_override:
            self.treaty_override = value
            self.treaty_changed.emit()

    def _shown_symbol(self) -> str | None:
        doc = self._report_doc()
        if doc is not None:
            return doc.symbol
        parsed = self.source.documents[self._index()] if self.source and self.source.documents else None
        return parsed.symbol if parsed else None

    def forget(self) -> None:
        """Another file or text was chosen: nothing of the previous one (nor its corrections) stays."""
        self.source, self.report = None, None
        self.symbol.blockSignals(True)  # its text is the previous file's: hiding it must not apply it again
        self.symbol.clear()
        self.symbol.blockSignals(False)
        self.symbol_override = self.treaty_override = None
        self.model.set_rows([])
        self.warnings_model.setStringList([])
        self.setCurrentIndex(0)

    # --- showing ---------------------------------------------------------------------------------------------
    def _index(self) -> int:
        return max(self.document.currentIndex(), 0)

    def _report_doc(self):  # noqa: ANN202 - a DocumentReport or None
        if self.report is None or not self.report.documents:
            return None
        return self.report.documents[min(self._index(), len(self.report.documents) - 1)]

    def show_message(self, summary: str, warnings: list[str]) -> None:
        """A summary and warnings without the paragraph table (a translation matched to its original)."""
        self.model.set_rows([])
        self.card.setVisible(False)
        self.table.setVisible(False)
        self.summary.setText(summary)
        self.warnings_model.setStringList(warnings)
        self.warnings.setVisible(bool(warnings))
        self.setCurrentIndex(1)

    def show_source(self, source: ParsedSource, report: ImportReport | None) -> None:
        self.card.setVisible(True)
        self.table.setVisible(True)
        self.source, self.report = source, report
        self.document.blockSignals(True)
        current = self._index()
        self.document.clear()
        for doc in source.documents:
            self.document.addItem(doc.symbol or _("(no symbol)"))
        self.document.setCurrentIndex(min(current, max(len(source.documents) - 1, 0)))
        self.document.blockSignals(False)
        single = len(source.documents) <= 1
        self.document.setVisible(not single)
        for widget in (self.symbol, self.treaty):
            widget.setEnabled(single)
            widget.setToolTip(
                ""
                if single
                else _("This file holds {n} documents: their symbols and treaties come from the file.").format(
                    n=len(source.documents)
                )
            )
        self.heading.setText(_("What {name} holds").format(name=source.name))
        self.only_children.setVisible(source.format.startswith("uhri"))
        self._show()
        self.setCurrentIndex(1)

    def show_result(self, report: ImportReport) -> None:
        self.report = report
        self.symbol.setEnabled(False)
        self.treaty.setEnabled(False)
        self.heading.setText("✓ " + _("Imported from {name}").format(name=report.name))
        self.heading.setStyleSheet("color: #2f7d4f;")
        self._show()

    def _show(self) -> None:
        source = self.source
        if source is None:
            return
        parsed = source.documents[self._index()] if source.documents else None
        doc = self._report_doc()
        rows: list[PreviewRow] = rows_from_report(doc) if doc else rows_from_parsed(parsed) if parsed else []
        self.model.set_rows(rows)
        symbol = doc.symbol if doc else (self.symbol_override or (parsed.symbol if parsed else None))
        self.symbol.setText(symbol or "")
        self.symbol.setCursorPosition(0)
        treaty = doc.treaty if doc else (self.treaty_override or (parsed.treaty if parsed else None)) or "CRC"
        self.treaty.setCurrentIndex(max(self.treaty.findData(treaty), 0))
        title = doc.title if doc else (parsed.title if parsed else "")
        self.title.setText(title or _("No title found"))
        self.dates.setText(self._dates(doc, parsed))
        self.summary.setText(self._summary(rows, doc))
        warnings = list(source.warnings) + list(doc.warnings if doc else parsed.warnings if parsed else [])
        if source.other_mechanisms:
            warnings.append(
                ngettext(
                    "{n} row of no known mechanism is left out.",
                    "{n} rows of no known mechanism are left out.",
                    len(source.other_mechanisms),
                ).format(n=number(len(source.other_mechanisms)))
            )
        if source.left_out:
            warnings.append(
                ngettext(
                    "{n} row of other mechanisms is left out: it does not concern children.",
                    "{n} rows of other mechanisms are left out: they do not concern children.",
                    source.left_out,
                ).format(n=number(source.left_out))
            )
        self.warnings_model.setStringList(warnings)
        self.warnings.setVisible(bool(warnings))

    @staticmethod
    def _dates(doc, parsed) -> str:  # noqa: ANN001 - a DocumentReport and a ParsedDocument, either may be None
        src = doc or parsed
        if src is None:
            return ""
        bits = []
        if src.date:
            bits.append(_("Dated {date}").format(date=long_date(src.date)))
        if src.next_report_due:
            bits.append(_("next report due {date}").format(date=long_date(src.next_report_due)))
        limit = getattr(src, "word_limit", None)
        if limit:
            bits.append(_("word limit {n}").format(n=number(limit)))
        return " · ".join(bits)

    def _summary(self, rows: list[PreviewRow], doc) -> str:  # noqa: ANN001 - a DocumentReport or None
        recs = sum(1 for r in rows if r.kind == "recommendation")
        urgent = sum(1 for r in rows if r.urgent)
        applied = self.report is not None and self.report.applied
        found = (
            ngettext("{n} paragraph imported", "{n} paragraphs imported", len(rows))
            if applied
            else ngettext("{n} paragraph found", "{n} paragraphs found", len(rows))
        )
        text = labelled(
            found.format(n=number(len(rows))),
            joined(
                [
                    ngettext("{n} recommendation", "{n} recommendations", recs).format(n=number(recs)),
                    _("{n} urgent").format(n=number(urgent)),
                ]
            ),
        )
        if doc is None:
            return f"<b>{text}</b>"
        positions = joined(position_count(position, n) for position, n in doc.positions)
        if doc.positions_only:
            text = _("Positions on the recommendations of {symbol}: {positions}").format(
                symbol=doc.symbol, positions=positions
            )
        elif positions:
            text += " — " + _("positions: {positions}").format(positions=positions)
        counts = [
            (doc.count("added"), _("{n} new")),
            (doc.count("updated"), _("{n} updated")),
            (doc.count("unchanged"), _("{n} unchanged")),
            (doc.count("kept_edited"), _("{n} kept as you edited them")),
            (doc.count("removed_from_source"), _("{n} no longer in the file (kept)")),
        ]
        changes = joined(template.format(n=number(n)) for n, template in counts if n)
        if applied:
            already = _("Saved in the store. A backup of the store as it was before was taken first.")
        elif doc.exists:
            already = _("{symbol} is already in the store: importing updates it in place.").format(symbol=doc.symbol)
        else:
            already = _("{symbol} is new to the store.").format(symbol=doc.symbol)
        return f"<b>{text}</b> — {changes}<br><span style='color:#5f6b7a'>{already}</span>"
