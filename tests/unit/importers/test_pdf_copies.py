"""Issue 18, item 4: the shapes real copies of PDFs and web pages have, each built here in code.

Each test writes a small set of concluding observations (a fictional State party, the UN's
layout) with one defect a PDF viewer or a browser produces, and checks what the importer
finds against what the text says.
"""

from __future__ import annotations

import codecs

from crc_reporter.domain.parsed import ParsedDocument
from crc_reporter.importers import load_source

MASTHEAD = [
    "United Nations CRC/C/XLM/CO/4-6",
    "Convention on the Rights of the Child Distr.: General",
    "27 June 2022",
    "Original: English",
    "Committee on the Rights of the Child",
    "Concluding observations on the combined fourth to sixth periodic reports of Lumeria",
]


def read(lines: list[str]) -> ParsedDocument:
    return load_source("\n".join([*MASTHEAD, *lines]).encode("utf-8"), name="-").documents[0]


def by_number(doc: ParsedDocument) -> dict:  # noqa: ANN401 - paragraphs by number
    return {p.number: p for p in doc.paragraphs}


INTRO = [
    "I. Introduction",
    "1. The Committee considered the combined fourth to sixth periodic reports of Lumeria at its 2588th",
    "meeting, held on 5 May 2022, and adopted the present concluding observations.",
]


def test_utf16_with_a_byte_order_mark_is_read_as_text() -> None:
    text = "\r\n".join([*MASTHEAD, *INTRO, "2. The Committee recommends that the State party act."])
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        source = load_source(data, name="pasted.txt")
        assert source.format == "text"
        assert [p.number for p in source.documents[0].paragraphs] == [1, 2]
        assert source.documents[0].symbol == "CRC/C/XLM/CO/4-6"


def test_superscript_ordinals_are_mended() -> None:
    doc = read(
        [
            "I. Introduction",
            "1. The Committee considered the report at its 2588 th and 2589 th meetings, held on 5 and 6 May 2022,",
            "and adopted the present concluding observations at its 2630 th meeting, held on 3 June 2022.",
        ]
    )
    text = doc.paragraphs[0].text
    assert "2588th and 2589th meetings" in text and "2630th meeting" in text
    assert str(doc.adopted_on) == "2022-06-03"


def test_paras_without_a_full_stop_and_with_an_en_dash() -> None:
    doc = read(
        [
            *INTRO,
            "2. Recalling its previous recommendations (CRC/C/XLM/CO/2-3, paras 25-26), the Committee",
            "recommends that the State party act.",
            "3. Recalling its previous recommendations (CRC/C/XLM/CO/2-3, paras. 40\u201341), the Committee",
            "urges the State party to act.",
        ]
    )
    p = by_number(doc)
    assert sorted(p[2].previous) == [("CRC/C/XLM/CO/2-3", 25), ("CRC/C/XLM/CO/2-3", 26)]
    assert sorted(p[3].previous) == [("CRC/C/XLM/CO/2-3", 40), ("CRC/C/XLM/CO/2-3", 41)]


def test_reiterates_its_call_on_the_state_party_is_a_recommendation() -> None:
    doc = read([*INTRO, "2. The Committee reiterates its call on the State party to adopt the Children's Code."])
    assert by_number(doc)[2].kind == "recommendation"


def test_a_number_alone_on_a_line_inside_a_sentence_is_not_a_page_number() -> None:
    doc = read(
        [
            *INTRO,
            "2. The Committee is concerned that children aged under",
            "15",
            "years are held with adults.",
        ]
    )
    assert (
        by_number(doc)[2].text == "The Committee is concerned that children aged under 15 years are held with adults."
    )


def test_the_next_page_number_alone_inside_a_sentence_is_still_removed() -> None:
    doc = read([*INTRO, "2. The Committee is concerned that children are", "2", "held with adults."])
    assert by_number(doc)[2].text == "The Committee is concerned that children are held with adults."


def test_a_page_number_between_pages_is_still_removed() -> None:
    doc = read(
        [
            *INTRO,
            "2. The Committee is concerned that children are",
            "CRC/C/XLM/CO/4-6",
            "2",
            "held with adults.",
        ]
    )
    assert by_number(doc)[2].text == "The Committee is concerned that children are held with adults."


def test_a_whole_document_on_one_line_is_split_at_its_paragraph_numbers() -> None:
    body = [
        *INTRO,
        "III. Main areas of concern and recommendations",
        "A. General measures of implementation (arts. 4, 42 and 44 (6))",
        "2. The Committee recommends that the State party:",
        "(a) Adopt the Children's Code;",
        "(b) Allocate resources to it.",
        "3. The Committee is concerned that 12. per cent of children are not registered.",
        "4. The Committee urges the State party to register all children by 2030.",
    ]
    doc = load_source(" ".join([*MASTHEAD, *body]).encode("utf-8"), name="-").documents[0]
    p = by_number(doc)
    assert sorted(p) == [1, 2, 3, 4]
    assert [x.label for x in p[2].parts] == ["a", "b"] and p[2].cluster == "general_measures"
    assert p[3].text == "The Committee is concerned that 12. per cent of children are not registered."
    assert doc.symbol == "CRC/C/XLM/CO/4-6"


def test_a_heading_wrapped_over_three_lines_keeps_its_cluster() -> None:
    doc = read(
        [
            *INTRO,
            "III. Main areas of concern and recommendations",
            "A. General measures of implementation",
            "(arts. 4, 42 and 44 (6))",
            "Legislation",
            "2. The Committee recommends that the State party adopt the Children's Code.",
            "E. Violence against children (arts. 19, 24 (3), 28 (2), 34,",
            "37 (a)",
            "and 39)",
            "Corporal punishment",
            "3. The Committee urges the State party to prohibit corporal punishment.",
            "K. Follow-up to the Committee's previous concluding observations and recommendations on the Optional",
            "Protocol on the sale of children, child prostitution and child pornography",
            "4. The Committee urges the State party to implement its previous recommendations.",
        ]
    )
    p = by_number(doc)
    assert p[2].cluster == "general_measures" and p[2].articles == ["4", "42", "44(6)"]
    assert p[2].subheading == "Legislation"
    assert p[3].cluster == "violence" and p[3].subheading == "Corporal punishment"
    assert "37(a)" in p[3].articles and "39" in p[3].articles
    assert p[4].cluster == "optional_protocols"
    assert not [w for w in doc.warnings if "not one of the Committee's clusters" in w]


def test_a_parts_last_words_after_the_next_label_stay_with_their_part() -> None:
    doc = read(
        [
            *INTRO,
            "2. The Committee urges the State party to:",
            "(a)",
            "Ensure free birth registration for all children, including those born to",
            "(b)",
            "parents without documents;",
            "Strengthen mobile registration units in rural",
            "(c)",
            "areas; and",
            "Train registrars.",
        ]
    )
    parts = by_number(doc)[2].parts
    assert [x.label for x in parts] == ["a", "b", "c"]
    assert parts[0].text == (
        "Ensure free birth registration for all children, including those born to parents without documents"
    )
    assert parts[1].text == "Strengthen mobile registration units in rural areas"
    assert parts[2].text == "Train registrars"


def test_unlabelled_text_after_the_parts_stays_after_them() -> None:
    doc = read(
        [
            *INTRO,
            "2. The Committee urges the State party to:",
            "(a) Ensure free birth registration; and",
            "(b) Strengthen mobile registration units.",
            "The Committee also draws attention to target 16.9 of the Sustainable Development Goals.",
            "3. The Committee recommends that the State party train registrars.",
        ]
    )
    p = by_number(doc)[2]
    assert p.parts[1].text == "Strengthen mobile registration units"
    assert p.text.endswith(
        "(b) Strengthen mobile registration units. The Committee also draws attention to target 16.9 of the "
        "Sustainable Development Goals."
    )


def test_roman_labels_without_an_opening_parenthesis() -> None:
    doc = read(
        [
            *INTRO,
            "2. The Committee urges the State party to:",
            "(a) Adopt legislation that:",
            "i) Prohibits corporal punishment in all settings;",
            "ii) Provides remedies for children;",
            "(b) Train teachers.",
        ]
    )
    parts = by_number(doc)[2].parts
    assert [x.label for x in parts] == ["a", "b"]
    assert "i) Prohibits corporal punishment" in parts[0].text and "ii) Provides remedies" in parts[0].text


def test_a_lone_paragraph_number_before_its_heading() -> None:
    doc = read(
        [
            *INTRO,
            "III. Main areas of concern and recommendations",
            "A. General measures of implementation (arts. 4, 42 and 44 (6))",
            "2.",
            "Legislation",
            "The Committee recommends that the State party adopt the Children's Code.",
            "3.",
            "Coordination",
            "The Committee recommends that the State party strengthen the National Council.",
        ]
    )
    p = by_number(doc)
    assert sorted(p) == [1, 2, 3]
    assert p[2].subheading == "Legislation" and p[2].text.startswith("The Committee recommends")
    assert p[3].subheading == "Coordination" and p[3].text.startswith("The Committee recommends")


def test_roman_labels_without_an_opening_parenthesis_in_whole_paragraphs() -> None:
    """Word and web pages give whole paragraphs: "ii)" items stay in their part, in order."""
    from crc_reporter.importers.blocks import Block, SourceText
    from crc_reporter.importers.structure import parse_document

    texts = [
        *MASTHEAD,
        "I. Introduction",
        "1. The Committee considered the report of Lumeria.",
        "2. The Committee urges the State party to:",
        "(a) Adopt legislation that:",
        "i) Prohibits corporal punishment in all settings;",
        "ii) Provides remedies for children;",
        "(b) Train teachers.",
    ]
    doc = parse_document(SourceText(blocks=[Block(t) for t in texts]))
    parts = by_number(doc)[2].parts
    assert [x.label for x in parts] == ["a", "b"]
    first = parts[0].text  # the items in part (a), in order, however their labels are written
    assert 0 < first.index("Prohibits corporal punishment in all settings") < first.index("Provides remedies")
    assert parts[1].text == "Train teachers"
