"""The fast content-stream reader gives pypdf exactly what pypdf's own parser would, and the same text out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, FloatObject, NumberObject

from crc_reporter.importers.pdf_content import (
    MAX_JOINED_KERNING,
    _join_kerned,
    fast_operations,
    join_kerned_text,
    preparse_page,
)
from tests.co_content import Spec


def same(a: Any, b: Any) -> bool:
    """Equal values of the very same pypdf classes, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def pypdf_operations(data: bytes) -> list[tuple[Any, bytes]]:
    stream = ContentStream(None, None, "bytes")
    stream.set_data(data)
    return stream.operations


def visits(path: Path, fast: bool) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    for page in PdfReader(path).pages:
        if fast:
            assert preparse_page(page)  # LibreOffice's output is what the fast path is for
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: calls.append(
                (text, list(cm), list(tm), font.get("/BaseFont") if font is not None else None, size)
            )
        )
    return calls


@pytest.mark.parametrize("variant", ["2014-typed", "2014-auto", "2011-builtin-headings", "opac-style-numbering"])
def test_pypdf_reports_the_same_pieces(co_pdfs: dict[str, tuple[Spec, Path]], variant: str) -> None:
    path = co_pdfs[variant][1]
    for page in PdfReader(path).pages:
        data = page.get_contents().get_data()
        assert same(fast_operations(data), pypdf_operations(data))
    assert visits(path, fast=True) == visits(path, fast=False)  # text, matrices, font and size of every piece


@pytest.mark.parametrize(
    "data",
    [
        b"BT /F1 12 Tf 72 712.5 Td (Hello, world) Tj [(A) -120 (B) 4.5 <0041> .5 (C)] TJ ET",
        b"q 1 0 0 1 -3 +4 cm BT/F2 9.5 Tf 0 -12 TD<00410042>Tj T* (line)' 1 2 (x)\" ET Q",
        b"  BT\n/F1 10 Tf\r\n[<0C>4<0D>-3<>]TJ\nET\n",
        b"[[1 2] /N (s)] d0 1. -.5 l",
        b"/Name1 /a.b-c_d 0 Tf",
    ],
)
def test_the_fast_reader_builds_what_pypdf_builds(data: bytes) -> None:
    ops = fast_operations(data)
    assert ops is not None
    assert same(ops, pypdf_operations(data))


@pytest.mark.parametrize(
    "data",
    [
        b"/P <</MCID 0>> BDC (x) Tj EMC",  # dictionary
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",  # inline image
        b"(with \\) escape) Tj",  # escape in a literal string
        b"(nested (parens)) Tj",
        b"<41 42> Tj",  # whitespace in a hex string
        b"% a comment\n(x) Tj",
        b"/N#20ame Tf",  # escaped name
        b"1 0 R Do",
        b"[(open array) Tj",
        b"(x) Tj ]",
        b"1 2",  # operands without an operator
        b"0g (x) Tj",  # a number glued to an operator
        b"[true] TJ",
        b"(x)\x00Tj",
    ],
)
def test_anything_unusual_is_left_to_pypdf(data: bytes) -> None:
    assert fast_operations(data) is None


def test_kerned_strings_are_joined_with_their_kerning_summed() -> None:
    s = [ByteStringObject(b) for b in (b"\x01", b"\x02", b"\x03", b"\x04", b"\x05")]
    array = [s[0], NumberObject(4), s[1], NumberObject(-3), s[2], NumberObject(-300), s[3], FloatObject(2.5), s[4]]
    assert _join_kerned(array, 1) == [s[0], 4, b"\x02\x03", -3, -300, b"\x04\x05", 2.5]
    # kerning beyond the limit (a word gap) and its sum both split the run
    big = MAX_JOINED_KERNING + 1
    assert _join_kerned([s[0], 1, s[1], big, s[2]], 1) is None
    # two-byte codes: only whole codes, and never a surrogate half
    assert _join_kerned([s[0], 1, ByteStringObject(b"\x00\x41"), ByteStringObject(b"\x00\x42")], 2) is not None
    assert _join_kerned([s[0], 1, ByteStringObject(b"\xd8\x3d"), ByteStringObject(b"\xde\x00")], 2) is None
    assert _join_kerned([s[0], 1, s[1], s[2]], 2) is None


def test_joining_needs_a_known_font_a_size_and_regular_matrices() -> None:
    def tj() -> tuple[list[Any], bytes]:
        return [ArrayObject([ByteStringObject(b"a"), 1, ByteStringObject(b"b"), 1, ByteStringObject(b"c")])], b"TJ"

    ops = [(["/F1", 10], b"Tf"), tj(), (["/F9", 10], b"Tf"), tj(), (["/F1", 0], b"Tf"), tj()]
    assert join_kerned_text(ops, {"/F1": 1}) == 1  # an unknown font and a zero size are left alone
    ops = [(["/F1", 10], b"Tf"), ([1, 0, 0, 0, 0, 0], b"cm"), tj()]
    assert join_kerned_text(ops, {"/F1": 1}) == 0
    ops = [(["/F1", 10], b"Tf"), ([], b"q"), (["/F9", 10], b"Tf"), ([], b"Q"), tj()]
    assert join_kerned_text(ops, {"/F1": 1}) == 1  # Q restores the font
