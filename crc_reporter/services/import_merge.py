"""Merging one parsed document into the store: match, compare, then write what changed.

Paragraphs are matched by number, lettered parts by label. Only the fields the
source knows (``ParsedDocument.provides``) are compared and updated; SDG
targets, themes and affected groups are only ever added. A paragraph a person
edited is not touched. A part that disappeared from the source is removed only
if no action link or assessment points at it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import RecommendationKind, TagKind, UprPosition
from crc_reporter.domain.parsed import ParsedDocument, ParsedParagraph
from crc_reporter.i18n import _
from crc_reporter.services.common import join_articles
from crc_reporter.services.documents import create_document
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.import_report import (
    ADDED,
    DELETED,
    FORM_RANK,
    KEPT_EDITED,
    REMOVED,
    UNCHANGED,
    UPDATED,
    DocumentReport,
    ParagraphChange,
    form_of_name,
)
from crc_reporter.services.recommendations import join_states
from crc_reporter.store.models import (
    ActionLink,
    Assessment,
    Document,
    PreviousReference,
    Recommendation,
    RecommendationPart,
    Tag,
    indicator_recommendation,
    responsible_body,
)

_KINDS = {k.value for k in RecommendationKind}
_CLUSTERS = {c.value for c in Cluster}
_POSITIONS = {p.value for p in UprPosition}
#: the paragraph's own columns (parts, previous references and tags are written apart)
_SCALARS = (
    "text",
    "kind",
    "cluster",
    "subheading",
    "urgent",
    "articles",
    "label",
    "recommending_states",
    "position",
    "upr_session",
    "upr_cycle",
)


def _wanted(p: ParsedParagraph) -> dict[str, Any]:
    return {
        "text": p.text.strip(),
        "kind": p.kind if p.kind in _KINDS else RecommendationKind.OTHER.value,
        "cluster": p.cluster if p.cluster in _CLUSTERS else None,
        "subheading": (p.subheading or None) and p.subheading[:500],
        "urgent": bool(p.urgent),
        "articles": join_articles(list(p.articles)),
        "parts": [(part.label, part.text) for part in p.parts if part.text],
        "previous": sorted(set(p.previous)),
        "label": (p.label or None) and p.label[:16],
        "recommending_states": join_states(p.recommending_states),
        "position": p.position if p.position in _POSITIONS else None,
        "upr_session": (p.upr_session or None) and p.upr_session[:32],
        "upr_cycle": p.upr_cycle,
    }


def _current(rec: Recommendation) -> dict[str, Any]:
    return {
        "text": rec.text,
        "kind": rec.kind,
        "cluster": rec.cluster,
        "subheading": rec.subheading,
        "urgent": bool(rec.urgent),
        "articles": rec.articles or "",
        "parts": [(part.label, part.text) for part in rec.parts],
        "previous": sorted({(ref.symbol, ref.paragraph) for ref in rec.previous}),
        "label": rec.label,
        "recommending_states": rec.recommending_states or "",
        "position": rec.position,
        "upr_session": rec.upr_session,
        "upr_cycle": rec.upr_cycle,
    }


class DocumentMerge:
    def __init__(
        self, session: Session, parsed: ParsedDocument, stored: Document | None, source_name: str = ""
    ) -> None:
        self.session, self.parsed, self.stored = session, parsed, stored
        self.source_name = source_name
        self.warnings = list(parsed.warnings)
        self.existed = stored is not None
        self.replacing = False  # the person chose this (weaker) copy over the stored one
        self.existing = {rec.number: rec for rec in stored.recommendations} if stored else {}
        self.paragraphs: list[ParsedParagraph] = []
        seen: set[int] = set()
        for p in self._positions_matched() if parsed.positions_only else parsed.paragraphs:
            if p.number in seen or p.number <= 0:
                self.warnings.append(_("paragraph {n} appears twice; the second one was left out").format(n=p.number))
                continue
            if not p.text.strip():
                self.warnings.append(_("paragraph {n} has no text; it was left out").format(n=p.number))
                continue
            seen.add(p.number)
            self.paragraphs.append(p)
        self.statuses: dict[int, tuple[str, tuple[str, ...]]] = {}

    def _positions_matched(self) -> list[ParsedParagraph]:
        """A UPR addendum: its positions, matched by label to the stored report's recommendations."""
        if self.stored is None:
            raise ValidationError(
                _(
                    "the positions are on the recommendations of {symbol}, which is not in the store; "
                    "import the working group's report first"
                ).format(symbol=self.parsed.symbol or "?")
            )
        by_label = {rec.label: rec for rec in self.stored.recommendations if rec.label}
        matched, unknown = [], []
        for p in self.parsed.paragraphs:
            rec = by_label.get(p.label or "")
            if rec is None:
                unknown.append(p.label or "?")
                continue
            matched.append(dataclasses.replace(p, number=rec.number, text=rec.text, kind=rec.kind))
        if unknown:
            self.warnings.append(
                _("{count} recommendations of the addendum are not in {symbol}: {labels}").format(
                    count=len(unknown), symbol=self.stored.symbol, labels=", ".join(unknown[:20])
                )
            )
        return matched

    # --- planning -----------------------------------------------------------------------------
    def plan(self) -> None:
        provides = set(self.parsed.provides)
        for p in self.paragraphs:
            rec = self.existing.get(p.number)
            if rec is None:
                self.statuses[p.number] = (ADDED, ())
            elif rec.user_edited and not self.parsed.positions_only:  # a position is the State's, not an edit
                self.statuses[p.number] = (KEPT_EDITED, ())
            else:
                wanted, current = _wanted(p), _current(rec)
                changed = tuple(k for k in wanted if k in provides and wanted[k] != current[k])
                self.statuses[p.number] = (UPDATED if changed else UNCHANGED, changed)
        parsed_numbers = {p.number for p in self.paragraphs}
        for number in [] if self.parsed.positions_only else sorted(set(self.existing) - parsed_numbers):
            self.statuses[number] = (REMOVED, ())

    # --- writing ---------------------------------------------------------------------------------
    def apply(self, *, prune: bool, step: Callable[[int, str], None]) -> None:
        doc = self._document()
        tags = {(t.kind, t.name): t for t in self.session.scalars(select(Tag))}
        for index, p in enumerate(self.paragraphs):
            status, changed = self.statuses[p.number]
            if status == ADDED:
                rec = Recommendation(document=doc, number=p.number, **self._scalars(p, set(_wanted(p))))
                self._set_parts(rec, p)
                rec.previous = [PreviousReference(symbol=s, paragraph=n) for s, n in _wanted(p)["previous"]]
                self.session.add(rec)
                self._add_tags(rec, p, tags)
            elif status in (UPDATED, UNCHANGED):
                rec = self.existing[p.number]
                for key, value in self._scalars(p, set(changed)).items():
                    setattr(rec, key, value)
                if "parts" in changed:
                    self._set_parts(rec, p)
                if "previous" in changed:
                    rec.previous = [PreviousReference(symbol=s, paragraph=n) for s, n in _wanted(p)["previous"]]
                self._add_tags(rec, p, tags)
            if index % 25 == 24 or index == len(self.paragraphs) - 1:
                step(
                    25 if index % 25 == 24 else index % 25 + 1,
                    _("Importing {symbol}: paragraph {n}").format(symbol=doc.symbol, n=p.number),
                )
        if prune:
            self._prune()

    def _scalars(self, p: ParsedParagraph, keys: set[str]) -> dict[str, Any]:
        wanted = _wanted(p)
        return {k: wanted[k] for k in _SCALARS if k in keys}

    def _document(self) -> Document:
        if self.parsed.positions_only and self.stored is not None:
            return self.stored  # an addendum changes positions, never the report's own details
        parsed = self.parsed
        symbol = parsed.symbol or ""
        if self.stored is None:
            self.stored = create_document(
                self.session,
                symbol,
                treaty=parsed.treaty,
                doc_type=parsed.doc_type,
                title=parsed.title,
                country=parsed.country,
                date=parsed.date,
                next_report_due=parsed.next_report_due,
                word_limit=parsed.word_limit,
                default_limit=False,  # no limit in the document: none presented as the document's
            )
        doc = self.stored
        updates: dict[str, Any] = {
            "title": parsed.title or None,
            "country": parsed.country,
            "date": parsed.date,
            "next_report_due": parsed.next_report_due,
            "next_report_word_limit": parsed.word_limit,
            "next_report_title": parsed.next_report_title,
            "language": parsed.language,
            "treaty_code": parsed.treaty,
            "source_file": self.source_name[:500] or None,
        }
        old, new = form_of_name(doc.source_file), form_of_name(self.source_name)
        if old and new and FORM_RANK[new] < FORM_RANK[old] and not self.replacing:
            del updates["source_file"]  # a weaker copy that changed nothing: the better form stays on record
        for key, value in updates.items():
            if value is not None and getattr(doc, key) != value:  # never blank what the source does not say
                setattr(doc, key, value)
        return doc

    def _set_parts(self, rec: Recommendation, p: ParsedParagraph) -> None:
        wanted = _wanted(p)["parts"]
        by_label = {part.label: part for part in rec.parts}
        keep: list[RecommendationPart] = []
        for position, (label, text) in enumerate(wanted):
            part = by_label.pop(label, None)
            if part is None:
                part = RecommendationPart(label=label, text=text, position=position)
            else:
                if part.text != text:
                    part.text = text
                if part.position != position:
                    part.position = position
            keep.append(part)
        used = self._parts_in_use([part.id for part in by_label.values() if part.id is not None])
        for part in by_label.values():
            if part.id in used:
                part.position = len(keep)
                keep.append(part)
                self.warnings.append(
                    _(
                        "part ({label}) of paragraph {n} is no longer in the source but has links "
                        "or assessments; it was kept"
                    ).format(label=part.label, n=rec.number)
                )
        rec.parts = keep

    def _parts_in_use(self, part_ids: list[int]) -> set[int]:
        if not part_ids:
            return set()
        linked = self.session.scalars(select(ActionLink.part_id).where(ActionLink.part_id.in_(part_ids)))
        assessed = self.session.scalars(select(Assessment.part_id).where(Assessment.part_id.in_(part_ids)))
        return {i for i in [*linked, *assessed] if i is not None}

    def _add_tags(self, rec: Recommendation, p: ParsedParagraph, tags: dict[tuple[str, str], Tag]) -> None:
        have = {(t.kind, t.name) for t in rec.tags}
        for kind, names in (
            (TagKind.SDG, p.sdg_targets),
            (TagKind.THEME, p.themes),
            (TagKind.AFFECTED_GROUP, p.affected_groups),
        ):
            for name in names:
                name = " ".join(name.split())[:200]
                key = (kind.value, name)
                if not name or key in have:
                    continue
                tag = tags.get(key)
                if tag is None:
                    tag = Tag(kind=kind.value, name=name)
                    self.session.add(tag)
                    tags[key] = tag
                rec.tags.append(tag)
                have.add(key)

    def _prune(self) -> None:
        removed = [self.existing[n] for n, (status, _c) in self.statuses.items() if status == REMOVED]
        ids = [rec.id for rec in removed]
        if not ids:
            return
        busy: set[int] = set()
        for stmt in (
            select(ActionLink.recommendation_id).where(ActionLink.recommendation_id.in_(ids)),
            select(Assessment.recommendation_id).where(Assessment.recommendation_id.in_(ids)),
            select(responsible_body.c.recommendation_id).where(responsible_body.c.recommendation_id.in_(ids)),
            select(indicator_recommendation.c.recommendation_id).where(
                indicator_recommendation.c.recommendation_id.in_(ids)
            ),
        ):
            busy.update(self.session.scalars(stmt))
        for rec in removed:
            if rec.id in busy or rec.user_edited or rec.translation:  # a typed translation is work too
                continue
            self.session.delete(rec)
            self.statuses[rec.number] = (DELETED, ())

    # --- the report ------------------------------------------------------------------------------------
    def report(self) -> DocumentReport:
        parsed = self.parsed
        changes: list[ParagraphChange] = []
        by_number = {p.number: p for p in self.paragraphs}
        for number in sorted(self.statuses):
            status, changed = self.statuses[number]
            p = by_number.get(number)
            if p is not None and status != KEPT_EDITED:
                w = _wanted(p)
                changes.append(
                    ParagraphChange(
                        number,
                        status,
                        changed,
                        w["kind"],
                        w["cluster"],
                        w["subheading"],
                        w["urgent"],
                        len(w["parts"]),
                        w["text"],
                        w["label"],
                    )
                )
            else:
                rec = self.existing[number]
                changes.append(
                    ParagraphChange(
                        number,
                        status,
                        (),
                        rec.kind,
                        rec.cluster,
                        rec.subheading,
                        bool(rec.urgent),
                        len(rec.parts),
                        rec.text,
                        rec.label,
                    )
                )
        warnings = list(self.warnings)
        removed = sum(1 for c in changes if c.status == REMOVED)
        if removed:
            warnings.append(
                _("{count} paragraphs in the store are not in this source; they were kept").format(count=removed)
            )
        return DocumentReport(
            symbol=parsed.symbol or "",
            treaty=parsed.treaty or "",
            doc_type=parsed.doc_type,
            title=parsed.title or (self.stored.title if self.stored else ""),
            country=parsed.country,
            date=parsed.date,
            next_report_due=parsed.next_report_due,
            word_limit=parsed.word_limit,
            exists=self.existed,
            paragraphs=len(self.paragraphs),
            recommendations=sum(1 for p in self.paragraphs if _wanted(p)["kind"] == RecommendationKind.RECOMMENDATION),
            concerns=sum(1 for p in self.paragraphs if _wanted(p)["kind"] == RecommendationKind.CONCERN),
            urgent=sum(1 for p in self.paragraphs if p.urgent),
            positions=tuple(
                (pos.value, n)
                for pos in UprPosition
                if (n := sum(1 for p in self.paragraphs if p.position == pos.value))
            ),
            positions_only=parsed.positions_only,
            changes=tuple(changes),
            warnings=tuple(warnings),
        )
