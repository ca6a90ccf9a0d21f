"""IMPACT OSS: references, and reading its CSV files (ours and its own "Download CSV").

IMPACT OSS (the open-source recommendation tracker several governments use)
imports recommendations, actions ("measures") and indicators from CSV files
whose headers are ``Label [database:field]`` for fields and ``name [rel:relationship]``
for links; its import takes only the part in brackets. What each line of IMPACT
takes is in :mod:`.impact_lines`; the writer is :mod:`.impact_export`.

References we write: ``CRC/C/KHM/CO/4-6 para 17`` for a paragraph, ``… para 17(a)``
for a lettered part (no comma: IMPACT splits relationship values on commas),
``A-`` and the first 12 hex digits of the UUID for an action, ``I-`` for an indicator.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import ParsedSource, PayloadKind
from crc_reporter.domain.records import ActionInfo
from crc_reporter.i18n import LANGUAGES, _, current_language, translator
from crc_reporter.i18n.labels import label
from crc_reporter.store.models import Recommendation

HINT_MARKERS = ("required:", "optional:", "this row provides additional information")
_REFERENCE = re.compile(
    r"^\s*(?P<symbol>CRC/[^\s,;¶§]+)(?:[\s,;]+(?:para(?:graph)?s?\.?\s*|[¶§]\s*)?|[¶§]\s*)(?P<number>\d{1,4})\b"
    r"(?:\s*\(\s*(?P<part>[a-z]{1,2})\s*\))?",
    re.I,
)
# without the symbol (with --symbol): "para 18(b)", "18 (b)", "¶ 18", IMPACT-style "CRC-2023-19", "19"
_BARE_REFERENCE = re.compile(
    r"^\s*(?:.*?\D)?(?P<number>\d{1,4})\s*(?:\(\s*(?P<part>[a-z]{1,2})\s*\)|(?P<dotted>\.[a-z]))?\s*$", re.I
)


def reference(symbol: str, number: int) -> str:
    return f"{symbol} para {number}"


def action_reference(uuid: str) -> str:
    return "A-" + uuid.replace("-", "")[:12]


def part_reference(symbol: str, number: int, part: str) -> str:
    return f"{symbol} para {number}({part})"


def indicator_reference(uuid: str) -> str:
    return "I-" + uuid.replace("-", "")[:12]


def parse_reference(text: str) -> tuple[str, int] | None:
    """``CRC/C/KHM/CO/4-6 para 17`` (or ``…, para. 17``, ``… ¶17``, ``… para 17(a)``) -> (symbol, 17)."""
    found = parse_part_reference(text)
    return (found[0], found[1]) if found else None


def parse_part_reference(text: str, symbol: str | None = None) -> tuple[str, int, str | None] | None:
    """A reference to a paragraph or one of its lettered parts: (symbol, number, part or None).

    With ``symbol`` (the importer's ``--symbol``), references that do not name a
    document resolve too: ``para 18(b)``, ``18``, IMPACT-style ``CRC-2023-19``.
    """
    text = (text or "")[:200]  # a reference is short; a longer cell is no reference (and no slow match)
    match = _REFERENCE.match(text)
    if match:
        part = match["part"].lower() if match["part"] else None
        return match["symbol"].rstrip(",;"), int(match["number"]), part
    if symbol:
        bare = _BARE_REFERENCE.match(text)
        if bare:
            part = bare["part"] or (bare["dotted"] or "")[1:] or None
            return symbol, int(bare["number"]), part.lower() if part else None
    return None


def action_facts(action: ActionInfo, lang: str | None = None) -> str:
    """What IMPACT OSS has no column for (actor, status, start), as the last paragraph of the description.

    In the language of the moment, or in ``lang``.
    """
    tr = translator(lang).gettext if lang else _
    facts = [
        tr("Actor") + f": {action.actor}" if action.actor else "",
        tr("Status") + f": {label(action.status, lang)}",
    ]
    if action.start_date:
        facts.append(tr("Start") + f": {action.start_date.isoformat()}")
    return "; ".join(f for f in facts if f)


def without_facts(description: str, action: ActionInfo) -> str:
    """A description read back from our own export (in any of our languages), without :func:`action_facts`."""
    text = description.strip()
    for lang in (current_language(), *LANGUAGES):
        facts = action_facts(action, lang)
        if text == facts:
            return ""
        if text.endswith("\n\n" + facts):
            return text[: -len(facts)].rstrip()
    return description


# --- reading -----------------------------------------------------------------------------------


#: the columns of IMPACT's own "Download CSV" (``app/components/EntityListDownload``): attribute
#: names, taxonomies as the snake case of their plural name, links as ``connected_…``
DOWNLOAD_FIELDS = {
    "id": "id",
    "reference": "reference",
    "title": "title",
    "description": "description",
    "response": "response",
    "support_level": "support_level",
    "outcome": "outcome",
    "target_date": "target_date",
    "target_date_comment": "target_date_comment",
    "indicator_summary": "indicator_summary",
    "progress_statuses": "tax:progress",
    "government_agencies": "tax:agencies",
}
#: our own columns, which IMPACT ignores (see impact_export.OWN_ACTION_HEADERS)
OWN_FIELDS = {
    "crc reporter status": "own:status",
    "crc reporter type": "own:type",
    "crc reporter start date": "own:start_date",
    "crc reporter actor": "own:actor",
    "crc reporter actor type": "own:actor_type",
    "crc reporter sources": "own:sources",
}
_LISTED = re.compile(r"^\s*-\s+")
_BRACKETED = re.compile(
    r"^(?P<title>.*?)\s*\[(?P<code>[^\[\]]+)\](?:\s*\[(?:draft|private)(?:/(?:draft|private))?\])?\s*$"
)


def field_of(header: str) -> str | None:
    """``Title [database:title]`` -> ``title``; ``x [rel:recommendation-reference|code]`` -> ``rel:recommendation-reference``.

    Plain headers of IMPACT's "Download CSV" (``reference``, ``progress_statuses``,
    ``connected_recommendations``…) and our own extra columns are recognised too.
    """
    match = re.search(r"\[(database|rel):([A-Za-z0-9_\-]+)", header or "")
    if match:
        return match[2] if match[1] == "database" else f"rel:{match[2]}"
    plain = (header or "").strip().lstrip("\ufeff").strip().casefold()
    if plain.startswith("connected_"):
        if "recommendation" in plain or "objective" in plain:
            return "connected:recommendations"
        if "action" in plain or "measure" in plain:
            return "connected:actions"
        return None
    return DOWNLOAD_FIELDS.get(plain) or OWN_FIELDS.get(plain)


def listed(cell: str) -> list[tuple[str, str | None]]:
    """A cell of IMPACT's download listing records or categories: ``- Title [code]`` per line -> (title, code)."""
    out = []
    for line in (cell or "").replace("\r", "\n").split("\n"):
        line = _LISTED.sub("", line).strip()
        if not line:
            continue
        match = _BRACKETED.match(line) if len(line) <= 1000 else None
        out.append((match["title"].strip(), match["code"].strip()) if match else (line, None))
    return out


def is_hint_row(row: list[str]) -> bool:
    cells = [c.strip().casefold() for c in row if c and c.strip()]
    return bool(cells) and (
        sum(c.startswith(HINT_MARKERS[:2]) for c in cells) >= max(1, len(cells) // 2)
        or any(HINT_MARKERS[2] in c for c in cells)
    )


@dataclass(frozen=True)
class ImpactActionRow:
    row: int
    reference: str
    title: str
    description: str
    outcome: str
    target_date: str
    recommendations: tuple[str, ...]
    status: str | None = None  # an ActionStatus value
    action_type: str | None = None
    start_date: str = ""
    actor: str | None = None  # the actor's name (or an agency's title from IMPACT)
    actor_type: str | None = None
    actor_short: str | None = None
    sources: tuple[tuple[str, str | None, str | None], ...] | None = None  # (title, url, file); None: not given
    link_only: bool = False  # from a recommendations file: link an existing action, change nothing else


@dataclass(frozen=True)
class ImpactActions:
    """An IMPACT OSS actions (measures) CSV, read; applied by
    :func:`~crc_reporter.services.interchange.impact_actions.apply_impact_actions`."""

    kind: ClassVar[PayloadKind] = PayloadKind.IMPACT_ACTIONS
    name: str
    rows: tuple[ImpactActionRow, ...]
    warnings: tuple[str, ...]
    #: a recommendations file with ``[rel:action-reference]``: its paragraphs, imported before the links
    documents: ParsedSource | None = None


@dataclass(frozen=True)
class ImpactActionsReport:
    name: str
    applied: bool
    created: int
    updated: int
    unchanged: int
    links_added: int
    problems: tuple[str, ...]


def recommendations_by_reference(session: Session, references: set[tuple[str, int]]) -> dict[tuple[str, int], int]:
    from crc_reporter.store.models import Document

    out: dict[tuple[str, int], int] = {}
    by_symbol: dict[str, set[int]] = defaultdict(set)
    for symbol, number in references:
        by_symbol[symbol].add(number)
    for symbol, numbers in by_symbol.items():
        stmt = (
            select(Recommendation.id, Recommendation.number)
            .join(Document, Recommendation.document_id == Document.id)
            .where(Document.symbol == symbol, Recommendation.number.in_(numbers))
        )
        for rec_id, number in session.execute(stmt):
            out[(symbol, number)] = rec_id
    return out
