"""Small pieces of text the pages share: titles, statuses, a paragraph's lead-in."""

from __future__ import annotations

from crc_reporter.domain.enums import ImplementationStatus
from crc_reporter.domain.records import AssessmentInfo, DocumentInfo, RecommendationInfo
from crc_reporter.publish.charts import STATUS_COLOURS
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import esc

NOT_ASSESSED = ImplementationStatus.NOT_ASSESSED.value


def cluster_title(tx: SiteLanguage, key: str) -> str:
    return tx.label(key) if key else tx._("Paragraphs outside the clusters")


def shown_text(tx: SiteLanguage, rec: RecommendationInfo) -> tuple[str, str]:
    """The paragraph in the page's language when a translation was typed, else as adopted: (text, lang)."""
    if rec.translation and rec.translation_lang == tx.code:
        return rec.translation, tx.code
    return rec.text, "en"


def short_title(tx: SiteLanguage, rec: RecommendationInfo, width: int = 110) -> str:
    if rec.subheading and not (rec.translation and rec.translation_lang == tx.code):
        return rec.subheading
    text, _lang = shown_text(tx, rec)
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1].rsplit(" ", 1)[0] + "…"


def paragraph_name(tx: SiteLanguage, doc: DocumentInfo | str, number: int) -> str:
    symbol = doc if isinstance(doc, str) else doc.symbol
    return tx._("{symbol}, paragraph {number}").format(symbol=symbol, number=tx.integer(number))


def lead_in(rec: RecommendationInfo) -> str:
    """The paragraph's text before its first lettered part (the parts are listed on their own)."""
    if not rec.parts:
        return rec.text
    at = rec.text.find(f"({rec.parts[0].label})")
    return rec.text[:at].rstrip() if at > 0 else rec.text


def status_of(assessment: AssessmentInfo | None) -> str:
    return assessment.status if assessment else NOT_ASSESSED


def status_badge(tx: SiteLanguage, status: str) -> str:
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS[NOT_ASSESSED])
    return (
        f'<span class="status"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" fill="{colour}"/></svg>{esc(tx.label(status))}</span>'
    )
