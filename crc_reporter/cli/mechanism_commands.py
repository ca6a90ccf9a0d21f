"""``cluster`` and ``related``: one picture across mechanisms (issue 22).

``cluster propose`` lists the CRC cluster proposed for each recommendation of
another mechanism; ``cluster set`` and ``cluster accept`` confirm them.
``related propose`` lists recommendations of different mechanisms whose texts
are alike; ``related link``, ``reject`` and ``unlink`` record a person's
judgement; ``related list`` shows the links. A recommendation is named by its
document's symbol and its number as printed: ``A/HRC/56/12 110.45``,
``CRC/C/KHM/CO/4-6 57``.
"""

from __future__ import annotations

import argparse
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext
from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import Mechanism
from crc_reporter.domain.related import LINKED, REJECTED, RecRef
from crc_reporter.i18n import _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.cluster_placement import place_in_cluster, propose_clusters
from crc_reporter.services.errors import NotFoundError
from crc_reporter.services.related_recommendations import (
    MIN_SCORE,
    delete_relation,
    list_relations,
    propose_related,
    recommendation_at,
    relation_id_between,
    set_relation,
)

NO_CLUSTER = "none"


def _mechanism(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mechanism",
        choices=[m.value for m in Mechanism if m.value not in ("CRC", "OPSC", "OPAC", "OPIC")],
        metavar="MECHANISM",
        help=_("only this mechanism's recommendations, e.g. UPR"),
    )
    p.add_argument("--document", metavar="SYMBOL", help=_("only this document's recommendations"))


def _pair(p: argparse.ArgumentParser) -> None:
    for name in ("first", "second"):
        p.add_argument(f"{name}_document", metavar="SYMBOL")
        p.add_argument(f"{name}_number", metavar="NUMBER")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("cluster", parents=[common], help=summary("cluster"))
    actions = top.add_subparsers(dest="cluster_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "propose", parents=[common], help=_("list the cluster proposed for each recommendation of another mechanism")
    )
    _mechanism(p)
    p.add_argument("--all", action="store_true", help=_("also those whose cluster a person confirmed"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_cluster_propose)
    p = actions.add_parser("set", parents=[common], help=_("place a recommendation in a cluster (confirmed)"))
    p.add_argument("document", metavar="SYMBOL")
    p.add_argument("number", metavar="NUMBER", help=_("its number as printed, e.g. 110.45"))
    p.add_argument("cluster", choices=[c.value for c in Cluster] + [NO_CLUSTER], metavar="KEY")
    p.set_defaults(handler=cmd_cluster_set)
    p = actions.add_parser("accept", parents=[common], help=_("confirm every cluster proposed"))
    _mechanism(p)
    p.set_defaults(handler=cmd_cluster_accept)

    top = sub.add_parser("related", parents=[common], help=summary("related"))
    actions = top.add_subparsers(dest="related_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "propose", parents=[common], help=_("list recommendations of different mechanisms whose texts are alike")
    )
    p.add_argument(
        "--min-score", type=float, default=MIN_SCORE, metavar="X", help=_("the least similarity shown (0 to 1)")
    )
    p.add_argument("--limit", type=int, default=100, metavar="N", help=_("at most N pairs (default: 100)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_related_propose)
    for name, status, text in (
        ("link", LINKED, _("link two recommendations about the same issue")),
        ("reject", REJECTED, _("reject a proposed pair (it is not proposed again)")),
    ):
        p = actions.add_parser(name, parents=[common], help=text)
        _pair(p)
        p.set_defaults(handler=cmd_related_set, status=status)
    p = actions.add_parser("unlink", parents=[common], help=_("remove a link or a rejection"))
    _pair(p)
    p.set_defaults(handler=cmd_related_unlink)
    p = actions.add_parser("list", parents=[common], help=_("list the linked recommendations"))
    p.add_argument("--document", metavar="SYMBOL", help=_("only links of this document's recommendations"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_related_list)


def _name(ref: RecRef) -> str:
    return f"{ref.document} {ref.reference}"


def _ref_json(ref: RecRef) -> dict[str, object]:
    return {
        "document": ref.document,
        "mechanism": ref.mechanism,
        "number": ref.number,
        "reference": ref.reference,
        "position": ref.position,
        "cluster": ref.cluster if ref.cluster_confirmed else None,
    }


def cmd_cluster_propose(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        found = propose_clusters(session, mechanism=args.mechanism, document=args.document, include_confirmed=args.all)
    if args.json:
        ctx.print_json(
            [
                {
                    **_ref_json(p.rec),
                    "proposed": p.proposed,
                    "score": p.score,
                    "reasons": list(p.reasons),
                    "text": p.rec.text,
                }
                for p in found
            ]
        )
        return 0
    if not found:
        print(_("No recommendation of another mechanism waits for a cluster."))
    for p in found:
        proposed = label(p.proposed) if p.proposed else _("no proposal")
        why = "; ".join(p.reasons)
        print(f"{_name(p.rec):<28} {proposed}" + (f"  ({why})" if why else ""))
    return 0


def cmd_cluster_set(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        rec_id = recommendation_at(session, args.document, args.number)
        place_in_cluster(session, rec_id, None if args.cluster == NO_CLUSTER else args.cluster)
    where = _("outside the clusters") if args.cluster == NO_CLUSTER else label(args.cluster)
    print(
        _("{recommendation} placed: {cluster}.").format(recommendation=f"{args.document} {args.number}", cluster=where)
    )
    return 0


def cmd_cluster_accept(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        found = [p for p in propose_clusters(session, mechanism=args.mechanism, document=args.document) if p.proposed]
        for p in found:
            place_in_cluster(session, p.rec.id, p.proposed)
    print(
        ngettext(
            "{count} recommendation placed in its proposed cluster.",
            "{count} recommendations placed in their proposed clusters.",
            len(found),
        ).format(count=len(found))
    )
    return 0


def cmd_related_propose(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        found = propose_related(session, min_score=args.min_score, limit=max(args.limit, 0))
    if args.json:
        ctx.print_json(
            [
                {"score": p.score, "words": list(p.shared), "first": _ref_json(p.left), "second": _ref_json(p.right)}
                for p in found
            ]
        )
        return 0
    if not found:
        print(_("No recommendations of different mechanisms are alike enough."))
    for p in found:
        print(f"{p.score:.2f}  {_name(p.left):<28} {_name(p.right):<28} {', '.join(p.shared)}")
    return 0


def _ids(args: argparse.Namespace, session: Any) -> tuple[int, int]:
    return (
        recommendation_at(session, args.first_document, args.first_number),
        recommendation_at(session, args.second_document, args.second_number),
    )


def cmd_related_set(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        a, b = _ids(args, session)
        relation, _previous = set_relation(session, a, b, args.status)
    names = {"first": _name(relation.left), "second": _name(relation.right)}
    if args.status == LINKED:
        print(_("Linked: {first} and {second}.").format(**names))
    else:
        print(_("Rejected: {first} and {second} (not proposed again).").format(**names))
    return 0


def cmd_related_unlink(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store(write=True).session() as session:
        a, b = _ids(args, session)
        relation_id = relation_id_between(session, a, b)
        if relation_id is None:
            raise NotFoundError(_("these two recommendations are not linked"))
        delete_relation(session, relation_id)
    print(_("Unlinked."))
    return 0


def cmd_related_list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().session() as session:
        relations = list_relations(session)
    if args.document:
        wanted = args.document.strip().upper()
        relations = [r for r in relations if wanted in (r.left.document.upper(), r.right.document.upper())]
    if args.json:
        ctx.print_json(
            [
                {"id": r.id, "score": r.score, "first": _ref_json(r.left), "second": _ref_json(r.right)}
                for r in relations
            ]
        )
        return 0
    if not relations:
        print(_("No linked recommendations yet."))
    for r in relations:
        print(f"{_name(r.left):<28} {_name(r.right)}")
    return 0
