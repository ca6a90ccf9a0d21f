"""A translation of concluding observations brought in beside the original (issue 18, item 2).

Ministries translate the Committee's documents (into Khmer above all). A
translated Word file, PDF or pasted text is read like an original; its
paragraphs are matched to the stored document's by number (Khmer digits
០–៩ read as numbers) and its lettered parts by label (Khmer (ក), (ខ)… read as
(a), (b)…). Each matched paragraph gets the translation beside its text
(``Recommendation.translation`` / ``translation_lang``), each matched part its
own (``RecommendationPart.translation``). Nothing else of the original
changes: not its text, kind, cluster, parts or links. What could not be
matched is reported, paragraph by paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import _
from crc_reporter.services.common import document_by_symbol
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.models import Recommendation

#: the languages a translation may be in (the interface's and the Committee's)
TRANSLATION_LANGUAGES = ("km", "fr", "es", "en")


@dataclass(frozen=True, slots=True)
class TranslationReport:
    symbol: str
    lang: str
    applied: bool
    matched: tuple[int, ...]  # paragraphs that received the translation
    parts: int  # parts that received theirs
    missing: tuple[int, ...]  # paragraphs of the original that the translation does not have
    unknown: tuple[int, ...]  # paragraphs of the translation that the original does not have
    unmatched_parts: tuple[str, ...]  # "12 (c)": parts found on one side only
    replaced: tuple[int, ...]  # paragraphs whose earlier translation was replaced


def import_translation(
    session: Session, source: ParsedSource, symbol: str, lang: str, *, apply: bool = True
) -> TranslationReport:
    """Store ``source`` (a translated document) as the translation of the stored document ``symbol``.

    With ``apply=False`` nothing is written: the report says what would be matched.
    """
    if lang not in TRANSLATION_LANGUAGES:
        raise ValidationError(
            _("'{lang}' is not a language a translation can be in ({languages})").format(
                lang=lang, languages=", ".join(TRANSLATION_LANGUAGES)
            )
        )
    if len(source.documents) != 1 or not source.documents[0].paragraphs:
        raise ValidationError(_("{name} holds no numbered paragraphs to match").format(name=source.name))
    doc = document_by_symbol(session, normalise_symbol(symbol))
    recs = session.scalars(
        select(Recommendation).where(Recommendation.document_id == doc.id).options(selectinload(Recommendation.parts))
    ).all()
    stored = {rec.number: rec for rec in recs}
    translated = {p.number: p for p in source.documents[0].paragraphs}
    matched, replaced, unmatched_parts = [], [], []
    parts = 0
    for number in sorted(set(stored) & set(translated)):
        rec, para = stored[number], translated[number]
        matched.append(number)
        if rec.translation and (rec.translation != para.text or rec.translation_lang != lang):
            replaced.append(number)
        by_label = {part.label: part for part in para.parts}
        for part in rec.parts:
            found = by_label.pop(part.label, None)
            if found is None:
                unmatched_parts.append(f"{number} ({part.label})")
                continue
            parts += 1
            if apply and part.translation != found.text:
                part.translation = found.text
        unmatched_parts.extend(f"{number} ({label})" for label in by_label)
        if apply and (rec.translation, rec.translation_lang) != (para.text, lang):
            rec.translation, rec.translation_lang = para.text, lang
    if apply:
        session.flush()
    return TranslationReport(
        symbol=doc.symbol,
        lang=lang,
        applied=apply,
        matched=tuple(matched),
        parts=parts,
        missing=tuple(sorted(set(stored) - set(translated))),
        unknown=tuple(sorted(set(translated) - set(stored))),
        unmatched_parts=tuple(unmatched_parts),
        replaced=tuple(replaced),
    )


def report_lines(report: TranslationReport) -> tuple[str, list[str]]:
    """The summary line and the warnings (what could not be matched), in the person's language."""
    values = {"lang": report.lang, "symbol": report.symbol, "matched": len(report.matched), "parts": report.parts}
    head = (
        _("Translation ({lang}) of {symbol}: {matched} paragraphs and {parts} parts matched and saved.")
        if report.applied
        else _(
            "Translation ({lang}) of {symbol}: {matched} paragraphs and {parts} parts match; nothing is written yet."
        )
    ).format(**values)
    warnings = []
    if report.missing:
        warnings.append(
            _("paragraphs not in the translation (left without one): {numbers}").format(
                numbers=", ".join(map(str, report.missing))
            )
        )
    if report.unknown:
        warnings.append(
            _("paragraphs of the translation that {symbol} does not have (ignored): {numbers}").format(
                symbol=report.symbol, numbers=", ".join(map(str, report.unknown))
            )
        )
    if report.unmatched_parts:
        warnings.append(_("parts found on one side only: {parts}").format(parts=", ".join(report.unmatched_parts)))
    if report.replaced:
        replaced = ", ".join(map(str, report.replaced))
        warnings.append(
            _("an earlier translation was replaced in paragraphs {numbers}").format(numbers=replaced)
            if report.applied
            else _("an earlier translation would be replaced in paragraphs {numbers}").format(numbers=replaced)
        )
    return head, warnings
