"""A pasted page or a NUL in the search box (issue 21 finding 12): on both databases, fast and never an error."""

from __future__ import annotations

import time

from crc_reporter.services.search import (
    MAX_TERMS,
    action_match,
    recommendation_match,
    search_action_ids,
    search_recommendation_ids,
)
from crc_reporter.store.engine import Store


def test_a_pasted_page_of_repeated_words_costs_one_word(demo_store: Store) -> None:
    pasted = " ".join(["children"] * 10_000)
    many = " ".join(f"word{i}" for i in range(5_000))
    with demo_store.session() as s:
        wanted = search_recommendation_ids(s, "children")
        assert wanted
        started = time.perf_counter()
        assert search_recommendation_ids(s, pasted) == wanted
        assert search_action_ids(s, pasted) == search_action_ids(s, "children")
        search_recommendation_ids(s, many)
        seconds = time.perf_counter() - started
        for stmt in (recommendation_match(s, many), action_match(s, many)):
            assert stmt is not None
            assert len(stmt.compile().params) <= 3 * MAX_TERMS  # not 5,000 words' worth of conditions
    assert seconds < 5  # 13-15 s per query on PostgreSQL before; a few ms now


def test_a_nul_or_control_character_in_a_search_is_a_separator(demo_store: Store) -> None:
    with demo_store.session() as s:
        both = set(search_recommendation_ids(s, "children")) & set(search_recommendation_ids(s, "rights"))
        assert set(search_recommendation_ids(s, "children\x00rights")) == both
        assert set(search_recommendation_ids(s, "children\x01\x0brights")) == both
        search_action_ids(s, "\x00")  # never a DataError
