"""Word limits of General Assembly resolution 68/268."""

from __future__ import annotations

from crc_reporter.domain.enums import DocumentType

PERIODIC_REPORT = 21_200
INITIAL_REPORT = 31_800
COMMON_CORE_DOCUMENT = 42_400
REPLIES_TO_LIST_OF_ISSUES = 10_700


def default_word_limit(doc_type: DocumentType, initial: bool = False) -> int | None:
    if doc_type in (DocumentType.STATE_REPORT, DocumentType.CONCLUDING_OBSERVATIONS, DocumentType.LIST_OF_ISSUES):
        # for concluding observations and lists of issues: the limit of the next periodic report
        return INITIAL_REPORT if initial else PERIODIC_REPORT
    if doc_type in (DocumentType.REPLIES, DocumentType.LOIPR):
        return REPLIES_TO_LIST_OF_ISSUES
    return None
