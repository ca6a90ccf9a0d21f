"""``report``: write a Word draft (State report, replies, alternative report, status matrix)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.i18n import LANGUAGES, N_, _, current_language, ngettext
from crc_reporter.reports import ReportKind, ReportOptions, ReportResult, generate_report
from crc_reporter.reports.progress_xlsx import write_progress_workbook
from crc_reporter.reports.selection import check_clusters, parse_date, parse_names, parse_paragraphs
from crc_reporter.services.dashboard import default_scope

_KIND_HELP = {
    ReportKind.STATE: N_("State party periodic report answering concluding observations"),
    ReportKind.LOIPR: N_("replies to a list of issues (prior to reporting)"),
    ReportKind.ALTERNATIVE: N_("alternative report of an NGO coalition"),
    ReportKind.MATRIX: N_("follow-up status matrix (landscape table)"),
    ReportKind.PROGRESS: N_("progress report of one responsible body (--actor), in Word or Excel (--format)"),
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help=summary("report"),
        description="; ".join(f"{kind.value}: {_(text)}" for kind, text in _KIND_HELP.items()),
    )
    p.add_argument("kind", choices=[k.value for k in ReportKind], help=_("the kind of document"))
    p.add_argument(
        "--document",
        metavar="SYMBOL",
        help=_(
            "the document answered, e.g. CRC/C/KHM/CO/4-6 (a list of issues for loipr); "
            "for progress, by default the latest concluding observations"
        ),
    )
    p.add_argument("--out", required=True, metavar="FILE.docx", type=Path, help=_("the Word file to write"))
    p.add_argument("--actor", metavar="NAME", help=_("progress: the responsible body (its name or short name)"))
    p.add_argument(
        "--format",
        choices=["docx", "xlsx"],
        default="docx",
        help=_("progress: a Word document or an Excel workbook (default: docx)"),
    )
    p.add_argument("--lang", choices=list(LANGUAGES), default="en", help=_("language of the report (default: en)"))
    p.add_argument(
        "--template",
        metavar="FILE.docx",
        type=Path,
        help=_("your organisation's Word template (.docx or .dotx): styles, headers, footers"),
    )
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.add_argument("--coalition", metavar="NAME", help=_("the coalition writing an alternative report"))
    p.add_argument(
        "--confidential-marking", action="store_true", help=_("mark the alternative report as not for publication")
    )
    p.add_argument("--khmer-digits", action="store_true", help=_("write numbers and dates with Khmer digits"))
    p.add_argument("--charts", action="store_true", help=_("add a chart of the status by cluster"))
    p.add_argument(
        "--quote",
        action="store_true",
        help=_("quote the Committee's full text of each recommendation (by default each is cited by paragraph)"),
    )
    p.add_argument("--no-quotes", action="store_true", help=argparse.SUPPRESS)  # the default since issue 19
    p.add_argument("--state-name", metavar="NAME", help=_("the State's name as the report should write it"))
    p.add_argument(
        "--no-contents-pages",
        action="store_true",
        help=_("do not lay the draft out with LibreOffice to fill in the contents' page numbers (Word will)"),
    )
    p.add_argument("--clusters", metavar="KEY[,KEY]", help=_("only these clusters, e.g. special_protection"))
    p.add_argument("--paragraphs", metavar="12,17-20", help=_("only these paragraphs of the document answered"))
    p.add_argument("--actors", metavar="NAME[,NAME]", help=_("only the actions of these actors"))
    p.add_argument("--from", dest="period_from", metavar="DATE", help=_("start of the reporting period (YYYY-MM-DD)"))
    p.add_argument("--to", dest="period_to", metavar="DATE", help=_("end of the reporting period (YYYY-MM-DD)"))
    p.set_defaults(handler=cmd_report)


def _number(n: int) -> str:
    return format_decimal(n, locale=current_language())


def word_count_line(result: ReportResult) -> str:
    if result.word_limit is None:
        return _("Words: {words} (no word limit)").format(words=_number(result.words))
    line = _("Words: {words} of {limit} allowed").format(words=_number(result.words), limit=_number(result.word_limit))
    if result.over_limit:
        line += " — " + _("over the limit by {excess}").format(excess=_number(result.over_limit))
    return line


def budget_lines(result: ReportResult) -> list[str]:
    """ "  General measures of implementation: 812 words, 1,950 left of its share of 2,762"."""
    lines = []
    for entry in result.budget:
        if entry.share is None or entry.left is None:
            lines.append(_("  {chapter}: {words} words").format(chapter=entry.title, words=_number(entry.words)))
        elif entry.left >= 0:
            lines.append(
                _("  {chapter}: {words} words, {left} left of its share of {share}").format(
                    chapter=entry.title,
                    words=_number(entry.words),
                    left=_number(entry.left),
                    share=_number(entry.share),
                )
            )
        else:
            lines.append(
                _("  {chapter}: {words} words, {excess} over its share of {share}").format(
                    chapter=entry.title,
                    words=_number(entry.words),
                    excess=_number(-entry.left),
                    share=_number(entry.share),
                )
            )
    if lines:
        lines.insert(0, _("By chapter:"))
    return lines


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    progress = args.kind == ReportKind.PROGRESS.value
    if not progress and (args.actor or args.format != "docx"):
        raise CliError(_("--actor and --format are for the progress report"))
    if progress and not args.actor:
        raise CliError(_("choose the responsible body the progress report is about (--actor NAME)"))
    if not progress and not args.document:
        raise CliError(_("choose the document the draft answers (--document SYMBOL)"))
    store = ctx.store()
    document = args.document
    if document is None:
        with store.session() as session:
            document = default_scope(session)
        if document is None:
            raise CliError(_("the store holds no concluding observations yet"))
    options = ReportOptions(
        kind=args.kind,
        document=document,
        out=args.out,
        lang=args.lang,
        template=args.template,
        include_confidential=args.include_confidential,
        coalition=args.coalition,
        confidential_marking=args.confidential_marking,
        khmer_digits=args.khmer_digits,
        charts=args.charts,
        quote_recommendations=args.quote and not args.no_quotes,
        state_name=args.state_name,
        author=ctx.user,
        contents_pages=not args.no_contents_pages,
        clusters=check_clusters(parse_names(args.clusters or "")),
        paragraphs=parse_paragraphs(args.paragraphs or ""),
        actors=(args.actor,) if progress else parse_names(args.actors or ""),
        period_from=parse_date(args.period_from) if args.period_from else None,
        period_to=parse_date(args.period_to) if args.period_to else None,
    )
    interactive = sys.stderr.isatty()

    def show_progress(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    if args.format == "xlsx":
        with store.session() as session:
            result = write_progress_workbook(session, options)
        print(_("Written: {path}").format(path=result.path))
        return 0
    with store.session() as session:
        result = generate_report(session, options, show_progress)
    if interactive:
        print(file=sys.stderr)
    print(_("Written: {path}").format(path=result.path))
    print(word_count_line(result))
    for line in budget_lines(result):
        print(line)
    for kind in result.template_removed:
        print(
            _("Removed from the template (Word would fetch or run it on opening the draft): {what}").format(
                what=_(kind)
            )
        )
    if result.confidential_left_out:
        print(
            ngettext(
                "{count} confidential action left out (add --include-confidential to include it).",
                "{count} confidential actions left out (add --include-confidential to include them).",
                result.confidential_left_out,
            ).format(count=result.confidential_left_out)
        )
    return 0
