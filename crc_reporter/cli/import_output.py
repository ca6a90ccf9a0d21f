"""What ``import`` prints: one line per document, or the preview as JSON (with issue 22's fields)."""

from __future__ import annotations

from typing import Any

from crc_reporter.domain.parsed import OtherMechanismRow, ParsedSource
from crc_reporter.i18n import _, joined, ngettext
from crc_reporter.i18n.labels import position_count
from crc_reporter.services.importing import DocumentReport, ImportReport

STATUSES = ("added", "updated", "unchanged", "kept_edited", "removed_from_source", "deleted")


def _positions(doc: DocumentReport) -> str:
    return joined([position_count(position, n) for position, n in doc.positions])


def summary_line(doc: DocumentReport, applied: bool) -> str:
    if doc.positions_only:
        line = (
            _("Positions applied to {symbol}: {positions} — {updated} changed, {unchanged} unchanged.")
            if applied
            else _("Positions to apply to {symbol}: {positions} — {updated} changed, {unchanged} unchanged.")
        )
        return line.format(
            symbol=doc.symbol,
            positions=_positions(doc),
            updated=doc.count("updated"),
            unchanged=doc.count("unchanged"),
        )
    counts = joined(
        [
            ngettext("{paragraphs} paragraph", "{paragraphs} paragraphs", doc.paragraphs).format(
                paragraphs=doc.paragraphs
            ),
            ngettext("{n} recommendation", "{n} recommendations", doc.recommendations).format(n=doc.recommendations),
            _("{n} urgent").format(n=doc.urgent),
        ]
    )
    changes = _("{added} added, {updated} updated, {unchanged} unchanged").format(
        added=doc.count("added"), updated=doc.count("updated"), unchanged=doc.count("unchanged")
    )
    if doc.count("kept_edited"):
        changes += ", " + _("{n} kept as edited").format(n=doc.count("kept_edited"))
    if doc.count("removed_from_source"):
        changes += ", " + _("{n} no longer in the source (kept)").format(n=doc.count("removed_from_source"))
    if doc.count("deleted"):
        changes += ", " + _("{n} deleted").format(n=doc.count("deleted"))
    if doc.positions:
        changes += "; " + _("positions: {positions}").format(positions=_positions(doc))
    verb = _("Imported") if applied else _("Would import")
    return f"{verb} {doc.symbol} ({doc.treaty}): {counts} — {changes}."


def report_json(report: ImportReport, source: ParsedSource, *, dry_run: bool) -> dict[str, Any]:
    parsed = {d.symbol: d for d in source.documents}
    documents = []
    for doc in report.documents:
        paragraphs = {p.number: p for p in parsed[doc.symbol].paragraphs} if doc.symbol in parsed else {}
        if not paragraphs and len(source.documents) == 1:  # the symbol was corrected by the person
            paragraphs = {p.number: p for p in source.documents[0].paragraphs}
        rows = []
        for change in doc.changes:
            p = paragraphs.get(change.number)
            rows.append(
                {
                    "number": change.number,
                    "status": change.status,
                    "changed": list(change.changed),
                    "kind": change.kind,
                    "cluster": change.cluster,
                    "subheading": change.subheading,
                    "urgent": change.urgent,
                    "text": change.text,
                    "articles": list(p.articles) if p else [],
                    "parts": [{"label": x.label, "text": x.text} for x in p.parts] if p else [],
                    "sdg_targets": list(p.sdg_targets) if p else [],
                    "previous": [{"document": s, "paragraph": n} for s, n in p.previous] if p else [],
                    "themes": list(p.themes) if p else [],
                    "affected_groups": list(p.affected_groups) if p else [],
                    "notes": list(p.notes) if p else [],
                    "label": p.label if p else None,
                    "recommending_states": list(p.recommending_states) if p else [],
                    "position": p.position if p else None,
                    "session": p.upr_session if p else None,
                }
            )
        source_doc = parsed.get(doc.symbol) or (source.documents[0] if len(source.documents) == 1 else None)
        documents.append(
            {
                "symbol": doc.symbol,
                "treaty": doc.treaty,
                "mechanism": doc.treaty,
                "type": doc.doc_type,
                "title": doc.title,
                "country": doc.country,
                "country_name": source_doc.country_name if source_doc else None,
                "language": source_doc.language if source_doc else None,
                "date": doc.date,
                "adopted_on": source_doc.adopted_on if source_doc else None,
                "dialogue": list(source_doc.dialogue) if source_doc else [],
                "next_report_due": doc.next_report_due,
                "next_report": source_doc.next_report_title if source_doc else None,
                "word_limit": doc.word_limit,
                "exists": doc.exists,
                "weaker_than_stored": doc.weaker_than,
                "paragraphs": doc.paragraphs,
                "recommendations": doc.recommendations,
                "concerns": doc.concerns,
                "urgent": doc.urgent,
                "positions": dict(doc.positions),
                "positions_only": doc.positions_only,
                "changes": {status: list(doc.numbers(status)) for status in STATUSES},
                "warnings": list(doc.warnings),
                "items": rows,
            }
        )
    return {
        "format": report.format,
        "name": report.name,
        "applied": report.applied,
        "dry_run": dry_run,
        "documents": documents,
        "warnings": list(report.warnings),
        "other_mechanisms": [_other_json(row) for row in source.other_mechanisms],
        "left_out": report.left_out,
    }


def _other_json(row: OtherMechanismRow) -> dict[str, Any]:
    return {
        "body": row.body,
        "symbol": row.symbol,
        "date": row.date,
        "kind": row.kind,
        "text": row.text,
        "themes": row.themes,
        "affected_groups": row.affected_groups,
        "sdg_targets": row.sdg_targets,
        "upr_position": row.upr_position,
        "upr_states": row.upr_states,
    }
