"""``subheading``: French and Khmer wordings of sub-headings outside the standard glossary."""

from __future__ import annotations

import argparse
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.i18n import _
from crc_reporter.reports.subheadings import standard
from crc_reporter.services.subheading_translations import (
    set_subheading_translation,
    stored_subheadings,
    subheading_translations,
)

_LANGS = ["fr", "km"]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("subheading", parents=[common], help=summary("subheading"))
    actions = top.add_subparsers(dest="subheading_command", metavar="ACTION", required=True)
    p = actions.add_parser("set", parents=[common], help=_("save the wording of a sub-heading in a language"))
    p.add_argument("subheading", metavar="SUBHEADING", help=_("the sub-heading as the store has it"))
    p.add_argument("text", metavar="TRANSLATION", help=_("the wording (empty: remove it)"))
    p.add_argument("--lang", choices=_LANGS, required=True)
    p.set_defaults(handler=cmd_set)
    p = actions.add_parser("list", parents=[common], help=_("list the sub-headings the glossary does not translate"))
    p.add_argument("--lang", choices=_LANGS, required=True)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)


def cmd_set(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        set_subheading_translation(session, args.subheading, args.lang, args.text)
    print(_("Sub-heading translation saved.") if args.text.strip() else _("Sub-heading translation removed."))
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        own = [s for s in stored_subheadings(session) if standard(s) is None]
        done = subheading_translations(session, args.lang)
    if args.json:
        ctx.print_json([{"subheading": s, "translation": done.get(s)} for s in own])
        return 0
    for s in own:
        print(f"{s}\t{done.get(s, '')}")
    return 0
