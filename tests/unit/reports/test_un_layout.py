"""Issue 19, item 5: the UN's layout (paragraph numbering, title, symbol, abbreviations, contents)."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import open_docx, write
from tests.unit.reports.test_corrections import logo_template


def _numbered(doc: object) -> list[str]:
    body = doc.element.body  # type: ignore[attr-defined]
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in body.iter(qn("w:p"))
        if p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:numPr")) is not None
    ]


def test_body_paragraphs_numbered_by_word(demo_store: Store, tmp_path: Path) -> None:
    template = logo_template(tmp_path / "logo.docx")  # a template without a numbering part
    for name, options in (("default.docx", {}), ("letterhead.docx", {"template": template})):
        doc = open_docx(write(demo_store, tmp_path, "state", name=name, **options).path)
        numbered = _numbered(doc)
        assert len(numbered) > 50
        assert numbered[0].startswith("This report of the Republic of Xamplia")
        num_ids = {p.find(qn("w:numId")).get(qn("w:val")) for p in doc.element.body.iter(qn("w:numPr"))}
        assert len(num_ids) == 1  # one continuous numbering through the report
        numbering = doc.part.numbering_part.element
        lvl = numbering.find(qn("w:abstractNum")).find(qn("w:lvl"))
        assert any(
            a.find(qn("w:lvl")).find(qn("w:lvlText")).get(qn("w:val")) == "%1."
            for a in numbering.iter(qn("w:abstractNum"))
        )
        assert lvl is not None
    # headings, labels, the cover and the annex are not numbered
    texts = set(_numbered(doc))
    assert "Measures taken" not in texts and "Contents" not in texts
    matrix = open_docx(write(demo_store, tmp_path, "matrix").path)
    assert not _numbered(matrix)


def test_contents_pages_matched_through_the_bookmarks() -> None:
    from crc_reporter.reports.contents_pages import find_pages

    outline = [
        ("I.Introduction", 4),
        ("Methodology", 4),
        ("Paragraph6", 5),
        ("II.Generalmeasures", 5),
        ("Legislation", 6),
    ]
    assert find_pages(outline, ["I. Introduction", "Methodology", "II. General measures", "Legislation"]) == [
        4,
        4,
        5,
        6,
    ]
    assert find_pages(outline, ["I. Introduction", "Missing heading"]) is None
    assert find_pages(outline, []) is None


def test_title_abbreviations_and_common_core(demo_store: Store, tmp_path: Path) -> None:
    from tests.unit.reports.conftest import body_text

    doc = open_docx(write(demo_store, tmp_path, "state").path)
    title = (
        "Seventh periodic report submitted by the Republic of Xamplia under article 44 of the Convention, due in 2028"
    )
    assert doc.core_properties.title == title
    text = body_text(doc)
    assert title in text and "CRC/C/XMP/[symbol to be assigned]" in text
    assert "common core document of the Republic of Xamplia (HRI/CORE/XMP/[year])" in text
    start = text.index("Abbreviations")
    listed = text[start : text.index("I. Introduction", start)]
    assert "MoJ\nMinistry of Justice" not in listed and "MoJMinistry of Justice" in listed.replace("\t", "")
    assert "NCCR" in listed
    fr = open_docx(write(demo_store, tmp_path, "state", name="fr.docx", lang="fr").path)
    assert fr.core_properties.title.startswith("Septième rapport périodique soumis par")


def _contents(doc: object) -> list[str]:
    body = doc.element.body  # type: ignore[attr-defined]
    return [
        "".join(t.text or "" for r in link.iter(qn("w:r")) for t in r.findall(qn("w:t")))
        for link in body.iter(qn("w:hyperlink"))
        if (link.get(qn("w:anchor")) or "").startswith("_Toc")
    ]


def test_contents_gives_each_chapters_paragraphs(demo_store: Store, tmp_path: Path) -> None:
    import re

    for lang, label in (("en", "paras?\\."), ("fr", "par\\."), ("km", "កថាខណ្ឌ")):
        doc = open_docx(write(demo_store, tmp_path, "state", name=f"{lang}.docx", lang=lang).path)
        chapters = [e for e in _contents(doc) if re.match(r"^[IVXL]+\. ", e)]
        ranges = [re.search(rf"\(({label}) (\d+)(?:–(\d+))?\)$", e) for e in chapters]
        assert len(chapters) > 8 and all(ranges), chapters
        spans = [(int(m.group(2)), int(m.group(3) or m.group(2))) for m in ranges if m]
        assert spans[0][0] == 1  # chapter I starts the numbering
        assert all(b[0] == a[1] + 1 for a, b in zip(spans, spans[1:], strict=False))  # no gap, no overlap
        assert spans[-1][1] == len(_numbered(doc))
    sections = [e for e in _contents(open_docx(write(demo_store, tmp_path, "state").path)) if "(para" in e]
    assert all(re.match(r"^[IVXL]+\. ", e) for e in sections)  # sub-headings carry no range
