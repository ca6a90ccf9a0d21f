"""The French or Khmer wording of a sub-heading outside the glossary, typed once (undoable)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.services.subheading_translations import set_subheading_translation
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand


class SetSubheadingTranslation(StoreCommand):
    def __init__(self, subheading: str, lang: str, text: str | None) -> None:
        super().__init__(_("Translate the sub-heading “{subheading}”").format(subheading=subheading))
        self.subheading, self.lang, self.new_text = subheading, lang, text
        self._old: str | None = None

    def apply(self, session: Session) -> None:
        self._old = set_subheading_translation(session, self.subheading, self.lang, self.new_text)

    def revert(self, session: Session) -> None:
        set_subheading_translation(session, self.subheading, self.lang, self._old)

    def announce(self, events: StoreEvents) -> None:
        events.coalition_changed.emit()  # what drafts print changed; the panels showing it reload
