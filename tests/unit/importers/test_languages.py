"""Issue 18, item 1: French and Spanish originals read as well as English ones, in every form they come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from crc_reporter.importers import analysis, load_source
from crc_reporter.importers.headings import describe
from crc_reporter.importers.language import detect_language
from tests.co_keys import SPECS, answer_key, compare, load_key

LANGUAGES = list(SPECS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answer_keys_are_those_of_the_fixtures(language: str) -> None:
    """The JSON keys are written by ``python -m tests.co_keys``; a fixture changed without its key fails here."""
    assert load_key(language) == answer_key(SPECS[language]())


@pytest.mark.parametrize("form", ["typed", "auto"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_word_original_matches_its_key(co_language_docs: dict[tuple[str, str], Path], language: str, form: str) -> None:
    doc = load_source(co_language_docs[(language, form)]).documents[0]
    assert compare(doc, load_key(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_original_matches_its_key(co_language_pdfs: dict[str, Path], language: str) -> None:
    source = load_source(co_language_pdfs[language])
    assert source.format == "pdf"
    assert compare(source.documents[0], load_key(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_pasted_from_the_pdf_matches_its_key(
    co_language_pdfs: dict[str, Path], language: str, tmp_path: Path
) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(co_language_pdfs[language]).pages)
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(text, encoding="utf-8")
    source = load_source(pasted)
    assert source.format == "text"
    assert compare(source.documents[0], load_key(language)) == []  # no bold: the wording tells the kinds


def test_language_is_recognised() -> None:
    assert detect_language(["Le Comité recommande à l’État partie de renforcer les services des enfants."]) == "fr"
    assert detect_language(["El Comité recomienda al Estado parte que refuerce los servicios del niño."]) == "es"
    assert detect_language(["The Committee recommends that the State party strengthen its services."]) == "en"
    assert detect_language([]) == "en"


@pytest.mark.parametrize(
    ("heading", "cluster", "articles"),
    [
        # older layouts: violence within civil rights, disability within basic health, "de la Convention"
        (
            "D. Libertés et droits civils (art. 7, 8, 13 à 17, 19 et 37 a) de la Convention)",
            "civil_rights",
            ("7", "8", "13", "14", "15", "16", "17", "19", "37(a)"),
        ),
        (
            "F. Santé et bien-être (art. 6, 18 (par. 3), 23, 24, 26 et 27 (par. 1 à 3) de la Convention)",
            "health_welfare",
            ("6", "18(3)", "23", "24", "26", "27(1)", "27(2)", "27(3)"),
        ),
        (
            "D. Derechos y libertades civiles (arts. 7, 8, 13 a 17, 19 y 37 a) de la Convención)",
            "civil_rights",
            ("7", "8", "13", "14", "15", "16", "17", "19", "37(a)"),
        ),
        (
            "F. Discapacidad, salud básica y bienestar (arts. 6, 18, párr. 3, 23, 24, 26, 27, párrs. 1 a 3, y 33)",
            "health_welfare",
            ("6", "18(3)", "23", "24", "26", "27(1)", "27(2)", "27(3)", "33"),
        ),
        ("G. Handicap, santé de base et bien-être", "health_welfare", ()),
        ("A. Mesures d’application générales (art. 4, 42 et 44 (par. 6))", "general_measures", ("4", "42", "44(6)")),
    ],
)
def test_headings_of_each_language(heading: str, cluster: str, articles: tuple[str, ...]) -> None:
    info = describe(heading)
    assert info is not None
    assert (info.cluster, info.articles) == (cluster, articles)


@pytest.mark.parametrize(
    "heading",
    [
        "IV. Mise en œuvre et soumission de rapports",
        "C. Próximo informe",
        "B. Prochain rapport",
        "A. Suivi et diffusion",
    ],
)
def test_reporting_sections_close_the_cluster(heading: str) -> None:
    info = describe(heading)
    assert info is not None and info.neutral and info.cluster is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the newer paragraph (2023 onwards): no due date in the document, the limit read where given
        (
            "The Committee will establish and communicate the due date of the combined seventh and eighth "
            "periodic reports of the State party in accordance with the agreed predictable review calendar and "
            "following the adoption of a list of issues prior to reporting under the simplified reporting "
            "procedure. The report should not exceed 21,200 words.",
            (None, 21200, "combined seventh and eighth periodic reports"),
        ),
        (
            "Le Comité fixera et communiquera la date de soumission du rapport valant septième et huitième "
            "rapports périodiques de l’État partie conformément au calendrier, dans le cadre de la procédure "
            "simplifiée. Ce rapport ne devrait pas dépasser 21 200 mots.",
            (None, 21200, "rapport valant septième et huitième rapports périodiques"),
        ),
        (
            "El Comité establecerá y comunicará la fecha de presentación de los informes periódicos séptimo y "
            "octavo combinados del Estado parte con arreglo al procedimiento simplificado de presentación de "
            "informes.",
            (None, None, "informes periódicos séptimo y octavo combinados"),
        ),
        # a page limit (older documents) is no word limit
        (
            "The Committee invites the State party to submit its third periodic report by 1 September 2012. "
            "The report should not exceed 120 pages.",
            (dt.date(2012, 9, 1), None, "third periodic report"),
        ),
    ],
)
def test_next_report_paragraphs(text: str, expected: tuple[object, ...]) -> None:
    assert analysis.next_report(text) == expected


def test_references_dates_and_urgency_in_french_and_spanish() -> None:
    assert analysis.previous_references("(CRC/C/SEN/CO/2, par. 37 et 38)", None) == [
        ("CRC/C/SEN/CO/2", 37),
        ("CRC/C/SEN/CO/2", 38),
    ]
    assert analysis.previous_references("(CRC/C/PRY/CO/3, párrs. 20 a 22 y 25)", None) == [
        ("CRC/C/PRY/CO/3", n) for n in (20, 21, 22, 25)
    ]
    assert analysis.parse_date("le 1er novembre 2021") == dt.date(2021, 11, 1)
    assert analysis.parse_date("a más tardar el 1 de junio de 2028") == dt.date(2028, 6, 1)
    assert analysis.urgent_paragraphs("des mesures d’urgence doivent être prises : violence (par. 22 et 23).") == {
        22,
        23,
    }
    assert analysis.urgent_paragraphs("deben adoptarse medidas urgentes: no discriminación (párr. 17).") == {17}
