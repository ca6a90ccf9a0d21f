"""Edits of indicators: create, change, values year by year, links, delete, merge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.services import indicators as ind_svc
from crc_reporter.services.merging import IndicatorMerge, merge_indicators, undo_indicator_merge
from crc_reporter.services.restore import delete_indicator_recorded, restore_indicator
from crc_reporter.ui.commands.versioned import VersionedEdit
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.formatting import integer
from crc_reporter.ui.undo import StoreCommand

INDICATOR = "indicator"


class CreateIndicator(StoreCommand):
    def __init__(self, name: str, unit: str = "", source: str = "", description: str = "") -> None:
        super().__init__(_("New indicator “{name}”").format(name=name.strip()))
        self.values = {"name": name, "unit": unit, "source": source, "description": description}
        self.indicator_id: int | None = None
        self._snapshot: IndicatorInfo | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:
            self.indicator_id = restore_indicator(session, self._snapshot)
            self.remap(INDICATOR, self._snapshot.id, self.indicator_id)
            return
        self.indicator_id = ind_svc.create_indicator(session, **self.values).id

    def revert(self, session: Session) -> None:
        assert self.indicator_id is not None
        self._snapshot = delete_indicator_recorded(session, self.resolve(INDICATOR, self.indicator_id))

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators([self.indicator_id] if self.indicator_id else [])


class EditIndicator(VersionedEdit):
    what = N_("this indicator")

    def __init__(self, indicator_id: int, fields: Mapping[str, object], expected_version: int | None = None) -> None:
        super().__init__(_("Edit indicator"), fields, expected_version)
        self.indicator_id = indicator_id

    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        indicator_id = self.resolve(INDICATOR, self.indicator_id)
        return ind_svc.update_indicator(session, indicator_id, expected_version=expected_version, **fields)

    def record(self, session: Session) -> Any:
        return ind_svc.get_indicator(session, self.resolve(INDICATOR, self.indicator_id))

    def record_key(self) -> object:
        return self.resolve(INDICATOR, self.indicator_id)

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators([self.resolve(INDICATOR, self.indicator_id)])


class SetIndicatorValue(StoreCommand):
    """Set (or with ``None`` clear) one year's value of a series (the total, or a disaggregation)."""

    def __init__(
        self,
        indicator_id: int,
        year: int,
        value: float | None,
        *,
        sex: str | None = None,
        age_group: str | None = None,
        province: str | None = None,
    ) -> None:
        super().__init__(_("Value for {year}").format(year=integer(year)))
        self.indicator_id, self.year, self.value = indicator_id, year, value
        self.sex, self.age_group, self.province = sex, age_group, province
        self._old: float | None = None

    def apply(self, session: Session) -> None:
        self._old = ind_svc.set_value(
            session, self.resolve(INDICATOR, self.indicator_id), self.year, self.value, **self._series()
        )

    def revert(self, session: Session) -> None:
        ind_svc.set_value(session, self.resolve(INDICATOR, self.indicator_id), self.year, self._old, **self._series())

    def _series(self) -> ind_svc.Series:
        return {"sex": self.sex, "age_group": self.age_group, "province": self.province}

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators([self.resolve(INDICATOR, self.indicator_id)])


class SetIndicatorValues(StoreCommand):
    """Several values of one indicator at once (a block pasted from a spreadsheet): one commit, one undo step.

    ``cells`` are ``(year, (sex, age group, province), value)``; a None value clears the cell.
    """

    def __init__(
        self, indicator_id: int, cells: list[tuple[int, tuple[str | None, str | None, str | None], float | None]]
    ) -> None:
        super().__init__(ngettext("Paste {n} value", "Paste {n} values", len(cells)).format(n=integer(len(cells))))
        self.indicator_id, self.cells = indicator_id, cells
        self._old: list[float | None] = []

    def _write(self, session: Session, values: list[float | None]) -> list[float | None]:
        indicator_id = self.resolve(INDICATOR, self.indicator_id)
        old = []
        for (year, (sex, age, province), _new), value in zip(self.cells, values, strict=True):
            old.append(ind_svc.set_value(session, indicator_id, year, value, sex=sex, age_group=age, province=province))
        return old

    def apply(self, session: Session) -> None:
        self._old = self._write(session, [value for _y, _s, value in self.cells])

    def revert(self, session: Session) -> None:
        # in reverse order, so that a cell pasted twice gets its first value back
        self.cells.reverse()
        try:
            self._write(session, list(reversed(self._old)))
        finally:
            self.cells.reverse()

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators([self.resolve(INDICATOR, self.indicator_id)])


class LinkIndicator(StoreCommand):
    """Link an indicator to a recommendation (``rec_id``) or an action (``action_id``), or unlink it."""

    def __init__(
        self, indicator_id: int, *, rec_id: int | None = None, action_id: int | None = None, link: bool = True
    ) -> None:
        super().__init__(_("Link indicator") if link else _("Unlink indicator"))
        self.indicator_id, self.rec_id, self.action_id, self.link = indicator_id, rec_id, action_id, link
        self._changed = False

    def _set(self, session: Session, linked: bool) -> None:
        indicator_id = self.resolve(INDICATOR, self.indicator_id)
        if self.rec_id is not None:
            ind_svc.link_recommendation(session, indicator_id, self.rec_id, linked)
        elif self.action_id is not None:
            ind_svc.link_action(session, indicator_id, self.action_id, linked)

    def apply(self, session: Session) -> None:
        info = ind_svc.indicator_info(session, self.resolve(INDICATOR, self.indicator_id))
        now = self.rec_id in info.recommendations if self.rec_id is not None else self.action_id in info.actions
        self._changed = now != self.link
        if self._changed:
            self._set(session, self.link)

    def revert(self, session: Session) -> None:
        if self._changed:
            self._set(session, not self.link)

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators([self.resolve(INDICATOR, self.indicator_id)])


class DeleteIndicator(StoreCommand):
    def __init__(self, indicator_id: int, name: str) -> None:
        super().__init__(_("Delete indicator “{name}”").format(name=name))
        self.indicator_id = indicator_id
        self._snapshot: IndicatorInfo | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = delete_indicator_recorded(session, self.resolve(INDICATOR, self.indicator_id))

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        self.remap(INDICATOR, self._snapshot.id, restore_indicator(session, self._snapshot))

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators()


class MergeIndicators(StoreCommand):
    def __init__(self, keep_id: int, duplicate_id: int, keep_name: str, duplicate_name: str) -> None:
        super().__init__(_("Merge “{duplicate}” into “{keep}”").format(duplicate=duplicate_name, keep=keep_name))
        self.keep_id, self.duplicate_id = keep_id, duplicate_id
        self._record: IndicatorMerge | None = None

    def apply(self, session: Session) -> None:
        self._record = merge_indicators(
            session, self.resolve(INDICATOR, self.keep_id), self.resolve(INDICATOR, self.duplicate_id)
        )

    def revert(self, session: Session) -> None:
        assert self._record is not None
        self.remap(INDICATOR, self._record.duplicate.id, undo_indicator_merge(session, self._record))

    def announce(self, events: StoreEvents) -> None:
        events.announce_indicators()
