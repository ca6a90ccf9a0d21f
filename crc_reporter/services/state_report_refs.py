"""Which paragraphs of an imported State party report deal with what an alternative report discusses.

The State report chosen is the latest one of the same State and treaty dated
after the concluding observations (the report now under review), or else the
report those observations were adopted on (``CRC/C/XMP/5-6`` for
``CRC/C/XMP/CO/5-6``). Its paragraphs are matched to a cluster by their own
cluster, and to a paragraph of the observations when their text cites it
("CRC/C/XMP/CO/5-6, para. 12").
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.report_records import StateReportRefs
from crc_reporter.store.models import Document, Recommendation

_CITED = r"{symbol}\W{{0,4}}(?:paras?\.|paragraphs?|§)\s*(\d+)((?:\s*(?:,|and|et|-|–)\s*\d+)*)"


def _cited_numbers(text: str, symbol: str) -> set[int]:
    numbers: set[int] = set()
    for match in re.finditer(_CITED.format(symbol=re.escape(symbol)), text, flags=re.IGNORECASE):
        numbers.add(int(match.group(1)))
        numbers.update(int(n) for n in re.findall(r"\d+", match.group(2)))
    return numbers


def _state_report(session: Session, co: Document) -> Document | None:
    reports = list(
        session.scalars(
            select(Document).where(
                Document.doc_type == DocumentType.STATE_REPORT.value,
                Document.treaty_code == co.treaty_code,
            )
        )
    )
    reports = [d for d in reports if d.country == co.country or d.symbol == co.symbol.replace("/CO/", "/")]
    later = [d for d in reports if d.date and co.date and d.date > co.date]
    if later:
        return max(later, key=lambda d: (d.date, d.symbol))
    return next((d for d in reports if d.symbol == co.symbol.replace("/CO/", "/")), None)


def state_report_refs(session: Session, co_document_id: int) -> StateReportRefs | None:
    co = session.get(Document, co_document_id)
    report = _state_report(session, co) if co is not None else None
    if co is None or report is None:
        return None
    rows = session.execute(
        select(Recommendation.number, Recommendation.cluster, Recommendation.text)
        .where(Recommendation.document_id == report.id)
        .order_by(Recommendation.number)
    ).all()
    if not rows:
        return None
    by_cluster: dict[str, list[int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    for number, cluster, text in rows:
        if cluster:
            by_cluster.setdefault(cluster, []).append(number)
        for cited in _cited_numbers(text or "", co.symbol):
            by_paragraph.setdefault(cited, []).append(number)
    return StateReportRefs(
        symbol=report.symbol,
        by_cluster={k: tuple(v) for k, v in by_cluster.items()},
        by_paragraph={k: tuple(v) for k, v in by_paragraph.items()},
    )
