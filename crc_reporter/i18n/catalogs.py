"""Maintaining the catalogs: extract the translatable strings, update the ``.po`` files, check them.

Used by ``scripts/update_catalogs.py`` (which writes) and by the catalog test
(which only reads), so both see exactly the same set of messages. The source
of truth is the code: ``_("…")``, ``N_("…")``, ``ngettext("…", "…", n)`` and,
for Qt's own dialog strings, ``qt_noop("Context", "…")`` (a gettext context,
``msgctxt``, carries Qt's translation context).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from crc_reporter import __version__
from crc_reporter.paths import translations_path

DOMAIN = "messages"
#: The languages with a catalog (English is the source language).
CATALOG_LANGUAGES = ("fr", "km")
#: Babel keyword specs: (1, 2) = singular and plural; (1, "c") = the first argument is the context.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "qt_noop": ((1, "c"), 2),
}
#: "Translators: …" comments above a string travel into the catalog as hints.
COMMENT_TAGS = ("Translators:",)
#: Width of the .po files (long lines are wrapped at spaces, as Babel does).
PO_WIDTH = 100

_BRACE = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}(?!\})")
_QT_ARG = re.compile(r"%(\d+|n)")
_PERCENT = re.compile(r"%(\(\w+\))?[sdr]")  # argparse's %-style fields


def package_root() -> Path:
    return Path(__file__).resolve().parents[1]


def template_path() -> Path:
    return translations_path(f"{DOMAIN}.pot")


def po_path(lang: str) -> Path:
    return translations_path(lang, "LC_MESSAGES", f"{DOMAIN}.po")


def extract(root: Path | None = None) -> Catalog:
    """Every translatable string under ``crc_reporter/``, with the places it is used."""
    root = root or package_root()
    catalog = Catalog(project="CRC Reporter", version=__version__, copyright_holder="CRC Reporter contributors")
    catalog.msgid_bugs_address = ""
    method_map = [("**/migrations/**.py", "ignore"), ("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map=method_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        location = (f"{root.name}/{filename}".replace("\\", "/"), lineno)
        flags = ("python-brace-format",) if _has_braces(message) else ()
        catalog.add(message, None, [location], auto_comments=comments, context=context, flags=flags)
    return catalog


def _has_braces(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any(_BRACE.search(t) for t in texts)


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` as a .po/.pot file; returns whether the file changed."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=PO_WIDTH, sort_by_file=False, include_previous=False)
    data = buffer.getvalue()
    if path.is_file() and _without_dates(path.read_bytes()) == _without_dates(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _without_dates(data: bytes) -> bytes:
    """Ignore the creation and revision dates, so an unchanged catalog is not rewritten."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"', b"", data)


def update(template: Catalog, lang: str, *, keep_obsolete: bool = False, fuzzy_matching: bool = False) -> Catalog:
    """The catalog of ``lang`` brought in line with ``template``: translations kept, new strings empty.

    Obsolete messages (no longer in the code) are dropped unless ``keep_obsolete``;
    fuzzy matching (a guess from a similar old string, marked fuzzy) is off by
    default because the catalog test rejects fuzzy entries anyway.
    """
    path = po_path(lang)
    if path.is_file():
        catalog = read_catalog(path, lang)
    else:
        catalog = Catalog(locale=lang, project="CRC Reporter", copyright_holder="CRC Reporter contributors")
    catalog.update(template, no_fuzzy_matching=not fuzzy_matching, update_header_comment=False)
    catalog.version = __version__
    catalog.msgid_bugs_address = ""
    # The plural rule is the one of the CLDR that Babel carries (requirements/lock.txt pins
    # Babel), not whatever an older catalog declared: French has three forms since CLDR 38.
    catalog.mime_headers = [("Plural-Forms", plural_forms(lang))]
    if not keep_obsolete:
        catalog.obsolete.clear()
    for message in catalog:
        # a plural message has as many forms as the language: Khmer 1, French 3 (one, many, other);
        # missing forms arrive empty, so the checker asks for them
        if message.id and message.pluralizable:
            strings = _texts(message.string)
            message.string = tuple((strings + [""] * catalog.num_plurals)[: catalog.num_plurals])
    return catalog


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header of ``lang`` under the CLDR rules of the installed Babel."""
    return get_plural(lang).plural_forms


# --- checks ---------------------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    """``{name}`` fields, Qt's ``%1``/``%n`` arguments and %-style fields (``%s``, ``%(name)s``)."""
    percent = {m.group(0) for m in _PERCENT.finditer(text)}
    return set(_BRACE.findall(text)) | {"%" + m for m in _QT_ARG.findall(text)} | percent


def _texts(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A message's id or string as a list (one entry, or one per plural form)."""
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else list(value)


def _key(message: Message) -> tuple[str, str | None]:
    return _texts(message.id)[0], message.context


@dataclass(frozen=True)
class Problem:
    lang: str
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.lang}: {self.what}: {self.msgid!r}"


def problems(template: Catalog, catalog: Catalog, lang: str) -> list[Problem]:
    """Everything that keeps ``catalog`` from being complete for ``template``."""
    found: list[Problem] = []
    wanted = {_key(m): m for m in template if m.id}
    have = {_key(m): m for m in catalog if m.id}
    nplurals = catalog.num_plurals
    expected_rule = plural_forms(lang)
    if catalog.plural_forms != expected_rule:
        found.append(
            Problem(lang, "Plural-Forms", f"header {catalog.plural_forms!r} instead of CLDR's {expected_rule!r}")
        )
    for key in wanted.keys() - have.keys():
        found.append(Problem(lang, key[0], "missing (run scripts/update_catalogs.py)"))
    for key in have.keys() - wanted.keys():
        found.append(Problem(lang, key[0], "obsolete (no longer in the code; run scripts/update_catalogs.py)"))
    for obsolete in catalog.obsolete:
        found.append(Problem(lang, str(obsolete), "obsolete entry (#~) left in the catalog"))
    for key in wanted.keys() & have.keys():
        found.extend(_message_problems(wanted[key], have[key], lang, nplurals))
    return sorted(found, key=lambda p: (p.msgid, p.what))


def _message_problems(source: Message, message: Message, lang: str, nplurals: int) -> Iterable[Problem]:
    msgid = _key(source)[0]
    if message.fuzzy:
        yield Problem(lang, msgid, "fuzzy")
    ids = _texts(source.id)
    strings = _texts(message.string)
    if source.pluralizable != message.pluralizable:
        yield Problem(lang, msgid, "singular/plural mismatch with the code")
        return
    if source.pluralizable and len(strings) != nplurals:
        yield Problem(lang, msgid, f"{len(strings)} plural forms instead of {nplurals}")
    if not all(s and s.strip() for s in strings):
        yield Problem(lang, msgid, "untranslated")
        return
    for text in strings:
        # prompts ("Passphrase: ") and fragments keep their surrounding spaces and line breaks
        if (text[:1].isspace(), text[-1:].isspace()) != (ids[0][:1].isspace(), ids[0][-1:].isspace()):
            yield Problem(lang, msgid, "leading or trailing whitespace differs from the source")
            break
    expected = placeholders(ids[-1]) | placeholders(ids[0])
    for text in strings:
        got = placeholders(text)
        # a singular form may leave out the count ("one action" for "{count} action")
        if got != expected and not (source.pluralizable and got < expected):
            yield Problem(lang, msgid, f"placeholders {sorted(got)} instead of {sorted(expected)}")
