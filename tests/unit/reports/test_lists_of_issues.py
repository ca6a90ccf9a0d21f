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
