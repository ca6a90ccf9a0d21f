"""What needs attention today (issue 23, item 4): computed for fixed days, counts checked against the demo's data."""

from __future__ import annotations

import datetime as dt
import json

from crc_reporter.domain.attention import AttentionKind, pre_session_deadlines
from crc_reporter.i18n import set_language
from crc_reporter.paths import resource_path
from crc_reporter.services.actors import create_actor
from crc_reporter.services.attention import attention_entries, describe
from crc_reporter.services.documents import create_document
from crc_reporter.store.engine import Store


def _demo() -> dict:
    return json.loads(resource_path("demo", "xamplia.json").read_text(encoding="utf-8"))


def _overdue_in_demo(day: dt.date) -> int:
    return sum(
        1
        for a in _demo()["actions"]
        if a.get("end_date")
        and dt.date.fromisoformat(a["end_date"]) < day
        and a.get("status") in ("planned", "ongoing")
    )


def _by_kind(entries: list) -> dict[AttentionKind, list]:
    found: dict[AttentionKind, list] = {}
    for e in entries:
        found.setdefault(e.kind, []).append(e)
    return found


def test_demo_overdue_actions_and_the_report_due(demo_store: Store) -> None:
    day = dt.date(2027, 9, 1)
    with demo_store.session() as s:
        entries = attention_entries(s, day)
    kinds = _by_kind(entries)
    overdue = kinds[AttentionKind.ACTIONS_OVERDUE][0]
    assert overdue.count == _overdue_in_demo(day) > 0
    assert (overdue.page, overdue.target) == ("actions", {"filters": {"overdue": True}})
    due = kinds[AttentionKind.REPORT_DUE]
    demo_due = {d["next_report_due"] for d in _demo()["documents"] if d["treaty"] == "CRC" and d["next_report_due"]}
    assert len(due) == 1 and due[0].due.isoformat() in demo_due
    assert due[0].days_left == (due[0].due - day).days
    # the list is ordered: what is late before what is coming
    assert entries.index(overdue) < entries.index(due[0])


def test_report_due_only_within_twelve_months(demo_store: Store) -> None:
    with demo_store.session() as s:
        due = dt.date.fromisoformat(
            max(d["next_report_due"] for d in _demo()["documents"] if d["treaty"] == "CRC" and d["next_report_due"])
        )
        before = attention_entries(s, due - dt.timedelta(days=366))
        inside = attention_entries(s, due - dt.timedelta(days=365))
        late = attention_entries(s, due + dt.timedelta(days=10))
    assert AttentionKind.REPORT_DUE not in _by_kind(before)
    assert _by_kind(inside)[AttentionKind.REPORT_DUE][0].days_left == 365
    entry = _by_kind(late)[AttentionKind.REPORT_DUE][0]
    assert entry.days_left == -10 and entry.late


def test_urgent_recommendations_without_action(demo_store: Store) -> None:
    from sqlalchemy import select

    from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
    from crc_reporter.services.recommendation_rows import filter_rows, recommendation_rows
    from crc_reporter.store.models import ActionLink, Document, Recommendation

    with demo_store.session() as s:
        doc = s.scalar(select(Document).where(Document.symbol == "CRC/C/XMP/CO/5-6"))
        assert doc is not None
        urgent = s.scalars(select(Recommendation).where(Recommendation.document_id == doc.id, Recommendation.urgent))
        linked = set(s.scalars(select(ActionLink.recommendation_id)))
        expected = sorted(r.id for r in urgent if r.id not in linked)
        entries = _by_kind(attention_entries(s, dt.date(2027, 1, 1)))[AttentionKind.URGENT_WITHOUT_ACTION]
        assert [(e.document, e.count) for e in entries] == [("CRC/C/XMP/CO/5-6", len(expected))]
        # one paragraph: the entry opens it; more: the urgent list of that document
        target = (
            {"rec_id": expected[0]}
            if len(expected) == 1
            else {"filters": {"document": doc.symbol, "urgent": True, "without_action": True}}
        )
        assert entries[0].target == target
        # the list it opens holds exactly those paragraphs, from the store and from the page's loaded rows
        flt = RecommendationFilter(document=doc.symbol, urgent=True, without_action=True)
        assert [r.id for r in list_recommendations(s, flt)] == expected
        assert sorted(r.id for r in filter_rows(recommendation_rows(s), flt)) == expected
        # an action linked to it settles it
        for rec_id in expected:
            s.add(ActionLink(action_id=s.scalar(select(ActionLink.action_id).limit(1)), recommendation_id=rec_id))
        s.flush()
        assert AttentionKind.URGENT_WITHOUT_ACTION not in _by_kind(attention_entries(s, dt.date(2027, 1, 1)))


def test_dismissed_entries_come_back_when_the_time_is_up(demo_store: Store) -> None:
    day = dt.date(2027, 9, 1)
    with demo_store.session() as s:
        key = attention_entries(s, day)[0].key
        week = {key: day + dt.timedelta(days=7)}
        assert key not in [e.key for e in attention_entries(s, day, week)]
        assert key not in [e.key for e in attention_entries(s, day + dt.timedelta(days=6), week)]
        assert key in [e.key for e in attention_entries(s, day + dt.timedelta(days=7), week)]


def test_pre_session_deadlines_follow_the_calendar() -> None:
    assert pre_session_deadlines(dt.date(2026, 12, 8), 3) == [
        (dt.date(2027, 4, 1), dt.date(2027, 6, 1)),
        (dt.date(2027, 8, 1), dt.date(2027, 10, 1)),
        (dt.date(2027, 12, 1), dt.date(2028, 2, 1)),
    ]
    assert pre_session_deadlines(dt.date(2027, 12, 1), 1) == [(dt.date(2027, 12, 1), dt.date(2028, 2, 1))]


def test_coalition_deadline_once_the_state_report_is_in(store: Store) -> None:
    with store.session() as s:
        create_document(s, "CRC/C/XMP/CO/5-6", date="2023-06-30", next_report_due="2028-07-01")
        assert AttentionKind.ALTERNATIVE_DEADLINE not in _by_kind(attention_entries(s, dt.date(2027, 1, 10)))
        create_actor(s, "Child Justice Network", "coalition")
        s.flush()
        # a coalition, but the State party's next report is not in yet
        assert AttentionKind.ALTERNATIVE_DEADLINE not in _by_kind(attention_entries(s, dt.date(2027, 1, 10)))
        create_document(s, "CRC/C/XMP/7", doc_type="state_report", date="2026-11-20")
        s.flush()
        entries = _by_kind(attention_entries(s, dt.date(2027, 1, 10)))
        # the report came in: no periodic report is due any more, the alternative report is
        assert AttentionKind.REPORT_DUE not in entries
        (entry,) = entries[AttentionKind.ALTERNATIVE_DEADLINE]
        assert (entry.due, entry.session, entry.days_left) == (dt.date(2027, 4, 1), dt.date(2027, 6, 1), 81)
        assert (entry.page, entry.target) == ("reports", {"kind": "alternative"})


def test_entries_in_each_language(demo_store: Store) -> None:
    day = dt.date(2027, 9, 1)
    with demo_store.session() as s:
        entries = attention_entries(s, day)
    try:
        texts = {}
        for lang in ("en", "fr", "km"):
            set_language(lang)
            texts[lang] = [describe(e) for e in entries]
    finally:
        set_language("en")
    overdue = str(_overdue_in_demo(day))
    assert overdue in texts["en"][0] and "past their target date" in texts["en"][0]
    assert "dépassé" in texts["fr"][0] and overdue in texts["fr"][0]
    khmer_digits = overdue.translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))
    assert overdue in texts["km"][0] or khmer_digits in texts["km"][0]
    for lang in ("fr", "km"):
        assert all(a != b for a, b in zip(texts["en"], texts[lang], strict=True)), lang


def test_requests_past_due_until_answered_or_reminded(demo_store: Store) -> None:
    from crc_reporter.domain.follow_up import Answer
    from crc_reporter.services import follow_up as fu

    sent = dt.date(2027, 1, 10)
    with demo_store.session() as s:
        late = fu.create_request(s, "Ministry of Justice", due_on=dt.date(2027, 2, 1), today=sent)
        fu.create_request(s, "Ministry of Health", due_on=dt.date(2027, 3, 1), today=sent)
        s.flush()

        def overdue(day: dt.date) -> int:
            found = _by_kind(attention_entries(s, day)).get(AttentionKind.REQUESTS_OVERDUE, [])
            return found[0].count if found else 0

        assert overdue(dt.date(2027, 2, 1)) == 0  # due today is not late
        assert overdue(dt.date(2027, 2, 2)) == 1
        assert overdue(dt.date(2027, 3, 2)) == 2
        (entry,) = _by_kind(attention_entries(s, dt.date(2027, 3, 2)))[AttentionKind.REQUESTS_OVERDUE]
        assert (entry.page, entry.target) == ("follow_up", {"filters": {"late": True}})
        late.answer = Answer.PARTIAL.value  # partly answered is still late
        s.flush()
        assert overdue(dt.date(2027, 3, 2)) == 2
        late.answer = Answer.FULL.value
        s.flush()
        assert overdue(dt.date(2027, 3, 2)) == 1
        # a reminder replaces the request it reminds of, until it is late itself
        (other,) = [r for r in fu.list_requests(s) if r.recipient == "Ministry of Health"]
        fu.create_reminder(s, other.uuid, due_on=dt.date(2027, 4, 1), today=dt.date(2027, 3, 2))
        s.flush()
        assert overdue(dt.date(2027, 3, 2)) == 0
        assert overdue(dt.date(2027, 4, 2)) == 1
