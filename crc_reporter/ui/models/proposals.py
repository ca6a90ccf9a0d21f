"""The table of changes bodies proposed in reply to update requests (Follow-up ▸ Review proposed changes)."""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.domain.follow_up import ProposedChangeInfo
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.models.base import Column, RecordTableModel

#: the names of a change's fields, as the tracker's columns call them
FIELDS = {
    "start_date": N_("Start"),
    "end_date": N_("End"),
    "outcome": N_("Outcome"),
    "description": N_("Description"),
    "url": N_("Web address"),
    "note": N_("Note"),
    "evidence": N_("Evidence"),
    "year": N_("Year"),
    "value": N_("Value"),
    "part": N_("Part"),
    "assessed_on": N_("Date"),
    "sources": N_("Evidence"),
}


def _values(values: dict[str, object]) -> str:
    """The proposed (or previous) values as one readable line: statuses and kinds by their label."""
    parts = []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        if key in ("status", "type", "side"):
            parts.append(label(str(value)))
        elif key in FIELDS:
            shown = "; ".join(str(v) for v in value) if isinstance(value, list) else value
            parts.append(f"{_(FIELDS[key])}: {shown}")
        else:
            parts.append(str(value))
    return "; ".join(str(p) for p in parts)


def proposed_text(change: ProposedChangeInfo) -> str:
    return _values(change.payload)


def previous_text(change: ProposedChangeInfo) -> str:
    return _values(change.previous)


class ProposedChangeModel(RecordTableModel[ProposedChangeInfo]):
    columns: Sequence[Column[ProposedChangeInfo]] = (
        Column(N_("State"), lambda c: label(c.state.value), status=lambda c: c.state.value, sample="Partly answered"),
        Column(N_("Body"), lambda c: c.actor or "", tooltip=lambda c: c.actor or "", width=160),
        Column(N_("Change"), lambda c: label(c.kind.value), sample="Status of an action"),
        Column(N_("About"), lambda c: c.label, tooltip=lambda c: c.label, width=200),
        Column(N_("Before"), previous_text, tooltip=previous_text, width=140),
        Column(N_("Proposed"), proposed_text, tooltip=proposed_text, stretch=True, width=220),
        Column(N_("Proposed by"), lambda c: c.proposed_by or "", sample="Sokha Chan"),
        Column(N_("Note"), lambda c: c.note, tooltip=lambda c: c.note, width=140),
    )
