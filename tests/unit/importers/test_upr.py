"""UPR working group reports and addenda read from pasted text (issue 22); Word and PDF in tests/integration."""

from __future__ import annotations

import pytest

from crc_reporter.importers import SourceError, load_source
from crc_reporter.importers.mechanisms import position_of, split_states
from tests import upr_documents as upr


def _read(lines: list[str]):  # type: ignore[no-untyped-def]
    return load_source("\n".join(lines).encode("utf-8"), name="pasted text").documents[0]


def test_the_report_in_the_un_layout() -> None:
    doc = _read(upr.report_paragraphs())
    assert (doc.symbol, doc.treaty, doc.doc_type, doc.country, doc.country_name) == (
        upr.SYMBOL,
        "UPR",
        "upr_report",
        "KHM",
        "Cambodia",
    )
    assert [p.label for p in doc.paragraphs] == [f"110.{n}" for n in range(1, upr.COUNT + 1)]
    assert [p.number for p in doc.paragraphs] == list(range(1, upr.COUNT + 1))
    for p in doc.paragraphs:
        n = int(p.label.split(".")[1])  # type: ignore[union-attr]
        text, states = upr.recommendation(n)
        assert (p.text, p.recommending_states, p.upr_session, p.upr_cycle) == (text, states, "46", 4)
    assert "position" not in doc.provides  # the fourth cycle's report leaves the positions to its addendum


def test_the_cycle_from_the_symbol_when_the_session_is_not_named() -> None:
    lines = [line for line in upr.report_paragraphs() if "forty-sixth" not in line]
    doc = _read(lines)
    assert {(p.upr_session, p.upr_cycle) for p in doc.paragraphs} == {(None, 4)}


def test_an_older_report_sorted_by_answer_gives_the_positions() -> None:
    lines = upr.report_paragraphs(4)
    intro = next(i for i, line in enumerate(lines) if line.startswith("110. "))
    lines[intro] = "110. The following recommendations enjoy the support of Cambodia:"
    end = next(i for i, line in enumerate(lines) if line.startswith("111. "))
    lines[end:end] = [
        "111. The following recommendations did not enjoy the support of Cambodia and were noted:",
        "111.1 Abolish the death penalty (Portugal);",
        "111.2 Ratify the Rome Statute (Estonia).",
    ]
    lines = [line.replace("111. All", "112. All") for line in lines]
    doc = _read(lines)
    got = [(p.label, p.number, p.position) for p in doc.paragraphs]
    assert got[:4] == [(f"110.{n}", n, "supported") for n in range(1, 5)]
    assert got[4:] == [("111.1", 111001, "noted"), ("111.2", 111002, "noted")]  # 1 and 2 are taken: 111001
    assert "position" in doc.provides


def test_the_addendum_in_sentences_with_ranges() -> None:
    doc = _read(upr.addendum_paragraphs())
    assert doc.positions_only and doc.symbol == upr.SYMBOL and doc.provides == ("position",)
    assert {p.label: p.position for p in doc.paragraphs} == {
        f"110.{n}": upr.position(n) for n in range(1, upr.COUNT + 1)
    }


def test_an_addendum_that_gives_no_position_is_refused() -> None:
    with pytest.raises(SourceError, match="no positions"):
        _read(upr.addendum_paragraphs()[:13])


@pytest.mark.parametrize(
    ("cell", "position"),
    [
        ("Supported", "supported"),
        ("- Noted", "noted"),
        ("Supported/Noted", "supported_in_part"),
        ("Partially supported", "supported_in_part"),
        ("Cambodia does not support the following recommendations", "noted"),
        ("Appuyée", "supported"),
        ("Prise en note", "noted"),
        ("Apoyada parcialmente", "supported_in_part"),
        ("Under examination", None),
    ],
)
def test_positions_as_uhri_and_addenda_word_them(cell: str, position: str | None) -> None:
    found = position_of(cell)
    assert (found.value if found else None) == position


@pytest.mark.parametrize(
    ("text", "body", "states"),
    [
        ("Ratify the Convention (Brazil);", "Ratify the Convention", ["Brazil"]),
        ("Ratify it (Chile, Mexico).", "Ratify it", ["Chile", "Mexico"]),
        ("Ratify it (Chile) (Mexico);", "Ratify it", ["Chile", "Mexico"]),
        ("Ratify it (Bolivia (Plurinational State of))", "Ratify it", ["Bolivia (Plurinational State of)"]),
        ("Implement the plan (2024–2028) (Peru);", "Implement the plan (2024–2028)", ["Peru"]),
        ("Follow up (CEDAW/C/KHM/CO/6)", "Follow up (CEDAW/C/KHM/CO/6)", []),
    ],
)
def test_the_recommending_states_in_brackets(text: str, body: str, states: list[str]) -> None:
    assert split_states(text) == (body, states)
