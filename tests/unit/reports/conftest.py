"""Report fixtures: the demo store with a list of issues prior to reporting added, and readers for .docx files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from crc_reporter.reports import ReportOptions, ReportResult, generate_report
from crc_reporter.services.actions import create_action, link_action
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.documents import create_document
from crc_reporter.services.recommendations import create_recommendation
from crc_reporter.store.engine import Store

CO = "CRC/C/XMP/CO/5-6"
LOIPR = "CRC/C/XMP/QPR/7-8"
QUESTIONS = [
    (
        1,
        "general_measures",
        "Please provide information on the status of the draft Law on the Protection of the "
        "Rights of the Child and its expected date of adoption.",
        [],
    ),
    (
        2,
        "general_measures",
        "Please indicate the measures taken to:",
        [
            ("a", "Strengthen the mandate of the National Committee for Children's Rights"),
            ("b", "Allocate resources for child protection in the national budget"),
        ],
    ),
    (
        3,
        "special_protection",
        "Please describe progress in the adoption of the Juvenile Justice Law and the use of "
        "pre-trial detention for children.",
        [],
    ),
    (4, None, "Please provide updated statistical data, disaggregated by age and sex, on children in detention.", []),
]


def add_loipr(store: Store) -> None:
    """A list of issues prior to reporting with four questions and one linked action."""
    with store.session() as session:
        create_document(
            session,
            LOIPR,
            title="List of issues prior to submission of the combined seventh and eighth periodic reports of the "
            "Republic of Xamplia",
            date="2025-02-07",
        )
        for number, cluster, text, parts in QUESTIONS:
            create_recommendation(session, LOIPR, number, text, kind="other", cluster=cluster, parts=parts)
        action = create_action(
            session,
            "Consultation on the draft Juvenile Justice Law",
            status="completed",
            start_date="2024-03-01",
            end_date="2024-04-30",
            sources=[("Ministry of Justice, consultation report (2024)", None)],
        )
        question = recommendation_by_ref(session, LOIPR, 3)
        link_action(session, action.id, question.id)


@pytest.fixture
def loipr_store(demo_store: Store) -> Iterator[Store]:
    add_loipr(demo_store)
    yield demo_store


def write(store: Store, tmp_path: Path, kind: str, name: str | None = None, **options: object) -> ReportResult:
    document = str(options.pop("document", LOIPR if kind == "loipr" else CO))
    out = tmp_path / (name or f"{kind}.docx")
    with store.session() as session:
        return generate_report(session, ReportOptions(kind=kind, document=document, out=out, **options))  # type: ignore[arg-type]


def body_text(document: DocxDocument) -> str:
    """All text of the body, including tables and content controls (python-docx skips the latter)."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p")))


def headings(document: DocxDocument, level: int) -> list[str]:
    name = f"Heading {level}"
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == name]


def open_docx(path: Path) -> DocxDocument:
    return docx.Document(str(path))
