"""``publish``: write the public website (a folder of static files) and print what went in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.i18n import LANGUAGES, _, ngettext
from crc_reporter.publish import PublishOptions, PublishResult, check_languages, publish_site


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("publish", parents=[common], help=summary("publish"), description=summary("publish"))
    p.add_argument(
        "out", metavar="OUTDIR", type=Path, help=_("the folder to write (new, empty, or an earlier publication)")
    )
    p.add_argument(
        "--lang",
        default="en",
        metavar=",".join(LANGUAGES),
        help=_("the languages of the site, the first one opens first (default: en)"),
    )
    p.add_argument(
        "--document",
        nargs="+",
        default=[],
        metavar="SYMBOL",
        help=_("only these documents (default: every document with paragraphs)"),
    )
    p.add_argument("--title", default="", metavar="TEXT", help=_("the site's title"))
    p.add_argument("--organisation", default="", metavar="NAME", help=_("who publishes, named on every page"))
    p.add_argument("--khmer-digits", action="store_true", help=_("write numbers and dates with Khmer digits"))
    p.set_defaults(handler=cmd_publish)


def _size(n: int) -> str:
    return _("{size} MB").format(size=f"{n / 1_000_000:.1f}")


def result_lines(result: PublishResult) -> list[str]:
    preview = result.preview
    return [
        _("Published: {path}").format(path=result.folder / "index.html"),
        ngettext("{count} document", "{count} documents", len(preview.documents)).format(count=len(preview.documents)),
        ngettext("{count} paragraph", "{count} paragraphs", preview.recommendations).format(
            count=preview.recommendations
        ),
        ngettext("{count} public action", "{count} public actions", preview.actions).format(count=preview.actions),
        ngettext("{count} indicator", "{count} indicators", preview.indicators).format(count=preview.indicators),
        ngettext(
            "{count} confidential action left out",
            "{count} confidential actions left out",
            preview.confidential_left_out,
        ).format(count=preview.confidential_left_out),
        _("{pages} pages in {languages}; {size} ({fonts} of it fonts)").format(
            pages=result.pages,
            languages=", ".join(result.languages),
            size=_size(result.size),
            fonts=_size(result.font_size),
        ),
    ]


def cmd_publish(args: argparse.Namespace, ctx: CliContext) -> int:
    languages = check_languages(tuple(args.lang.split(",")))
    options = PublishOptions(
        out=args.out,
        languages=languages,
        documents=tuple(args.document),
        title=args.title.strip(),
        organisation=args.organisation.strip(),
        khmer_digits=args.khmer_digits,
    )
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    store = ctx.store()
    with store.session() as session:
        result = publish_site(session, options, progress)
    if interactive:
        print(file=sys.stderr)
    for line in result_lines(result):
        print(line)
    return 0
