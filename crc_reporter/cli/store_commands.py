"""``init``, ``demo`` and ``list``: create a store, fill it with the demo, read it back."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.domain.records import ActionInfo, DocumentInfo, RecommendationInfo
from crc_reporter.i18n import _
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.common import document_by_symbol
from crc_reporter.services.demo import load_demo
from crc_reporter.services.documents import list_documents
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store import migrate, sqlite_files


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help=summary("init"))
    p.add_argument("--encrypt", action="store_true", help=_("create the store encrypted (SQLCipher) with a passphrase"))
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", parents=[common], help=summary("demo"))
    p.add_argument("--scale", type=int, default=1, metavar="N", help=_("load N copies (for benchmarks)"))
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("list", parents=[common], help=summary("list"))
    p.add_argument("what", choices=["documents", "recommendations", "actions", "requests"])
    p.add_argument("--document", metavar="SYMBOL", help=_("only this document, e.g. CRC/C/KHM/CO/4-6"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.encrypt:
        path = ctx.store_file()
        if path is None:
            raise CliError(_("only SQLite stores can be encrypted; a database server protects its own data"))
        if sqlite_files.sniff(path) is sqlite_files.FileKind.SQLITE:
            raise CliError(
                _("{path} already exists and is not encrypted; --encrypt creates a new store").format(path=path)
            )
    store = ctx.store(create=True, write=True, encrypt=args.encrypt)
    revision = migrate.current_revision(store.engine)
    message = _("Store ready: {store} (schema {revision})").format(store=store.display_name(), revision=revision)
    print(message + (" " + _("(encrypted)") if store.encrypted else ""))
    return 0


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(create=True, write=True)

    def progress(done: int, total: int) -> None:
        if total > 1 and sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    with store.session() as session:
        result = load_demo(session, args.scale, progress)
    if args.scale > 1 and sys.stderr.isatty():
        print(file=sys.stderr)
    if result.copies_added == 0:
        print(_("The demo data set is already in {store}; nothing added.").format(store=store.display_name()))
    else:
        print(
            _(
                "Demo data loaded into {store}: {documents} documents, {recommendations} paragraphs, {actions} actions."
            ).format(
                store=store.display_name(),
                documents=result.documents,
                recommendations=result.recommendations,
                actions=result.actions,
            )
        )
    return 0


def document_json(doc: DocumentInfo) -> dict[str, Any]:
    return {
        "symbol": doc.symbol,
        "treaty": doc.treaty,
        "type": doc.type,
        "title": doc.title,
        "country": doc.country,
        "date": doc.date,
        "next_report_due": doc.next_report_due,
        "word_limit": doc.word_limit,
        "paragraphs": doc.paragraphs,
        "uuid": doc.uuid,
    }


def recommendation_json(rec: RecommendationInfo) -> dict[str, Any]:
    return {
        "document": rec.document,
        "number": rec.number,
        "text": rec.text,
        "kind": rec.kind,
        "cluster": rec.cluster,
        "articles": list(rec.articles),
        "urgent": rec.urgent,
        "parts": [{"label": p.label, "text": p.text, "translation": p.translation} for p in rec.parts],
        "previous": [{"document": p.document, "paragraph": p.paragraph} for p in rec.previous],
        "treaty": rec.treaty,
        "subheading": rec.subheading,
        "sdg_targets": list(rec.sdg_targets),
        "themes": list(rec.themes),
        "affected_groups": list(rec.affected_groups),
        "responsible": list(rec.responsible),
        "government_status": rec.government_status,
        "civil_society_status": rec.civil_society_status,
        "actions": rec.action_count,
        "translation": rec.translation,
        "translation_lang": rec.translation_lang,
        "uuid": rec.uuid,
    }


def action_json(action: ActionInfo) -> dict[str, Any]:
    return {
        "title": action.title,
        "description": action.description,
        "actor": action.actor,
        "type": action.type,
        "status": action.status,
        "start_date": action.start_date,
        "end_date": action.end_date,
        "outcome": action.outcome,
        "confidential": action.confidential,
        "sources": [{"title": s.title, "url": s.url, "file": s.file_ref} for s in action.sources],
        "links": [{"document": ln.document, "paragraph": ln.paragraph, "part": ln.part} for ln in action.links],
        "uuid": action.uuid,
    }


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    with store.session() as session:
        if args.document:
            document_by_symbol(session, args.document)  # a clear error for an unknown symbol
        if args.what == "documents":
            docs = [d for d in list_documents(session) if not args.document or d.symbol == args.document]
            if args.json:
                ctx.print_json([document_json(d) for d in docs])
            for d in [] if args.json else docs:
                print(
                    f"{d.symbol:<28} {d.treaty:<5} {d.type:<24} {str(d.date or ''):<10} {d.paragraphs:>4}  {_short(d.title, 60)}"
                )
        elif args.what == "requests":  # update requests to responsible bodies, with their states
            from crc_reporter.cli.follow_up_commands import print_requests
            from crc_reporter.services.follow_up import list_requests

            print_requests(ctx, list_requests(session), args.json)
        elif args.what == "recommendations":
            recs = list_recommendations(session, RecommendationFilter(document=args.document))
            if args.json:
                ctx.print_json([recommendation_json(r) for r in recs])
            for r in [] if args.json else recs:
                flag = "!" if r.urgent else " "
                print(f"{r.document:<24} {r.number:>4} {flag} {r.kind:<14} {r.cluster or '-':<20} {_short(r.text, 70)}")
        else:
            actions = list_actions(session, ActionFilter(document=args.document))
            if args.json:
                ctx.print_json([action_json(a) for a in actions])
            for a in [] if args.json else actions:
                print(f"{a.status:<10} {a.type:<10} {_short(a.actor or '-', 30):<30} {_short(a.title, 70)}")
    return 0
