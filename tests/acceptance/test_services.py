"""Use cases: documents, recommendations, actions and links, both sides' assessments, indicators, search."""

from __future__ import annotations

import datetime as dt

import pytest

from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import indicators as ind_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.documents import create_document, get_document, list_documents, update_document
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.recommendation_queries import (
    RecommendationFilter,
    get_recommendation_info,
    list_recommendations,
)
from crc_reporter.services.search import search_action_ids, search_recommendation_ids
from crc_reporter.store.engine import Store

CO = "CRC/C/XMP/CO/5-6"


@pytest.fixture
def seeded(store: Store) -> dict[str, int]:
    with store.session() as s:
        create_document(s, CO, date="2023-06-30", next_report_due="2028-07-01")
        moj = actor_svc.create_actor(s, "Ministry of Justice", "government", short_name="MoJ")
        cjn = actor_svc.create_actor(s, "Child Justice Network", "coalition")
        r1 = rec_svc.create_recommendation(
            s,
            CO,
            50,
            "The Committee urges the State party to: (a) end pre-trial detention beyond two months; (b) expand diversion.",
            cluster="special_protection",
            articles=["37(b)", "40"],
            urgent=True,
            parts=[("a", "end pre-trial detention beyond two months"), ("b", "expand diversion")],
            previous=[("CRC/C/XMP/CO/3-4", 21)],
            sdg_targets=["16.3"],
            themes=["Juvenile justice"],
            responsible=["Ministry of Justice"],
        )
        r2 = rec_svc.create_recommendation(
            s,
            CO,
            21,
            "The Committee recommends free and universal birth registration.",
            cluster="civil_rights",
            articles=["7"],
            sdg_targets=["16.9"],
        )
        return {"moj": moj.id, "cjn": cjn.id, "r1": r1.id, "r2": r2.id}


def test_document_defaults_come_from_symbol(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        doc = get_document(s, "crc/c/xmp/co/5\u20136")
    assert (doc.treaty, doc.type, doc.country, doc.paragraphs) == ("CRC", "concluding_observations", "XMP", 2)
    assert doc.next_report_due == dt.date(2028, 7, 1)


def test_state_report_gets_the_periodic_word_limit(store: Store) -> None:
    with store.session() as s:
        create_document(s, "CRC/C/XMP/5-6")
        assert [d.word_limit for d in list_documents(s)] == [21200]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"symbol": "not a symbol"}, "not a document symbol"),
        ({"symbol": CO}, "already exists"),
        ({"symbol": "CRC/C/XMP/CO/7", "date": "31/12/2023"}, "YYYY-MM-DD"),
        ({"symbol": "CRC/C/XMP/CO/7", "treaty": "ICCPR"}, "not a valid treaty"),
    ],
)
def test_bad_documents_are_refused(store: Store, seeded: dict[str, int], kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message), store.session() as s:
        create_document(s, **kwargs)


def test_update_document_returns_previous_values(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        previous = update_document(s, CO, next_report_word_limit=10700, date="2023-07-01")
    assert previous == {"next_report_word_limit": 21200, "date": dt.date(2023, 6, 30)}


def test_recommendation_details_round_trip(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        info = get_recommendation_info(s, seeded["r1"])
    assert info is not None
    assert info.document == CO and info.number == 50 and info.urgent
    assert [p.label for p in info.parts] == ["a", "b"]
    assert info.articles == ("37(b)", "40")
    assert info.previous[0].document == "CRC/C/XMP/CO/3-4" and info.previous[0].paragraph == 21
    assert info.sdg_targets == ("16.3",) and info.themes == ("Juvenile justice",)
    assert info.responsible == ("Ministry of Justice",)


def test_duplicate_paragraph_and_bad_cluster_refused(store: Store, seeded: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="already has a paragraph 50"), store.session() as s:
        rec_svc.create_recommendation(s, CO, 50, "text")
    with pytest.raises(ValidationError, match="not a valid cluster"), store.session() as s:
        rec_svc.create_recommendation(s, CO, 60, "text", cluster="sports")


def test_update_marks_user_edit_and_returns_previous(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        prev = rec_svc.update_recommendation(s, seeded["r2"], cluster="general_principles", urgent=True)
        assert prev == {"cluster": "civil_rights", "urgent": False}
        assert rec_svc.recommendation_by_id(s, seeded["r2"]).user_edited


def test_filters(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:

        def numbers(**kw: object) -> list[int]:
            return sorted(r.number for r in list_recommendations(s, RecommendationFilter(**kw)))  # type: ignore[arg-type]

        assert numbers() == [21, 50]
        assert numbers(urgent=True) == [50]
        assert numbers(cluster="civil_rights") == [21]
        assert numbers(tag="16.9") == [21]
        assert numbers(responsible="Ministry of Justice") == [50]
        assert numbers(treaty="OPAC") == []
        assert numbers(query="diversion") == [50]
        assert numbers(query="regist") == [21]  # prefix search, as the user types
        assert numbers(government_status="not_assessed") == [21, 50]


def test_search_ignores_query_syntax(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        for nasty in ['"', "AND OR", "detention*)", "NEAR(", "^", "::"]:
            search_recommendation_ids(s, nasty)  # never raises
        assert search_recommendation_ids(s, "   ") == []


def test_action_link_and_counts(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        action = action_svc.create_action(
            s,
            "Diversion programme for 1,000 children",
            actor_id=seeded["moj"],
            action_type="programme",
            status="ongoing",
            start_date="2021-01-01",
            end_date="2024-12-31",
            sources=[("Annual report", None)],
        )
        rec = rec_svc.recommendation_by_id(s, seeded["r1"])
        action_svc.link_action(s, action.id, rec.id, rec.parts[1].id)
        action_svc.link_action(s, action.id, rec.id, rec.parts[1].id)  # twice is harmless
        action_svc.link_action(s, action.id, rec.id)
        info = action_svc.action_info(s, action.id)
        assert [(ln.paragraph, ln.part) for ln in info.links] == [(50, None), (50, "b")] or [
            (ln.paragraph, ln.part) for ln in info.links
        ] == [(50, "b"), (50, None)]
        assert get_recommendation_info(s, rec.id).action_count == 1  # type: ignore[union-attr]
        overdue = action_svc.list_actions(s, action_svc.ActionFilter(overdue_on=dt.date(2025, 1, 1)))
        assert [a.id for a in overdue] == [action.id]
        assert search_action_ids(s, "diversion") == [action.id]
        assert action_svc.unlink_action(s, action.id, rec.id)
        assert not action_svc.unlink_action(s, action.id, rec.id)


def test_action_validation(store: Store, seeded: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="cannot end before"), store.session() as s:
        action_svc.create_action(s, "x", start_date="2024-01-01", end_date="2023-01-01")
    with pytest.raises(ValidationError, match="not a valid action status"), store.session() as s:
        action_svc.create_action(s, "x", status="done")
    with pytest.raises(NotFoundError), store.session() as s:
        action_svc.link_action(s, 999, seeded["r1"])


def test_confidential_actions_can_be_left_out(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        action_svc.create_action(s, "Public")
        action_svc.create_action(s, "Interviews with detained children", confidential=True)
        titles = [a.title for a in action_svc.list_actions(s, action_svc.ActionFilter(include_confidential=False))]
    assert titles == ["Public"]


def test_both_sides_kept_side_by_side_with_history(store: Store, seeded: dict[str, int]) -> None:
    r1 = seeded["r1"]
    with store.session() as s:
        assess_svc.record_assessment(
            s, r1, "government", "partially_implemented", assessed_on="2024-01-10", assessor_id=seeded["moj"]
        )
        assess_svc.record_assessment(
            s,
            r1,
            "civil_society",
            "not_implemented",
            assessed_on="2024-02-01",
            assessor_id=seeded["cjn"],
            note="Detention figures unchanged",
        )
        assess_svc.record_assessment(s, r1, "government", "implemented", assessed_on="2025-03-01")
        assess_svc.record_assessment(s, r1, "civil_society", "in_progress", assessed_on="2025-01-01", part="a")
        info = get_recommendation_info(s, r1)
        history = assess_svc.assessment_history(s, r1)
    assert info is not None
    assert (info.government_status, info.civil_society_status) == ("implemented", "not_implemented")
    assert [(a.side, a.status) for a in history] == [
        ("government", "partially_implemented"),
        ("civil_society", "not_implemented"),
        ("civil_society", "in_progress"),
        ("government", "implemented"),
    ]
    assert history[1].assessor == "Child Justice Network" and history[1].recorded_by == store.user
    assert history[2].part_label == "a"


def test_assessment_validation(store: Store, seeded: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="side"), store.session() as s:
        assess_svc.record_assessment(s, seeded["r1"], "donor", "implemented")
    with pytest.raises(ValidationError, match="future"), store.session() as s:
        assess_svc.record_assessment(s, seeded["r1"], "government", "implemented", assessed_on="2999-01-01")
    with pytest.raises(NotFoundError, match="no part"), store.session() as s:
        assess_svc.record_assessment(s, seeded["r1"], "government", "implemented", part="z")


def test_indicator_time_series_with_disaggregation(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        ind = ind_svc.create_indicator(s, "Children in detention", unit="children", source="UNICEF")
        for year, value in [(2006, 493), (2007, 630), (2009, 826)]:
            ind_svc.set_value(s, ind.id, year, value)
        ind_svc.set_value(s, ind.id, 2009, 80, sex="female")
        assert ind_svc.set_value(s, ind.id, 2007, 631) == 630
        ind_svc.link_recommendation(s, ind.id, seeded["r1"])
        info = ind_svc.indicator_info(s, ind.id)
        assert [(v.year, v.value, v.sex) for v in info.values] == [
            (2006, 493.0, None),
            (2007, 631.0, None),
            (2009, 826.0, None),
            (2009, 80.0, "female"),
        ]
        assert ind_svc.list_indicators(s, rec_id=seeded["r1"])[0].name == "Children in detention"
        with pytest.raises(ValidationError, match="plausible year"):
            ind_svc.set_value(s, ind.id, 20, 1)


def test_merge_duplicate_actors(store: Store, seeded: dict[str, int]) -> None:
    with store.session() as s:
        dup = actor_svc.create_actor(s, "Min. of Justice", "government")
        action_id = action_svc.create_action(s, "Juvenile justice law", actor_id=dup.id).id
        rec_svc.set_responsible(s, seeded["r2"], [dup.id])
        actor_svc.merge_actors(s, seeded["moj"], dup.id)
    with store.session() as s:
        assert [a.name for a in actor_svc.list_actors(s, "government")] == ["Ministry of Justice"]
        assert action_svc.action_info(s, action_id).actor == "Ministry of Justice"
        assert get_recommendation_info(s, seeded["r2"]).responsible == ("Ministry of Justice",)  # type: ignore[union-attr]
