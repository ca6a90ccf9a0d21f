"""Issue 19, item 4: choosing what goes in a draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crc_reporter.reports import ReportError
from crc_reporter.reports.selection import parse_date, parse_names, parse_paragraphs
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, headings, open_docx, write


def test_parsing_choices() -> None:
    assert parse_paragraphs("12,17-20") == (12, 17, 18, 19, 20)
    assert parse_paragraphs(" 18–20 ") == (18, 19, 20)
    assert parse_names("Ministry of Justice, MoJ,,") == ("Ministry of Justice", "MoJ")
    assert parse_date("2024-01-31") == dt.date(2024, 1, 31)
    for bad in ("12,x", "20-18", "1-99999"):
        with pytest.raises(ReportError):
            parse_paragraphs(bad)
    with pytest.raises(ReportError):
        parse_date("31/01/2024")


def test_one_cluster_only(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state", clusters=("special_protection",))
    doc = open_docx(result.path)
    chapters = headings(doc, 1)
    assert chapters[0] == "I. Introduction" and chapters[1].startswith("II. Special protection measures")
    assert len(chapters) == 4 and all(c.startswith("Annex") for c in chapters[2:])  # no other cluster, no OPs
    assert [b.title.split(" (")[0] for b in result.budget] == ["Special protection measures"]
    everything = write(demo_store, tmp_path, "state", name="all.docx")
    assert result.words < everything.words / 2


def test_paragraphs_actors_and_period(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", paragraphs=(56, 57)).path)
    assert [h for h in headings(doc, 3)] == ["Paragraph 56", "Paragraph 57"]
    full = body_text(open_docx(write(demo_store, tmp_path, "state", name="f.docx", paragraphs=(56,)).path))
    assert "Drafting of the Juvenile Justice Law" in full
    other = body_text(
        open_docx(
            write(demo_store, tmp_path, "state", name="a.docx", paragraphs=(56,), actors=("Social Affairs",)).path
        )
    )
    assert "Drafting of the Juvenile Justice Law" not in other and "closed juvenile rehabilitation centre" in other
    later = body_text(
        open_docx(
            write(demo_store, tmp_path, "state", name="p.docx", paragraphs=(56,), period_from=dt.date(2025, 1, 1)).path
        )
    )
    assert "Drafting of the Juvenile Justice Law" in later  # still ongoing in the period
    assert "Training of judges and prosecutors" not in later  # completed before it
    assert "Training of judges and prosecutors" in full
    with pytest.raises(ReportError):  # no action of this actor, and not responsible for paragraph 56
        write(demo_store, tmp_path, "state", name="e.docx", paragraphs=(56,), actors=("Ministry of Education",))
    with pytest.raises(ReportError):
        write(demo_store, tmp_path, "state", name="x.docx", clusters=("child_justice",))
    with pytest.raises(ReportError):
        write(demo_store, tmp_path, "state", name="y.docx", paragraphs=(9999,))
