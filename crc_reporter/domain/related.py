"""Recommendations of other mechanisms beside the CRC's (issue 22): references, related pairs, cluster placement.

Frozen records the services return and the window, the command line and the
reports show; ``reference`` is the number as the document prints it ("110.45"
in a UPR working group report, "38" in concluding observations).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: The CRC and its protocols: one mechanism when looking for related recommendations across mechanisms.
CRC_FAMILY = frozenset({"CRC", "OPSC", "OPAC", "OPIC"})

LINKED = "linked"
REJECTED = "rejected"


def mechanism_group(treaty: str) -> str:
    """The mechanism a document belongs to for comparisons: the CRC's protocols count as the CRC."""
    return "CRC" if treaty in CRC_FAMILY else treaty


@dataclass(frozen=True, slots=True)
class RecRef:
    """Enough of a recommendation to name it: "UPR A/HRC/56/12, 110.45 (supported)"."""

    id: int
    document: str
    mechanism: str  # the document's treaty code: CRC, OPSC, …, UPR, CEDAW, …
    number: int
    label: str | None = None
    position: str | None = None  # UPR: supported, supported_in_part, noted
    cluster: str | None = None
    cluster_confirmed: bool = True
    text: str = ""  # the opening of the text

    @property
    def reference(self) -> str:
        return self.label or str(self.number)


@dataclass(frozen=True, slots=True)
class RelatedProposal:
    """Two recommendations of different mechanisms whose texts are alike: ``score`` 0–1, the words they share."""

    left: RecRef
    right: RecRef
    score: float
    shared: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A stored judgement on a pair: ``linked`` or ``rejected``."""

    id: int
    uuid: str
    left: RecRef
    right: RecRef
    status: str
    score: float | None
    version: int = 1

    def other(self, rec_id: int) -> RecRef:
        return self.right if self.left.id == rec_id else self.left


@dataclass(frozen=True, slots=True)
class RelationSnapshot:
    """A deleted relation, to put back as it was (undo)."""

    uuid: str
    recommendation_id: int
    related_id: int
    status: str
    score: float | None


@dataclass(frozen=True, slots=True)
class ClusterPlacement:
    """A recommendation of another mechanism, its cluster now, and the CRC cluster proposed for it."""

    rec: RecRef
    proposed: str | None
    score: float
    reasons: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


_LAST_NUMBER = re.compile(r"^(.*?)(\d+)$")


def compress_references(references: Sequence[str]) -> list[str]:
    """Runs of consecutive numbers as ranges, in order: 110.45, 110.46, 110.47, 110.60 -> 110.45–110.47, 110.60.

    A reference without a final number ("A") stays as it is; numbers after different prefixes never join."""

    def key(ref: str) -> tuple[str, int, str]:
        m = _LAST_NUMBER.match(ref)
        return (m.group(1), int(m.group(2)), "") if m else (ref, -1, ref)

    out: list[str] = []
    run: list[tuple[str, int, str]] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        start = f"{first[0]}{first[1]}"
        out.append(start if first is last else f"{start}–{last[0]}{last[1]}")
        run.clear()

    for item in sorted(dict.fromkeys(key(r) for r in references)):
        prefix, number, whole = item
        if number < 0:
            flush()
            out.append(whole)
            continue
        if run and (run[-1][0] != prefix or run[-1][1] + 1 != number):
            flush()
        run.append(item)
    flush()
    return out
