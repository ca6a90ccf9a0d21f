"""Choosing what goes in a draft: clusters, paragraphs, actors, the reporting period.

A coalition focused on child justice asks for ``--clusters special_protection``
and gets a draft about child justice. The choices narrow the data gathered
from the store before any report module sees it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.report_records import ClusterSection, LinkedAction, ReportData, ReportItem
from crc_reporter.i18n import _
from crc_reporter.reports.errors import ReportError

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
OPTIONAL_PROTOCOLS = "optional_protocols"


def parse_paragraphs(text: str) -> tuple[int, ...]:
    """ "12,17-20" -> (12, 17, 18, 19, 20); a one-line error for anything else."""
    numbers: list[int] = []
    for piece in text.split(","):
        if not piece.strip():
            continue
        m = _RANGE.match(piece)
        if m is None:
            raise ReportError(
                _("{value} is not a paragraph number or range (e.g. 12,17-20)").format(value=piece.strip())
            )
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first or last - first > 10_000:
            raise ReportError(
                _("{value} is not a paragraph number or range (e.g. 12,17-20)").format(value=piece.strip())
            )
        numbers.extend(range(first, last + 1))
    return tuple(sorted(set(numbers)))


def parse_names(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))


def check_clusters(keys: tuple[str, ...]) -> tuple[str, ...]:
    known = [c.value for c in CLUSTER_ORDER]
    for key in keys:
        if key not in known:
            raise ReportError(
                _("unknown cluster {key} (choose from {choices})").format(key=key, choices=", ".join(known))
            )
    return keys


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ReportError(_("{value} is not a date (YYYY-MM-DD)").format(value=text.strip()[:40])) from None


def _in_period(linked: LinkedAction, start: dt.date | None, end: dt.date | None) -> bool:
    action = linked.action
    first = action.start_date or action.end_date
    last = action.end_date or action.start_date
    if first is None:
        return True  # undated: the drafter decides
    if end is not None and first > end:
        return False
    return start is None or last is None or last >= start or action.status != "completed"


def _named(name: str, actors: tuple[str, ...]) -> bool:
    """ "Ministry of Justice" matches "ministry of justice", and "Justice" (a part of the name) too."""
    name = name.casefold()
    return any(a.casefold() == name or (len(a) > 2 and a.casefold() in name) for a in actors)


def _by_actor(linked: LinkedAction, actors: tuple[str, ...]) -> bool:
    return _named(linked.action.actor or "", actors)


def select(
    data: ReportData,
    *,
    clusters: tuple[str, ...] = (),
    paragraphs: tuple[int, ...] = (),
    actors: tuple[str, ...] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ReportData:
    """The data narrowed to the chosen clusters, paragraphs (of the document answered), actors and period."""
    if not (clusters or paragraphs or actors or start or end):
        return data
    if start and end and end < start:
        raise ReportError(_("the reporting period ends before it starts"))
    check_clusters(clusters)
    wanted = set(paragraphs)

    def keep(actions: tuple[LinkedAction, ...]) -> tuple[LinkedAction, ...]:
        return tuple(a for a in actions if _in_period(a, start, end) and (not actors or _by_actor(a, actors)))

    def narrow(item: ReportItem) -> ReportItem | None:
        if wanted and item.number not in wanted:
            return None
        actions = keep(item.actions)
        cited = tuple(dataclasses.replace(c, actions=keep(c.actions)) for c in item.cited)
        acted = actions or any(c.actions for c in cited)
        if actors and not acted and not any(_named(r, actors) for r in item.recommendation.responsible):
            return None  # neither acted on nor given to these actors
        return dataclasses.replace(item, actions=actions, cited=cited)

    sections = []
    for section in data.sections:
        if clusters and section.key not in clusters:
            continue
        items = tuple(i for i in (narrow(item) for item in section.items) if i is not None)
        if items or (section.key and not (wanted or actors)):
            sections.append(ClusterSection(section.key, section.title, section.articles_text, items))
    protocols = data.protocols
    if wanted or (clusters and OPTIONAL_PROTOCOLS not in clusters):
        protocols = ()  # paragraph numbers are those of the document answered
    else:
        protocols = tuple(
            dataclasses.replace(p, items=tuple(i for i in (narrow(item) for item in p.items) if i is not None))
            for p in protocols
        )
    if not sections and not any(p.items for p in protocols):
        raise ReportError(_("nothing in {symbol} matches the choices made").format(symbol=data.document.symbol))
    return dataclasses.replace(data, sections=tuple(sections), protocols=protocols)
