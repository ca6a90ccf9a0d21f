"""Everything a report needs, read from the store in a handful of set queries.

The concluding observations (or list of issues) answered, their paragraphs
in the order of the Committee's reporting clusters (CRC/C/58/Rev.3), the
actions linked to each paragraph or lettered part, the indicators, both
sides' latest assessments, the coalition and its members. Confidential
actions stay out unless the caller asks for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.enums import ActionType, ActorType, AssessmentSide, DocumentType, Treaty
from crc_reporter.domain.records import (
    ActionInfo,
    ActorInfo,
    AssessmentInfo,
    DocumentInfo,
    IndicatorInfo,
    RecommendationInfo,
)
from crc_reporter.domain.report_records import (
    CitedParagraph,
    ClusterSection,
    LinkedAction,
    ProtocolSection,
    ReportData,
    ReportItem,
)
from crc_reporter.i18n import _
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.actors import list_actors
from crc_reporter.services.documents import get_document
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.indicators import list_indicators
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store.models import Actor, Assessment, Cluster, Document

_STATE_IN_TITLE = (
    re.compile(r"\bsubmitted by (?P<state>.+?) under\b", re.I),
    re.compile(r"\breports? of (?P<state>[^,(]+)", re.I),
)


def state_name_from(doc: DocumentInfo) -> str:
    """ "…periodic reports of the Republic of Xamplia" -> "the Republic of Xamplia" (else the country code)."""
    for pattern in _STATE_IN_TITLE:
        m = pattern.search(doc.title or "")
        if m:
            return m.group("state").strip().rstrip(".")
    return doc.country or ""


def actions_by_paragraph(
    session: Session, symbol: str, include_confidential: bool
) -> tuple[dict[int, list[LinkedAction]], int]:
    """``{paragraph number: [actions with the parts they answer]}``, and how many confidential ones were left out."""
    out: dict[int, list[LinkedAction]] = defaultdict(list)
    left_out = 0
    actions = list_actions(session, ActionFilter(document=symbol, include_confidential=True))
    # chronological: a report tells what was done since the last review in the order it happened
    actions.sort(key=lambda a: (a.start_date or a.end_date or dt.date.max, a.id))
    for action in actions:
        if action.confidential and not include_confidential:
            left_out += 1
            continue
        parts: dict[int, list[str]] = defaultdict(list)
        for link in action.links:
            if link.document == symbol:
                parts[link.paragraph].extend([link.part] if link.part else [])
        for number, labels in parts.items():
            whole = any(ln.document == symbol and ln.paragraph == number and not ln.part for ln in action.links)
            out[number].append(LinkedAction(action, () if whole else tuple(dict.fromkeys(labels))))
    return out, left_out


def _latest_assessments(
    session: Session, rec_ids: list[int], civil_society_by: set[str] | None
) -> dict[int, dict[str, AssessmentInfo]]:
    """The latest whole-paragraph assessment per side; civil society's limited to ``civil_society_by`` if given."""
    rows = session.execute(
        select(
            Assessment.id,
            Assessment.uuid,
            Assessment.recommendation_id,
            Assessment.side,
            Assessment.status,
            Assessment.assessed_on,
            Actor.name,
            Assessment.note,
            Assessment.evidence,
            Assessment.recorded_by,
        )
        .outerjoin(Actor, Assessment.assessor_id == Actor.id)
        .where(Assessment.recommendation_id.in_(rec_ids), Assessment.part_id.is_(None))
        .order_by(Assessment.assessed_on, Assessment.id)
    ).all()
    out: dict[int, dict[str, AssessmentInfo]] = defaultdict(dict)
    cs = AssessmentSide.CIVIL_SOCIETY.value
    for aid, uuid, rec_id, side, status, day, assessor, note, evidence, recorded_by in rows:
        if side == cs and civil_society_by is not None and assessor is not None and assessor not in civil_society_by:
            continue
        out[rec_id][side] = AssessmentInfo(
            aid, uuid, rec_id, None, side, status, day, assessor, note, evidence, recorded_by
        )
    return out


def report_items(
    session: Session, doc: DocumentInfo, include_confidential: bool, civil_society_by: set[str] | None
) -> tuple[list[ReportItem], int]:
    recs: list[RecommendationInfo] = sorted(
        list_recommendations(session, RecommendationFilter(document=doc.symbol)), key=lambda r: r.number
    )
    if not recs:
        return [], 0
    rec_ids = [r.id for r in recs]
    actions, left_out = actions_by_paragraph(session, doc.symbol, include_confidential)
    indicators: dict[int, list[IndicatorInfo]] = defaultdict(list)
    for indicator in list_indicators(session, rec_ids=rec_ids):
        for rec_id in indicator.recommendations:
            indicators[rec_id].append(indicator)
    assessments = _latest_assessments(session, rec_ids, civil_society_by)
    gov, cs = AssessmentSide.GOVERNMENT.value, AssessmentSide.CIVIL_SOCIETY.value
    items = [
        ReportItem(
            recommendation=rec,
            actions=tuple(actions.get(rec.number, ())),
            indicators=tuple(sorted(indicators.get(rec.id, ()), key=lambda i: i.name)),
            government=assessments.get(rec.id, {}).get(gov),
            civil_society=assessments.get(rec.id, {}).get(cs),
        )
        for rec in recs
    ]
    return items, left_out


_DEVELOPMENTS = (ActionType.LAW.value, ActionType.POLICY.value, ActionType.PROGRAMME.value)


@dataclass
class _Cited:
    items: list[ReportItem]
    left_out: int = 0
    developments: tuple[LinkedAction, ...] = ()
    since: dt.date | None = None


def _recent(action: ActionInfo, since: dt.date | None) -> bool:
    """A law, policy or programme still under way, or started or finished since ``since``."""
    if action.type not in _DEVELOPMENTS or action.status == "cancelled":
        return False
    last = action.end_date or action.start_date
    return since is None or action.status in ("planned", "ongoing") or (last is not None and last >= since)


def _cited(session: Session, items: list[ReportItem], include_confidential: bool) -> _Cited:
    """Each question with the concluding observations' paragraphs it cites (its previous_reference rows),
    resolved in the store with their actions and indicators; the confidential actions left out; and the
    laws, policies and programmes acted on since those observations (new developments)."""
    symbols = sorted({p.document for item in items for p in item.recommendation.previous})
    if not symbols:
        return _Cited(items)
    paragraphs: dict[tuple[str, int], RecommendationInfo] = {}
    actions: dict[str, dict[int, list[LinkedAction]]] = {}
    left_out = 0
    since: dt.date | None = None
    for symbol in symbols:
        recs = list_recommendations(session, RecommendationFilter(document=symbol))
        if not recs:
            continue  # a document the store does not hold: its paragraphs are shown as not found
        paragraphs.update({(symbol, r.number): r for r in recs})
        actions[symbol], count = actions_by_paragraph(session, symbol, include_confidential)
        left_out += count
        day = get_document(session, symbol).date
        since = max(since, day) if since and day else since or day
    indicators: dict[int, list[IndicatorInfo]] = defaultdict(list)
    rec_ids = [r.id for r in paragraphs.values()]
    for indicator in list_indicators(session, rec_ids=rec_ids) if rec_ids else ():
        for rec_id in indicator.recommendations:
            indicators[rec_id].append(indicator)
    out = []
    for item in items:
        cited = []
        for ref in dict.fromkeys(item.recommendation.previous):
            rec = paragraphs.get((ref.document, ref.paragraph))
            if rec is None:
                cited.append(CitedParagraph(ref.document, ref.paragraph, found=False))
                continue
            cited.append(
                CitedParagraph(
                    ref.document,
                    ref.paragraph,
                    rec.subheading,
                    actions=tuple(actions.get(ref.document, {}).get(ref.paragraph, ())),
                    indicators=tuple(sorted(indicators.get(rec.id, ()), key=lambda i: i.name)),
                )
            )
        out.append(dataclasses.replace(item, cited=tuple(cited)) if cited else item)
    seen: dict[int, LinkedAction] = {}
    for by_paragraph in actions.values():
        for linked in (a for found in by_paragraph.values() for a in found):
            if linked.action.id not in seen and _recent(linked.action, since):
                seen[linked.action.id] = LinkedAction(linked.action)
    developments = sorted(
        seen.values(), key=lambda a: (a.action.start_date or a.action.end_date or dt.date.max, a.action.id)
    )
    return _Cited(out, left_out, tuple(developments), since)


def _sections(session: Session, items: list[ReportItem]) -> tuple[ClusterSection, ...]:
    reference = {
        key: (title, text)
        for key, title, text in session.execute(select(Cluster.key, Cluster.title, Cluster.articles_text))
    }
    by_cluster: dict[str, list[ReportItem]] = defaultdict(list)
    for item in items:
        by_cluster[item.recommendation.cluster or ""].append(item)
    sections = []
    for cluster in CLUSTER_ORDER:
        title, articles = reference.get(cluster.value, (cluster.value, ""))
        sections.append(ClusterSection(cluster.value, title, articles, tuple(by_cluster.get(cluster.value, ()))))
    sections.append(ClusterSection("", "", "", tuple(by_cluster.get("", ()))))
    return tuple(sections)


def _protocol_documents(session: Session, doc: DocumentInfo) -> list[DocumentInfo]:
    """The latest concluding observations on each Optional Protocol for the same State."""
    if not doc.country:
        return []
    found: list[DocumentInfo] = []
    for treaty in (Treaty.OPSC, Treaty.OPAC):
        symbol = session.scalar(
            select(Document.symbol)
            .where(
                Document.country == doc.country,
                Document.treaty_code == treaty.value,
                Document.doc_type == DocumentType.CONCLUDING_OBSERVATIONS.value,
            )
            .order_by(Document.date.desc().nulls_last(), Document.id.desc())
            .limit(1)
        )
        if symbol:
            found.append(get_document(session, symbol))
    return found


def find_coalition(session: Session, name: str | None) -> tuple[ActorInfo | None, tuple[ActorInfo, ...]]:
    """The coalition by name or short name; without a name, the only coalition in the store (or none)."""
    actors = list_actors(session)
    if name:
        wanted = name.strip().casefold()
        matches = [a for a in actors if wanted in (a.name.casefold(), (a.short_name or "").casefold())]
        if not matches:
            raise NotFoundError(_("no coalition or organisation named {name}").format(name=name))
        coalition = matches[0]
        if coalition.type not in (ActorType.COALITION.value, ActorType.NGO.value, ActorType.NHRI.value):
            raise ValidationError(_("{name} is not a coalition or an NGO").format(name=coalition.name))
    else:
        coalitions = [a for a in actors if a.type == ActorType.COALITION.value]
        if len(coalitions) > 1:
            names = "; ".join(a.name for a in coalitions)
            raise ValidationError(_("this store has several coalitions, choose one: {names}").format(names=names))
        if not coalitions:
            return None, ()
        coalition = coalitions[0]
    members = tuple(a for a in actors if a.name in set(coalition.members))
    return coalition, members


def gather_report_data(
    session: Session,
    symbol: str,
    *,
    include_confidential: bool = False,
    coalition: str | None = None,
    with_coalition: bool = False,
    with_protocols: bool = False,
    with_cited: bool = False,
    state_name: str | None = None,
    today: dt.date | None = None,
) -> ReportData:
    """Read what a report on ``symbol`` needs; ``with_coalition`` resolves the coalition (alternative reports),
    ``with_cited`` the paragraphs of concluding observations that questions cite (replies to a list of issues)."""
    doc = get_document(session, symbol)
    coalition_info, members = find_coalition(session, coalition) if with_coalition or coalition else (None, ())
    civil_society_by = None
    if coalition_info is not None:
        civil_society_by = {coalition_info.name, *(m.name for m in members)}
    items, left_out = report_items(session, doc, include_confidential, civil_society_by)
    cited = _Cited(items)
    if with_cited:  # a list of issues: the paragraphs of concluding observations its questions cite
        cited = _cited(session, items, include_confidential)
        items, left_out = cited.items, left_out + cited.left_out
    protocols = []
    if with_protocols:
        for op_doc in _protocol_documents(session, doc):
            op_items, op_left_out = report_items(session, op_doc, include_confidential, civil_society_by)
            protocols.append(ProtocolSection(op_doc, tuple(op_items)))
            left_out += op_left_out
    return ReportData(
        document=doc,
        state_name=state_name or state_name_from(doc),
        sections=_sections(session, items),
        protocols=tuple(protocols),
        coalition=coalition_info,
        coalition_members=members,
        include_confidential=include_confidential,
        confidential_left_out=left_out,
        generated_on=today or dt.date.today(),
        developments=cited.developments,
        developments_since=cited.since,
    )
