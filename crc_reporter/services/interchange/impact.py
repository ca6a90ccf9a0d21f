"""IMPACT OSS: the CSV files its batch import takes, written from the store, and read back.

IMPACT OSS (the open-source recommendation tracker several governments use)
imports recommendations and actions ("measures") from CSV files whose headers
are ``Label [database:field]`` for fields and ``name [rel:relationship]`` for
links; its import takes only the part in brackets, so the labels are ours to
word. Its template adds a second row of hints that must be removed before
importing.

What we write (and document in the README):

* ``OUT.csv`` — one row per paragraph: framework 1 (human rights); reference
  ``CRC/C/KHM/CO/4-6 para 17`` (no comma: IMPACT splits relationship values on
  commas); a short title; the full text as description; the government's
  latest assessment as the response comment; support level blank (it is for
  UPR recommendations only).
* ``OUT-actions.csv`` — one row per action: reference ``A-`` and the first 12
  hex digits of its UUID, title, description (with the actor and status, which
  IMPACT has no fields for), desired outcome, target date (dd/mm/yyyy, as
  IMPACT expects) and ``recommendation-reference [rel:recommendation-reference]``
  listing the paragraphs it answers. Import the recommendations first.

No hint row is written: both files import as they are. UTF-8 with a byte-order
mark (so that Excel opens Khmer text correctly; IMPACT reads the field name
from the brackets, so the mark does not matter there). Every cell goes
through the formula guard, which means a text starting with ``-`` arrives in
IMPACT with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import PayloadKind
from crc_reporter.domain.records import ActionInfo
from crc_reporter.i18n import LANGUAGES, _, current_language, translator
from crc_reporter.i18n.labels import label
from crc_reporter.safe_io import atomic_write, neutralise_row
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.models import Assessment, Recommendation

REC_HEADERS = (
    "Framework: 1 - HR; 2 - SDGs; 3 - NDP [database:framework_id]",
    "Reference [database:reference]",
    "Title [database:title]",
    "Description [database:description]",
    "Response comment [database:response]",
    "Government response (UPR only; supported: 2; supported in part: 1; noted: 0; "
    "not applicable: leave blank) [database:support_level]",
)
ACTION_HEADERS = (
    "Reference [database:reference]",
    "Title [database:title]",
    "Description [database:description]",
    "Desired outcome [database:outcome]",
    "Target date [database:target_date]",
    "Target date comment [database:target_date_comment]",
    "recommendation-reference [rel:recommendation-reference]",
)
HINT_MARKERS = ("required:", "optional:", "this row provides additional information")
_REFERENCE = re.compile(
    r"^\s*(?P<symbol>CRC/[^\s,;¶§]+)(?:[\s,;]+(?:para(?:graph)?s?\.?\s*|[¶§]\s*)?|[¶§]\s*)(?P<number>\d{1,4})\b", re.I
)


@dataclass(frozen=True)
class ImpactExport:
    recommendations: Path
    actions: Path
    recommendation_rows: int
    action_rows: int


def reference(symbol: str, number: int) -> str:
    return f"{symbol} para {number}"


def action_reference(uuid: str) -> str:
    return "A-" + uuid.replace("-", "")[:12]


def parse_reference(text: str) -> tuple[str, int] | None:
    """``CRC/C/KHM/CO/4-6 para 17`` (or ``…, para. 17``, ``… ¶17``) -> (symbol, 17)."""
    match = _REFERENCE.match(text or "")
    if not match:
        return None
    return match["symbol"].rstrip(",;"), int(match["number"])


def _title(text: str, subheading: str | None) -> str:
    first = re.split(r"(?<=[.;:])\s", " ".join(text.split()), maxsplit=1)[0]
    if len(first) > 120:
        first = first[:119].rstrip() + "…"
    return f"{subheading}: {first}" if subheading else first


def _responses(session: Session) -> dict[int, str]:
    """The government's latest assessment of each paragraph, as a response comment."""
    out: dict[int, str] = {}
    stmt = (
        select(Assessment.recommendation_id, Assessment.status, Assessment.assessed_on, Assessment.note)
        .where(Assessment.side == "government", Assessment.part_id.is_(None))
        .order_by(Assessment.recommendation_id, Assessment.assessed_on, Assessment.id)
    )
    for rec_id, status, day, note in session.execute(stmt):
        text = f"{label(status)} ({day.isoformat()})"
        out[rec_id] = f"{text}: {note}" if note else text
    return out


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


def export_impact(session: Session, out: Path, *, include_confidential: bool = False) -> ImpactExport:
    actions_path = out.with_name(out.stem + "-actions" + (out.suffix or ".csv"))
    responses = _responses(session)
    recs = list_recommendations(session)
    rec_rows = [
        ["1", reference(r.document, r.number), _title(r.text, r.subheading), r.text, responses.get(r.id, ""), ""]
        for r in recs
    ]
    action_rows = []
    for a in list_actions(session, ActionFilter(include_confidential=include_confidential)):
        refs = sorted({reference(link.document, link.paragraph) for link in a.links})
        details = [a.description.strip()] if a.description.strip() else []
        details.append(action_facts(a))
        target = a.end_date.strftime("%d/%m/%Y") if a.end_date else ""
        action_rows.append(
            [
                action_reference(a.uuid),
                a.title,
                "\n\n".join(details),
                a.outcome,
                target,
                label(a.status),
                ",".join(refs),
            ]
        )
    _write(out, REC_HEADERS, rec_rows)
    _write(actions_path, ACTION_HEADERS, action_rows)
    return ImpactExport(out, actions_path, len(rec_rows), len(action_rows))


def _write(path: Path, headers: tuple[str, ...], rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(neutralise_row(row))
    try:
        with atomic_write(path, "w", encoding="utf-8-sig") as fh:
            fh.write(buffer.getvalue())
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc


# --- reading -----------------------------------------------------------------------------------


def field_of(header: str) -> str | None:
    """``Title [database:title]`` -> ``title``; ``x [rel:recommendation-reference|code]`` -> ``rel:recommendation-reference``."""
    match = re.search(r"\[(database|rel):([A-Za-z0-9_\-]+)", header or "")
    if not match:
        return None
    return match[2] if match[1] == "database" else f"rel:{match[2]}"


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


@dataclass(frozen=True)
class ImpactActions:
    """An IMPACT OSS actions (measures) CSV, read; applied by
    :func:`~crc_reporter.services.interchange.impact_actions.apply_impact_actions`."""

    kind: ClassVar[PayloadKind] = PayloadKind.IMPACT_ACTIONS
    name: str
    rows: tuple[ImpactActionRow, ...]
    warnings: tuple[str, ...]


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
