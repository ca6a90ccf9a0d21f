"""The shortcuts taken for search as you type give the same answers as the general paths."""

from __future__ import annotations

import dataclasses

import pytest

from crc_reporter.services.recommendation_queries import RecommendationFilter
from crc_reporter.services.recommendation_rows import _narrows, filter_rows, recommendation_rows
from crc_reporter.services.search import recommendation_match, search_recommendation_ids
from crc_reporter.store.engine import Store


@pytest.mark.parametrize(
    "query",
    # Latin prefixes; Khmer words of one, two and three or more characters (LIKE scan or trigram index), both
    # spellings of a subscript; Latin and Khmer mixed (an intersection of the indexes); nothing to search for
    ["c", "child", "juvenile just", "birth regis", "Xamplia", "zzz", "  ", "é \"'"]
    + ["ក", "កុ", "កុមារ", "ស្ដី", "ស្តី", "child កុមារ", "កុមារ ការ", "កុ child", "50% _x"],
)
def test_ids_read_from_the_driver_are_the_query_s(demo_store: Store, query: str) -> None:
    with demo_store.session() as s:
        stmt = recommendation_match(s, query)
        expected = [] if stmt is None else list(s.scalars(stmt))
        assert search_recommendation_ids(s, query) == expected


def test_every_filter_but_the_query_makes_rows_be_checked_one_by_one(demo_store: Store) -> None:
    examples = {"urgent": False, "cluster": "none"}
    for field in dataclasses.fields(RecommendationFilter):
        if field.name in ("query", "ids"):
            continue  # applied through the search's ids, before the per-row checks
        flt = RecommendationFilter(**{field.name: examples.get(field.name, "x")})
        assert _narrows(flt), field.name  # a new filter field must be added to _narrows too
    assert not _narrows(RecommendationFilter(query="child"))
    with demo_store.session() as s:
        rows = recommendation_rows(s)
        matching = set(search_recommendation_ids(s, "child"))
        assert filter_rows(rows, RecommendationFilter(query="child"), matching) == [r for r in rows if r.id in matching]
