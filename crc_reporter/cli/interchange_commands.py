"""``export-xlsx`` and ``export-impact``; and what ``import`` does with packages, trackers and IMPACT actions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.cli.exchange_commands import merge_file
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _, ngettext
from crc_reporter.services import exchange as ex
from crc_reporter.services.interchange.columns import BY_KEY
from crc_reporter.services.interchange.impact import ImpactActions, apply_impact_actions, export_impact
from crc_reporter.services.interchange.tracker_apply import TrackerReport, apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export-xlsx",
        parents=[common],
        help=summary("export-xlsx"),
        description=_(
            "One sheet per kind of record, with filters and status colours. Edit the dark columns and "
            "import the workbook again with 'crc-reporter import' to apply the changes."
        ),
    )
    p.add_argument("out", metavar="OUT.xlsx", type=Path)
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.set_defaults(handler=cmd_export_xlsx)

    p = sub.add_parser(
        "export-impact",
        parents=[common],
        help=summary("export-impact"),
        description=_(
            "Write OUT.csv (recommendations) and OUT-actions.csv (actions, linked to the recommendations by "
            "reference) in the format of IMPACT OSS's batch import. Import the recommendations first."
        ),
    )
    p.add_argument("out", metavar="OUT.csv", type=Path)
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.set_defaults(handler=cmd_export_impact)


def cmd_export_xlsx(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        result = export_tracker(session, args.out, include_confidential=args.include_confidential)
    counts = ", ".join(f"{_(BY_KEY[k].title)} {n}" for k, n in result.rows.items())
    print(_("Wrote {path} ({counts}).").format(path=result.path, counts=counts))
    if result.neutralised:
        print(
            ngettext(
                "{n} cell started like a formula and was written as text.",
                "{n} cells started like a formula and were written as text.",
                result.neutralised,
            ).format(n=result.neutralised)
        )
    return 0


def cmd_export_impact(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        result = export_impact(session, args.out, include_confidential=args.include_confidential)
    print(
        _("Wrote {recs} ({n} recommendations) and {actions} ({m} actions).").format(
            recs=result.recommendations, n=result.recommendation_rows, actions=result.actions, m=result.action_rows
        )
    )
    return 0


def import_payload(args: argparse.Namespace, ctx: CliContext, source: ParsedSource) -> int:
    """``crc-reporter import`` of a format that carries records rather than documents."""
    payload = source.payload
    if isinstance(payload, ex.Package):
        merge_args = argparse.Namespace(
            dry_run=args.dry_run, json=args.json, resolve=None, require_trusted=False, file=Path(source.name)
        )
        return merge_file(merge_args, ctx, payload)
    store = ctx.store(create=not args.dry_run, write=not args.dry_run)
    if isinstance(payload, TrackerSheets):
        with store.session() as session:
            report = apply_tracker(session, payload, dry_run=args.dry_run)
        if args.json:
            ctx.print_json(_tracker_json(report))
        else:
            _print_tracker(report)
        return 0
    if isinstance(payload, ImpactActions):
        with store.session() as session:
            result = apply_impact_actions(session, payload, dry_run=args.dry_run)
        if args.json:
            ctx.print_json(result.__dict__)
            return 0
        for problem in result.problems:
            print("crc-reporter: " + _("warning") + f": {problem}", file=sys.stderr)
        verb = _("Imported") if result.applied else _("Would import")
        print(
            _(
                "{verb} {name}: {created} actions added, {updated} updated, {unchanged} unchanged, {links} links added."
            ).format(
                verb=verb,
                name=result.name,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                links=result.links_added,
            )
        )
        return 0
    raise TypeError(f"no handler for {type(payload).__name__}")


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
        return "; ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _print_tracker(report: TrackerReport) -> None:
    for warning in report.warnings:
        print("crc-reporter: " + _("warning") + f": {warning}", file=sys.stderr)
    verb = _("Applied") if report.applied else _("Would apply")
    print(
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
    )
    for c in report.changes:
        row = _("row")
        print(f"  {c.sheet} {row} {c.row} — {c.label}: {c.field} {_show(c.old)} → {_show(c.new)}")
    for k in report.conflicts:
        row_word = _("row")
        print(
            f"  {k.sheet} {row_word} {k.row} — {k.label}: {k.field}: "
            + _("changed in the app since the export ({store}); the sheet's {sheet} was not applied").format(
                store=_show(k.in_store), sheet=_show(k.in_sheet)
            )
        )
    for p in report.problems:
        row = _("row")
        where = f"{p.sheet} {row} {p.row}" + (f", {p.column}" if p.column else "")
        print(f"  {where}: {p.message}")
    for sheet, row_number, uuid in report.unknown_rows:
        print(
            "  "
            + _("{sheet} row {row}: no record with UUID {uuid} in this store").format(
                sheet=sheet, row=row_number, uuid=uuid
            )
        )
