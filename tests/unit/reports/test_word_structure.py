"""Every report kind, opened again with python-docx: real Word structure, right content, right order."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.i18n.labels import LABELS
from crc_reporter.reports.footnotes import footnote_part
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import CO, LOIPR, body_text, headings, open_docx, write


def _confidential_titles(store: Store) -> list[str]:
    from crc_reporter.services.actions import ActionFilter, list_actions

    with store.session() as session:
        return [a.title for a in list_actions(session, ActionFilter(document=CO)) if a.confidential]


def test_state_report_structure(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    doc = open_docx(result.path)

    h1 = headings(doc, 1)
    # introduction, then the ten clusters in the order of CRC/C/58/Rev.3, then the rest, then the annex
    cluster_titles = [LABELS[c.value] for c in CLUSTER_ORDER]
    positions = [next(i for i, h in enumerate(h1) if title in h) for title in cluster_titles]
    assert positions == sorted(positions) and positions[0] == 1
    assert h1[0] == "I. Introduction" and h1[1].startswith("II. General measures of implementation (arts. 4, 42")
    assert h1[-1].startswith("Annex")
    h3 = headings(doc, 3)
    assert "Paragraph 56" in h3  # short headings: the introduction names the document answered
    numbers = [int(h.split()[1]) for h in h3 if h.startswith("Paragraph") and "(" not in h]
    assert numbers[:3] == [6, 7, 8]
    # the Optional Protocols chapter also answers the protocols' own concluding observations
    assert any("(CRC/C/OPAC/XMP/CO/1)" in h for h in h3) and any("(CRC/C/OPSC/XMP/CO/1)" in h for h in h3)
    assert "Legislation" in headings(doc, 2)

    text = body_text(doc)
    assert "the Republic of Xamplia" in text
    assert "Drafting of the Juvenile Justice Law" in text  # a government action linked to paragraph 56
    assert result.word_limit == 21_200 and 1000 < result.words < 21_200


def test_footnotes_are_real_and_referenced(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    doc = open_docx(result.path)
    part = footnote_part(doc)
    assert part is not None and part.partname == "/word/footnotes.xml"
    notes = etree.fromstring(part.blob)
    ids = {n.get(qn("w:id")) for n in notes.iterfind(qn("w:footnote")) if n.get(qn("w:type")) is None}
    refs = [r.get(qn("w:id")) for r in doc.element.body.iter(qn("w:footnoteReference"))]
    assert len(refs) == result.footnotes > 20
    assert set(refs) == ids
    note_text = "".join(t.text or "" for t in notes.iter(qn("w:t")))
    assert "Judicial Training Academy, training completion report 2019–2024" in note_text
    # an indicator's source goes under its table in the statistical annex, not in a note
    assert "Source: Ministry of Justice, annual statistics on prisons" in body_text(doc)
    # the separators Word expects, declared in the settings
    assert {n.get(qn("w:type")) for n in notes.iterfind(qn("w:footnote"))} >= {"separator", "continuationSeparator"}
    assert doc.settings.element.find(qn("w:footnotePr")) is not None
    # a source with a URL is a real hyperlink of the footnotes part
    assert any(rel.is_external and "jta.xamplia.example" in rel.target_ref for rel in part.rels.values())


def test_toc_field_page_numbers_and_properties(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    doc = open_docx(result.path)
    instructions = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-2"') for i in instructions)
    begin = next(doc.element.body.iter(qn("w:fldChar")))
    assert begin.get(qn("w:fldCharType")) == "begin" and begin.get(qn("w:dirty")) == "true"
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # every TOC entry points at a bookmark on its heading
    anchors = {h.get(qn("w:anchor")) for h in doc.element.body.iter(qn("w:hyperlink"))}
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= bookmarks
    footer = doc.sections[0].footer
    assert not footer.is_linked_to_previous
    assert any("PAGE" in (t.text or "") for t in footer._element.iter(qn("w:instrText")))
    props = doc.core_properties
    assert props.title.startswith("Seventh periodic report submitted by the Republic of Xamplia under article 44")
    assert props.language == "en-GB" and props.subject == CO


def test_tables_repeat_their_header_row(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", charts=True).path)
    assert len(doc.tables) >= 5
    for table in doc.tables:
        first, second = table.rows[0]._tr, table.rows[1]._tr
        assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert second.trPr is None or second.trPr.find(qn("w:tblHeader")) is None
    detention = [t for t in doc.tables if [r.cells[0].text for r in t.rows[1:]] == ["Total", "Girls", "Boys"]]
    assert detention, "the indicator 'Children in detention', disaggregated by sex"
    years = [c.text for c in detention[0].rows[0].cells[1:]]
    assert years == sorted(years) and years[0] == "2018"
    assert [c.text for c in detention[0].rows[1].cells][:2] == ["Total", "493"]
    annex = next(t for t in doc.tables if t.rows[0].cells[0].text == "Para.")  # annex I (annex II: statistics)
    assert [c.text for c in annex.rows[0].cells][:3] == ["Para.", "Recommendation", "Parts"]
    # the annex is a landscape section; the body before it stays portrait
    sections = doc.sections
    assert sections[-1].page_width > sections[-1].page_height
    assert sections[0].page_width < sections[0].page_height


def test_charts_have_alt_text(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", charts=True).path)
    pictures = list(doc.element.body.iter(qn("wp:docPr")))
    assert len(pictures) >= 9
    assert all(p.get("descr") for p in pictures)
    assert any(p.get("descr", "").startswith("General measures of implementation") for p in pictures)


def test_confidential_actions_only_when_asked(demo_store: Store, tmp_path: Path) -> None:
    titles = _confidential_titles(demo_store)
    assert titles, "the demo data set has confidential actions"
    for kind in ("state", "alternative", "matrix"):
        hidden = write(demo_store, tmp_path, kind, name=f"{kind}-hidden.docx")
        shown = write(demo_store, tmp_path, kind, name=f"{kind}-shown.docx", include_confidential=True)
        hidden_text, shown_text = body_text(open_docx(hidden.path)), body_text(open_docx(shown.path))
        assert not any(t in hidden_text for t in titles), kind
        assert hidden.confidential_left_out >= 1
        if kind != "state":  # the confidential demo actions are NGO work, which a State report leaves out anyway
            assert any(t in shown_text for t in titles), kind
        assert shown.confidential_left_out == 0


def test_alternative_report_coalition_and_marking(demo_store: Store, tmp_path: Path) -> None:
    plain = open_docx(write(demo_store, tmp_path, "alternative", name="plain.docx").path)
    text = body_text(plain)
    assert "Submitted by Child Justice Network" in text
    for member in ("Children's Legal Defence Xamplia (CLDX)", "Restorative Youth Initiative (RYI)"):
        assert member in text
    assert "Recommendation of the Committee (paragraph 56 of CRC/C/XMP/CO/5-6)" in text
    assert "What the Government reported or did" in headings(plain, 3)
    assert "Assessment of the coalition" in headings(plain, 3)
    assert "Coalition's assessment: Not implemented" in text  # paragraph 6, assessed by a member
    assert plain.sections[0].header.is_linked_to_previous  # no marking unless asked

    marked = open_docx(write(demo_store, tmp_path, "alternative", confidential_marking=True).path)
    header = "".join(t.text or "" for t in marked.sections[0].header._element.iter(qn("w:t")))
    assert header == "Confidential: not for publication"
    assert "the authors ask the Committee not to publish this report" in body_text(marked)


def test_matrix_is_a_landscape_table(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "matrix")
    doc = open_docx(result.path)
    assert doc.sections[0].page_width > doc.sections[0].page_height
    matrix = doc.tables[-1]
    header = [c.text for c in matrix.rows[0].cells]
    assert header == [
        "Para.",
        "Recommendation",
        "Parts",
        "Responsible bodies",
        "Government status",
        "Civil society status",
        "Actions",
    ]
    numbers = [r.cells[0].text.split()[0] for r in matrix.rows[1:] if r.cells[0].text[:1].isdigit()]
    assert "56" in numbers and "6" in numbers
    row = next(r for r in matrix.rows if r.cells[0].text.startswith("6") and r.cells[0].text[:2] != "60")
    assert "Partially implemented" in row.cells[4].text and "Not implemented" in row.cells[5].text
    assert result.word_limit is None


def test_loipr_replies_one_section_per_question(loipr_store: Store, tmp_path: Path) -> None:
    result = write(loipr_store, tmp_path, "loipr")
    doc = open_docx(result.path)
    h2 = headings(doc, 2)
    expected = [f"Paragraph {n}" for n in (1, 2, 3, 4)]
    assert h2 == expected
    assert headings(doc, 1)[1].startswith("II. General measures of implementation")
    text = body_text(doc)
    assert "Consultation on the draft Juvenile Justice Law" in text
    assert "[Reply to paragraph 2 (b).]" in text
    assert "(a) Strengthen the mandate of the National Committee for Children's Rights" in text  # parts quoted
    assert result.word_limit == 21_200  # under the simplified procedure the replies are the periodic report
    # the UN's title of a report under the simplified procedure (QPR/7-8: the seventh and eighth reports)
    assert doc.core_properties.title.startswith(
        "Combined seventh and eighth periodic reports submitted by the Republic"
    )


def test_khmer_report_fonts_language_and_text(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state", lang="km", khmer_digits=True)
    doc = open_docx(result.path)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:cs")) == "Khmer OS"
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "km-KH"
    assert defaults.find(qn("w:szCs")) is not None
    heading1 = next(s for s in styles.iterfind(qn("w:style")) if s.get(qn("w:styleId")) == "Heading1")
    assert heading1.find(qn("w:rPr")).find(qn("w:bCs")) is not None  # bold Khmer headings need w:bCs
    font_table = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    assert b'w:name="Khmer OS"' in font_table.blob and b"w:altName" in font_table.blob
    assert doc.core_properties.language == "km-KH"
    h1 = headings(doc, 1)
    assert h1[0] == "I. សេចក្តីផ្តើម"
    assert h1[1].startswith("II. វិធានការទូទៅនៃការអនុវត្ត (មាត្រា ៤, ៤២ និង ៤៤ (៦))")
    text = body_text(doc)
    assert "កថាខណ្ឌទី ៥៦" in headings(doc, 3)
    assert "៣០ មិថុនា ២០២៣" in text  # the date of the concluding observations, Khmer digits
    assert next(doc.element.body.iter(qn("w:i")), None) is None  # no slanted Khmer
    assert next(doc.element.body.iter(qn("w:b")), None) is not None


def test_french_report(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", lang="fr").path)
    h1 = headings(doc, 1)
    assert h1[1] == "II. Mesures d’application générales (art. 4, 42 et 44 (6))"
    assert "Paragraphe 56" in headings(doc, 3)
    assert "30 juin 2023" in body_text(doc)
    assert doc.core_properties.language == "fr-FR"


def test_progress_and_preview(loipr_store: Store, tmp_path: Path) -> None:
    from crc_reporter.reports import ReportOptions, generate_report, preview_report

    for kind in ("state", "loipr", "alternative", "matrix"):
        seen: list[tuple[int, int]] = []
        document = LOIPR if kind == "loipr" else CO
        with loipr_store.session() as session:
            result = generate_report(
                session,
                ReportOptions(kind=kind, document=document, out=tmp_path / f"{kind}.docx"),
                progress=lambda done, total, seen=seen: seen.append((done, total)),
            )
            preview = preview_report(session, ReportOptions(kind=kind, document=document, out=tmp_path / "no.docx"))
        assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen), kind
        assert preview.path is None and not (tmp_path / "no.docx").exists()
        assert preview.words == result.words and preview.outline == result.outline
    state = [e.text for e in preview_report_outline(loipr_store)]
    assert state[:2] == ["I. Introduction", "Methodology"]


def preview_report_outline(store: Store) -> tuple:
    from crc_reporter.reports import ReportOptions, preview_report

    with store.session() as session:
        return preview_report(session, ReportOptions(kind="state", document=CO)).outline
