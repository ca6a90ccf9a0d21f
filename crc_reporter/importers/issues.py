"""What lists of issues, replies and State party reports need beyond concluding observations.

A list of issues (``…/Q/…``) or a list of issues prior to reporting (``…/QPR/…``)
numbers its questions like concluding observations number their paragraphs, but
comes in parts: "Part I" (the questions, by cluster), "Part II" (a brief update on
new laws, institutions, policies and ratifications), "Part III" ("Data,
statistics and other information, if available"); since 2019 the same parts are
chapters ("I. New developments", "II. Rights under the Convention…", "III. Data,
statistics and other information"). Between a part's heading and its questions
the Committee writes instructions ("In this section, the State party is requested
to submit its responses to the following questions"): they are kept apart from
the questions. Replies to a list of issues prior to reporting *are* the periodic
report (21,200 words); written replies to a standard list are limited to 10,700.
Written replies (``…/RQ/…``) and State party reports (``CRC/C/XXX/5-6``) are read
into their numbered paragraphs, all of kind "other".
"""

from __future__ import annotations

import re

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.word_limits import replies_word_limit
from crc_reporter.importers.headings import HeadingInfo

#: "Part I", "Part II: …", "PART III. Data, statistics and other information"
PART_HEADING = re.compile(r"^Part\s++(?P<label>IV|I{1,3})(?![\w(])\s*+[.:\u2013\-]?\s*+(?P<title>.*)$", re.I | re.S)
_LISTS = frozenset((DocumentType.LOIPR.value, DocumentType.LIST_OF_ISSUES.value))
_STATED_LIMIT = re.compile(r"not\s++exceed\s++(\d{1,3}(?:[,.\u00a0\u202f ]?+\d{3})?+)\s++words", re.I)


def is_list_of_issues(doc_type: str | None) -> bool:
    return doc_type in _LISTS


def is_committee_text(doc_type: str | None) -> bool:
    """Concluding observations: the only documents whose paragraphs are recommendations and concerns."""
    return doc_type in (None, DocumentType.CONCLUDING_OBSERVATIONS.value)


def part_heading(text: str) -> HeadingInfo | None:
    """ "Part II" (with or without its title) as a chapter heading that closes the current cluster."""
    m = PART_HEADING.match(text.strip())
    if m is None or len(text) > 200:
        return None
    label = m.group("label").upper()
    title = m.group("title").strip() or f"Part {label}"
    return HeadingInfo(1, f"Part {label}", title, (), None, True)


def replies_limit(doc_type: str, texts: list[str]) -> int:
    """The word limit of the replies: one the list states itself, else the General Assembly's."""
    for text in texts:
        m = _STATED_LIMIT.search(text)
        if m:
            limit = int(re.sub(r"\D", "", m.group(1)))
            if 1_000 <= limit <= 100_000:
                return limit
    return replies_word_limit(doc_type)
