"""The demo data set: a fictional State party, the Republic of Xamplia.

``load_demo(scale=N)`` loads the data set N times (copy 1 is Xamplia itself,
copies 2..N are the same documents under other fictional country codes), for
benchmarks. Loading is idempotent: a copy whose documents are already in the
store is skipped, so running the command twice never duplicates; a store that
holds only some of them (one imported under the demo's symbol) is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice, product
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import TagKind
from crc_reporter.i18n import _
from crc_reporter.paths import resource_path
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Actor,
    Assessment,
    AuditEntry,
    Document,
    Indicator,
    IndicatorValue,
    PreviousReference,
    Recommendation,
    RecommendationPart,
    Source,
    Tag,
)

MAX_SCALE = 5000


@dataclass(frozen=True)
class DemoResult:
    copies_added: int
    copies_skipped: int
    documents: int
    recommendations: int
    actions: int


def load_demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("demo", "xamplia.json").read_text("utf-8"))
    return data


def _codes() -> Iterator[str]:
    yield "XMP"
    for first, second in product(string.ascii_uppercase, repeat=2):  # XAA … XZZ: reserved for users by ISO 3166
        if first + second != "MP":
            yield f"X{first}{second}"
    for chars in product(string.digits + string.ascii_uppercase, repeat=3):  # then codes with a digit: never ISO
        if any(c.isdigit() for c in chars):
            yield "".join(chars)


@cache
def _all_codes() -> tuple[str, ...]:
    return tuple(islice(_codes(), MAX_SCALE))


def country_code(copy: int) -> str:
    """``XMP`` for the first copy, then XAA, XAB, … and codes with digits: fictional, one per copy, three
    characters (the store's country column), never a real ISO code."""
    return _all_codes()[copy - 1]


def _symbol_for(symbol: str, code: str) -> str:
    return symbol.replace("/XMP/", f"/{code}/")


def _copy_symbols(data: dict[str, Any], copy: int) -> list[str]:
    code = country_code(copy)
    return [_symbol_for(spec["symbol"], code) for spec in data["documents"]]


def _copies_to_load(session: Session, data: dict[str, Any], scale: int) -> list[int]:
    """The copies not yet in the store; refuses (one line, nothing written) when the store holds only
    some documents of a copy, such as one imported from the Committee's own file under the demo's symbol."""
    existing = set(session.scalars(select(Document.symbol)))
    missing = []
    for copy in range(1, scale + 1):
        symbols = _copy_symbols(data, copy)
        held = [s for s in symbols if s in existing]
        if not held:
            missing.append(copy)
        elif len(held) < len(symbols):
            raise ValidationError(
                _(
                    "the store already holds {symbol}, a document of the demo data set; load the demo into a new store"
                ).format(symbol=held[0])
            )
    return missing


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _Loader:
    def __init__(self, session: Session, data: dict[str, Any]) -> None:
        self.session = session
        self.data = data
        self.tags: dict[tuple[str, str], Tag] = {(t.kind, t.name): t for t in session.scalars(select(Tag))}
        self.actors: dict[str, Actor] = {}

    def tag(self, kind: TagKind, name: str) -> Tag:
        key = (kind.value, name)
        if key not in self.tags:
            tag = Tag(kind=kind.value, name=name)
            self.session.add(tag)
            self.tags[key] = tag
        return self.tags[key]

    def load_actors(self) -> None:
        existing = {a.name: a for a in self.session.scalars(select(Actor))}
        for spec in self.data["actors"]:
            actor = existing.get(spec["name"])
            if actor is None:
                actor = Actor(name=spec["name"], short_name=spec.get("short_name"), actor_type=spec["type"])
                self.session.add(actor)
            self.actors[spec["name"]] = actor
        for spec in self.data["actors"]:
            if spec.get("members") and not self.actors[spec["name"]].members:
                self.actors[spec["name"]].members = [self.actors[m] for m in spec["members"]]
        self.session.flush()

    def load_copy(self, copy: int) -> tuple[int, int, int]:
        code = country_code(copy)
        recs: dict[tuple[str, int], Recommendation] = {}
        n_docs = n_recs = 0
        for spec in self.data["documents"]:
            symbol = _symbol_for(spec["symbol"], code)
            doc = Document(
                symbol=symbol,
                treaty_code=spec["treaty"],
                doc_type=spec["type"],
                title=spec["title"].replace("Republic of Xamplia", self.data["country"]["name"])
                if copy == 1
                else spec["title"].replace("Republic of Xamplia", f"Demo State {code}"),
                country=code,
                date=_date(spec.get("date")),
                next_report_due=_date(spec.get("next_report_due")),
                next_report_word_limit=spec.get("word_limit"),
            )
            self.session.add(doc)
            n_docs += 1
            for para in spec["paragraphs"]:
                rec = Recommendation(
                    document=doc,
                    number=para["number"],
                    text=para["text"],
                    kind=para["kind"],
                    cluster=para.get("cluster"),
                    subheading=para.get("subheading"),
                    urgent=bool(para.get("urgent")),
                    articles=",".join(para.get("articles", [])),
                    translation=para.get("translation"),
                    translation_lang=para.get("translation_lang"),
                )
                rec.parts = [
                    RecommendationPart(label=p["label"], text=p["text"], position=i)
                    for i, p in enumerate(para.get("parts", []))
                ]
                rec.previous = [
                    PreviousReference(symbol=_symbol_for(p["document"], code), paragraph=p["paragraph"])
                    for p in para.get("previous", [])
                ]
                rec.tags = list(
                    {
                        id(t): t
                        for t in [self.tag(TagKind.SDG, s) for s in para.get("sdg_targets", [])]
                        + [self.tag(TagKind.THEME, s) for s in para.get("themes", [])]
                        + [self.tag(TagKind.AFFECTED_GROUP, s) for s in para.get("affected_groups", [])]
                    }.values()
                )
                rec.responsible = [self.actors[name] for name in para.get("responsible", [])]
                self.session.add(rec)
                recs[(spec["symbol"], para["number"])] = rec
                n_recs += 1
        self.session.flush()

        def part_of(rec: Recommendation, label: str | None) -> RecommendationPart | None:
            return next((p for p in rec.parts if p.label == label), None) if label else None

        actions: dict[str, Action] = {}
        for spec in self.data["actions"]:
            action = Action(
                title=spec["title"],
                description=spec.get("description", ""),
                actor=self.actors.get(spec.get("actor") or ""),
                action_type=spec["type"],
                status=spec["status"],
                start_date=_date(spec.get("start_date")),
                end_date=_date(spec.get("end_date")),
                outcome=spec.get("outcome", ""),
                confidential=bool(spec.get("confidential")),
            )
            action.sources = [Source(title=s["title"], url=s.get("url")) for s in spec.get("sources", [])]
            action.links = [
                ActionLink(
                    recommendation=recs[(ln["document"], ln["paragraph"])],
                    part=part_of(recs[(ln["document"], ln["paragraph"])], ln.get("part")),
                )
                for ln in spec.get("links", [])
            ]
            self.session.add(action)
            actions[spec["key"]] = action
        for spec in self.data["assessments"]:
            rec = recs[(spec["document"], spec["paragraph"])]
            self.session.add(
                Assessment(
                    recommendation=rec,
                    part=part_of(rec, spec.get("part")),
                    side=spec["side"],
                    status=spec["status"],
                    assessed_on=_date(spec["date"]),
                    assessor=self.actors.get(spec.get("assessor") or ""),
                    note=spec.get("note", ""),
                    evidence=spec.get("evidence", ""),
                    recorded_by="demo",
                )
            )
        for spec in self.data["indicators"]:
            ind = Indicator(
                name=spec["name"],
                unit=spec.get("unit", ""),
                source=spec.get("source", ""),
                description=spec.get("description", ""),
            )
            ind.values = [
                IndicatorValue(
                    year=v["year"],
                    value=float(v["value"]),
                    sex=v.get("sex"),
                    age_group=v.get("age_group"),
                    province=v.get("province"),
                )
                for v in spec["values"]
            ]
            ind.recommendations = [recs[(r["document"], r["paragraph"])] for r in spec.get("recommendations", [])]
            ind.actions = [actions[k] for k in spec.get("actions", [])]
            self.session.add(ind)
        self.session.flush()
        return n_docs, n_recs, len(actions)


def load_demo(session: Session, scale: int = 1, progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """Load ``scale`` copies of the demo data set into the session's store."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValidationError(_("--scale must be between 1 and {max}").format(max=MAX_SCALE))
    data = load_demo_data()
    session.info["audit"] = False  # one summary entry below, not one per demo row
    try:
        loader = _Loader(session, data)
        loader.load_actors()
        to_load = set(_copies_to_load(session, data, scale))
        added = skipped = docs = recs = acts = 0
        for copy in range(1, scale + 1):
            if copy not in to_load:
                skipped += 1
            else:
                d, r, a = loader.load_copy(copy)
                docs, recs, acts, added = docs + d, recs + r, acts + a, added + 1
                if copy % 20 == 0:  # keep memory flat on large scales
                    session.expunge_all()
                    loader = _Loader(session, data)
                    loader.load_actors()
            if progress:
                progress(copy, scale)
        session.add(
            AuditEntry(
                user=str(session.info.get("user") or "unknown"),
                operation="insert",
                table_name="demo",
                record_uuid=None,
                changes=json.dumps({"copies": added, "recommendations": recs}),
            )
        )
        session.flush()
    finally:
        session.info["audit"] = True
    return DemoResult(added, skipped, docs, recs, acts)
