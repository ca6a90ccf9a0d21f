"""What needs attention today: the entries a coordinator sees when a store opens (issue 23, item 4).

Plain data, computed by :mod:`crc_reporter.services.attention` for a given day;
the window and the command line word them in the user's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class AttentionKind(StrEnum):
    REQUESTS_OVERDUE = "requests_overdue"  # update requests past their due date, not answered
    ACTIONS_OVERDUE = "actions_overdue"  # planned or ongoing actions past their target date
    URGENT_WITHOUT_ACTION = "urgent_without_action"  # urgent recommendations nobody acted on
    REPORT_DUE = "report_due"  # the next periodic report, due within 12 months (or late)
    ALTERNATIVE_DEADLINE = "alternative_deadline"  # a coalition's deadline before a pre-sessional working group


#: the order entries are listed in: what is late first, then what comes next
KIND_ORDER = tuple(AttentionKind)


@dataclass(frozen=True, slots=True)
class AttentionEntry:
    """One thing to look at, and the list that shows it (a page key and what to show there)."""

    key: str  # stable across days: what a dismissal names ("actions_overdue", "report_due:CRC/C/XMP/CO/5-6")
    kind: AttentionKind
    count: int = 0  # how many records (actions, recommendations, requests); 0 for a date
    document: str | None = None  # the document concerned (symbol), if one
    due: dt.date | None = None  # the date that matters (report due, submission deadline)
    days_left: int | None = None  # from today to ``due``; negative when late
    session: dt.date | None = None  # the pre-sessional working group's month (alternative deadlines)
    page: str = ""
    target: dict[str, object] = field(default_factory=dict)

    @property
    def late(self) -> bool:
        return self.kind in (AttentionKind.REQUESTS_OVERDUE, AttentionKind.ACTIONS_OVERDUE) or (
            self.days_left is not None and self.days_left < 0
        )


def pre_session_deadlines(after: dt.date, count: int = 3) -> list[tuple[dt.date, dt.date]]:
    """The next ``count`` submission deadlines on or after ``after``, each with its pre-sessional month.

    Alternative reports reach the Committee by 1 December for the February pre-session,
    1 April for June and 1 August for October (Child Rights Connect's calendar).
    """
    found: list[tuple[dt.date, dt.date]] = []
    year = after.year
    while len(found) < count:
        for month, session_month, year_step in ((4, 6, 0), (8, 10, 0), (12, 2, 1)):
            deadline = dt.date(year, month, 1)
            if deadline >= after and len(found) < count:
                found.append((deadline, dt.date(year + year_step, session_month, 1)))
        year += 1
    return found


def active_dismissals(dismissed: dict[str, dt.date], today: dt.date) -> set[str]:
    """The keys dismissed until a day after ``today`` (a dismissal "until" a day ends when that day comes)."""
    return {key for key, until in dismissed.items() if until > today}
