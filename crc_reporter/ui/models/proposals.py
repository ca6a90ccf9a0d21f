"""The table of changes bodies proposed in reply to update requests (Follow-up ▸ Review proposed changes)."""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.domain.follow_up import ProposedChangeInfo
from crc_reporter.i18n import N_
from crc_reporter.i18n.labels import label
from crc_reporter.ui.models.base import Column, RecordTableModel


def _values(values: dict[str, object]) -> str:
    """The proposed (or previous) values as one readable line: statuses by their label."""
    parts = []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        shown = label(str(value)) if key in ("status", "type", "side") else value
        parts.append(f"{shown}" if key in ("title", "status") else f"{key}: {shown}")
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
