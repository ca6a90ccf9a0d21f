"""Replies to the demo's lists of issues: the simplified procedure's list (the periodic report, 21,200 words)
and a standard list of issues (written replies, 10,700 words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crc_reporter.cli import main
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store.engine import Store
from tests.conftest import copy_store

DEMO_LOIPR = "CRC/C/XMP/QPR/7"
DEMO_LOI = "CRC/C/XMP/Q/5-6"


def test_demo_lists_of_issues_hold_their_questions(demo_store: Store) -> None:
    with demo_store.session() as session:
        questions = list_recommendations(session, RecommendationFilter(document=DEMO_LOIPR))
        standard = list_recommendations(session, RecommendationFilter(document=DEMO_LOI))
    assert len(questions) >= 10 and len(standard) >= 5
    assert [q.number for q in sorted(questions, key=lambda q: q.number)] == list(range(1, len(questions) + 1))
    assert any(q.parts for q in questions)  # sub-items (a), (b)…
    cited = {(p.document, p.paragraph) for q in questions for p in q.previous}
    assert ("CRC/C/XMP/CO/5-6", 56) in cited and all(doc == "CRC/C/XMP/CO/5-6" for doc, _n in cited)


@pytest.mark.parametrize(("symbol", "limit"), [(DEMO_LOIPR, "of 21,200"), (DEMO_LOI, "of 10,700")])
def test_report_loipr_on_the_demo_prints_its_limit(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], symbol: str, limit: str
) -> None:
    db = str(copy_store(demo_template, tmp_path / "cli.sqlite"))
    out = tmp_path / "replies.docx"
    code = main(["--db", db, "report", "loipr", "--document", symbol, "--out", str(out), "--no-contents-pages"])
    printed = capsys.readouterr().out
    assert code == 0 and limit in printed and out.stat().st_size > 5_000


def test_replies_titles_follow_the_un_pattern(demo_store: Store) -> None:
    from crc_reporter.reports import ReportOptions
    from crc_reporter.reports.language import ReportLanguage
    from crc_reporter.reports.loipr_replies import gather, title

    def title_of(symbol: str, lang: str = "en") -> str:
        with demo_store.session() as session:
            data = gather(session, ReportOptions(kind="loipr", document=symbol))
        return title(data, ReportLanguage(lang))

    assert title_of(DEMO_LOIPR) == (
        "Seventh periodic report submitted by the Republic of Xamplia under article 44 of the Convention "
        "pursuant to the simplified reporting procedure, due in 2028"
    )
    assert title_of(DEMO_LOI) == (
        "Replies of the Republic of Xamplia to the list of issues in relation to its combined fifth and sixth "
        "periodic reports"
    )
    assert title_of(DEMO_LOIPR, "fr").startswith("Septième rapport périodique soumis par")
    assert title_of(DEMO_LOI, "fr").startswith("Réponses de")


def _text(path: Path) -> str:
    from tests.unit.reports.conftest import body_text, open_docx

    return body_text(open_docx(path))


def test_questions_answered_with_the_actions_of_the_paragraphs_they_cite(demo_store: Store, tmp_path: Path) -> None:
    from tests.unit.reports.conftest import headings, open_docx, write

    result = write(demo_store, tmp_path, "loipr", document=DEMO_LOIPR)
    text = _text(result.path)  # type: ignore[arg-type]
    question_10 = text[
        text.index("With reference to the Committee's previous recommendations (CRC/C/XMP/CO/5-6, paras. 56") :
    ]
    # the actions linked to CO/5-6 para. 56 are carried over to the question that cites it, not re-entered
    assert "Follow-up to paragraph 56 of CRC/C/XMP/CO/5-6 (Administration of child justice)" in question_10
    assert question_10.index("Drafting of the Juvenile Justice Law") < question_10.index("New developments")
    chapters = headings(open_docx(result.path), 1)  # type: ignore[arg-type]
    assert chapters[-2:] == ["IX. New developments", "X. Data, statistics and other information"]
    part_2 = text[text.rindex("New developments") :]
    assert "Drafting of the Juvenile Justice Law. See the reply to paragraph 10." in part_2  # once, then referred to
    part_3 = text[text.rindex("Data, statistics and other information") :]
    captions = [line for line in text.splitlines() if line.startswith("Table ")]
    assert len(captions) == len(set(captions)) >= 4 and all(
        c in part_3 for c in captions
    )  # each table once, in part III
    assert "Table 1. Birth registration rate of children under 5" in part_3  # numbered as question 4 cites it first
    assert "Data: table 1 in part III." in text


def test_cited_paragraphs_missing_confidential_or_of_other_actors(demo_store: Store, tmp_path: Path) -> None:
    from crc_reporter.services.actions import ActionFilter, list_actions, update_action
    from crc_reporter.services.common import recommendation_by_ref
    from crc_reporter.store.models import PreviousReference
    from tests.unit.reports.conftest import write

    with demo_store.session() as session:
        question = recommendation_by_ref(session, DEMO_LOIPR, 3)
        session.add(PreviousReference(recommendation_id=question.id, symbol="CRC/C/XMP/CO/9", paragraph=4))
        session.flush()
        drafting = next(
            a for a in list_actions(session, ActionFilter()) if a.title == "Drafting of the Juvenile Justice Law"
        )
        update_action(session, drafting.id, confidential=True)
    text = _text(write(demo_store, tmp_path, "loipr", document=DEMO_LOIPR).path)  # type: ignore[arg-type]
    assert "[Paragraph 4 of CRC/C/XMP/CO/9 is not in this store" in text
    assert "Drafting of the Juvenile Justice Law" not in text
    shown = write(demo_store, tmp_path, "loipr", name="all.docx", document=DEMO_LOIPR, include_confidential=True)
    assert "Drafting of the Juvenile Justice Law. Ministry of Justice." in _text(shown.path)  # type: ignore[arg-type]
    unicef = write(demo_store, tmp_path, "loipr", name="u.docx", document=DEMO_LOIPR, actors=("UNICEF Xamplia",))
    text = _text(unicef.path)  # type: ignore[arg-type]
    assert "Mobile birth registration in the Northern Highlands" in text and "Ministry of Interior" not in text
