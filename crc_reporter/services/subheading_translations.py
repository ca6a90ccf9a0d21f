"""A drafter's French or Khmer wording of a sub-heading the standard glossary does not hold.

The Committee's standard sub-headings are translated from the catalogs
(``reports/subheadings.py``); any other ("Children in street situations in
Xamplia's border provinces") is typed once per language here, stored, and used
by every draft in that language.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.i18n import LANGUAGES, _
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.models import Recommendation, SubheadingTranslation

MAX_TEXT = 300


def _lang(lang: str) -> str:
    if lang not in LANGUAGES or lang == "en":
        raise ValidationError(
            _("unknown report language {lang} (choose from {choices})").format(lang=lang, choices="fr, km")
        )
    return lang


def set_subheading_translation(session: Session, subheading: str, lang: str, text: str | None) -> str | None:
    """Store (or with an empty text remove) the wording; returns the previous one (for undo)."""
    subheading, lang = " ".join(subheading.split()), _lang(lang)
    if not subheading:
        raise ValidationError(_("choose a sub-heading"))
    text = " ".join((text or "").split()) or None
    if text is not None and len(text) > MAX_TEXT:
        raise ValidationError(_("the text is too long (at most {count} characters)").format(count=MAX_TEXT))
    row = session.scalar(
        select(SubheadingTranslation).where(
            SubheadingTranslation.subheading == subheading, SubheadingTranslation.lang == lang
        )
    )
    previous = row.text if row else None
    if text is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SubheadingTranslation(subheading=subheading, lang=lang, text=text))
    else:
        row.text = text
    session.flush()
    return previous


def subheading_translations(session: Session, lang: str) -> dict[str, str]:
    """Sub-heading as stored → the drafter's wording in ``lang``."""
    rows = session.execute(
        select(SubheadingTranslation.subheading, SubheadingTranslation.text).where(SubheadingTranslation.lang == lang)
    )
    return {subheading: text for subheading, text in rows}


def stored_subheadings(session: Session) -> list[str]:
    """Every distinct sub-heading of the store's paragraphs, sorted."""
    rows = session.scalars(select(Recommendation.subheading).where(Recommendation.subheading.is_not(None)).distinct())
    return sorted({" ".join(s.split()) for s in rows if s and s.strip()})
