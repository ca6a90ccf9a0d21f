"""The Translation tab of a recommendation: the paragraph in another language, typed beside the original.

The Committee's text stays as adopted; a translation (usually Khmer) is kept
beside it, found by search, and shown in the table when the interface speaks
its language. Saving is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.records import RecommendationInfo
from crc_reporter.i18n import LANGUAGES, _, current_language
from crc_reporter.reports.subheadings import standard
from crc_reporter.services.subheading_translations import subheading_translations
from crc_reporter.ui.commands.records import SetTranslation
from crc_reporter.ui.commands.subheadings import SetSubheadingTranslation
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import paragraph_ref
from crc_reporter.ui.widgets.cards import muted_label
from crc_reporter.ui.widgets.keyboard import notes_keys

#: The language proposed for a new translation: the interface's, unless that is English (then Khmer).
DEFAULT_TRANSLATION_LANGUAGE = "km"
#: Languages a draft is written in, besides English: a sub-heading gets a wording in these.
DRAFT_LANGUAGES = ("fr", "km")


class TranslationPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: RecommendationInfo | None = None
        self._stored_heading = ""
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
        # a sub-heading the glossary does not translate: its wording in the chosen language, typed once
        heading_row = QHBoxLayout()
        self.subheading_label = QLabel()
        self.subheading_edit = QLineEdit()
        self.subheading_edit.setAccessibleName(_("Translation of the sub-heading"))
        self.subheading_save = QPushButton(_("Save sub-heading"))
        heading_row.addWidget(self.subheading_label)
        heading_row.addWidget(self.subheading_edit, 1)
        heading_row.addWidget(self.subheading_save)
        self.subheading_row = QWidget()
        self.subheading_row.setLayout(heading_row)
        heading_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subheading_row)
        self.subheading_save.clicked.connect(self.save_subheading)
        self.subheading_edit.textChanged.connect(self._update_subheading)
        self.language.currentIndexChanged.connect(self._show_subheading)
        ctx.access.guard(self.subheading_save)
        ctx.events.coalition_changed.connect(self._show_subheading)
        self.editor.textChanged.connect(self._update_buttons)
        self.language.currentIndexChanged.connect(self._update_buttons)
        self.save.clicked.connect(self.save_translation)
        self.revert.clicked.connect(self._show_stored)

    def show_recommendation(self, info: RecommendationInfo) -> None:
        self.info = info
        self._show_stored()
        self._show_subheading()

    def _custom_subheading(self) -> str | None:
        """The paragraph's sub-heading when the glossary does not translate it and a draft language is chosen."""
        heading = " ".join((self.info.subheading or "").split()) if self.info else ""
        lang = self.language.currentData()
        return heading if heading and lang in DRAFT_LANGUAGES and standard(heading) is None else None

    def _show_subheading(self, *_args: object) -> None:
        heading = self._custom_subheading()
        self.subheading_row.setVisible(heading is not None)
        if heading is None:
            return
        lang = self.language.currentData()
        with self.ctx.store.session() as session:
            self._stored_heading = subheading_translations(session, lang).get(heading, "")
        self.subheading_label.setText(
            _("Sub-heading “{subheading}” in {language}:").format(subheading=heading, language=LANGUAGES[lang])
        )
        self.subheading_edit.setText(self._stored_heading)
        self._update_subheading()

    def _update_subheading(self) -> None:
        changed = self.subheading_edit.text().strip() != self._stored_heading
        self.subheading_save.setEnabled(changed and self.ctx.access.allowed)

    def save_subheading(self) -> None:
        heading = self._custom_subheading()
        if heading is not None:
            text = self.subheading_edit.text().strip() or None
            self.ctx.edit(SetSubheadingTranslation(heading, self.language.currentData(), text))

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
