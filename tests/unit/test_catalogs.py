"""The French and Khmer catalogs are complete for the code as it is now, and use the glossary's terms.

The messages are extracted from the source on every run (the same extraction
as ``scripts/update_catalogs.py``), so a string added anywhere fails this test
until the script is run and the new messages are translated.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from crc_reporter.i18n import catalogs, translator

LANGS = catalogs.CATALOG_LANGUAGES
GLOSSARY = catalogs.template_path().parent / "GLOSSARY.md"
HOW_TO_FIX = (
    "run `.venv/bin/python scripts/update_catalogs.py`, translate the new messages in "
    "translations/fr|km/LC_MESSAGES/messages.po (see translations/README.md and GLOSSARY.md)"
)


@cache
def template() -> Catalog:
    return catalogs.extract()


def po(lang: str) -> Catalog:
    return catalogs.read_catalog(catalogs.po_path(lang), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_message_of_the_code(lang: str) -> None:
    found = catalogs.problems(template(), po(lang), lang)
    assert not found, f"{len(found)} problems; {HOW_TO_FIX}:\n" + "\n".join(str(p) for p in found[:60])


def test_template_lists_the_messages_of_the_code() -> None:
    written = catalogs.read_catalog(catalogs.template_path())
    keys = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in written if m.id}
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template() if m.id}
    assert keys == wanted, HOW_TO_FIX


@pytest.mark.parametrize(("lang", "forms"), [("fr", 3), ("km", 1)])
def test_plural_forms_of_each_language(lang: str, forms: int) -> None:
    """The catalogs declare the plural rule of the CLDR that the locked Babel carries (French: one, many, other)."""
    catalog = po(lang)
    assert catalog.num_plurals == forms
    assert catalog.plural_forms == catalogs.plural_forms(lang)
    plurals = [m for m in catalog if m.id and m.pluralizable]
    assert len(plurals) > 10
    assert all(len(m.string) == forms and all(m.string) for m in plurals)


# (count, what a reader expects): French says "0 jour", "1 jour", "2 jours", "1000000 de jours"
COUNTS = {
    "fr": [
        (0, "{n} jour restant"),
        (1, "{n} jour restant"),
        (2, "{n} jours restants"),
        (1_000_000, "{n} de jours restants"),
    ],
    "km": [(n, "នៅសល់ {n} ថ្ងៃ") for n in (0, 1, 2, 1_000_000)],
}


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_a_count_reads_correctly_for_zero_one_two_and_a_million(lang: str) -> None:
    """The compiled catalog (what the window and the CLI use) picks the form CLDR names for each count."""
    got = [translator(lang).ngettext("{n} day left", "{n} days left", n) for n, _e in COUNTS[lang]]
    assert got == [expected for _n, expected in COUNTS[lang]]


def test_the_running_application_reads_the_catalogs() -> None:
    assert translator("km").gettext("Dashboard") == "ផ្ទាំងសង្ខេប"
    assert translator("fr").gettext("Concluding observations") == "Observations finales"
    assert translator("km").pgettext("QPlatformTheme", "Cancel") == "បោះបង់"
    assert translator("en").gettext("Dashboard") == "Dashboard"


def test_khmer_catalog_writes_one_spelling() -> None:
    """ស្តី, not ស្ដី: the same on screen, different to search and to the test of the glossary."""
    text = catalogs.po_path("km").read_text("utf-8")
    assert "\u17d2\u178a" not in text, "use the subscript ta (្ត), not the subscript da (្ដ); see GLOSSARY.md"
    assert "ឲ" not in text, "write ឱ្យ, not ឲ្យ; see GLOSSARY.md"


_FIELDS = re.compile(r"\{[^{}]*\}|--[a-z-]+|\$[A-Z_]+")


def _glossary_rows() -> list[tuple[str, list[str], list[str], str]]:
    rows = []
    for line in GLOSSARY.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[3] in ("yes", "exact"):
            english, french, khmer, mode = cells[:4]
            rows.append((english, french.split(" / "), khmer.split(" / "), mode))
    return rows


def test_glossary_is_read() -> None:
    rows = _glossary_rows()
    assert len(rows) > 30
    assert ("concluding observations", ["observations finales"], ["សេចក្តីសង្កេតចុងក្រោយ"], "yes") in rows


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_uses_the_glossary(lang: str) -> None:
    catalog = po(lang)
    column = 1 if lang == "fr" else 2
    wrong = []
    for row in _glossary_rows():
        english, mode, forms = row[0], row[3], row[column]
        plural = english[:-1] + "ies" if english.endswith("y") else english + "s"
        pattern = re.compile(rf"\b(?:{re.escape(english)}|{re.escape(plural)})\b", re.IGNORECASE)
        for message in catalog:
            if not message.id or message.context:  # Qt's own strings follow Qt's wording
                continue
            source = message.id if isinstance(message.id, str) else message.id[-1]
            words = _FIELDS.sub("", source)  # "{store}" and "--passphrase-file" are names, not words
            hit = source == english if mode == "exact" else bool(pattern.search(words))
            if not hit:
                continue
            texts = message.string if isinstance(message.string, tuple | list) else [message.string]
            if mode == "exact":
                ok = all(t in forms for t in texts)
            else:
                ok = all(any(f.lower() in t.lower().replace("'", "’") for f in forms) for t in texts)
            if not ok:
                wrong.append(f"{english!r} -> {' / '.join(forms)}: {source!r} = {texts[0]!r}")
    assert not wrong, f"{len(wrong)} messages do not use the glossary's terms (GLOSSARY.md):\n" + "\n".join(wrong)


def test_problems_finds_every_kind_of_defect(tmp_path: Path) -> None:
    """The checker itself: untranslated, fuzzy, obsolete, missing, placeholders, plural forms, spaces."""
    source = Catalog(locale="fr")
    for msgid in ("Hello {name}", "Fuzzy", "Empty", "Prompt: ", "Gone soon"):
        source.add(msgid)
    source.add(("{n} file", "{n} files"))
    source.add("Only in the code")
    catalog = Catalog(locale="fr")
    catalog.add("Hello {name}", "Bonjour {nom}")
    catalog.add("Fuzzy", "Flou", flags=("fuzzy",))
    catalog.add("Empty", "")
    catalog.add("Prompt: ", "Invite :")
    catalog.add("Gone soon", "Bientôt parti")
    catalog.add(("{n} file", "{n} files"), ("{n} fichier",))
    catalog.add("Not in the code any more", "Plus dans le code")
    found = {(p.msgid, p.what.split(" (")[0]) for p in catalogs.problems(source, catalog, "fr")}
    assert ("Hello {name}", "placeholders ['nom'] instead of ['name']") in found
    assert ("Fuzzy", "fuzzy") in found
    assert ("Empty", "untranslated") in found
    assert ("Prompt: ", "leading or trailing whitespace differs from the source") in found
    assert ("{n} file", f"1 plural forms instead of {catalogs.get_plural('fr').num_plurals}") in found
    assert not any(msgid == "Plural-Forms" for msgid, _w in found)
    assert ("Only in the code", "missing") in found
    assert ("Not in the code any more", "obsolete") in found
    assert not any(msgid == "Gone soon" for msgid, _w in found)


def test_problems_finds_a_plural_rule_that_is_not_cldrs() -> None:
    """A catalog declaring an older plural rule (French's two forms before CLDR 38) is a problem to fix."""
    catalog = Catalog(locale="fr")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n > 1);")]
    found = catalogs.problems(Catalog(locale="fr"), catalog, "fr")
    assert [p.msgid for p in found] == ["Plural-Forms"]
