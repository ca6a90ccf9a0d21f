"""Issue 19, item 1: limits, confidential marking, picture ids, typography, names, legend, page numbers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Cm

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.word_limits import default_word_limit
from crc_reporter.reports.charts import png_bar
from crc_reporter.reports.language import ReportLanguage
from crc_reporter.services.documents import create_document
from crc_reporter.services.recommendations import create_recommendation
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, open_docx, write

STANDARD_LOI = "CRC/C/XMP/Q/7"


def logo_template(path: Path, *, footer: str | None = "Ministry footer, no page number") -> Path:
    """A letterhead with a logo in its header (picture id 1) and a footer without a PAGE field."""
    template = docx.Document()
    section = template.sections[0]
    run = section.header.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(png_bar([((0, 80, 160), 1)], 60, 20)), width=Cm(2))
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    template.save(path)
    return path


def footer_xml(doc: docx.document.Document) -> str:
    return "".join((t.text or "") for f in (s.footer for s in doc.sections) for t in f._element.iter(qn("w:instrText")))


def test_word_limits_of_replies(loipr_store: Store, tmp_path: Path) -> None:
    assert default_word_limit(DocumentType.LOIPR) == 21_200  # the replies are the periodic report
    assert default_word_limit(DocumentType.LIST_OF_ISSUES) == 10_700
    assert write(loipr_store, tmp_path, "loipr").word_limit == 21_200
    with loipr_store.session() as session:
        create_document(
            session, STANDARD_LOI, title="List of issues in relation to the seventh report", date="2025-01-10"
        )
        create_recommendation(session, STANDARD_LOI, 1, "Please provide information on birth registration.")
    assert write(loipr_store, tmp_path, "loipr", name="q.docx", document=STANDARD_LOI).word_limit == 10_700
    with loipr_store.session() as session:  # a list of issues prior to reporting stored by an earlier version
        create_document(session, "CRC/C/XMP/QPR/9", title="List of issues prior to reporting", word_limit=10_700)
        create_recommendation(session, "CRC/C/XMP/QPR/9", 1, "Please provide information on birth registration.")
    assert write(loipr_store, tmp_path, "loipr", name="o.docx", document="CRC/C/XMP/QPR/9").word_limit == 21_200


def test_matrix_marks_confidential_actions(demo_store: Store, tmp_path: Path) -> None:
    from crc_reporter.services.actions import ActionFilter, list_actions

    with demo_store.session() as session:
        secret = [a.title for a in list_actions(session, ActionFilter(include_confidential=True)) if a.confidential]
    assert secret
    doc = open_docx(write(demo_store, tmp_path, "matrix", include_confidential=True).path)
    lines = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.tables[-1]._element.iter(qn("w:p"))]
    marked = [line for line in lines if any(line.startswith(title) for title in secret)]
    assert marked and all("[Confidential]" in line for line in marked)


def test_picture_ids_unique_across_the_package(demo_store: Store, tmp_path: Path) -> None:
    template = logo_template(tmp_path / "logo.docx")
    doc = open_docx(write(demo_store, tmp_path, "state", template=template, charts=True).path)
    ids = [int(e.get("id")) for e in doc.element.body.iter(qn("wp:docPr"))]
    ids += [int(e.get("id")) for e in doc.sections[0].header._element.iter(qn("wp:docPr"))]
    assert len(ids) > 9 and len(ids) == len(set(ids))


def test_page_number_added_to_a_footer_without_one(demo_store: Store, tmp_path: Path) -> None:
    template = logo_template(tmp_path / "logo.docx")
    doc = open_docx(write(demo_store, tmp_path, "state", template=template).path)
    footer = doc.sections[0].footer
    assert "Ministry footer, no page number" in footer._element.xpath("string(.)")  # the template's footer stays
    assert "PAGE" in footer_xml(doc)
    default = open_docx(write(demo_store, tmp_path, "matrix", lang="km", khmer_digits=True).path)
    assert "PAGE" in footer_xml(default)


def test_articles_plural_and_french_and_khmer_typography() -> None:
    en, fr, km = ReportLanguage("en"), ReportLanguage("fr"), ReportLanguage("km")
    assert en.articles("arts. 28–31") == "arts. 28–31"
    assert en.articles("art. 12") == "art. 12"
    import datetime as dt

    assert fr.date(dt.date(2024, 10, 1)) == "1er octobre 2024"
    assert fr.date(dt.date(2024, 10, 11)) == "11 octobre 2024"
    assert fr._("Outcome:").endswith("\u00a0:")
    assert "\u00a0:" in fr._("Source: {source}") and " :" not in fr._("Source: {source}")
    assert km._("Outcome:").endswith("៖") and ":" not in km._("Source: {source}")
    assert (en.part("a"), fr.part("a"), km.part("a")) == ("(a)", "a)", "(a)")


def test_french_draft_typography(demo_store: Store, tmp_path: Path) -> None:
    text = body_text(open_docx(write(demo_store, tmp_path, "state", lang="fr").path))
    assert not re.search(r"\w :", text) and not re.search(r"\w: ", text)  # every label colon has its no-break space
    assert "\u00a0:" in text
    assert not re.search(r"\((?:a|b|c)\) ", text)  # « a) », not « (a) »


def test_state_name_in_the_report_language(demo_store: Store, tmp_path: Path) -> None:
    fr, km = ReportLanguage("fr"), ReportLanguage("km")
    assert fr.state_name("Cambodia", "KHM") == "Cambodge" and km.state_name("Cambodia", "KHM") == "កម្ពុជា"
    assert fr.state_name("the Republic of Xamplia", "XMP") == "the Republic of Xamplia"  # not a real State
    assert fr.state_name("Cambodia", "KHM", "Royaume du Cambodge") == "Royaume du Cambodge"  # its own spelling
    result = write(demo_store, tmp_path, "state", lang="fr", state_name="République de Xamplia")
    assert "République de Xamplia" in body_text(open_docx(result.path))


def test_chart_legend_stays_with_its_chart(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", charts=True).path)
    chart = next(t for t in doc.tables if t._element.find(".//" + qn("wp:docPr")) is not None)
    for p in chart._element.iter(qn("w:p")):
        assert p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    closing = chart._element.getnext()
    assert closing.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
