"""Issue 21, finding 12 (part): the PDF time guard fires on time, inside a page, not after it."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from crc_reporter.importers import ImportCancelledError, ReadOptions, SourceError, base, load_source
from crc_reporter.importers.pdf import MAX_SLOW_CONTENT_BYTES


def _pdf(content: bytes) -> bytes:
    """One page whose content stream is ``content`` (compressed, as a hostile file would have it)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_time_guard_fires_inside_one_long_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves 0.1 s at each look: a guard checked once per page never sees 8 s pass."""
    data = _pdf(b"BT /F1 10 Tf 72 700 Td " + b"(word) Tj 0 -1 Td " * 60_000 + b"ET")
    clock = iter(range(10**9))
    monkeypatch.setattr(base.time, "monotonic", lambda: next(clock) / 10)
    with pytest.raises(ImportCancelledError, match="longer than 8 s"):
        load_source(data, name="long-page.pdf", options=ReadOptions(time_budget=8.0))


def test_a_page_too_large_for_pypdf_is_refused_quickly() -> None:
    """A literal string with an escape sends the page to pypdf's byte-at-a-time parser: bounded in size."""
    unit = b"(a\\) b) Tj "
    data = _pdf(b"BT /F1 10 Tf 72 700 Td " + unit * (MAX_SLOW_CONTENT_BYTES // len(unit) + 10) + b"ET")
    assert len(data) < 200_000
    began = time.perf_counter()
    with pytest.raises(SourceError, match="far more drawing instructions"):
        load_source(data, name="dense.pdf")
    assert time.perf_counter() - began < 2
