"""Issue 18, item 3: lists of issues (prior to reporting), written replies and State party reports."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from crc_reporter.domain.parsed import ParsedDocument
from crc_reporter.importers import load_source
from tests.co_content import Spec, check_against_spec
from tests.co_documents import build_docx, check_conservation, soffice, to_pdf
from tests.loi_content import INSTRUCTIONS, SUBHEADINGS, loipr


@pytest.fixture(scope="module")
def loipr_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Spec, Path]]]:
    folder = tmp_path_factory.mktemp("loipr")
    spec = loipr()
    docx = build_docx(spec, folder / "loipr.docx")
    files = {"docx": (spec, docx)}
    if soffice():
        pdf = to_pdf([docx])[0]
        files["pdf"] = (spec, pdf)
        text = folder / "loipr.txt"
        text.write_text("\n".join(page.extract_text() for page in PdfReader(pdf).pages), encoding="utf-8")
        files["text"] = (spec, text)
    yield files


def _check_loipr(doc: ParsedDocument, spec: Spec) -> None:
    check_against_spec(doc, spec)  # symbol from the header line, questions, parts, cited paragraphs, limit
    assert doc.doc_type == "loipr"
    assert {p.number: p.subheading for p in doc.paragraphs} == SUBHEADINGS
    assert [" ".join(i.split()) for i in doc.instructions] == list(INSTRUCTIONS)
    assert all(p.kind == "other" for p in doc.paragraphs)
    assert not [w for w in doc.warnings if "cluster" in w or "not placed" in w], doc.warnings
    check_conservation(doc, spec)


@pytest.mark.parametrize("form", ["docx", "pdf", "text"])
def test_a_list_of_issues_prior_to_reporting_with_its_symbol_in_the_header_line(
    loipr_files: dict[str, tuple[Spec, Path]], form: str
) -> None:
    if form not in loipr_files:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixture cannot be made")
    spec, path = loipr_files[form]
    _check_loipr(load_source(path).documents[0], spec)


STANDARD_LIST = textwrap.dedent("""\
    United Nations CRC/C/XLM/Q/3-4 Convention on the Rights of the Child Distr.: General
    12 October 2018
    Original: English
    Committee on the Rights of the Child
    List of issues in relation to the combined third and fourth periodic reports of Lumeria
    The State party is requested to submit in writing additional, updated information, if possible
    before 15 December 2018. The Committee may take up all aspects of children's rights set out in the
    Convention during the dialogue with the State party.
    Part I
    In this section the State party is requested to submit its responses to the following questions.
    1. Please explain how the State party ensures that the National Council for Children has the
    resources it needs (CRC/C/XLM/CO/2, paras. 14 and 15).
    2. Please provide information on measures taken to:
    (a) End the detention of children for immigration purposes;
    (b) Ensure access to education for children with disabilities.
    Part II
    In this section, the Committee invites the State party to provide a brief update (no more than
    three pages) on the information presented in its report regarding:
    (a) New bills or laws, and their respective regulations;
    (b) New institutions and their mandates;
    (c) Recent ratifications of human rights instruments.
    Part III
    Data, statistics and other information, if available
    1. Please provide budget information for the past three years on the lines regarding children.
    2. Please provide statistical data on children in alternative care.
    """)


def test_a_standard_list_of_issues_in_parts_with_numbers_starting_again() -> None:
    doc = load_source(STANDARD_LIST.encode("utf-8"), name="-").documents[0]
    assert doc.symbol == "CRC/C/XLM/Q/3-4" and doc.doc_type == "list_of_issues"
    assert doc.title == "List of issues in relation to the combined third and fourth periodic reports of Lumeria"
    assert doc.word_limit == 10_700  # written replies to a standard list of issues
    p = {x.number: x for x in doc.paragraphs}
    assert sorted(p) == [1, 2, 3, 4]
    assert p[1].previous == [("CRC/C/XLM/CO/2", 14), ("CRC/C/XLM/CO/2", 15)]
    assert [x.label for x in p[2].parts] == ["a", "b"]
    assert p[2].text.endswith("children with disabilities.")  # Part II's items are not question 2's
    assert p[3].subheading == "Data, statistics and other information, if available"
    assert p[3].text.startswith("Please provide budget information")
    assert any("numbered from 1 again" in w for w in doc.warnings)
    joined = " ".join(doc.instructions)
    assert "In this section the State party is requested" in joined
    assert "(c) Recent ratifications of human rights instruments." in joined


STATE_REPORT = textwrap.dedent("""\
    United Nations CRC/C/XLM/5-6
    Convention on the Rights of the Child Distr.: General
    27 August 2021
    Original: English
    Committee on the Rights of the Child
    Combined fifth and sixth periodic reports submitted by Lumeria under article 44 of the
    Convention, due in 2021
    I. Introduction
    1. Lumeria submits its combined fifth and sixth periodic reports, which reply to the concluding
    observations of the Committee (CRC/C/XLM/CO/4, paras. 10 and 11).
    II. General measures of implementation
    A. Legislation
    2. The Children's Code was adopted on 3 March 2020. The Committee recommends, in its general
    comment No. 5, a comprehensive review, which the Government completed.
    B. Coordination
    3. The National Council for Children coordinates the work of ministries.
    III. Violence against children
    4. Corporal punishment is prohibited in schools.
    """)


def test_a_state_party_report_is_read_into_paragraphs() -> None:
    doc = load_source(STATE_REPORT.encode("utf-8"), name="-").documents[0]
    assert doc.symbol == "CRC/C/XLM/5-6" and doc.doc_type == "state_report"
    assert doc.title.startswith("Combined fifth and sixth periodic reports submitted by Lumeria")
    p = {x.number: x for x in doc.paragraphs}
    assert sorted(p) == [1, 2, 3, 4]
    assert all(x.kind == "other" for x in p.values())  # a report is neither recommendation nor concern
    assert (p[2].cluster, p[2].subheading) == ("general_measures", "Legislation")
    assert (p[3].cluster, p[4].cluster) == ("general_measures", "violence")
    assert p[1].previous == [("CRC/C/XLM/CO/4", 10), ("CRC/C/XLM/CO/4", 11)]
    assert not [w for w in doc.warnings if "cluster" in w]


REPLIES = textwrap.dedent("""\
    United Nations CRC/C/XLM/RQ/3-4
    Convention on the Rights of the Child Distr.: General
    2 March 2019
    Original: English
    Committee on the Rights of the Child
    Replies of Lumeria to the list of issues in relation to its combined third and fourth periodic reports
    Reply to paragraph 1 of the list of issues
    1. The National Council for Children received a budget increase of 12 per cent in 2018.
    Reply to paragraph 2 (a) of the list of issues
    2. No child has been detained for immigration purposes since 2017.
    """)


def test_written_replies_are_read_into_paragraphs() -> None:
    doc = load_source(REPLIES.encode("utf-8"), name="-").documents[0]
    assert doc.symbol == "CRC/C/XLM/RQ/3-4" and doc.doc_type == "replies"
    assert doc.title.startswith("Replies of Lumeria to the list of issues")
    p = {x.number: x for x in doc.paragraphs}
    assert sorted(p) == [1, 2] and p[2].subheading == "Reply to paragraph 2 (a) of the list of issues"
    assert all(x.kind == "other" for x in p.values())
