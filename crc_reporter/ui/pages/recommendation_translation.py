"""The Translation tab of a recommendation: the paragraph in another language, typed beside the original.

The Committee's text stays as adopted; a translation (usually Khmer) is kept
beside it, found by search, and shown in the table when the interface speaks
its language. Saving is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from crc_reporter.domain.records import RecommendationInfo
from crc_reporter.i18n import LANGUAGES, _, current_language
from crc_reporter.ui.commands.records import SetTranslation
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import paragraph_ref
from crc_reporter.ui.widgets.cards import muted_label
from crc_reporter.ui.widgets.keyboard import notes_keys

#: The language proposed for a new translation: the interface's, unless that is English (then Khmer).
DEFAULT_TRANSLATION_LANGUAGE = "km"


class TranslationPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: RecommendationInfo | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        row = QHBoxLayout()
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setAccessibleName(_("Language of the translation"))
        row.addWidget(self.language)
        row.addStretch(1)
        self.revert = QPushButton(_("Discard changes"))
        self.save = QPushButton(_("Save translation"))
        self.save.setObjectName("Primary")
        row.addWidget(self.revert)
        row.addWidget(self.save)
        layout.addLayout(row)
        self.editor = QPlainTextEdit()
        notes_keys(self.editor)  # Tab moves on, Ctrl+Tab types a tab
        self.editor.setAccessibleName(_("Translation"))
        self.editor.setPlaceholderText(_("Type or paste the paragraph in another language, for example Khmer."))
        layout.addWidget(self.editor, 1)
        layout.addWidget(
            muted_label(
                _("The Committee's text stays as adopted. The translation is kept beside it and found by search.")
            )
        )
        self.editor.textChanged.connect(self._update_buttons)
        self.language.currentIndexChanged.connect(self._update_buttons)
        self.save.clicked.connect(self.save_translation)
        self.revert.clicked.connect(self._show_stored)

    def show_recommendation(self, info: RecommendationInfo) -> None:
        self.info = info
        self._show_stored()

    def _show_stored(self) -> None:
        info = self.info
        if info is None:
            return
        lang = info.translation_lang or (current_language() if current_language() != "en" else None)
        index = self.language.findData(lang or DEFAULT_TRANSLATION_LANGUAGE)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        self.editor.setPlainText(info.translation or "")
        self._update_buttons()

    def _changed(self) -> bool:
        if self.info is None:
            return False
        text = self.editor.toPlainText().strip() or None
        lang = self.language.currentData() if text else None
        return (text, lang) != (self.info.translation, self.info.translation_lang if self.info.translation else None)

    def _update_buttons(self) -> None:
        changed = self._changed()
        self.save.setEnabled(changed)
        self.revert.setEnabled(changed)

    def save_translation(self) -> None:
        info = self.info
        if info is None or not self._changed():
            return
        text = self.editor.toPlainText().strip() or None
        target = paragraph_ref(info.document, info.number)
        self.ctx.edit(SetTranslation(info.id, text, self.language.currentData() if text else None, target))
