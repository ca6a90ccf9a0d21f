#!/usr/bin/env python3
"""Extract every translatable string from crc_reporter/ and bring the catalogs up to date.

    .venv/bin/python scripts/update_catalogs.py            # write translations/messages.pot, update fr and km
    .venv/bin/python scripts/update_catalogs.py --check    # write nothing; exit 1 if a catalog needs work
    .venv/bin/python scripts/update_catalogs.py --todo km  # list the messages km still lacks

Existing translations are kept; strings new in the code arrive empty (the
catalog test then fails until they are translated); strings gone from the
code are dropped (``--keep-obsolete`` keeps them as ``#~`` entries for
reference, which the catalog test also rejects). No ``.mo`` file is written:
the application compiles the ``.po`` files in memory when it starts.
See translations/README.md for the whole workflow.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crc_reporter.i18n import catalogs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; report problems, exit 1 if any")
    parser.add_argument("--todo", metavar="LANG", help="print the messages LANG still needs (msgid per line)")
    parser.add_argument("--keep-obsolete", action="store_true", help="keep strings gone from the code as #~ entries")
    parser.add_argument("--fuzzy", action="store_true", help="pre-fill new strings from similar old ones (fuzzy)")
    args = parser.parse_args(argv)

    template = catalogs.extract()
    print(f"{len(template)} messages in the code", file=sys.stderr)
    if args.todo:
        catalog = catalogs.update(template, args.todo)
        for problem in catalogs.problems(template, catalog, args.todo):
            print(f"{problem.what}\t{problem.msgid}")
        return 0
    status = 0
    if not args.check and catalogs.write_catalog(template, catalogs.template_path()):
        print(f"wrote {catalogs.template_path()}", file=sys.stderr)
    for lang in catalogs.CATALOG_LANGUAGES:
        catalog = catalogs.update(template, lang, keep_obsolete=args.keep_obsolete, fuzzy_matching=args.fuzzy)
        if not args.check and catalogs.write_catalog(catalog, catalogs.po_path(lang)):
            print(f"updated {catalogs.po_path(lang)}", file=sys.stderr)
        found = catalogs.problems(template, catalog, lang)
        if found:
            status = 1
            kinds: dict[str, int] = {}
            for problem in found:
                kinds[problem.what] = kinds.get(problem.what, 0) + 1
            summary = ", ".join(f"{n} {what}" for what, n in sorted(kinds.items()))
            print(f"{lang}: {summary}", file=sys.stderr)
        else:
            print(f"{lang}: complete", file=sys.stderr)
    return status if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
