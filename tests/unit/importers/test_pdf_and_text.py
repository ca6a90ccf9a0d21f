"""PDFs (made from the Word fixtures by LibreOffice) and text copied out of PDFs, with all their defects."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from crc_reporter.importers import SourceError, load_source
from crc_reporter.importers.page_cleanup import join_two
from tests.co_content import Spec, check_against_spec

VARIANTS = ["2014-typed", "2014-auto", "2011-builtin-headings", "opac-style-numbering"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_pdf_matches_its_specification(co_pdfs: dict[str, tuple[Spec, Path]], variant: str) -> None:
    spec, path = co_pdfs[variant]
    source = load_source(path)
    assert source.format == "pdf"
    check_against_spec(source.documents[0], spec)  # bold survives in the PDF's font names


@pytest.mark.parametrize("variant", VARIANTS)
def test_text_copied_from_the_pdf(co_pdfs: dict[str, tuple[Spec, Path]], variant: str, tmp_path: Path) -> None:
    spec, path = co_pdfs[variant]
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)  # as a PDF viewer copies it
    assert "GE." in text or "CRC/C/" in text  # the page furniture is there to be removed
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(text, encoding="utf-8")
    source = load_source(pasted)
    assert source.format == "text"
    check_against_spec(source.documents[0], spec)  # without bold, the wording tells the kinds apart


def test_encrypted_pdf_is_refused(co_pdfs: dict[str, tuple[Spec, Path]], tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=co_pdfs["2014-typed"][1])
    writer.encrypt("secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    with pytest.raises(SourceError, match="encrypted"):
        load_source(locked)


def test_pdf_with_only_an_owner_password_is_read(co_pdfs: dict[str, tuple[Spec, Path]], tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=co_pdfs["2014-typed"][1])
    writer.encrypt("", "owner-only", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert len(load_source(path).documents[0].paragraphs) == len(co_pdfs["2014-typed"][0].paragraphs)


def test_damaged_pdf(co_pdfs: dict[str, tuple[Spec, Path]], tmp_path: Path) -> None:
    data = co_pdfs["2014-typed"][1].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(SourceError, match="damaged|cannot be read|no text"):
        load_source(path)


PASTED = textwrap.dedent("""\
    United Nations CRC/C/KHM/CO/4-6
    Convention on the Rights of the Child Distr.: General
    27 June 2022
    Original: English
    Committee on the Rights of the Child
    Concluding observations on the combined fourth to sixth periodic
    reports of Cambodia*
    I. Introduction
    1.
    The Committee considered the combined fourth to sixth periodic reports of
    Cambodia at its 2588th and 2589th meetings, held on 5 and 6 May
    2022, and adopted the present concluding observations at its 2630th meeting, held on
    3 June 2022.
    III.
    Main areas of concern and recommendations
    2.
    The Committee draws the State party's attention to the recommendations concerning the
    following areas, in respect of which urgent measures must be taken: birth registration (para. 4)
    and administration of child justice (paras. 6 and 7).
    * Adopted by the Committee at its ninetieth session (3 May–3 June 2022).
    GE.22-09876(E)
    *2209876*
    A.
    General measures of implementation (arts. 4, 42 and 44
    (6))
    Data collection
    3.
    The Committee welcomes the imple-
    mentation of a child-
    friendly data system, but is concerned that data on children with disabilities are
    17 June 2011 figures, collected before the reform.
    D. Civil rights and freedoms (arts. 7, 8 and 13–17)
    Birth registration and nationality
    4.
    Recalling its previous recommendations,1 the Committee urges the State party to:
    (a)
    Ensure free birth registration for all children, including those born to parents
    without documents;
    1 CRC/C/KHM/CO/2-3, para. 37.
    2 CRC/C/KHM/CO/2-3, para. 82.
    CRC/C/KHM/CO/4-6
    2
    (b)
    Strengthen mobile registration units, taking note of target 16.9 of the Sustainable
    Development Goals.
    J. Special protection measures (arts. 22, 30, 32–33, 35–36, 37 (b)–(d) and 38–40)
    Administration of child justice
    5.
    The Committee is concerned that children are held in pretrial detention beyond
    the legal limit.
    6. Recalling its previous recommendations,2 the Committee urges the State party to
    promote diversion and non-custodial measures for all children in conflict with the
    law.
    7. The Committee recommends that the State party ensure that detention is used as a
    measure of last resort.
    IV. Implementation and reporting
    C. Next report
    8. The Committee invites the State party to submit its combined seventh and eighth
    periodic reports by 14 November 2027. The report should not exceed 21,200 words.
    """)


def test_pasted_text_with_every_defect(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text(PASTED, encoding="utf-8")
    doc = load_source(path).documents[0]
    assert doc.symbol == "CRC/C/KHM/CO/4-6" and doc.country == "KHM"
    assert doc.title == "Concluding observations on the combined fourth to sixth periodic reports of Cambodia"
    assert str(doc.date) == "2022-06-27" and str(doc.next_report_due) == "2027-11-14" and doc.word_limit == 21200
    assert [p.number for p in doc.paragraphs] == list(range(1, 9))  # "2022." and "17 June" did not split
    p = {x.number: x for x in doc.paragraphs}
    assert p[1].text.endswith(
        "held on 5 and 6 May 2022, and adopted the present concluding observations at its "
        "2630th meeting, held on 3 June 2022."
    )
    assert "implementation of a child-friendly data system" in p[3].text  # a syllable break and a compound
    assert p[3].text.endswith("17 June 2011 figures, collected before the reform.")
    assert p[3].cluster == "general_measures" and p[3].subheading == "Data collection"
    assert p[3].articles == ["4", "42", "44(6)"]  # a heading wrapped over two lines
    assert p[4].cluster == "civil_rights" and p[4].subheading == "Birth registration and nationality"
    assert [x.label for x in p[4].parts] == ["a", "b"]
    assert p[4].parts[1].text == (
        "Strengthen mobile registration units, taking note of target 16.9 of the Sustainable Development Goals"
    )
    assert "CRC/C/KHM/CO/4-6" not in p[4].text and " 2 " not in p[4].text  # page furniture removed
    assert p[4].notes == ["CRC/C/KHM/CO/2-3, para. 37."] and p[4].previous == [("CRC/C/KHM/CO/2-3", 37)]
    assert p[6].previous == [("CRC/C/KHM/CO/2-3", 82)]
    assert "recommendations, the Committee" in p[6].text  # the glued note number is gone
    assert "Adopted by the Committee" not in p[2].text and "GE." not in p[2].text
    assert {n for n, x in p.items() if x.urgent} == {4, 6, 7}
    assert [x.kind for x in doc.paragraphs] == [
        "other",
        "other",
        "concern",
        "recommendation",
        "concern",
        "recommendation",
        "recommendation",
        "recommendation",
    ]
    assert p[5].cluster == "special_protection" and p[8].cluster is None and p[8].subheading == "Next report"


def test_pasted_text_from_standard_input_needs_no_file_name() -> None:
    doc = load_source(PASTED.encode("utf-8"), name="-").documents[0]
    assert len(doc.paragraphs) == 8


@pytest.mark.parametrize(
    ("left", "right", "words", "joined"),
    [
        ("the imple-", "mentation of", set(), "the implementation of"),
        ("a child-", "friendly system", {"child", "friendly"}, "a child-friendly system"),
        ("Government-", "run centres", {"government"}, "Government-run centres"),
        ("out-", "of-school girls", {"out", "of"}, "out-of-school girls"),
        ("non-", "discrimination", set(), "non-discrimination"),
        ("the cooper-", "ation with", {"cooperation"}, "the cooperation with"),
        ("soft\u00ad", "hyphen", set(), "softhyphen"),
        ("2016\u2013", "2020", set(), "2016\u20132020"),
        ("paras 25-", "26)", set(), "paras 25-26)"),
        ("ends", "here", set(), "ends here"),
    ],
)
def test_hyphenation_across_lines(left: str, right: str, words: set[str], joined: str) -> None:
    assert join_two(left, right, words) == joined


OLD_SERIES = textwrap.dedent("""\
    CRC/C/15/Add.128
    28 June 2000
    COMMITTEE ON THE RIGHTS OF THE CHILD
    Twenty-fourth session
    CONSIDERATION OF REPORTS SUBMITTED BY STATES PARTIES UNDER ARTICLE 44 OF THE CONVENTION
    Concluding observations of the Committee on the Rights of the Child: Cambodia
    1.The Committee considered the initial report of Cambodia (CRC/C/11/Add.16) at its 637th and 638th
    meetings, held on 30 May 2000, and adopted at its 657th meeting, held on 9 June 2000, the following
    concluding observations.
    A. Introduction
    2. The Committee welcomes the submission of the initial report.
    B. Positive aspects
    3. The Committee notes with appreciation the establishment of the Cambodian National Council for Children.
    C. Factors and difficulties impeding the implementation of the Convention
    4. The Committee acknowledges the difficulties resulting from decades of armed conflict.
    D. Principal subjects of concern and recommendations
    1. General measures of implementation
    Legislation
    5. The Committee is concerned that domestic legislation is not fully compatible with the Convention.
    6. The Committee recommends that the State party take all necessary measures to ensure that its
    legislation conforms fully with the Convention.
    5. Basic health and welfare
    7. The Committee urges the State party to increase its efforts to reduce infant mortality.
    """)


def test_the_oldest_layout_with_numbered_cluster_headings() -> None:
    doc = load_source(OLD_SERIES.encode("utf-8"), name="-").documents[0]
    assert doc.symbol == "CRC/C/15/Add.128" and doc.country is None and doc.country_name == "Cambodia"
    assert str(doc.date) == "2000-06-28" and str(doc.adopted_on) == "2000-06-09"
    assert [p.number for p in doc.paragraphs] == list(range(1, 8))  # "1. General measures…" is a heading
    p = {x.number: x for x in doc.paragraphs}
    assert p[1].text.startswith("The Committee considered")  # "1.The" glued
    assert (p[5].cluster, p[5].subheading, p[5].kind) == ("general_measures", "Legislation", "concern")
    assert p[6].kind == "recommendation" and p[4].cluster is None
    assert p[7].cluster == "health_welfare"


WEB_PAGE = textwrap.dedent("""\
    United Nations

    CRC/C/KHM/CO/4-6

    Convention on the Rights of the Child

    Distr.: General

    27 June 2022

    Original: English

    Committee on the Rights of the Child

    Concluding observations on the combined fourth to sixth periodic reports of Cambodia *

    I.Introduction

    1.The Committee considered the combined fourth to sixth periodic reports of Cambodia at its 2588thand \
    2589thmeetings, held on 5 and 6 May 2022, and adopted the present concluding observations at its 2630th \
    meeting, held on 3 June 2022.

    III.Main areas of concern and recommendations

    2.The Committee would like to draw the State party's attention to the recommendations concerning the \
    following areas, in respect of which urgent measures must be taken: birth registration (para. 3).

    D.Civil rights and freedoms (arts. 7, 8 and 13–17)

    Birth registration and nationality

    3.Taking note of target 16.9 of the Sustainable Development Goals, the Committee recommends that the State \
    party:

    (a)Ensure free birth registration for all children;

    (b)Strengthen mobile birth registration units.
    """)


def test_text_copied_from_the_web_page_with_glued_labels() -> None:
    doc = load_source(WEB_PAGE.encode("utf-8"), name="-").documents[0]
    assert doc.symbol == "CRC/C/KHM/CO/4-6" and str(doc.date) == "2022-06-27"
    assert doc.title.endswith("reports of Cambodia")
    p = {x.number: x for x in doc.paragraphs}
    assert sorted(p) == [1, 2, 3] and p[1].subheading == "Introduction"
    assert p[3].cluster == "civil_rights" and p[3].subheading == "Birth registration and nationality"
    assert p[3].urgent and [x.label for x in p[3].parts] == ["a", "b"] and p[3].sdg_targets == ["16.9"]
    assert p[3].parts[0].text == "Ensure free birth registration for all children"
