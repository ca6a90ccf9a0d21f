"""Working together offline: ``export-package``, ``inspect-package``, ``merge``, ``keygen`` and trusted keys.

``merge`` (and ``import`` of a ``.crcx`` file) exits with 3 and lists the
conflicts when some need a person; ``--resolve keep-mine|take-theirs`` settles
them all one way. A package deleting more than a few records here is not merged
until ``--allow-deletions N`` agrees to them (exit 3, the deletions listed). Errors are one line and exit 1; a refused package changes
nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.cli.exchange_output import info_json, print_info, print_result, result_json
from crc_reporter.i18n import _, joined, ngettext
from crc_reporter.services import exchange as ex

EXIT_CONFLICTS = 3
_RESOLVE = {"keep-mine": ex.Resolution.KEEP_MINE, "take-theirs": ex.Resolution.TAKE_THEIRS}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export-package",
        parents=[common],
        help=summary("export-package"),
        description=_(
            "Write this store's records (or a selection) to an exchange package for another laptop. "
            "Confidential actions stay out unless --include-confidential is given."
        ),
    )
    p.add_argument("out", metavar="OUT.crcx", type=Path, help=_("the package to write"))
    p.add_argument("--document", metavar="SYMBOL", help=_("only this document and what answers it"))
    p.add_argument("--cluster", metavar="KEY", help=_("only the paragraphs of this cluster (e.g. violence)"))
    p.add_argument("--actor", metavar="NAME", help=_("only this actor's actions (with the paragraphs they answer)"))
    p.add_argument("--include-confidential", action="store_true", help=_("include actions marked confidential"))
    p.add_argument("--sign", metavar="KEYFILE", type=Path, help=_("sign the package with this private key"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_export_package)

    p = sub.add_parser("inspect-package", parents=[common], help=summary("inspect-package"))
    p.add_argument("file", metavar="IN.crcx", type=Path)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_inspect)

    p = sub.add_parser(
        "merge",
        parents=[common],
        help=summary("merge"),
        description=_(
            "Merge a package into this store in one transaction, after a backup. Records changed on both sides "
            "since the last exchange are conflicts: they are listed (exit code 3) and left as they are, unless "
            "--resolve settles them."
        ),
    )
    _merge_options(p)
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser("keygen", parents=[common], help=summary("keygen"))
    p.add_argument(
        "out", metavar="KEYFILE", type=Path, help=_("the private key to write (the public key goes to KEYFILE.pub)")
    )
    p.add_argument("--name", help=_("whose key it is, shown to the people who receive your packages"))
    p.set_defaults(handler=cmd_keygen)

    p = sub.add_parser("trust-key", parents=[common], help=summary("trust-key"))
    p.add_argument("file", metavar="KEYFILE.pub", type=Path)
    p.add_argument("--name", help=_("the name to show for this key"))
    p.set_defaults(handler=cmd_trust)

    p = sub.add_parser("untrust-key", parents=[common], help=summary("untrust-key"))
    p.add_argument("fingerprint", metavar="SHA256:…")
    p.set_defaults(handler=cmd_untrust)

    p = sub.add_parser("trusted-keys", parents=[common], help=summary("trusted-keys"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_trusted)


def _merge_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="IN.crcx", type=Path)
    p.add_argument("--resolve", choices=list(_RESOLVE), help=_("settle every conflict this way"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would change; write nothing"))
    trust = p.add_mutually_exclusive_group()
    trust.add_argument("--require-trusted", action="store_true", help=_("refuse packages not signed by a trusted key"))
    trust.add_argument(
        "--allow-untrusted",
        action="store_true",
        help=_(
            "merge this package even if it is unsigned or its key is not trusted (the store may require trusted ones)"
        ),
    )
    p.add_argument(
        "--allow-deletions",
        metavar="N",
        type=int,
        default=ex.FEW_DELETIONS,
        help=_("apply up to N deletions of records here (more are listed and nothing is merged; default %(default)s)"),
    )
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def cmd_export_package(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    selection = ex.Selection(document=args.document, cluster=args.cluster, actor=args.actor)
    with store.session() as session:
        result = ex.export_package(
            session,
            args.out,
            selection=selection,
            include_confidential=args.include_confidential,
            key_file=args.sign,
        )
    if args.json:
        ctx.print_json(
            {
                "path": result.path,
                "package_id": result.package_id,
                "counts": result.counts,
                "tombstones": result.tombstones,
                "confidential": result.confidential_sent,
                "confidential_left_out": result.left_out_confidential,
                "indicators_left_out": result.left_out_indicators,
                "signer": result.signer,
                "size": result.size,
            }
        )
        return 0
    records = ngettext("{n} record", "{n} records", result.records).format(n=result.records)
    line = _("Wrote {path}: {records}").format(path=result.path, records=records)
    if result.tombstones:
        deletions = ngettext("{n} deletion", "{n} deletions", result.tombstones).format(n=result.tombstones)
        line = joined([line, deletions])
    print(line + (" — " + _("signed") + f" {result.signer}" if result.signer else "") + ".")
    if result.left_out_confidential:
        print(
            ngettext(
                "{n} confidential action left out (add --include-confidential to send it).",
                "{n} confidential actions left out (add --include-confidential to send them).",
                result.left_out_confidential,
            ).format(n=result.left_out_confidential)
        )
    if result.left_out_indicators:
        print(
            ngettext(
                "{n} indicator left out because it points at confidential actions.",
                "{n} indicators left out because they point at confidential actions.",
                result.left_out_indicators,
            ).format(n=result.left_out_indicators)
        )
    if result.confidential_sent:
        print(
            _("This package holds {n} confidential actions: send it only to people who may see them.").format(
                n=result.confidential_sent
            )
        )
    return 0


def cmd_inspect(args: argparse.Namespace, ctx: CliContext) -> int:
    package = ex.open_package(args.file)
    info = package.info
    path = ctx.store_file()
    if path is None or path.exists():  # look the signer up in an existing store; never create one
        with ctx.store().session() as session:
            info = ex.describe_package(session, info)
    if args.json:
        ctx.print_json(info_json(info))
    else:
        print_info(info)
    return 0


def merge_file(args: argparse.Namespace, ctx: CliContext, package: ex.Package) -> int:
    store = ctx.store(create=not args.dry_run, write=not args.dry_run)  # a new laptop may start from a package
    choice = _RESOLVE.get(args.resolve or "")
    allowed = getattr(args, "allow_deletions", ex.FEW_DELETIONS)
    required, anyway = bool(args.require_trusted), bool(getattr(args, "allow_untrusted", False))
    if anyway:
        note = _("{name} is taken without checking who signed it (--allow-untrusted)").format(name=package.info.name)
        print("crc-reporter: " + _("note: {message}").format(message=note), file=sys.stderr)
    with store.session() as session:
        if args.dry_run:
            result = ex.preview_merge(session, package, require_trusted=required, allow_untrusted=anyway)
            session.rollback()
        else:
            result = ex.merge_package(
                session, package, require_trusted=required, allow_untrusted=anyway, allow_deletions=allowed
            )
            if choice is not None and result.conflicts and not result.deletions_held:
                for _round in range(5):  # a choice can uncover records that were waiting on it
                    chosen = result.resolve_all(choice)
                    if not chosen:
                        break
                    result = ex.merge_package(
                        session,
                        package,
                        chosen,
                        require_trusted=required,
                        allow_untrusted=anyway,
                        backup=False,
                        allow_deletions=allowed,
                    )
                    if not result.conflicts:
                        break
    if args.json:
        ctx.print_json(result_json(result))
    else:
        print_result(result)
    return EXIT_CONFLICTS if result.conflicts or result.deletions_held else 0


def cmd_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    return merge_file(args, ctx, ex.open_package(args.file))


def cmd_keygen(args: argparse.Namespace, ctx: CliContext) -> int:
    name = args.name or ctx.user
    key = ex.generate_keypair(args.out, name)
    print(_("Private key: {path} (keep it to yourself)").format(path=args.out))
    print(_("Public key: {path} (give it to the people you exchange with)").format(path=f"{args.out}.pub"))
    print(_("Fingerprint: {fp}").format(fp=key.fingerprint))
    return 0


def cmd_trust(args: argparse.Namespace, ctx: CliContext) -> int:
    key = ex.read_public_key(args.file)
    with ctx.store(write=True).session() as session:
        info = ex.trust_key(session, key, args.name)
    print(_("Trusted {name}: {fp}").format(name=info.name, fp=info.fingerprint))
    return 0


def cmd_untrust(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        ex.untrust_key(session, args.fingerprint)
    print(_("No longer trusted: {fp}").format(fp=args.fingerprint))
    return 0


def cmd_trusted(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        keys = ex.trusted_keys(session)
    if args.json:
        ctx.print_json(
            [
                {"fingerprint": k.fingerprint, "name": k.name, "added_at": k.added_at, "added_by": k.added_by}
                for k in keys
            ]
        )
        return 0
    for k in keys:
        print(f"{k.fingerprint}  {k.name}")
    if not keys:
        print(_("No trusted keys yet (add one with 'crc-reporter trust-key FILE.pub')."))
    return 0
