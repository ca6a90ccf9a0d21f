"""A report in the language of a translation typed beside a paragraph quotes that translation."""

from __future__ import annotations

from pathlib import Path

from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, open_docx, write

KHMER_56 = "ពន្លឿនការអនុម័តច្បាប់ស្តីពីយុត្តិធម៌អនីតិជន"  # (a) of the demo's Khmer translation of paragraph 56
ENGLISH_56 = "Expedite the adoption of the Juvenile Justice Law"


def test_khmer_report_quotes_the_khmer_translation(demo_store: Store, tmp_path: Path) -> None:
    text = body_text(open_docx(write(demo_store, tmp_path, "state", lang="km").path))
    assert KHMER_56 in text and ENGLISH_56 not in text
    assert "The Committee notes the training of judges" in text  # paragraph 55 has no translation: as adopted


def test_english_report_quotes_the_committee(demo_store: Store, tmp_path: Path) -> None:
    text = body_text(open_docx(write(demo_store, tmp_path, "state", lang="en").path))
    assert ENGLISH_56 in text and KHMER_56 not in text
