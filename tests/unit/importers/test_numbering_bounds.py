"""Issue 21, finding 1: numbering values in a .docx are bounded, and the time guard fires inside the loops."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from lxml import etree

from crc_reporter.importers import ImportCancelledError, ReadOptions, SourceError, base, load_source
from crc_reporter.importers.docx_numbering import MAX_LABEL, Numbering
from tests.unit.importers.docx_parts import W_NS, co_paragraphs, docx, numbering_xml


def _labels(xml: str, count: int, ilvl: int = 0) -> list[str | None]:
    numbering = Numbering(etree.fromstring(xml), f"{{{W_NS}}}", {})
    return [numbering.label("1", ilvl) for _ in range(count)]


@pytest.mark.parametrize(
    ("start", "override"),
    [("2000000", None), ("1", "2000000"), ("100000000000", None), ("9" * 5000, None), ("1", "-" + "9" * 5000)],
)
def test_a_forged_start_makes_a_short_label(start: str, override: str | None) -> None:
    began = time.perf_counter()
    labels = _labels(numbering_xml(start=start, override=override), 3)
    assert time.perf_counter() - began < 1
    assert all(label is not None and len(label) <= MAX_LABEL for label in labels)


def test_real_lettered_labels_are_unchanged() -> None:
    assert _labels(numbering_xml(start="1"), 3) == ["(a)", "(b)", "(c)"]
    assert _labels(numbering_xml(start="27"), 2) == ["(aa)", "(bb)"]
    assert _labels(numbering_xml(start="1", override="4"), 1) == ["(d)"]


@pytest.mark.parametrize("ilvl", ["9", "99999999999999999999", "\u00b2", "-1"])
def test_absurd_levels_are_ignored(ilvl: str) -> None:
    assert _labels(numbering_xml(ilvl=ilvl), 1) == [None]


@pytest.mark.parametrize("start", ["100000000000", "9" * 5000])
def test_import_of_a_forged_numbering_is_quick_and_small(start: str) -> None:
    data = docx(co_paragraphs(30, num_id="1"), numbering_xml(start=start))
    load_source(docx(co_paragraphs(3)), name="warm-up.docx")  # the importers' modules loaded before timing
    tracemalloc.start()
    began = time.perf_counter()
    try:
        load_source(data, name="forged.docx")
    except SourceError:
        pass  # refusing it is fine too; what matters is time and memory
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - began < 2
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("ilvl", ["9" * 5000, "\u00b2"])
def test_paragraph_levels_with_absurd_digits(ilvl: str) -> None:
    """A level of 5,000 digits (int() refuses it) or a superscript digit is read as level 0, not a crash."""
    paragraphs = co_paragraphs(5, num_id="1", ilvl=ilvl, typed=False)
    parsed = load_source(docx(paragraphs, numbering_xml(fmt="decimal", text="%1.")), name="levels.docx")
    assert [p.number for p in parsed.documents[0].paragraphs] == [1, 2, 3, 4, 5]


def test_the_time_guard_is_checked_at_every_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves 0.1 s at each look: a guard checked every 200 paragraphs never sees 8 s pass."""
    clock = iter(range(10**9))
    monkeypatch.setattr(base.time, "monotonic", lambda: next(clock) / 10)
    data = docx(co_paragraphs(1000))
    with pytest.raises(ImportCancelledError, match="longer than 8 s"):
        load_source(data, name="long.docx", options=ReadOptions(time_budget=8.0))
