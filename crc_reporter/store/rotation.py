"""Which automatic backups to keep: about a year of history in a few dozen files.

Kept: the 10 newest backups, the newest backup of each of the 14 most recent
days that have one, of each of the 8 most recent ISO weeks, and of each of the
13 most recent months (this month and the twelve before it). Days, weeks and months are counted among those that
have backups, so a store used once a month keeps a year of monthly states
rather than losing them to a calendar window. Backups a person asked for
(``manual``) and keepsakes of a damaged store are never rotated away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

NEVER_ROTATED = frozenset({"manual", "damaged"})


@dataclass(frozen=True)
class RotationPolicy:
    recent: int = 10
    daily: int = 14
    weekly: int = 8
    monthly: int = 13  # this month and the twelve before it: a year back


DEFAULT_POLICY = RotationPolicy()


class Dated(Protocol):
    @property
    def created(self) -> dt.datetime: ...

    @property
    def reason(self) -> str: ...


B = TypeVar("B", bound="Dated")


def _day(t: dt.datetime) -> Hashable:
    return t.date()


def _week(t: dt.datetime) -> Hashable:
    iso = t.isocalendar()
    return (iso.year, iso.week)


def _month(t: dt.datetime) -> Hashable:
    return (t.year, t.month)


def backups_to_delete(backups: Sequence[B], policy: RotationPolicy = DEFAULT_POLICY) -> list[B]:
    """The automatic backups the policy no longer needs (the caller deletes them)."""
    automatic = sorted((b for b in backups if b.reason not in NEVER_ROTATED), key=lambda b: b.created, reverse=True)
    keep: set[int] = set(range(min(policy.recent, len(automatic))))
    buckets: tuple[tuple[Callable[[dt.datetime], Hashable], int], ...] = (
        (_day, policy.daily),
        (_week, policy.weekly),
        (_month, policy.monthly),
    )
    for bucket_of, count in buckets:
        seen: set[Hashable] = set()
        for index, backup in enumerate(automatic):  # newest first: the first of a bucket is its newest
            bucket = bucket_of(backup.created.astimezone())  # the user's calendar, not UTC's
            if bucket not in seen:
                seen.add(bucket)
                if len(seen) > count:
                    break
                keep.add(index)
    return [b for i, b in enumerate(automatic) if i not in keep]
