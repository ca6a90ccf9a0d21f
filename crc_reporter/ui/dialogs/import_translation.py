"""The import dialog's translation mode: a translated document kept beside a stored original (issue 18, item 2).

"This is a translation of [symbol] in [language]": the file or pasted text is
then matched paragraph by paragraph (Khmer digits and part letters included)
to the stored document, the preview says what matches and what does not,
and Import stores the translations; nothing else of the original changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from crc_reporter.i18n import N_, _
from crc_reporter.services.translations import TranslationReport, report_lines

# "This is a translation of [symbol] [in Khmer]"
LANGUAGE_NAMES = (
    ("", N_("in the language it is written in")),
    ("km", N_("in Khmer")),
    ("fr", N_("in French")),
    ("es", N_("in Spanish")),
    ("en", N_("in English")),
)


class TranslationChoice(QWidget):
    """A check box, the original's symbol and the translation's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(_("This is a translation of"))
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText(_("the original's symbol, e.g. CRC/C/KHM/CO/4-6"))
        self.symbol.setAccessibleName(_("Symbol of the original"))
        self.lang = QComboBox()
        self.lang.setAccessibleName(_("Language of the translation"))
        for code, name in LANGUAGE_NAMES:
            self.lang.addItem(_(name), code)
        row.addWidget(self.check)
        row.addWidget(self.symbol, 1)
        row.addWidget(self.lang)
        self.check.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.symbol.setEnabled(on)
        self.lang.setEnabled(on)

    def active(self) -> bool:
        return self.check.isChecked()

    def target(self) -> str:
        return self.symbol.text().strip()

    def language(self) -> str | None:
        return self.lang.currentData() or None


def describe(report: TranslationReport) -> tuple[str, list[str]]:
    """The preview's (or the result's) summary, and what could not be matched."""
    return report_lines(report)
