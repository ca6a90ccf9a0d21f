"""What ``inspect-package`` and ``merge`` print: the package, the changes, the conflicts, the deletions."""

from __future__ import annotations

import sys
from typing import Any

from crc_reporter.i18n import N_, _, clauses, joined, labelled, ngettext
from crc_reporter.services import exchange as ex

TABLES = {
    "document": N_("documents"),
    "actor": N_("actors"),
    "recommendation": N_("paragraphs"),
    "recommendation_part": N_("lettered parts"),
    "action": N_("actions"),
    "source": N_("sources of evidence"),
    "action_link": N_("links"),
    "assessment": N_("assessments"),
    "indicator": N_("indicators"),
    "indicator_value": N_("indicator values"),
}


def info_json(info: ex.PackageInfo) -> dict[str, Any]:
    signer = None
    if info.signer is not None:
        signer = {
            "fingerprint": info.signer.fingerprint,
            "name": info.signer.name,  # the sender's claim; only trusted_as is this store's word
            "trusted_as": info.signer.trusted_as,
        }
    return {
        "name": info.name,
        "package_id": info.package_id,
        "format_version": info.format_version,
        "created_at": info.created_at,
        "creator": info.creator,
        "store": info.store,
        "app_version": info.app_version,
        "selection": info.selection,
        "include_confidential": info.include_confidential,
        "counts": info.counts,
        "tombstones": info.tombstones,
        "confidential": info.confidential,
        "signer": signer,
        "size": info.size,
    }


def signer_line(info: ex.PackageInfo) -> str:
    if info.signer is None:
        return _("not signed")
    if info.signer.trusted_as is not None:
        return _("signed by {name} (trusted key {fp})").format(name=info.signer.trusted_as, fp=info.signer.fingerprint)
    return _(
        "signed with a key this store does not trust, fingerprint {fp} (it says it is “{name}”, which proves nothing)"
    ).format(name=info.signer.name or "?", fp=info.signer.fingerprint)


def print_info(info: ex.PackageInfo) -> None:
    print(
        _("{name}: made by {creator} ({store}) on {date}; {signer}.").format(
            name=info.name,
            creator=info.creator or "?",
            store=info.store,
            date=info.created_at.strftime("%Y-%m-%d %H:%M"),
            signer=signer_line(info),
        )
    )
    chosen = joined(f"{k}={v}" for k, v in info.selection.items() if v)
    if chosen:
        print("  " + _("selection: {what}").format(what=chosen))
    counts = joined(f"{_(TABLES.get(table, table))} {n}" for table, n in info.counts.items())
    print(
        "  "
        + clauses(
            _("records: {counts}").format(counts=counts or "0"),
            labelled(_("deletions"), str(info.tombstones)) if info.tombstones else "",
        )
    )
    if info.confidential:
        print("  " + _("holds {n} confidential actions").format(n=info.confidential))


def result_json(result: ex.MergeResult) -> dict[str, Any]:
    return {
        "package": info_json(result.package),
        "applied": result.applied,
        "added": result.added,
        "updated": result.updated,
        "deleted": result.deleted,
        "skipped": result.skipped,
        "backup": result.backup,
        "deletions": list(result.deletions),
        "deletions_held": result.deletions_held,
        "forged": list(result.forged),
        "unknown_deletions": result.unknown_deletions,
        "conflicts": [
            {
                "uuid": c.uuid,
                "table": c.table,
                "kind": c.kind.value,
                "label": c.label,
                "fields": list(c.fields),
                "mine": c.mine,
                "theirs": c.theirs,
                "waiting": list(c.waiting),
                "choices": [r.value for r in c.choices],
                "other": c.other,
            }
            for c in result.conflicts
        ],
    }


_KIND_TEXT = {
    ex.ConflictKind.BOTH_CHANGED: N_("changed on both sides"),
    ex.ConflictKind.DELETED_HERE: N_("deleted here, changed or still used there"),
    ex.ConflictKind.DELETED_THERE: N_("deleted there, changed or still used here"),
    ex.ConflictKind.CLASH: N_("their version clashes with another record here"),
}


def _warn(text: str) -> None:
    print("crc-reporter: " + labelled(_("warning"), text), file=sys.stderr)


def _print_doubts(result: ex.MergeResult) -> None:
    if result.forged:
        _warn(
            ngettext(
                "{n} record claims changes made in this copy that it never made; it was not taken without you",
                "{n} records claim changes made in this copy that it never made; they were not taken without you",
                len(result.forged),
            ).format(n=len(result.forged))
        )
    if result.unknown_deletions:
        print(
            ngettext(
                "{n} deletion of a record this copy never had was ignored.",
                "{n} deletions of records this copy never had were ignored.",
                result.unknown_deletions,
            ).format(n=result.unknown_deletions)
        )


def print_held(result: ex.MergeResult) -> None:
    n = len(result.deletions)
    print(
        ngettext(
            "The package deletes {n} record here; nothing was merged:",
            "The package deletes {n} records here; nothing was merged:",
            n,
        ).format(n=n)
    )
    for label in result.deletions[:50]:
        print(f"  {label}")
    if n > 50:
        print("  " + _("… and {n} more").format(n=n - 50))
    print(_("Check them, then merge again with --allow-deletions {n} to apply them.").format(n=n))


def print_result(result: ex.MergeResult) -> None:
    print_info(result.package)
    _print_doubts(result)
    if result.deletions_held:
        print_held(result)
        return
    verb = _("Merged") if result.applied else _("Would merge")
    print(
        _("{verb}: {added} added, {updated} updated, {deleted} deleted.").format(
            verb=verb,
            added=sum(result.added.values()),
            updated=sum(result.updated.values()),
            deleted=sum(result.deleted.values()),
        )
    )
    if result.skipped:
        print(
            "crc-reporter: "
            + labelled(
                _("warning"),
                _("{n} records point at records the package does not carry; they were not merged").format(
                    n=result.skipped
                ),
            ),
            file=sys.stderr,
        )
    if result.backup:
        print(_("Backup taken first: {path}").format(path=result.backup))
    if not result.conflicts:
        return
    print(
        ngettext(
            "{n} conflict needs a person (nothing was overwritten):",
            "{n} conflicts need a person (nothing was overwritten):",
            len(result.conflicts),
        ).format(n=len(result.conflicts))
    )
    for c in result.conflicts:
        detail = f" [{', '.join(c.fields)}]" if c.fields else ""
        waiting = " — " + _("{n} of their records wait on it").format(n=len(c.waiting)) if c.waiting else ""
        other = " — " + _("held here by {other}").format(other=c.other) if c.other else ""
        print(f"  {c.label}: {_(_KIND_TEXT[c.kind])}{detail}{waiting}{other}")
    print(_("Merge again with --resolve keep-mine or --resolve take-theirs, or decide one by one in the app."))
