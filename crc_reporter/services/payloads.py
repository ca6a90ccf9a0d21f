"""Files that carry records rather than documents: one entry to preview and apply any of them.

``load_source`` recognises an exchange package, an edited tracker workbook or
an IMPACT OSS actions file by its content and returns the payload it read
(:class:`~crc_reporter.domain.parsed.RecordPayload`, with its
:class:`~crc_reporter.domain.parsed.PayloadKind`). The command line and the
window never decode a payload themselves: they ask :func:`is_merged` (a
package is merged, with its conflicts and signature, by
:mod:`crc_reporter.services.exchange`), :func:`describe` (what to call it)
and :func:`apply_payload` (a dry run or the real thing, in the caller's
transaction), which returns a :class:`PayloadReport` they can show whatever
the kind. A new format: its importer returns a payload of a new kind, and
one :class:`_Kind` is added to ``_KINDS`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from sqlalchemy.orm import Session

from crc_reporter.domain.parsed import PayloadKind, RecordPayload
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import LABELS, label
from crc_reporter.services.exchange.package import Package
from crc_reporter.services.interchange.impact import ImpactActions, ImpactActionsReport
from crc_reporter.services.interchange.impact_actions import apply_impact_actions
from crc_reporter.services.interchange.tracker_apply import TrackerReport, apply_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets

Detail = TrackerReport | ImpactActionsReport


@dataclass(frozen=True)
class PayloadReport:
    """What applying a payload did (or, in a dry run, would do)."""

    kind: PayloadKind
    name: str
    applied: bool
    changes: int  # records or cells changed
    links: int  # new links between records
    not_applied: int  # rows, cells or records left out, each listed in the detail
    warnings: tuple[str, ...]
    detail: Detail  # the kind's own report, for a view that lists every change

    @property
    def anything(self) -> bool:
        """Would applying change the store at all?"""
        return bool(self.changes or self.links)

    def as_json(self) -> dict[str, Any]:
        return _KINDS[self.kind].as_json(self.detail)

    def terminal(self) -> tuple[list[str], list[str]]:
        """The report for a terminal: (warnings, for standard error; a summary line and one line per
        change and per problem, for standard output)."""
        return _KINDS[self.kind].terminal(self.detail)


@dataclass(frozen=True)
class PayloadDescription:
    title: str  # translated: "Import an edited tracker"
    intro: str  # translated: how rows are matched, that nothing is written before Apply


@dataclass(frozen=True)
class _Kind:
    title: str  # N_ marked, translated when described
    intro: str
    apply: Callable[[Session, Any, bool], PayloadReport]
    as_json: Callable[[Any], dict[str, Any]]
    terminal: Callable[[Any], tuple[list[str], list[str]]]


def is_merged(payload: RecordPayload) -> TypeGuard[Package]:
    """An exchange package is merged (conflicts, signature, trust), not applied like the others."""
    return payload.kind is PayloadKind.PACKAGE


def describe(payload: RecordPayload) -> PayloadDescription:
    kind = _kind(payload)
    return PayloadDescription(_(kind.title), _(kind.intro))


def apply_payload(session: Session, payload: RecordPayload, *, dry_run: bool = False) -> PayloadReport:
    """Apply what the file says (``dry_run``: only report it, nothing stays written)."""
    return _kind(payload).apply(session, payload, dry_run)


def _kind(payload: RecordPayload) -> _Kind:
    kind = _KINDS.get(payload.kind)
    if kind is None:  # a package: see is_merged
        raise TypeError(f"{payload.kind} payloads are merged, not applied")
    return kind


# --- an edited tracker ----------------------------------------------------------------------------------


def _apply_tracker(session: Session, sheets: TrackerSheets, dry_run: bool) -> PayloadReport:
    report = apply_tracker(session, sheets, dry_run=dry_run)
    left = len(report.conflicts) + len(report.problems) + len(report.unknown_rows)
    return PayloadReport(
        PayloadKind.TRACKER, report.name, report.applied, len(report.changes), 0, left, report.warnings, report
    )


def _tracker_json(report: TrackerReport) -> dict[str, Any]:
    return {
        "name": report.name,
        "applied": report.applied,
        "changes": [c.__dict__ for c in report.changes],
        "problems": [p.__dict__ for p in report.problems],
        "conflicts": [c.__dict__ for c in report.conflicts],
        "unknown_rows": [{"sheet": s, "row": r, "uuid": u} for s, r, u in report.unknown_rows],
        "warnings": list(report.warnings),
    }


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "∅"
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, str) and value in LABELS:  # a vocabulary key ("partially_implemented"): its label
        return label(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _tracker_terminal(report: TrackerReport) -> tuple[list[str], list[str]]:
    verb = _("Applied") if report.applied else _("Would apply")
    lines = [
        _(
            "{verb} {name}: {changes} changes; {conflicts} conflicts, {problems} problems, {unknown} unknown rows."
        ).format(
            verb=verb,
            name=report.name,
            changes=len(report.changes),
            conflicts=len(report.conflicts),
            problems=len(report.problems),
            unknown=len(report.unknown_rows),
        )
    ]
    row = _("row")
    for c in report.changes:
        if c.key == "new":  # a record made from a row a person added
            lines.append(f"  {c.sheet} {row} {c.row} — {c.label}: {c.field}: {_show(c.new)}")
        else:
            lines.append(f"  {c.sheet} {row} {c.row} — {c.label}: {c.field} {_show(c.old)} → {_show(c.new)}")
    for k in report.conflicts:
        lines.append(
            f"  {k.sheet} {row} {k.row} — {k.label}: {k.field}: "
            + _("changed in the app since the export ({store}); the sheet's {sheet} was not applied").format(
                store=_show(k.in_store), sheet=_show(k.in_sheet)
            )
        )
    for p in report.problems:
        where = f"{p.sheet} {row} {p.row}" + (f", {p.column}" if p.column else "")
        lines.append(f"  {where}: {p.message}")
    for sheet, number, uuid in report.unknown_rows:
        lines.append(
            "  "
            + _("{sheet} row {row}: no record with UUID {uuid} in this store").format(
                sheet=sheet, row=number, uuid=uuid
            )
        )
    return list(report.warnings), lines


# --- IMPACT OSS actions ---------------------------------------------------------------------------------


def _apply_impact(session: Session, actions: ImpactActions, dry_run: bool) -> PayloadReport:
    report = apply_impact_actions(session, actions, dry_run=dry_run)
    return PayloadReport(
        PayloadKind.IMPACT_ACTIONS,
        report.name,
        report.applied,
        report.created + report.updated,
        report.links_added,
        len(report.problems),
        (),
        report,
    )


def _impact_terminal(report: ImpactActionsReport) -> tuple[list[str], list[str]]:
    verb = _("Imported") if report.applied else _("Would import")
    summary = _(
        "{verb} {name}: {created} actions added, {updated} updated, {unchanged} unchanged, {links} links added."
    ).format(
        verb=verb,
        name=report.name,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        links=report.links_added,
    )
    return list(report.problems), [summary]


_KINDS: dict[PayloadKind, _Kind] = {
    PayloadKind.TRACKER: _Kind(
        N_("Import an edited tracker"),
        N_(
            "Rows are matched to the records they were exported from. A cell you edited is applied when the "
            "store still holds the value it had at the export; a field that was changed here meanwhile is "
            "listed, not overwritten. Nothing is written until you press Apply."
        ),
        _apply_tracker,
        _tracker_json,
        _tracker_terminal,
    ),
    PayloadKind.IMPACT_ACTIONS: _Kind(
        N_("Import IMPACT OSS actions"),
        N_(
            "Actions are matched by their reference and linked to the recommendations the file names. Nothing "
            "is written until you press Apply."
        ),
        _apply_impact,
        lambda report: dict(report.__dict__),
        _impact_terminal,
    ),
}
