"""The search index a published site carries: a script that assigns a global (no fetch() from file://).

Built with the app's own word splitting and folding (``services.search``):
words of spaced scripts (Latin letters, digits) go in a vocabulary the page
matches by prefix, as the app does while one types; runs of other scripts
(Khmer, which writes no spaces between words) are kept per paragraph and
matched as substrings, so a Khmer word is found inside a sentence. The
subscripts da and ta are folded to one, in the index and in the query.
"""

from __future__ import annotations

import json
from collections import defaultdict

from crc_reporter.domain.report_records import ReportItem
from crc_reporter.publish.model import SiteData
from crc_reporter.services.search import SEPARATOR_CLASS, SPACED_WORD_PATTERN, is_spaced_word, words_of

GLOBAL_NAME = "CRC_SEARCH_INDEX"


def _searchable(symbol: str, item: ReportItem) -> str:
    rec = item.recommendation
    texts = [symbol, rec.subheading or "", rec.text, rec.translation or ""]
    texts += [p.text for p in rec.parts]
    texts += list(rec.responsible)
    for linked in item.actions:  # public actions only: confidential ones never reach the site data
        a = linked.action
        texts += [a.title, a.description, a.outcome, a.actor or ""]
    return "\n".join(texts)


def build_search_index(data: SiteData) -> dict[str, object]:
    keys: list[str] = []
    unspaced: list[str] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for d in data.documents:
        for item in d.items:
            index = len(keys)
            keys.append(f"{d.document.symbol}#{item.number}")
            other = []
            for word in words_of(_searchable(d.document.symbol, item)):
                if is_spaced_word(word):
                    postings[word].append(index)
                else:
                    other.append(word)
            unspaced.append(" ".join(other))
    return {
        "separators": SEPARATOR_CLASS,
        "spaced": SPACED_WORD_PATTERN,
        "keys": keys,
        "unspaced": unspaced,
        "words": dict(sorted(postings.items())),
    }


def search_index_script(index: dict[str, object]) -> str:
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # "</" never ends up inside a <script> element (the file is loaded with src=, but be safe anyway)
    payload = payload.replace("</", "<\\/")
    return f"window.{GLOBAL_NAME} = {payload};\n"
