"""Text in a received package is cleaned, not refused, and never damages the store (issue 21, 5 for packages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.services import exchange as ex
from crc_reporter.services.exchange.schema import BY_NAME
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Recommendation, Tag
from tests.exchange_forgery import forge, rows
from tests.exchange_support import build_base, export, open_taking_unsigned

DIRTY = "Birth\x00 registration\x0b for all\r\nchildren \ud800 now\x1f"
# Word's line break (\x0b) reads as a space (domain/text.py), the NUL and \x1f go, CR LF is a newline
CLEAN = "Birth registration  for all\nchildren \ufffd now"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Store]:
    a = open_taking_unsigned(tmp_path / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(tmp_path / "b.sqlite", user="bob")
    yield a, b
    a.close()
    b.close()


def _set(body: dict, table: str, field: str, value: object) -> None:  # type: ignore[type-arg]
    body[table][0][4 + list(BY_NAME[table].content_keys).index(field)] = value


def test_control_characters_and_lone_surrogates_are_cleaned_on_the_way_in(
    pair: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = pair
    sent = export(a, tmp_path / "a.crcx")
    body = rows(sent)
    _set(body, "action", "title", DIRTY)
    _set(body, "recommendation", "text", DIRTY * 3)
    tags = next(r for r in body["recommendation"] if r[4 + list(BY_NAME["recommendation"].content_keys).index("tags")])
    index = 4 + list(BY_NAME["recommendation"].content_keys).index("tags")
    tags[index] = [[tags[index][0][0], "jus\ud800tice\x07"]]
    package = forge(sent, tmp_path / "dirty.crcx", records=body)
    with b.session() as session:
        result = ex.merge_package(session, package, backup=False)
    assert result.applied and not result.conflicts
    with b.session() as session:
        titles = set(session.scalars(select(Action.title)))
        texts = set(session.scalars(select(Recommendation.text)))
        tag_values = set(session.scalars(select(Tag.name)))
    assert CLEAN in titles and CLEAN * 3 in texts and "jus\ufffdtice" in tag_values
    assert not any("\x00" in t or "\ud800" in t for t in titles | texts | tag_values)
    # the store can send it all on, and the receiver takes it
    onward = export(b, tmp_path / "onward.crcx")
    assert any(r.data["title"] == CLEAN for r in onward.records["action"])
