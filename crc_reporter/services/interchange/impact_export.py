"""Writing IMPACT OSS import files from the store, for one line of IMPACT (see :mod:`.impact_lines`).

Files, each in the form its line's import page takes (import them in this order):

* ``OUT.csv`` — recommendations: by default only paragraphs of kind
  "recommendation" (IMPACT cannot delete an imported record), and each lettered
  part as its own record (``CRC/C/KHM/CO/4-6 para 18(a)``, titled after its
  paragraph); categories through ``[rel:category-short-title]``.
* ``OUT-actions.csv`` — actions, linked by ``[rel:recommendation-reference]`` to
  the paragraphs and parts they answer, with the agency and the progress status as
  categories. Columns whose header holds no ``[database:…]`` or ``[rel:…]`` are
  ignored by every line's import; ours carry what IMPACT has no field for (status,
  type, start date, actor, sources) so that our own import gets them back.
* ``OUT-indicators.csv`` — indicators (values listed in the description; IMPACT
  imports no values), linked to their actions.
* ``OUT-categories.csv`` — not an import file: the categories the files use, which
  of them IMPACT seeds and which an administrator must create first.

IMPACT only creates records on import, never updates: ``since`` exports only the
records added since a day, for a tracker that already holds the earlier ones.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActorType, RecommendationKind
from crc_reporter.domain.records import ActionInfo, IndicatorInfo, RecommendationInfo
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.safe_io import atomic_write, neutralise_row
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.indicators import list_indicators
from crc_reporter.services.interchange import impact_categories as cat
from crc_reporter.services.interchange.impact import action_reference, indicator_reference, part_reference, reference
from crc_reporter.services.interchange.impact_lines import DEFAULT_LINE, LINES, ImpactLine
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.models import (
    Action,
    Actor,
    Assessment,
    Document,
    Indicator,
    Recommendation,
    RecommendationPart,
)

FRAMEWORK = "Framework: 1 - HR; 2 - SDGs; 3 - NDP [database:framework_id]"
REFERENCE, TITLE, DESCRIPTION = (
    "Reference [database:reference]",
    "Title [database:title]",
    "Description [database:description]",
)
RESPONSE = (
    "Response comment [database:response]",
    "Government response (UPR only; supported: 2; supported in part: 1; noted: 0; "
    "not applicable: leave blank) [database:support_level]",
)
CATEGORIES = "category-short-title [rel:category-short-title]"
RECOMMENDATIONS = "recommendation-reference [rel:recommendation-reference]"
ACTION_HEADERS = (
    REFERENCE,
    TITLE,
    DESCRIPTION,
    "Desired outcome [database:outcome]",
    "Target date [database:target_date]",
    "Target date comment [database:target_date_comment]",
    RECOMMENDATIONS,
    CATEGORIES,
)
#: ignored by IMPACT (no field in brackets), read by our import: what IMPACT has no field for
OWN_ACTION_HEADERS = (
    "CRC Reporter status",
    "CRC Reporter type",
    "CRC Reporter start date",
    "CRC Reporter actor",
    "CRC Reporter actor type",
    "CRC Reporter sources",
)
INDICATOR_HEADERS = (
    REFERENCE,
    TITLE,
    DESCRIPTION,
    "Start date [database:start_date]",
    "End date [database:end_date]",
    "Reporting frequency in months [database:frequency_months]",
    "action-reference [rel:action-reference]",
)
CATEGORY_LIST_HEADERS = ("taxonomy", "short_title", "title", "in IMPACT")


@dataclass(frozen=True)
class ImpactExport:
    line: str
    recommendations: Path
    actions: Path | None
    indicators: Path | None
    categories: Path
    recommendation_rows: int
    action_rows: int
    indicator_rows: int
    categories_to_create: int
    links_left_out: int  # links to paragraphs that are not in the file (concerns, unless included)


def recommendation_headers(line: ImpactLine) -> tuple[str, ...]:
    return (
        *((FRAMEWORK,) if line.framework_column else ()),
        REFERENCE,
        TITLE,
        DESCRIPTION,
        *(RESPONSE if line.response_columns else ()),
        CATEGORIES,
    )


def indicator_headers(line: ImpactLine) -> tuple[str, ...]:
    return INDICATOR_HEADERS + ((RECOMMENDATIONS,) if line.indicator_recommendations else ())


def title_of(text: str, subheading: str | None) -> str:
    # the first sentence, not cut after "para." of a reference such as "(CRC/C/KHM/CO/2-3, para. 28)"
    first = re.split(r"(?<!\bpara\.)(?<!\bparas\.)(?<=[.;:])\s", " ".join(text.split()), maxsplit=1)[0]
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


def _created_since(session: Session, model: type, since: dt.date | None) -> set[int] | None:
    if since is None:
        return None
    start = dt.datetime.combine(since, dt.time())
    return set(session.scalars(select(model.id).where(model.created_at >= start)))  # type: ignore[attr-defined]


class _Writer:
    def __init__(self, session: Session, line: ImpactLine, since: dt.date | None) -> None:
        self.session, self.line, self.since = session, line, since
        self.categories = cat.CategoryList()
        self.dates: dict[str, dt.date | None] = {
            s: d for s, d in session.execute(select(Document.symbol, Document.date))
        }
        self.actors = {
            name: (short, kind)
            for name, short, kind in session.execute(select(Actor.name, Actor.short_name, Actor.actor_type))
        }
        self.left_out = 0

    def date(self, day: dt.date | None) -> str:
        return day.strftime(self.line.date_format) if day else ""

    def agency(self, name: str) -> str:
        short_name, _kind = self.actors.get(name, (None, None))
        return self.categories.add(cat.AGENCIES, cat.short(short_name or name), name)

    def rec_categories(self, r: RecommendationInfo) -> str:
        c = self.categories
        body = cat.body(r.mechanism)
        values = [c.add(cat.BODY, body, cat.body_title(body))]
        values.append(c.add(cat.CYCLE, cat.cycle(r.document, self.dates.get(r.document), body), r.document))
        if r.cluster in cat.CLUSTER_SHORT:
            values.append(c.add(cat.CLUSTER, cat.CLUSTER_SHORT[r.cluster]))
        values += [c.add(cat.ISSUE, cat.seeded(cat.ISSUE, t), t) for t in r.themes]
        values += [c.add(cat.PERSONS, cat.seeded(cat.PERSONS, g), g) for g in r.affected_groups]
        values += [self.agency(n) for n in r.responsible]
        values += [c.add(cat.SDGS, cat.sdg(t)) for t in r.sdg_targets]
        return ",".join(dict.fromkeys(v for v in values if v))

    def recommendations(self, recs: list[RecommendationInfo]) -> list[list[str]]:
        responses = _responses(self.session) if self.line.response_columns else {}
        new_recs = _created_since(self.session, Recommendation, self.since)
        new_parts = _created_since(self.session, RecommendationPart, self.since)
        rows = []
        for r in recs:
            sent = [p for p in r.parts if new_parts is None or p.id in new_parts]
            whole = new_recs is None or r.id in new_recs
            if not whole and not sent:
                continue  # nothing of it goes: its categories are not listed either
            categories = self.rec_categories(r)
            head = ["1"] if self.line.framework_column else []
            title = title_of(r.text, r.subheading)
            if whole:
                support = cat.SUPPORT_LEVEL.get(r.position or "", "") if r.mechanism == "UPR" else ""
                tail = [responses.get(r.id, ""), support] if self.line.response_columns else []
                rows.append([*head, reference(r.document, r.number), title, r.text, *tail, categories])
            for p in sent:
                part_title = title_of(f"({p.label}) {p.text}", f"{reference(r.document, r.number)}")
                tail = ["", ""] if self.line.response_columns else []
                rows.append(
                    [*head, part_reference(r.document, r.number, p.label), part_title, p.text, *tail, categories]
                )
        return rows

    def actions(self, actions: list[ActionInfo], known: set[str]) -> list[list[str]]:
        new = _created_since(self.session, Action, self.since)
        rows = []
        for a in actions:
            if new is not None and a.id not in new:
                continue
            refs = []
            for link in a.links:
                ref = (
                    part_reference(link.document, link.paragraph, link.part)
                    if link.part
                    else reference(link.document, link.paragraph)
                )
                if ref in known:
                    refs.append(ref)
                else:
                    self.left_out += 1
            categories = []
            if a.actor and a.actor_type == ActorType.GOVERNMENT.value:
                categories.append(self.agency(a.actor))
            if a.status in cat.PROGRESS_OF:
                categories.append(self.categories.add(cat.PROGRESS, cat.PROGRESS_OF[a.status]))
            sources = [{"title": s.title, "url": s.url, "file": s.file_ref} for s in a.sources]
            rows.append(
                [
                    action_reference(a.uuid),
                    a.title,
                    a.description,
                    a.outcome,
                    self.date(a.end_date),
                    "",
                    ",".join(sorted(set(refs))),
                    ",".join(categories),
                    a.status,
                    a.type,
                    a.start_date.isoformat() if a.start_date else "",
                    a.actor or "",
                    a.actor_type or "",
                    json.dumps(sources, ensure_ascii=False) if sources else "",
                ]
            )
        return rows

    def indicators(
        self, indicators: list[IndicatorInfo], actions: dict[int, str], recs: dict[int, str]
    ) -> list[list[str]]:
        new = _created_since(self.session, Indicator, self.since)
        rows = []
        for ind in indicators:
            if new is not None and ind.id not in new:
                continue
            years = sorted({v.year for v in ind.values})
            row = [
                indicator_reference(ind.uuid),
                ind.name,
                _indicator_description(ind),
                self.date(dt.date(years[0], 1, 1)) if years else "",
                self.date(dt.date(years[-1], 12, 31)) if years else "",
                "12" if years else "",
                ",".join(sorted(actions[i] for i in ind.actions if i in actions)),
            ]
            if self.line.indicator_recommendations:
                row.append(",".join(sorted(recs[i] for i in ind.recommendations if i in recs)))
            rows.append(row)
        return rows


def _indicator_description(ind: IndicatorInfo) -> str:
    lines = [ind.description.strip()] if ind.description.strip() else []
    unit, source = _("Unit"), _("Source")
    facts = [f"{unit}: {ind.unit}" if ind.unit else "", f"{source}: {ind.source}" if ind.source else ""]
    if any(facts):
        lines.append("; ".join(f for f in facts if f))
    values = []
    for v in ind.values:
        groups = ", ".join(x for x in (v.sex, v.age_group, v.province) if x)
        number = f"{v.value:g}"
        values.append(f"- {v.year}{f' ({groups})' if groups else ''}: {number}{f' — {v.note}' if v.note else ''}")
    if values:
        lines.append("\n".join(values))
    return "\n\n".join(lines)


def sibling(out: Path, name: str) -> Path:
    return out.with_name(f"{out.stem}-{name}{out.suffix or '.csv'}")


def export_impact(
    session: Session,
    out: Path,
    *,
    line: str = DEFAULT_LINE,
    include_confidential: bool = False,
    include_concerns: bool = False,
    since: dt.date | None = None,
) -> ImpactExport:
    spec = LINES[line]
    writer = _Writer(session, spec, since)
    recs = [r for r in list_recommendations(session) if include_concerns or r.kind == RecommendationKind.RECOMMENDATION]
    rec_rows = writer.recommendations(recs)
    known = {reference(r.document, r.number) for r in recs}
    known |= {part_reference(r.document, r.number, p.label) for r in recs for p in r.parts}
    files: list[tuple[Path, tuple[str, ...], list[list[str]]]] = [(out, recommendation_headers(spec), rec_rows)]
    actions_path = indicators_path = None
    action_rows: list[list[str]] = []
    indicator_rows: list[list[str]] = []
    if spec.actions:
        actions = list_actions(session, ActionFilter(include_confidential=include_confidential))
        action_rows = writer.actions(actions, known)
        actions_path = sibling(out, "actions")
        files.append((actions_path, ACTION_HEADERS + OWN_ACTION_HEADERS, action_rows))
        if spec.indicators:
            action_refs = {a.id: action_reference(a.uuid) for a in actions}
            rec_refs = {r.id: reference(r.document, r.number) for r in recs}
            indicator_rows = writer.indicators(list_indicators(session), action_refs, rec_refs)
            indicators_path = sibling(out, "indicators")
            files.append((indicators_path, indicator_headers(spec), indicator_rows))
    categories_path = sibling(out, "categories")
    category_rows = writer.categories.rows()
    files.append((categories_path, CATEGORY_LIST_HEADERS, category_rows))
    for path, headers, rows in files:
        write_csv(path, headers, rows)
    return ImpactExport(
        line=line,
        recommendations=out,
        actions=actions_path,
        indicators=indicators_path,
        categories=categories_path,
        recommendation_rows=len(rec_rows),
        action_rows=len(action_rows),
        indicator_rows=len(indicator_rows),
        categories_to_create=sum(row[3] != "seeded" for row in category_rows),
        links_left_out=writer.left_out,
    )


def write_csv(path: Path, headers: Iterable[str], rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(list(headers))
    for row in rows:
        out.writerow(neutralise_row(row))
    try:
        with atomic_write(path, "w", encoding="utf-8-sig") as fh:
            fh.write(buffer.getvalue())
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
