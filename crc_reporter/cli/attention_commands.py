"""``attention``: what needs attention today (overdue actions and requests, urgent paragraphs nobody acted on,
the next report and a coalition's deadlines)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.domain.attention import AttentionEntry
from crc_reporter.i18n import _
from crc_reporter.services.attention import attention_entries, describe


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("attention", parents=[common], help=summary("attention"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument("--today", metavar="DATE", help=_("count as on this day (YYYY-MM-DD; default: today)"))
    p.set_defaults(handler=cmd_attention)


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(_("{value} is not a date (YYYY-MM-DD)").format(value=text.strip()[:40])) from None


def entry_json(entry: AttentionEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "kind": entry.kind.value,
        "text": describe(entry),
        "count": entry.count,
        "document": entry.document,
        "due": entry.due.isoformat() if entry.due else None,
        "days_left": entry.days_left,
        "pre_session": entry.session.isoformat()[:7] if entry.session else None,
        "late": entry.late,
        "page": entry.page,
    }


def cmd_attention(args: argparse.Namespace, ctx: CliContext) -> int:
    today = _day(args.today)
    with ctx.store().session() as session:
        entries = attention_entries(session, today)
    if args.json:
        ctx.print_json([entry_json(e) for e in entries])
        return 0
    if not entries:
        print(_("Nothing needs attention today."))
    for entry in entries:
        print(("! " if entry.late else "- ") + describe(entry))
    return 0
