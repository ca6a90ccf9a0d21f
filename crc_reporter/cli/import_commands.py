"""``import FILE``: concluding observations from Word, PDF, pasted text (``-``) or a UHRI export.

Thin: read the file with the importer the registry chooses, preview or apply
it with :mod:`crc_reporter.services.importing`, print one line per document
(or the preview as JSON). Errors are one line and exit 1; nothing is written
unless the whole import succeeds.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.cli.import_output import report_json, summary_line
from crc_reporter.domain.enums import Mechanism
from crc_reporter.domain.parsed import OtherMechanismRow, ParsedSource
from crc_reporter.i18n import _, ngettext
from crc_reporter.importers import ReadOptions, load_source
from crc_reporter.services.backups import backup_before
from crc_reporter.services.errors import FORM_NAMES, WeakerSourceError
from crc_reporter.services.importing import apply_import, preview_import
from crc_reporter.services.translations import TRANSLATION_LANGUAGES, import_translation, report_lines
from crc_reporter.store.engine import Store, is_url
from crc_reporter.store.open import open_store


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help=summary("import"),
        description=_(
            "Import concluding observations (.docx, .pdf, .txt, '-' for pasted text on standard input, "
            "a UHRI export .xlsx/.csv or an IMPACT OSS recommendations .csv), an exchange package (.crcx, "
            "merged as 'crc-reporter merge' does), a tracker workbook exported by 'crc-reporter export-xlsx' and "
            "edited (applied as an update), or an IMPACT OSS actions .csv. Importing the same document again "
            "updates it in place."
        ),
    )
    p.add_argument("file", metavar="FILE", help=_("the file to import, or - to read text from standard input"))
    p.add_argument("--symbol", help=_("the document symbol, when the file does not show it (e.g. CRC/C/KHM/CO/4-6)"))
    p.add_argument(
        "--mechanism",
        "--treaty",
        dest="treaty",
        type=str.upper,
        choices=[m.value for m in Mechanism],
        help=_("correct the mechanism (CRC, OPAC, OPSC, OPIC, UPR, CEDAW, CRPD, CAT…)"),
    )
    p.add_argument(
        "--only-children",
        action="store_true",
        help=_(
            "UHRI export: leave out the rows of other mechanisms that do not concern children "
            "(affected persons or text); their count is printed"
        ),
    )
    p.add_argument("--dry-run", action="store_true", help=_("show what would change; write nothing"))
    p.add_argument("--json", action="store_true", help=_("print the preview (or the result) as JSON"))
    p.add_argument(
        "--other-mechanisms",
        choices=["skip", "keep"],
        default="skip",
        help=_(
            "UHRI rows of no known mechanism or without a document symbol: skip them (default) or keep "
            "them apart (listed in the JSON, never imported)"
        ),
    )
    p.add_argument(
        "--other-mechanisms-file",
        metavar="CSV",
        type=Path,
        help=_("write the rows of no known mechanism to this CSV file (implies --other-mechanisms keep)"),
    )
    p.add_argument(
        "--translation-of",
        metavar="SYMBOL",
        help=_(
            "the file is a translation of this stored document: keep it beside the original, paragraph by paragraph"
        ),
    )
    p.add_argument(
        "--lang",
        choices=TRANSLATION_LANGUAGES,
        help=_("the translation's language (default: the one the file is written in)"),
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help=_(
            "accept a PDF or pasted text in place of a copy imported from a better form (Word, or a PDF); "
            "without it such an import is refused when it would change paragraphs"
        ),
    )
    p.add_argument(
        "--prune",
        action="store_true",
        help=_("delete stored paragraphs that are no longer in the source, if nobody has worked on them"),
    )
    p.set_defaults(handler=cmd_import)


def _progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        shown = f"{done}/{total} " if total else ""
        print(f"\r{shown}{message}\033[K", end="", file=sys.stderr, flush=True)


def _store_for_preview(ctx: CliContext) -> tuple[Store, bool]:
    """The store to compare with; an empty one in memory when a dry run names a store that does not exist yet."""
    target = ctx.store_target()
    if not is_url(target) and not Path(target).expanduser().exists():
        return open_store("sqlite+pysqlite://", user=ctx.user), True
    return ctx.store(), False


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    keep_others = "keep" if args.other_mechanisms_file else args.other_mechanisms
    options = ReadOptions(
        symbol=args.symbol,
        treaty=args.treaty,
        other_mechanisms=keep_others,
        only_children=args.only_children,
        progress=_progress,
    )
    name = _("standard input") if args.file == "-" else None
    if args.translation_of:
        options.symbol, options.treaty = args.translation_of, None
    source = load_source(args.file, name=name, options=options)
    if args.translation_of:
        return _import_translation(args, ctx, source)
    if source.payload is not None:  # an exchange package, an edited tracker, IMPACT OSS actions
        from crc_reporter.cli.interchange_commands import import_payload

        return import_payload(args, ctx, source)
    if args.dry_run:
        store, temporary = _store_for_preview(ctx)
        try:
            with store.session() as session:
                report = preview_import(session, source, symbol=args.symbol, treaty=args.treaty)
                session.rollback()
        finally:
            if temporary:
                store.close()
    else:
        store = ctx.store(create=True)
        with store.session() as session:
            backup_before(session, "import")  # the state before the import, checked, kept by the rotation
            try:
                report = apply_import(
                    session,
                    source,
                    symbol=args.symbol,
                    treaty=args.treaty,
                    prune=args.prune,
                    replace=args.replace,
                    progress=_progress,
                )
            except WeakerSourceError as exc:
                raise CliError(
                    _("{problem}; add --replace to use it anyway (--dry-run lists the changes)").format(problem=exc)
                ) from None
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    if args.other_mechanisms_file:
        _write_others(args.other_mechanisms_file, source.other_mechanisms)
    if args.json:
        ctx.print_json(report_json(report, source, dry_run=args.dry_run))
        return 0
    for line in [*report.warnings, *(w for d in report.documents for w in d.warnings)]:
        print("crc-reporter: " + _("warning: {message}").format(message=line), file=sys.stderr)
    for doc in report.documents:
        if doc.weaker_than and not report.applied:
            print(
                "crc-reporter: "
                + _("warning: {symbol} was imported from {stored}; importing this copy needs --replace").format(
                    symbol=doc.symbol, stored=_(FORM_NAMES.get(doc.weaker_than, doc.weaker_than))
                ),
                file=sys.stderr,
            )
        print(summary_line(doc, applied=report.applied))
    if report.other_mechanisms:
        print(
            ngettext(
                "{count} row of no known mechanism kept apart (not imported).",
                "{count} rows of no known mechanism kept apart (not imported).",
                report.other_mechanisms,
            ).format(count=report.other_mechanisms)
        )
    if report.left_out:
        print(
            ngettext(
                "{count} row of other mechanisms left out: it does not concern children (--only-children).",
                "{count} rows of other mechanisms left out: they do not concern children (--only-children).",
                report.left_out,
            ).format(count=report.left_out)
        )
    return 0


def _import_translation(args: argparse.Namespace, ctx: CliContext, source: ParsedSource) -> int:
    """``--translation-of SYMBOL``: the file's paragraphs kept beside the stored document's; nothing else changes."""
    if source.payload is not None or len(source.documents) != 1:
        raise CliError(_("{name} is not a translated document of concluding observations").format(name=source.name))
    lang = args.lang or source.documents[0].language
    store = ctx.store()
    with store.session() as session:
        if not args.dry_run:
            backup_before(session, "import")
        report = import_translation(session, source, args.translation_of, lang, apply=not args.dry_run)
        if args.dry_run:
            session.rollback()
    head, warnings = report_lines(report)
    if args.json:
        ctx.print_json(
            {
                "document": report.symbol,
                "lang": report.lang,
                "applied": report.applied,
                "matched": list(report.matched),
                "parts": report.parts,
                "missing": list(report.missing),
                "unknown": list(report.unknown),
                "unmatched_parts": list(report.unmatched_parts),
                "replaced": list(report.replaced),
            }
        )
        return 0
    for line in warnings:
        print("crc-reporter: " + _("warning: {message}").format(message=line), file=sys.stderr)
    print(head)
    return 0


def _safe_cell(value: object) -> str:
    """OWASP ASVS 5.0 1.2.10: a cell that a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _write_others(path: Path, rows: list[OtherMechanismRow]) -> None:
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                [
                    "body",
                    "symbol",
                    "date",
                    "kind",
                    "text",
                    "themes",
                    "affected_groups",
                    "sdg_targets",
                    "upr_position",
                    "upr_states",
                ]
            )
            for row in rows:
                writer.writerow(
                    [
                        _safe_cell(v)
                        for v in (
                            row.body,
                            row.symbol,
                            row.date.isoformat() if row.date else "",
                            row.kind,
                            row.text,
                            "\n".join(row.themes),
                            "\n".join(row.affected_groups),
                            "\n".join(row.sdg_targets),
                            row.upr_position,
                            "\n".join(row.upr_states),
                        )
                    ]
                )
    except OSError as exc:
        raise CliError(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
