"""The table models' id index, built in C for plain records, agrees with the general one."""

from __future__ import annotations

from dataclasses import dataclass

from crc_reporter.ui.models.base import Column, RecordTableModel


@dataclass(frozen=True)
class _Row:
    id: int
    name: str


class _Plain(RecordTableModel[_Row]):
    columns = (Column("Name", lambda r: r.name),)


class _Keyed(_Plain):
    @staticmethod
    def record_id(record: _Row) -> str:
        return record.name


def test_rows_are_found_by_id_after_every_reset() -> None:
    rows = [_Row(i, f"n{i}") for i in range(2000, 0, -1)]
    plain, keyed = _Plain(), _Keyed()
    for model in (plain, keyed):
        model.set_rows(rows)
    assert all(plain.row_of(r.id) == i and keyed.row_of(r.name) == i for i, r in enumerate(rows))
    plain.set_rows(rows[::3])
    assert plain.row_of(rows[3].id) == 1 and plain.row_of(rows[1].id) is None
