"""Small dialogs: merging two duplicates, new actor, new document, new indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from crc_reporter.domain.enums import ActorType, DocumentType, Mechanism
from crc_reporter.domain.symbols import SymbolError, parse_symbol
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.widgets.inputs import OptionalDateEdit
from crc_reporter.ui.widgets.keyboard import notes_keys


class MergeDialog(FormDialog):
    """Choose the record to keep and its duplicate; the duplicate's links move to the kept one."""

    def __init__(
        self,
        title: str,
        explanation: str,
        choices: list[tuple[int, str]],
        duplicate: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent, ok_text=_("Merge"))
        self.setMinimumWidth(560)
        text = QLabel(explanation)
        text.setWordWrap(True)
        text.setObjectName("Muted")
        self.layout_.insertWidget(0, text)
        self.keep, self.duplicate = QComboBox(), QComboBox()
        for combo in (self.keep, self.duplicate):
            for record_id, name in choices:
                combo.addItem(name, record_id)
        self.duplicate.setCurrentIndex(max(self.duplicate.findData(duplicate), 0) if duplicate is not None else 1)
        self.keep.setCurrentIndex(1 if self.duplicate.currentIndex() == 0 and len(choices) > 1 else 0)
        self.form.addRow(_("Keep"), self.keep)
        self.form.addRow(_("Merge into it and delete"), self.duplicate)

    def validate(self) -> str | None:
        if self.keep.currentData() == self.duplicate.currentData():
            return _("Choose two different records.")
        return None

    def ids(self) -> tuple[int, int]:
        return int(self.keep.currentData()), int(self.duplicate.currentData())

    def names(self) -> tuple[str, str]:
        return self.keep.currentText(), self.duplicate.currentText()


class NewActorDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("New actor"), parent, ok_text=_("Create"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Ministry of Justice"))
        self.short = QLineEdit()
        self.short.setPlaceholderText(_("e.g. MoJ"))
        self.short.setMaxLength(40)
        self.type = QComboBox()
        for kind in ActorType:
            self.type.addItem(label(kind.value), kind.value)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Short name"), self.short)
        self.form.addRow(_("Type"), self.type)

    def validate(self) -> str | None:
        return None if self.name.text().strip() else _("Give the actor a name.")


class NewDocumentDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("New document"), parent, ok_text=_("Create"))
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText("CRC/C/KHM/CO/4-6")
        self.title = QLineEdit()
        self.treaty = QComboBox()
        self.treaty.addItem(_("From the symbol"), None)
        for treaty in Mechanism:  # the CRC's instruments and the other mechanisms (issue 22)
            self.treaty.addItem(treaty.value, treaty.value)
        self.type = QComboBox()
        self.type.addItem(_("From the symbol"), None)
        for kind in DocumentType:
            self.type.addItem(label(kind.value), kind.value)
        self.date = OptionalDateEdit()
        self.due = OptionalDateEdit()
        self.form.addRow(_("Symbol"), self.symbol)
        self.form.addRow(_("Title"), self.title)
        self.form.addRow(_("Mechanism"), self.treaty)
        self.form.addRow(_("Type"), self.type)
        self.form.addRow(_("Date"), self.date)
        self.form.addRow(_("Next report due"), self.due)

    def validate(self) -> str | None:
        try:
            parse_symbol(self.symbol.text().strip())
        except SymbolError as exc:
            return str(exc)
        return None

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "treaty": self.treaty.currentData(),
            "doc_type": self.type.currentData(),
            "date": self.date.date(),
            "next_report_due": self.due.date(),
        }


class NewIndicatorDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("New indicator"), parent, ok_text=_("Create"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Children in pre-trial detention"))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(_("e.g. children, %"))
        self.source = QLineEdit()
        self.description = QPlainTextEdit()
        notes_keys(self.description)  # Tab moves on, Ctrl+Tab types a tab
        self.description.setFixedHeight(80)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Unit"), self.unit)
        self.form.addRow(_("Source"), self.source)
        self.form.addRow(_("Definition"), self.description)

    def validate(self) -> str | None:
        return None if self.name.text().strip() else _("Give the indicator a name.")


class YearDialog(FormDialog):
    def __init__(self, suggested: int, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a year"), parent, ok_text=_("Add"))
        self.year = QSpinBox()
        self.year.setRange(1900, 2200)
        self.year.setValue(suggested)
        self.form.addRow(_("Year"), self.year)
