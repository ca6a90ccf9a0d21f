"""The choices of a Word draft: its kind, the document it answers, language, template and options."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.records import DocumentInfo
from crc_reporter.i18n import LANGUAGES, N_, _, current_language
from crc_reporter.i18n.labels import label
from crc_reporter.reports.context import ANSWERS, KIND_TITLES, ReportKind, ReportOptions
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.selection import parse_date, parse_names, parse_paragraphs
from crc_reporter.ui.widgets.cards import muted_label, section_label

KIND_TEXTS: dict[ReportKind, str] = {
    ReportKind.STATE: N_(
        "The periodic report, cluster by cluster, answering each recommendation with the actions taken."
    ),
    ReportKind.LOIPR: N_("Under the simplified procedure: one section per question, with the linked actions."),
    ReportKind.ALTERNATIVE: N_(
        "Civil society's report: the coalition's own assessments and evidence, and questions for the Committee."
    ),
    ReportKind.MATRIX: N_(
        "A landscape table of every recommendation: responsible bodies, both sides' status, actions."
    ),
    ReportKind.PROGRESS: N_(
        "For the inter-ministerial meeting: one body's recommendations, what it did, both sides' assessments and "
        "what is late, in Word or Excel."
    ),
}
#: the progress report's two forms: its key (a file suffix) and its name
OUTPUT_FORMATS = (("docx", N_("Word document (.docx)")), ("xlsx", N_("Excel workbook (.xlsx)")))
OFFICIAL = frozenset({ReportKind.STATE, ReportKind.LOIPR})


class ReportForm(QFrame):
    """Emits :attr:`changed` whenever a choice that affects the draft changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.documents: list[DocumentInfo] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(section_label(_("The draft")))
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.kind = QComboBox()
        for kind, title in KIND_TITLES.items():
            self.kind.addItem(_(title), kind.value)
        self.kind_text = muted_label()
        self.document = QComboBox()
        self.document.setMinimumContentsLength(18)
        self.document.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lang = QComboBox()
        for code, name in LANGUAGES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(max(self.lang.findData(current_language()), 0))  # the window's, to start with
        self.lang.setToolTip(_("The language of the report, whatever the language of the window"))
        self.template = QLineEdit()
        self.template.setReadOnly(True)
        self.template.setPlaceholderText(_("Default template"))
        self.template.setAccessibleName(_("Template"))
        self.template.setToolTip(_("Your organisation's .docx: its styles, headers and footers are used"))
        self.template_button = QPushButton(_("Choose…"))
        self.template_reset = QPushButton(_("Default"))
        self.template_reset.setToolTip(_("Use the template shipped with CRC Reporter"))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.template_button)
        template_row.addWidget(self.template_reset)
        self.coalition = QComboBox()
        self.body = QComboBox()
        self.body.setAccessibleName(_("Responsible body"))
        self.output_format = QComboBox()
        for key, text in OUTPUT_FORMATS:
            self.output_format.addItem(_(text), key)
        self.output_format.setAccessibleName(_("Format"))
        self.state_name = QLineEdit()
        self.state_name.setPlaceholderText(_("As the document's title names it"))
        form.addRow(_("Kind"), self.kind)
        form.addRow("", self.kind_text)
        form.addRow(_("Answers"), self.document)
        form.addRow(_("Language"), self.lang)
        form.addRow(_("Template"), template_row)
        form.addRow(_("Coalition"), self.coalition)
        form.addRow(_("Responsible body"), self.body)
        form.addRow(_("Format"), self.output_format)
        form.addRow(_("Name of the State"), self.state_name)
        self.form = form
        layout.addLayout(form)
        layout.addWidget(section_label(_("What goes in")))
        choices = QFormLayout()
        choices.setHorizontalSpacing(12)
        choices.setVerticalSpacing(8)
        self.clusters = QToolButton()
        self.clusters.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.clusters.setToolButtonStyle(self.clusters.toolButtonStyle())
        menu = QMenu(self.clusters)
        self.cluster_actions = []
        for cluster in CLUSTER_ORDER:
            action = menu.addAction(label(cluster.value))
            action.setCheckable(True)
            action.setData(cluster.value)
            action.toggled.connect(self._clusters_chosen)
            self.cluster_actions.append(action)
        self.clusters.setMenu(menu)
        self.paragraphs = QLineEdit()
        self.paragraphs.setPlaceholderText(_("All (e.g. 12, 17-20)"))
        self.actors = QLineEdit()
        self.actors.setPlaceholderText(_("All (names, separated by commas)"))
        self.period_from = QLineEdit()
        self.period_from.setPlaceholderText(_("YYYY-MM-DD"))
        self.period_to = QLineEdit()
        self.period_to.setPlaceholderText(_("YYYY-MM-DD"))
        self.period_from.setAccessibleName(_("Start of the reporting period"))
        self.period_to.setAccessibleName(_("End of the reporting period"))
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_from, 1)
        period_row.addWidget(self.period_to, 1)
        choices.addRow(_("Clusters"), self.clusters)
        choices.addRow(_("Paragraphs"), self.paragraphs)
        choices.addRow(_("Actors"), self.actors)
        choices.addRow(_("Reporting period"), period_row)
        self.choices = choices
        layout.addLayout(choices)
        self._clusters_chosen()
        layout.addWidget(section_label(_("Options")))
        self.confidential = QCheckBox(_("Include actions marked confidential"))
        self.marking = QCheckBox(_("Mark as confidential: ask the Committee not to publish it"))
        self.khmer_digits = QCheckBox(_("Write numbers and dates with Khmer digits"))
        self.chart = QCheckBox(_("Add the dashboard's chart of the status by cluster"))
        self.quotes = QCheckBox(_("Quote the Committee's text of each recommendation"))
        self.quotes.setChecked(False)  # cited by paragraph by default: the word limit is for the report
        for box in (self.confidential, self.marking, self.khmer_digits, self.chart, self.quotes):
            layout.addWidget(box)
            box.toggled.connect(lambda _on: self.changed.emit())
        layout.addStretch(1)
        self.footer = QHBoxLayout()  # the page puts its Generate button here
        layout.addLayout(self.footer)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.lang.currentIndexChanged.connect(self._lang_chosen)
        for combo in (self.document, self.coalition, self.body, self.output_format):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.state_name.editingFinished.connect(self.changed.emit)
        for edit in (self.paragraphs, self.actors, self.period_from, self.period_to):
            edit.editingFinished.connect(self.changed.emit)
        self.template_button.clicked.connect(self.choose_template)
        self.template_reset.clicked.connect(lambda: self.set_template(None))
        self._kind_chosen()
        self._lang_chosen()

    # --- filling ---------------------------------------------------------------------------------------
    def set_choices(self, documents: list[DocumentInfo], coalitions: list[str], bodies: Sequence[str] = ()) -> None:
        self.documents = documents
        chosen = self.body.currentData()
        self.body.blockSignals(True)
        self.body.clear()
        for name in bodies:
            self.body.addItem(name, name)
        if not bodies:
            self.body.addItem(_("No actor in the store yet"), None)
        self.body.setCurrentIndex(max(self.body.findData(chosen), 0))
        self.body.blockSignals(False)
        current = self.coalition.currentData()
        self.coalition.blockSignals(True)
        self.coalition.clear()
        for name in coalitions:
            self.coalition.addItem(name, name)
        if not coalitions:
            self.coalition.addItem(_("No coalition in the store yet"), None)
        self.coalition.setCurrentIndex(max(self.coalition.findData(current), 0))
        self.coalition.blockSignals(False)
        self._fill_documents()

    def _fill_documents(self) -> None:
        kind = self.kind_value()
        current = self.document.currentData()
        wanted = ANSWERS[kind]
        self.document.blockSignals(True)
        self.document.clear()
        for doc in self.documents:
            if doc.type in wanted and (doc.paragraphs or kind == ReportKind.LOIPR):
                year = f" ({doc.date.year})" if doc.date else ""
                self.document.addItem(f"{doc.symbol}{year}", doc.symbol)
                self.document.setItemData(self.document.count() - 1, doc.title, 3)  # tooltip role
        if not self.document.count():
            self.document.addItem(_("No document of this kind in the store"), None)
        self.document.setCurrentIndex(max(self.document.findData(current), 0))
        self.document.blockSignals(False)
        self.changed.emit()

    def _kind_chosen(self, *_args: object) -> None:
        kind = self.kind_value()
        self.kind_text.setText(_(KIND_TEXTS[kind]))
        alternative = kind == ReportKind.ALTERNATIVE
        self.form.setRowVisible(self.coalition, alternative)
        progress = kind == ReportKind.PROGRESS
        self.form.setRowVisible(self.body, progress)
        self.form.setRowVisible(self.output_format, progress)
        self.choices.setRowVisible(self.actors, not progress)  # the body chosen above is the one actor
        self.marking.setVisible(alternative)
        self._fill_documents()

    def _lang_chosen(self, *_args: object) -> None:
        self.khmer_digits.setVisible(self.lang.currentData() == "km")
        self.changed.emit()

    def choose_template(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, _("Choose your organisation's Word template"), self.template.text(), _("Word (*.docx *.dotx)")
        )
        if path:
            self.set_template(Path(path))

    def set_template(self, path: Path | None) -> None:
        self.template.setText(str(path) if path else "")
        self.template.setCursorPosition(0)
        self.template_reset.setEnabled(path is not None)
        self.changed.emit()

    def _clusters_chosen(self, *_args: object) -> None:
        chosen = self.chosen_clusters()
        if not chosen:
            self.clusters.setText(_("All clusters"))
        else:
            names = [a.text() for a in self.cluster_actions if a.isChecked()]
            self.clusters.setText(names[0] if len(names) == 1 else _("{count} clusters").format(count=len(names)))
        self.clusters.setToolTip("\n".join(a.text() for a in self.cluster_actions if a.isChecked()))
        self.changed.emit()

    def chosen_clusters(self) -> tuple[str, ...]:
        return tuple(str(a.data()) for a in self.cluster_actions if a.isChecked())

    def choice_problem(self) -> str | None:
        """Why the paragraphs or the period typed cannot be read, in one line; None when they can."""
        try:
            self._selection()
        except ReportError as exc:
            return str(exc)
        return None

    def _selection(self) -> dict[str, object]:
        start, end = self.period_from.text().strip(), self.period_to.text().strip()
        return {
            "clusters": self.chosen_clusters(),
            "paragraphs": parse_paragraphs(self.paragraphs.text()),
            "actors": parse_names(self.actors.text()),
            "period_from": parse_date(start) if start else None,
            "period_to": parse_date(end) if end else None,
        }

    # --- reading ----------------------------------------------------------------------------------------
    def kind_value(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def options(self, author: str = "") -> ReportOptions | None:
        """What the form describes (no output file yet); None while no document can be chosen or a choice
        cannot be read (:meth:`choice_problem` says why)."""
        symbol = self.document.currentData()
        if not symbol:
            return None
        try:
            selection = self._selection()
        except ReportError:
            return None
        kind = self.kind_value()
        lang = self.lang.currentData()
        if kind == ReportKind.PROGRESS:
            body = self.body.currentData()
            if not body:
                return None
            selection["actors"] = (body,)
        return ReportOptions(
            kind=kind,
            document=symbol,
            lang=lang,
            template=Path(self.template.text()) if self.template.text() else None,
            include_confidential=self.confidential.isChecked() and self.confidential.isEnabled(),
            coalition=self.coalition.currentData() if kind == ReportKind.ALTERNATIVE else None,
            confidential_marking=kind == ReportKind.ALTERNATIVE and self.marking.isChecked(),
            khmer_digits=lang == "km" and self.khmer_digits.isChecked(),
            quote_recommendations=self.quotes.isChecked(),
            state_name=self.state_name.text().strip() or None,
            author=author,
            contents_pages=True,  # with LibreOffice installed: page numbers in the contents
            **selection,  # type: ignore[arg-type]
        )
