"""Read what a publication shows, through the services, with nothing private in it.

Each document comes as the report writers get it (``gather_report_data``):
paragraphs by cluster, the actions linked to them, indicators and both sides'
latest assessments. Confidential actions (and with them their sources and
links) are left out here, before any page is drawn; the audit trail is never
read, and an assessment's ``recorded_by`` (a person's login) is never used.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.publish.model import PublicationPreview, PublishOptions, SiteData
from crc_reporter.services.documents import get_document, list_documents
from crc_reporter.services.report_data import gather_report_data


def _symbols(session: Session, wanted: tuple[str, ...]) -> list[str]:
    if wanted:
        # each one checked (a mistyped symbol is an error in the reader's language), in the order given
        return list(dict.fromkeys(get_document(session, normalise_symbol(s)).symbol for s in wanted))
    return [d.symbol for d in list_documents(session) if d.paragraphs]


def gather_site_data(session: Session, options: PublishOptions) -> SiteData:
    symbols = _symbols(session, options.documents)
    today = options.today or dt.date.today()
    documents = tuple(gather_report_data(session, s, include_confidential=False, today=today) for s in symbols)
    return SiteData(
        documents=documents,
        confidential_left_out=sum(d.confidential_left_out for d in documents),
        published_on=today,
    )


def preview_of(data: SiteData) -> PublicationPreview:
    return PublicationPreview(
        documents=tuple(d.document.symbol for d in data.documents),
        recommendations=data.recommendation_count,
        actions=data.action_count,
        indicators=data.indicator_count,
        confidential_left_out=data.confidential_left_out,
    )


def preview_publication(session: Session, options: PublishOptions) -> PublicationPreview:
    """Counts of what would be public (and what is left out as confidential); writes nothing."""
    return preview_of(gather_site_data(session, options))
