"""``export-xlsx`` and ``export-impact``; and what ``import`` does with packages, trackers and IMPACT actions."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.cli.exchange_commands import merge_file
from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _, ngettext
from crc_reporter.services.interchange.columns import BY_KEY
from crc_reporter.services.interchange.impact_export import export_impact
from crc_reporter.services.interchange.impact_lines import DEFAULT_LINE, LINES
from crc_reporter.services.interchange.impact_messages import impact_summary
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.payloads import apply_payload, is_merged


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export-xlsx",
        parents=[common],
        help=summary("export-xlsx"),
        description=_(
            "One sheet per kind of record, with filters and status colours. Edit the dark columns, or add "
            "rows of assessments, actions and indicator values, and import the workbook again with "
            "'crc-reporter import' to apply the changes."
        ),
    )
    p.add_argument("out", metavar="OUT.xlsx", type=Path)
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.add_argument(
        "--side",
        choices=[s.value for s in AssessmentSide],
        help=_("whose workbook: assessments added without a side, and comments, count for this side"),
    )
    p.set_defaults(handler=cmd_export_xlsx)

    p = sub.add_parser(
        "export-impact",
        parents=[common],
        help=summary("export-impact"),
        description=_(
            "Write OUT.csv (recommendations), OUT-actions.csv and OUT-indicators.csv in the form the chosen "
            "line of IMPACT OSS imports, and OUT-categories.csv (the categories they use, to create in IMPACT "
            "first). Import them in that order. IMPACT only creates records: send later additions with --since."
        ),
    )
    p.add_argument("out", metavar="OUT.csv", type=Path)
    p.add_argument(
        "--impact-version",
        choices=sorted(LINES),
        default=DEFAULT_LINE,
        help=_("the IMPACT OSS line that imports the files: main (demo), nz (New Zealand), scotland"),
    )
    p.add_argument(
        "--include-concerns",
        action="store_true",
        help=_("also send concerns and other paragraphs (IMPACT cannot delete an imported record)"),
    )
    p.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=_day,
        help=_("only records added on or after this day (IMPACT creates records, it never updates them)"),
    )
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.set_defaults(handler=cmd_export_impact)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date (use YYYY-MM-DD)").format(value=text[:40])
        ) from None


def cmd_export_xlsx(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        result = export_tracker(session, args.out, include_confidential=args.include_confidential, side=args.side)
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
        result = export_impact(
            session,
            args.out,
            line=args.impact_version,
            include_confidential=args.include_confidential,
            include_concerns=args.include_concerns,
            since=args.since,
        )
    for text in impact_summary(
        result, concerns_hint=_("--include-concerns sends them"), since_hint=_("export with --since DATE")
    ):
        print(text)
    return 0


def import_payload(args: argparse.Namespace, ctx: CliContext, source: ParsedSource) -> int:
    """``crc-reporter import`` of a format that carries records rather than documents."""
    payload = source.payload
    assert payload is not None
    if is_merged(payload):
        merge_args = argparse.Namespace(
            dry_run=args.dry_run, json=args.json, resolve=None, require_trusted=False, file=Path(source.name)
        )
        return merge_file(merge_args, ctx, payload)
    store = ctx.store(create=not args.dry_run, write=not args.dry_run)
    with store.session() as session:
        report = apply_payload(session, payload, dry_run=args.dry_run)
    # rows, cells or records left out (each reported) make the exit status non-zero, so a script sees them
    status = 1 if report.not_applied else 0
    if args.json:
        ctx.print_json(report.as_json())
        return status
    warnings, lines = report.terminal()
    for warning in warnings:
        print("crc-reporter: " + _("warning") + f": {warning}", file=sys.stderr)
    for line in lines:
        print(line)
    return status
