"""Words for exchange packages in the window: kinds of records, conflicts, signatures, one-line summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from crc_reporter.i18n import N_, _, clauses, ngettext
from crc_reporter.i18n.labels import LABELS, label
from crc_reporter.services.exchange import ConflictKind, ExportResult, MergeResult, PackageInfo, Resolution
from crc_reporter.ui.commands.versioned import FIELD_LABELS, value_text
from crc_reporter.ui.formatting import long_date, number

#: Kinds of records (exchange tables), as rows of a table of counts.
KIND_PLURAL: dict[str, str] = {
    "document": N_("Documents"),
    "actor": N_("Actors"),
    "recommendation": N_("Paragraphs"),
    "recommendation_part": N_("Lettered parts"),
    "action": N_("Actions"),
    "source": N_("Sources of evidence"),
    "action_link": N_("Links to paragraphs"),
    "assessment": N_("Assessments"),
    "indicator": N_("Indicators"),
    "indicator_value": N_("Indicator values"),
}

#: One record of each kind, for the list of conflicts.
KIND_SINGULAR: dict[str, str] = {
    "document": N_("Document"),
    "actor": N_("Actor"),
    "recommendation": N_("Paragraph"),
    "recommendation_part": N_("Lettered part"),
    "action": N_("Action"),
    "source": N_("Source of evidence"),
    "action_link": N_("Link"),
    "assessment": N_("Assessment"),
    "indicator": N_("Indicator"),
    "indicator_value": N_("Indicator value"),
}

CONFLICT_KINDS: dict[ConflictKind, str] = {
    ConflictKind.BOTH_CHANGED: N_("Changed on both sides"),
    ConflictKind.DELETED_HERE: N_("Deleted here, changed or still used there"),
    ConflictKind.DELETED_THERE: N_("Deleted there, changed or still used here"),
    ConflictKind.CLASH: N_("Their version clashes with another record here"),
}

#: The same, short, for a column of the list of conflicts.
CONFLICT_KINDS_SHORT: dict[ConflictKind, str] = {
    ConflictKind.BOTH_CHANGED: N_("Changed on both sides"),
    ConflictKind.DELETED_HERE: N_("Deleted here"),
    ConflictKind.DELETED_THERE: N_("Deleted there"),
    ConflictKind.CLASH: N_("Clash"),
}

CHOICES: dict[Resolution, str] = {
    Resolution.KEEP_MINE: N_("Keep mine"),
    Resolution.TAKE_THEIRS: N_("Take theirs"),
}

#: Fields of exchanged records that the edit-conflict dialog does not name.
_MORE_FIELDS: dict[str, str] = {
    "symbol": N_("Symbol"),
    "document": N_("Document"),
    "recommendation": N_("Paragraph"),
    "part": N_("Lettered part"),
    "actor": N_("Actor"),
    "assessor": N_("Assessed by"),
    "indicator": N_("Indicator"),
    "number": N_("Paragraph number"),
    "label": N_("Letter"),
    "position": N_("Position"),
    "tags": N_("Tags"),
    "responsible": N_("Responsible bodies"),
    "members": N_("Members"),
    "recommendations": N_("Paragraphs"),
    "actions": N_("Actions"),
    "user_edited": N_("Edited by hand"),
    "translation": N_("Translation"),
    "translation_lang": N_("Language of the translation"),
    "side": N_("Side"),
    "note": N_("Note"),
    "evidence": N_("Evidence"),
    "recorded_by": N_("Recorded by"),
    "approved": N_("Approved"),
    "assessed_on": N_("Assessed on"),
    "year": N_("Year"),
    "value": N_("Value"),
    "sex": N_("Sex"),
    "age_group": N_("Age group"),
    "province": N_("Province"),
    "url": N_("Web address"),
    "file_ref": N_("File"),
    "language": N_("Language"),
    "notes": N_("Notes"),
    "next_report_title": N_("Title of the next report"),
    "contact": N_("Contact"),
}


def kind_plural(table: str) -> str:
    return _(KIND_PLURAL[table]) if table in KIND_PLURAL else table


def kind_singular(table: str) -> str:
    return _(KIND_SINGULAR[table]) if table in KIND_SINGULAR else table


def field_name(key: str) -> str:
    if key in _MORE_FIELDS:
        return _(_MORE_FIELDS[key])
    if key in FIELD_LABELS:
        return _(FIELD_LABELS[key])
    return key.replace("_", " ").capitalize()


def field_value(value: object) -> str:
    """A value of an exchanged record as people read it: ISO dates as dates, tags as "theme: …"."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if isinstance(item, (list, tuple)) and len(item) == 2:
                kind, text = item
                items.append(f"{label(str(kind)) if str(kind) in LABELS else kind}: {text}")
            else:
                items.append(value_text(item))
        return "\n".join(items) if items else "—"
    return value_text(value)


def counts_text(counts: Mapping[str, int]) -> str:
    """ "1,234 records" over every kind."""
    total = sum(counts.values())
    return ngettext("{n} record", "{n} records", total).format(n=number(total))


def selection_text(selection: Mapping[str, str | None]) -> str:
    """What a package (or an export) holds: everything, or which part."""
    parts = []
    if selection.get("document"):
        parts.append(_("document {symbol}").format(symbol=selection["document"]))
    if selection.get("cluster"):
        key = str(selection["cluster"])
        parts.append(_("cluster “{name}”").format(name=label(key) if key in LABELS else key))
    if selection.get("actor"):
        parts.append(_("the actions of {actor}").format(actor=selection["actor"]))
    if not parts:
        return _("Everything in the store")
    return _("Only {what}").format(what=", ".join(parts))


def signer_state(info: PackageInfo) -> str:
    """ "unsigned", "trusted" or "unknown": how the window colours the signature line."""
    if info.signer is None:
        return "unsigned"
    return "trusted" if info.signer.trusted_as is not None else "unknown"


def signer_text(info: PackageInfo) -> str:
    signer = info.signer
    if signer is None:
        return _("Not signed: nothing says who made it. Merge it only if you know where it comes from.")
    if signer.trusted_as is not None:
        return _("Signed by a trusted key: “{name}”").format(name=signer.trusted_as)
    return _(
        "Signed by a key this store does not know, fingerprint {fp}. The package says it is “{name}”: "
        "anyone can write any name, so compare the fingerprint with the sender before you trust it."
    ).format(name=signer.name or _("no name"), fp=signer.fingerprint)


def export_summary(result: ExportResult) -> str:
    """One line after writing a package."""
    text = _("Wrote {file}: {records}").format(file=result.path.name, records=counts_text(result.counts))
    if result.tombstones:
        text += ", " + ngettext("{n} deletion", "{n} deletions", result.tombstones).format(n=number(result.tombstones))
    text = clauses(text, _("signed") if result.signer else _("not signed")) + "."
    if result.confidential_sent:
        text += " " + ngettext(
            "It holds {n} confidential action: send it only to people who may see it.",
            "It holds {n} confidential actions: send it only to people who may see them.",
            result.confidential_sent,
        ).format(n=number(result.confidential_sent))
    elif result.left_out_confidential:
        text += " " + ngettext(
            "{n} confidential action was left out.",
            "{n} confidential actions were left out.",
            result.left_out_confidential,
        ).format(n=number(result.left_out_confidential))
    return text


def merge_summary(result: MergeResult, decided: int) -> str:
    """One line after a merge: what changed, what was decided, what is left."""
    changes = _("{added} added, {updated} updated, {deleted} deleted").format(
        added=number(sum(result.added.values())),
        updated=number(sum(result.updated.values())),
        deleted=number(sum(result.deleted.values())),
    )
    if not result.changes and not decided:
        text = _("Merged {name}: nothing to change, this store already had everything in it.").format(
            name=result.package.name
        )
    else:
        text = _("Merged {name}: {changes}.").format(name=result.package.name, changes=changes)
    if decided:
        text += " " + ngettext(
            "{n} conflict settled as you chose.", "{n} conflicts settled as you chose.", decided
        ).format(n=number(decided))
    left = len(result.conflicts)
    if left:
        text += " " + ngettext(
            "{n} conflict is left as it is until you decide it; merging this package again offers it again.",
            "{n} conflicts are left as they are until you decide them; merging this package again offers them again.",
            left,
        ).format(n=number(left))
    return text
