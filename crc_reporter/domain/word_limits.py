"""Word limits of General Assembly resolution 68/268."""

from __future__ import annotations

from crc_reporter.domain.enums import DocumentType

PERIODIC_REPORT = 21_200
INITIAL_REPORT = 31_800
COMMON_CORE_DOCUMENT = 42_400
#: written replies to a *standard* list of issues; replies to a list of issues *prior to reporting*
#: are the periodic report itself (``PERIODIC_REPORT``)
REPLIES_TO_LIST_OF_ISSUES = 10_700


def default_word_limit(doc_type: DocumentType | str, initial: bool = False) -> int | None:
    """The limit of what answers a document of ``doc_type`` (or of the document itself for a report)."""
    if doc_type in (DocumentType.STATE_REPORT, DocumentType.CONCLUDING_OBSERVATIONS, DocumentType.LOIPR):
        # concluding observations: the next periodic report; a list of issues prior to reporting: its
        # replies, which are the periodic report under the simplified procedure
        return INITIAL_REPORT if initial else PERIODIC_REPORT
    if doc_type in (DocumentType.REPLIES, DocumentType.LIST_OF_ISSUES):
        return REPLIES_TO_LIST_OF_ISSUES
    return None


def replies_word_limit(doc_type: DocumentType | str) -> int:
    """The limit of the replies to a list of issues: 21,200 under the simplified procedure, else 10,700."""
    return PERIODIC_REPORT if doc_type == DocumentType.LOIPR else REPLIES_TO_LIST_OF_ISSUES
