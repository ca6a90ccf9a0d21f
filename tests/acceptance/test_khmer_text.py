"""Khmer text in data, on SQLite and PostgreSQL: a translation beside each paragraph, found by search.

Khmer writes no spaces between words, so a word sits inside a long run of
letters; a word index (FTS5 ``unicode61``, PostgreSQL's 'simple' parser) sees
one token per run and cannot find it. These tests search for words from the
middle of sentences.
"""

from __future__ import annotations

import pytest

from crc_reporter.services import actions as action_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.documents import create_document
from crc_reporter.services.errors import EditConflictError, ValidationError
from crc_reporter.services.recommendation_queries import (
    RecommendationFilter,
    get_recommendation_info,
    list_recommendations,
)
from crc_reporter.services.search import search_action_ids, search_recommendation_ids
from crc_reporter.store.engine import Store

CO = "CRC/C/XMP/CO/5-6"
#: "The Committee recommends that the State party strengthen the justice system for children" (no spaces inside)
SENTENCE = "គណៈកម្មាធិការផ្តល់អនុសាសន៍ឱ្យរដ្ឋភាគីពង្រឹងប្រព័ន្ធយុត្តិធម៌សម្រាប់កុមារ"
OTHER = "គណៈកម្មាធិការស្នើឱ្យរដ្ឋភាគីបង្កើនការចុះបញ្ជីកំណើតដោយឥតគិតថ្លៃ"  # birth registration


@pytest.fixture
def paragraphs(store: Store) -> dict[str, int]:
    with store.session() as s:
        create_document(s, CO, date="2023-06-30")
        justice = rec_svc.create_recommendation(
            s, CO, 56, "The Committee urges the State party to reform child justice."
        )
        births = rec_svc.create_recommendation(s, CO, 24, "The Committee recommends free birth registration.")
        english = rec_svc.create_recommendation(s, CO, 30, "The Committee recommends ending corporal punishment.")
        rec_svc.set_translation(s, justice.id, SENTENCE, "km")
        rec_svc.set_translation(s, births.id, OTHER, "km")
        return {"justice": justice.id, "births": births.id, "english": english.id}


def test_translation_is_stored_beside_the_text(store: Store, paragraphs: dict[str, int]) -> None:
    with store.session() as s:
        info = get_recommendation_info(s, paragraphs["justice"])
        assert info is not None
        assert (info.translation, info.translation_lang) == (SENTENCE, "km")
        assert info.text.startswith("The Committee urges")  # the Committee's text stays as adopted
        previous = rec_svc.set_translation(s, paragraphs["justice"], "  ", "km")  # empty text clears both
        assert previous == {"translation": SENTENCE, "translation_lang": "km"}
        cleared = get_recommendation_info(s, paragraphs["justice"])
        assert cleared is not None and (cleared.translation, cleared.translation_lang) == (None, None)


def test_bad_translation_requests_change_nothing(store: Store, paragraphs: dict[str, int]) -> None:
    with store.session() as s, pytest.raises(ValidationError, match="language code"):
        rec_svc.set_translation(s, paragraphs["english"], "ការបកប្រែ", "Khmer!")
    with store.session() as s, pytest.raises(EditConflictError):
        rec_svc.set_translation(s, paragraphs["english"], "ការបកប្រែ", "km", expected_version=99)
    with store.session() as s:
        info = get_recommendation_info(s, paragraphs["english"])
        assert info is not None and info.translation is None


@pytest.mark.parametrize(
    "word",
    [
        "ប្រព័ន្ធ",  # "system", in the middle of the sentence
        "យុត្តិធម៌",  # "justice"
        "យុត្ដិធម៌",  # the same word typed with the subscript da
        "ពង្រឹងប្រព័ន្ធ",  # two words together
        "ឱ្យ",  # three characters: the smallest trigram
        "កុ",  # shorter than a trigram
    ],
)
def test_a_khmer_word_inside_a_sentence_is_found(store: Store, paragraphs: dict[str, int], word: str) -> None:
    with store.session() as s:
        found = set(search_recommendation_ids(s, word))
    assert paragraphs["justice"] in found
    assert paragraphs["english"] not in found


def test_khmer_search_is_selective_and_combines_with_english(store: Store, paragraphs: dict[str, int]) -> None:
    with store.session() as s:
        assert search_recommendation_ids(s, "កំណើត") == [paragraphs["births"]]  # "birth"
        assert search_recommendation_ids(s, "ប្រព័ន្ធ justice") == [paragraphs["justice"]]  # every word must match
        assert search_recommendation_ids(s, "ប្រព័ន្ធ birth") == []
        assert search_recommendation_ids(s, "ដំណាំ") == []  # "crop": in no paragraph
        assert search_recommendation_ids(s, "\u200bប្រព័ន្ធ\u200b") == [paragraphs["justice"]]  # zero-width spaces
        flt = RecommendationFilter(query="យុត្តិធម៌")
        assert [r.id for r in list_recommendations(s, flt)] == [paragraphs["justice"]]


def test_search_follows_edits_of_the_translation(store: Store, paragraphs: dict[str, int]) -> None:
    with store.session() as s:
        rec_svc.set_translation(s, paragraphs["english"], "ការហាមឃាត់ការដាក់ទោសលើរាងកាយ", "km")
        rec_svc.set_translation(s, paragraphs["justice"], None, None)
    with store.session() as s:
        assert search_recommendation_ids(s, "ទោសលើរាងកាយ") == [paragraphs["english"]]
        assert search_recommendation_ids(s, "ប្រព័ន្ធ") == []


def test_a_french_translation_is_found_by_its_words(store: Store, paragraphs: dict[str, int]) -> None:
    with store.session() as s:
        rec_svc.set_translation(
            s, paragraphs["english"], "Le Comité recommande l’abolition des châtiments corporels", "fr"
        )
    with store.session() as s:
        assert search_recommendation_ids(s, "châtiments") == [paragraphs["english"]]
        assert search_recommendation_ids(s, "abolit") == [paragraphs["english"]]  # a prefix, while typing


def test_khmer_words_inside_actions_are_found(store: Store) -> None:
    with store.session() as s:
        action = action_svc.create_action(s, "វគ្គបណ្តុះបណ្តាលចៅក្រមស្តីពីយុត្តិធម៌អនីតិជន", description="ក្រសួងយុត្តិធម៌រៀបចំវគ្គនេះ")
        other = action_svc.create_action(s, "Training of judges on juvenile justice")
    with store.session() as s:
        assert search_action_ids(s, "ចៅក្រម") == [action.id]  # "judges", inside the title
        assert search_action_ids(s, "រៀបចំ") == [action.id]  # inside the description
        assert search_action_ids(s, "judges") == [other.id]
