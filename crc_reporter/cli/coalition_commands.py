"""``coalition``: the questions and proposed recommendations of a coalition's alternative report."""

from __future__ import annotations

import argparse
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.report_records import CoalitionEntry
from crc_reporter.i18n import _
from crc_reporter.services.coalition_inputs import (
    add_entry_by_ref,
    delete_entry,
    entries_for_document,
    update_entry,
)
from crc_reporter.services.common import document_by_symbol


def _target(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--document", metavar="SYMBOL", required=True, help=_("concluding observations, e.g. CRC/C/KHM/CO/4-6")
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--paragraph", type=int, metavar="N", help=_("about this paragraph"))
    where.add_argument("--cluster", choices=[c.value for c in Cluster], metavar="KEY", help=_("about this cluster"))
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help=_("print JSON"))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("coalition", parents=[common], help=summary("coalition"))
    actions = top.add_subparsers(dest="coalition_command", metavar="ACTION", required=True)
    p = actions.add_parser("add-question", parents=[common], help=_("add a question for the list of issues"))
    _target(p)
    p.set_defaults(handler=cmd_add, kind="question")
    p = actions.add_parser("add-recommendation", parents=[common], help=_("add a proposed recommendation"))
    _target(p)
    p.set_defaults(handler=cmd_add, kind="recommendation")
    p = actions.add_parser("list", parents=[common], help=_("list the questions and proposed recommendations"))
    p.add_argument(
        "--document", metavar="SYMBOL", required=True, help=_("concluding observations, e.g. CRC/C/KHM/CO/4-6")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)
    p = actions.add_parser("edit", parents=[common], help=_("change the text of a question or proposed recommendation"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p.set_defaults(handler=cmd_edit)
    p = actions.add_parser("delete", parents=[common], help=_("delete a question or proposed recommendation"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_delete)


def _json(entry: CoalitionEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "paragraph": entry.paragraph,
        "cluster": entry.cluster,
        "text": entry.text,
    }


def _where(entry: CoalitionEntry) -> str:
    if entry.paragraph is not None:
        return _("paragraph {number}").format(number=entry.paragraph)
    return _("cluster {key}").format(key=entry.cluster)


def cmd_add(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(write=True)
    with store.session() as session:
        entry = add_entry_by_ref(
            session, args.kind, args.text, args.document, paragraph=args.paragraph, cluster=args.cluster
        )
    if args.json:
        ctx.print_json(_json(entry))
    elif entry.kind == "question":
        print(_("Question {id} added ({where}).").format(id=entry.id, where=_where(entry)))
    else:
        print(_("Proposed recommendation {id} added ({where}).").format(id=entry.id, where=_where(entry)))
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        entries = entries_for_document(session, document_by_symbol(session, args.document).id)
    if args.json:
        ctx.print_json([_json(e) for e in entries])
        return 0
    if not entries:
        print(_("No questions or proposed recommendations for {symbol} yet.").format(symbol=args.document))
    for e in entries:
        kind = _("question") if e.kind == "question" else _("recommendation")
        print(f"{e.id:>5}  {kind:<15} {_where(e):<28} {e.text}")
    return 0


def cmd_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        update_entry(session, args.id, args.text)
    print(_("Entry {id} changed.").format(id=args.id))
    return 0


def cmd_delete(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        delete_entry(session, args.id)
    print(_("Entry {id} deleted.").format(id=args.id))
    return 0
