"""Issue 19, item 6: the questions and proposed recommendations a coalition enters, per paragraph or cluster."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crc_reporter.services import coalition_inputs as ci
from crc_reporter.services.common import document_by_symbol, recommendation_by_ref
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.engine import Store
from tests.exchange_support import export, merge, open_taking_unsigned
from tests.unit.reports.conftest import CO, body_text, open_docx, write

QUESTION = "How many children were held in pre-trial detention in {year}, by province and sex?"


def _lines_after(text: str, heading: str) -> list[list[str]]:
    """For each occurrence of a heading in the body, the lines up to the next heading of the same list pair."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line == heading:
            block = []
            for following in lines[i + 1 :]:
                if following in ("Proposed recommendations", "Suggested questions for the list of issues"):
                    break
                if not following[:1].isdigit():
                    break
                block.append(following)
            out.append(block)
    return out


def test_entries_per_paragraph_and_cluster_print_numbered_in_their_cluster(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        rec = recommendation_by_ref(session, CO, 12)
        doc_id = document_by_symbol(session, CO).id
        first = ci.add_entry(session, "question", QUESTION.format(year=2024), rec_id=rec.id)
        ci.add_entry(session, "question", "  What budget   is allocated? ", rec_id=rec.id)
        ci.add_entry(
            session,
            "recommendation",
            "Adopt the Child Protection Law by 2027.",
            document_id=doc_id,
            cluster=rec.cluster,
        )
        cluster = rec.cluster
    assert first.paragraph == 12 and first.cluster == cluster
    text = body_text(open_docx(write(demo_store, tmp_path, "alternative").path))  # type: ignore[arg-type]
    blocks = [b for b in _lines_after(text, "Suggested questions for the list of issues") if b]
    assert blocks == [
        [
            f"1. {QUESTION.format(year=2024)} (paragraph 12)",
            "2. What budget is allocated? (paragraph 12)",  # spaces people type are tidied
        ]
    ]
    assert [b for b in _lines_after(text, "Proposed recommendations") if b] == [
        ["1. Adopt the Child Protection Law by 2027."]
    ]
    # the per-paragraph placeholders are gone; a cluster without entries keeps a place to type them
    assert "[Questions the Committee could ask the Government during the dialogue.]" in text
    assert text.count("Suggested questions for the list of issues") >= 8


def test_a_selection_leaves_out_entries_of_paragraphs_not_in_the_report(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        ci.add_entry_by_ref(session, "question", "Question on paragraph twelve?", CO, paragraph=12)
        ci.add_entry_by_ref(session, "question", "Question on paragraph thirteen?", CO, paragraph=13)
    text = body_text(
        open_docx(write(demo_store, tmp_path, "alternative", paragraphs=(13,)).path)  # type: ignore[arg-type]
    )
    assert "Question on paragraph thirteen?" in text and "Question on paragraph twelve?" not in text


def test_french_draft_prints_french_headings(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        ci.add_entry_by_ref(session, "recommendation", "Relever l'âge minimum.", CO, cluster="special_protection")
    text = body_text(open_docx(write(demo_store, tmp_path, "alternative", lang="fr").path))  # type: ignore[arg-type]
    assert "Recommandations proposées" in text and "Proposed recommendations" not in text
    assert "1. Relever l'âge minimum." in text


def test_edit_delete_restore_and_errors(demo_store: Store) -> None:
    with demo_store.session() as session:
        rec = recommendation_by_ref(session, CO, 12)
        entry = ci.add_entry(session, "question", "First wording?", rec_id=rec.id)
        assert ci.update_entry(session, entry.id, "Second wording?") == "First wording?"
        deleted = ci.delete_entry(session, entry.id)
        assert deleted.text == "Second wording?" and ci.entries_for_recommendation(session, rec.id) == []
        back = ci.restore_entry(session, deleted)
        assert (back.uuid, back.text, back.paragraph) == (entry.uuid, "Second wording?", 12)
        with pytest.raises(ValidationError):
            ci.add_entry(session, "question", "   ", rec_id=rec.id)
        with pytest.raises(ValidationError):
            ci.add_entry(session, "question", "x" * (ci.MAX_TEXT + 1), rec_id=rec.id)
        with pytest.raises(ValidationError):
            ci.add_entry(session, "opinion", "Text", rec_id=rec.id)
        with pytest.raises(ValidationError):
            ci.add_entry_by_ref(session, "question", "Text", CO, cluster="no_such_cluster")
        with pytest.raises(NotFoundError):
            ci.add_entry_by_ref(session, "question", "Text", CO, paragraph=9999)
        with pytest.raises(NotFoundError):
            ci.update_entry(session, 9999, "Text")
        assert [e.text for e in ci.entries_for_recommendation(session, rec.id)] == ["Second wording?"]


def test_entries_travel_in_exchange_packages(demo_store: Store, tmp_path: Path) -> None:
    other_path = tmp_path / "other.sqlite"
    demo_store.close()
    shutil.copy(Path(str(demo_store.engine.url.database)), other_path)
    mine = open_taking_unsigned(Path(str(demo_store.engine.url.database)), user="mine")
    theirs = open_taking_unsigned(other_path, user="theirs")
    try:
        with theirs.session() as session:
            ci.add_entry_by_ref(session, "question", "Asked on the other laptop?", CO, paragraph=12)
            ci.add_entry_by_ref(session, "recommendation", "Proposed on the other laptop.", CO, cluster="education")
        merge(mine, export(theirs, tmp_path / "p.crcx"))
        with mine.session() as session:
            got = ci.entries_for_document(session, document_by_symbol(session, CO).id)
        assert [(e.kind, e.paragraph, e.cluster, e.text) for e in got] == [
            ("question", 12, "general_measures", "Asked on the other laptop?"),
            ("recommendation", None, "education", "Proposed on the other laptop."),
        ]
    finally:
        mine.close()
        theirs.close()


def test_state_report_paragraphs_are_cited_by_cluster_and_by_citation(demo_store: Store, tmp_path: Path) -> None:
    from crc_reporter.services.documents import create_document
    from crc_reporter.services.recommendations import create_recommendation
    from crc_reporter.services.state_report_refs import state_report_refs

    state = "CRC/C/XMP/7"
    with demo_store.session() as session:
        before = state_report_refs(session, document_by_symbol(session, CO).id)
        create_document(session, state, doc_type="state_report", country="XMP", date="2028-09-01")
        texts = [
            (5, "general_measures", "The Law on the Protection of the Rights of the Child was drafted."),
            (6, "general_measures", f"In reply to the Committee's recommendation ({CO}, paras. 12 and 14), a bill…"),
            (40, "special_protection", "Juvenile justice: pre-trial detention is used less."),
            (41, None, f"See also {CO}, paragraph 52."),
        ]
        for number, cluster, text in texts:
            create_recommendation(session, state, number, text, cluster=cluster)
        refs = state_report_refs(session, document_by_symbol(session, CO).id)
    assert before is None  # the demo's State report (5-6) has no paragraphs imported
    assert refs is not None and refs.symbol == state
    assert refs.by_cluster == {"general_measures": (5, 6), "special_protection": (40,)}
    assert refs.by_paragraph == {12: (6,), 14: (6,), 52: (41,)}
    text = body_text(open_docx(write(demo_store, tmp_path, "alternative").path))  # type: ignore[arg-type]
    assert f"The State party report ({state}) deals with this cluster in paras. 5 and 6." in text
    assert f"The State party report ({state}) deals with this cluster in para. 40." in text
    assert f"The State party report ({state}) refers to this paragraph in para. 6." in text
    assert f"The State party report ({state}) refers to this paragraph in para. 41." in text
