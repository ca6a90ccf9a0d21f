"""The report's language (strings, dates, numbers, articles), the catalogs, word counts, XML-safe text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from crc_reporter.i18n.catalogs import plural_forms
from crc_reporter.paths import translations_path
from crc_reporter.reports.builder import count_words
from crc_reporter.reports.language import ReportLanguage, roman
from crc_reporter.reports.ooxml import clean
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, open_docx, write

PACKAGE = Path(__file__).resolve().parents[3] / "crc_reporter"
REPORT_SOURCES = [
    *sorted((PACKAGE / "reports").glob("*.py")),
    PACKAGE / "cli" / "report_commands.py",
    PACKAGE / "services" / "report_data.py",
    PACKAGE / "i18n" / "labels.py",
]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _report_messages() -> set[str | tuple[str, str]]:
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found: set[str | tuple[str, str]] = set()
    for path in REPORT_SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=keywords):
            found.add(message)
    return found


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_catalog_is_valid_and_translates_every_report_string(lang: str) -> None:
    with translations_path(lang, "LC_MESSAGES", "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    # the plural rule of the CLDR in the locked Babel: French one/many/other, Khmer one form
    assert catalog.plural_forms == plural_forms(lang)
    assert catalog.num_plurals == {"fr": 3, "km": 1}[lang]
    assert not catalog.fuzzy
    messages = _report_messages()
    assert len(messages) > 150
    for msgid in messages:
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = catalog.get(key)
        assert entry is not None and entry.string, f"{lang}: no translation for {key!r}"
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for string in strings:
            assert string and set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(key)), (lang, key)


def test_dates_numbers_and_digits() -> None:
    day = dt.date(2023, 6, 30)
    assert ReportLanguage("en").date(day) == "30 June 2023"
    assert ReportLanguage("fr").date(day) == "30 juin 2023"
    assert ReportLanguage("km").date(day) == "30 មិថុនា 2023"
    assert ReportLanguage("km", khmer_digits=True).date(day) == "៣០ មិថុនា ២០២៣"
    assert ReportLanguage("en", khmer_digits=True).date(day) == "30 June 2023"  # Khmer digits only in Khmer
    assert ReportLanguage("en").number(1046.5) == "1,046.5"
    assert ReportLanguage("fr").number(21200) == "21\u202f200"
    assert ReportLanguage("en").integer(1046) == "1046" and ReportLanguage("en").integer(21200) == "21,200"
    assert [roman(n) for n in (1, 4, 9, 12, 40)] == ["I", "IV", "IX", "XII", "XL"]


def test_article_lists_in_each_language() -> None:
    assert ReportLanguage("en").articles("arts. 4, 42 and 44 (6)") == "arts. 4, 42 and 44 (6)"
    assert ReportLanguage("en").articles("art. 1") == "art. 1"
    assert ReportLanguage("fr").articles("arts. 7, 8 and 13–17") == "art. 7, 8 et 13–17"
    assert ReportLanguage("km", khmer_digits=True).articles("arts. 28–31") == "មាត្រា ២៨–៣១"
    assert ReportLanguage("en").state("the Republic of Xamplia") == "the Republic of Xamplia"
    assert ReportLanguage("fr").state("the Republic of Xamplia", start=True) == "Republic of Xamplia"


def test_word_count() -> None:
    assert count_words("Reply to paragraph 42 (CRC/C/KHM/CO/4-6).") == 5
    assert count_words("a – b") == 2  # a dash alone is not a word
    assert count_words("ការ\u200bអនុវត្ត\u200bអនុសាសន៍") == 3  # Khmer word boundaries marked with zero-width spaces
    assert count_words("") == 0


def test_text_with_control_characters_is_written(demo_store: Store, tmp_path: Path) -> None:
    """Text pasted from Word carries vertical tabs and other characters XML forbids."""
    from crc_reporter.services.actions import create_action, link_action
    from crc_reporter.services.common import recommendation_by_ref

    assert clean("a\x0bb\x00c") == "a b c"
    with demo_store.session() as session:
        action = create_action(
            session,
            "Pasted\x0btitle",
            status="ongoing",
            outcome="Line one\nLine\ttwo\x0c",
            sources=[("Report with a bad link", "javascript:alert(1)")],
        )
        link_action(session, action.id, recommendation_by_ref(session, "CRC/C/XMP/CO/5-6", 6).id)
    text = body_text(open_docx(write(demo_store, tmp_path, "state").path))
    assert "Pasted title" in text and "Line one" in text and "Line" in text
