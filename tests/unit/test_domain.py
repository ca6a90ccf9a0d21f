"""Article lists, symbols and clusters: the rules the importers and reports rely on."""

from __future__ import annotations

import pytest

from crc_reporter.domain.articles import article_number, articles_in_heading, parse_article_list
from crc_reporter.domain.clusters import CLUSTER_ORDER, Cluster, cluster_position
from crc_reporter.domain.enums import DocumentType, Treaty
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arts. 4, 42 and 44 (6)", ["4", "42", "44(6)"]),
        ("art. 1", ["1"]),
        ("arts. 7, 8 and 13\u201317", ["7", "8", "13", "14", "15", "16", "17"]),
        (
            "arts. 6, 18 (3), 23, 24, 26, 27 (1)\u2013(3) and 33",
            ["6", "18(3)", "23", "24", "26", "27(1)", "27(2)", "27(3)", "33"],
        ),
        (
            "arts. 22, 30, 32\u201333, 35\u201336, 37 (b)\u2013(d) and 38\u201340",
            ["22", "30", "32", "33", "35", "36", "37(b)", "37(c)", "37(d)", "38", "39", "40"],
        ),
        ("arts. 28-31", ["28", "29", "30", "31"]),  # a hyphen in pasted text
        ("", []),
        ("see below", []),
    ],
)
def test_parse_article_list(text: str, expected: list[str]) -> None:
    assert parse_article_list(text) == expected


def test_articles_in_heading() -> None:
    heading = "E.\tViolence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)"
    assert articles_in_heading(heading) == ["19", "24(3)", "28(2)", "34", "37(a)", "39"]
    assert articles_in_heading("Legislation") == []


def test_absurd_range_is_not_expanded() -> None:
    assert parse_article_list("1\u20139999") == ["1", "9999"]


def test_article_number() -> None:
    assert article_number("44(6)") == 44
    assert article_number("x") == 0


@pytest.mark.parametrize(
    ("symbol", "treaty", "doc_type", "country"),
    [
        ("CRC/C/KHM/CO/4-6", Treaty.CRC, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("CRC/C/OPAC/KHM/CO/1", Treaty.OPAC, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("CRC/C/OPSC/KHM/1", Treaty.OPSC, DocumentType.STATE_REPORT, "KHM"),
        ("CRC/C/KHM/Q/4-6", Treaty.CRC, DocumentType.LIST_OF_ISSUES, "KHM"),
        ("CRC/C/KHM/Q/2-3/Add.1", Treaty.CRC, DocumentType.REPLIES, "KHM"),
        ("CRC/C/COK/RQ/2-5", Treaty.CRC, DocumentType.REPLIES, "COK"),
        ("CRC/C/XXX/QPR/5-6", Treaty.CRC, DocumentType.LOIPR, "XXX"),
        ("CRC/C/15/Add.128", Treaty.CRC, DocumentType.CONCLUDING_OBSERVATIONS, None),
        ("crc/c/khm/co/4\u20136", Treaty.CRC, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
    ],
)
def test_parse_symbol(symbol: str, treaty: Treaty, doc_type: DocumentType, country: str | None) -> None:
    info = parse_symbol(symbol)
    assert (info.treaty, info.doc_type, info.country) == (treaty, doc_type, country)


def test_normalise_symbol() -> None:
    assert normalise_symbol(" crc/c/khm/co/4\u20136 ") == "CRC/C/KHM/CO/4-6"
    assert normalise_symbol("crc/c/15/add.128") == "CRC/C/15/Add.128"


@pytest.mark.parametrize(
    "bad", ["", "hello", "E/C.13/KHM/CO/1", "CRC/C/KHM/CO/4-6;x", "CRC/D/KHM/CO/1"]
)  # E/C.12: CESCR (issue 22)
def test_parse_symbol_rejects_other_text(bad: str) -> None:
    with pytest.raises(SymbolError):
        parse_symbol(bad)


def test_cluster_order_and_keys() -> None:
    assert [c.value for c in CLUSTER_ORDER] == [
        "general_measures",
        "definition",
        "general_principles",
        "civil_rights",
        "violence",
        "family_environment",
        "health_welfare",
        "education",
        "special_protection",
        "optional_protocols",
    ]
    assert cluster_position(Cluster.VIOLENCE) == 4
    assert cluster_position(None) == 10
    assert cluster_position("nonsense") == 10
