"""What a published site holds, read from its files: nothing private, nothing fetched from the network."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from crc_reporter.domain.enums import AssessmentSide, ImplementationStatus
from crc_reporter.i18n.labels import label
from crc_reporter.publish import MARKER, PublishOptions, publish_site
from crc_reporter.publish.errors import PublishError
from crc_reporter.publish.layout import recommendation_path
from crc_reporter.publish.search_index import build_search_index
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.assessments import record_assessment
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.support.published_site import LANGUAGES, PublishedDemo, publish_demo

_LOADS = re.compile(
    r"""(?:\bsrc|\bsrcset|\bposter|\bdata|<link[^>]*\bhref)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import|\bfetch\s*\(|XMLHttpRequest|\bimport\s*\(|<iframe|<object|<embed""",
    re.I,
)


@pytest.fixture
def published(published_demo: PublishedDemo) -> Path:
    return published_demo.folder


def _texts(folder: Path) -> dict[Path, str]:
    """Every file of the folder as text (fonts as Latin-1, so any byte string would still be found)."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            try:
                out[path] = data.decode("utf-8")
            except UnicodeDecodeError:
                out[path] = data.decode("latin-1")
    return out


def _forms(text: str) -> set[str]:
    """A text as it may be written in a file: as is, HTML-escaped, JSON-escaped, its first 40 characters."""
    forms = {text, html.escape(text, quote=True), html.escape(text, quote=False)}
    forms |= {f[:40] for f in list(forms) if len(f) > 40}
    return {f for f in forms if len(f) >= 12}


def test_no_file_holds_a_confidential_action(published: Path, demo_template: Path, tmp_path: Path) -> None:
    store = open_store(copy_store(demo_template, tmp_path / "read.sqlite"), user="tester")
    with store.session() as session:
        actions = list_actions(session, ActionFilter(include_confidential=True))
    store.close()
    confidential = [a for a in actions if a.confidential]
    public = [a for a in actions if not a.confidential and a.links]
    assert len(confidential) >= 3 and public
    secrets: set[str] = set()
    for a in confidential:
        for text in (
            a.title,
            a.description,
            a.outcome,
            *(s.title for s in a.sources),
            *(s.url or "" for s in a.sources),
        ):
            secrets |= _forms(text) if text else set()
    files = _texts(published)
    assert len(files) > 300
    leaks = [(path.name, s[:40]) for path, text in files.items() for s in secrets if s in text]
    assert leaks == []
    # the scan itself sees actions: the public ones are there
    everything = "\n".join(files.values())
    assert all(html.escape(a.title, quote=True) in everything for a in public)


def test_the_audit_trail_names_nobody(demo_template: Path, tmp_path: Path) -> None:
    person = "Sreyneang Chanthavy-Example"
    store = open_store(copy_store(demo_template, tmp_path / "store.sqlite"), user=person)
    with store.session() as session:
        rec = list_recommendations(session, RecommendationFilter(document="CRC/C/XMP/CO/5-6"))[0]
        recorded = record_assessment(
            session,
            rec.id,
            AssessmentSide.CIVIL_SOCIETY.value,
            ImplementationStatus.SUPERSEDED.value,
            assessed_on=dt.date(2026, 12, 1),
        )
        assert recorded.recorded_by == person
        options = PublishOptions(
            out=tmp_path / "site", languages=("en",), documents=(rec.document,), today=dt.date(2026, 12, 7)
        )
        publish_site(session, options)
    store.close()
    files = _texts(tmp_path / "site")
    assert not [p for p, text in files.items() if person in text or person.split()[0] in text]
    page = files[tmp_path / "site" / recommendation_path("en", rec.document, rec.number)]
    assert label(ImplementationStatus.SUPERSEDED.value, "en") in page


def test_nothing_is_loaded_from_the_network(published: Path) -> None:
    offenders = [
        (str(path.relative_to(published)), m.group(0))
        for path, text in _texts(published).items()
        if path.suffix in (".html", ".css", ".js")
        for m in _LOADS.finditer(text)
    ]
    assert offenders == []
    # the fonts, their licence and the notice are inside the folder
    assert {p.name for p in (published / "assets" / "fonts").iterdir()} >= {"NotoSansKhmer-Regular.ttf", "OFL.txt"}
    assert (published / "LICENCES.txt").is_file() and (published / MARKER).is_file()


def test_the_scan_finds_a_load_from_the_network() -> None:
    for bad in (
        '<script src="https://cdn.example/x.js">',
        "<link rel=stylesheet href='//fonts.example/css'>",
        '@font-face { src: url("https://fonts.example/k.woff2") }',
        "fetch('data.json')",
        '<img src="http://example.org/a.png">',
    ):
        assert _LOADS.search(bad), bad
    assert not _LOADS.search('<a href="https://justice.xamplia.example/news" rel="external">a source</a>')


def test_every_language_has_every_page_and_the_site_is_light(published: Path) -> None:
    pages = {
        lang: sorted(p.relative_to(published / lang) for p in (published / lang).rglob("*.html")) for lang in LANGUAGES
    }
    assert pages["en"] == pages["km"] == pages["fr"]
    size = sum(p.stat().st_size for p in published.rglob("*") if p.is_file() and p.parent.name != "fonts")
    assert size < 4_000_000  # three languages of the demo, fonts aside
    km = (published / "km" / "index.html").read_text("utf-8")
    assert '<html lang="km">' in km and 'hreflang="fr"' in km


def test_khmer_is_indexed_as_the_app_searches_it(published_demo: PublishedDemo) -> None:
    data = published_demo.data
    index = build_search_index(data)
    keys, unspaced = index["keys"], index["unspaced"]
    assert isinstance(keys, list) and isinstance(unspaced, list)
    translated = [
        f"{d.document.symbol}#{i.number}" for d in data.documents for i in d.items if i.recommendation.translation
    ]
    assert translated
    for key in translated:
        text = unspaced[keys.index(key)]
        assert re.search("[\u1780-\u17ff]", text) and "\u17d2\u178a" not in text  # subscript da folded to ta
    words = index["words"]
    assert isinstance(words, dict) and "detention" in words and all(w == w.casefold() for w in words)


def test_a_folder_that_is_not_a_publication_is_refused(demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", "utf-8")
    with pytest.raises(PublishError):
        publish_demo(demo_template, folder, languages=("en",))
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine")]


def test_publishing_again_replaces_the_earlier_site(demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    publish_demo(demo_template, folder, languages=("en", "km"), documents=("CRC/C/OPAC/XMP/CO/1",))
    assert (folder / "km" / "index.html").is_file()
    result = publish_demo(demo_template, folder, languages=("fr",), documents=("CRC/C/XMP/CO/3-4",))
    assert not (folder / "km").exists() and (folder / "fr" / "index.html").is_file()
    assert result.preview.documents == ("CRC/C/XMP/CO/3-4",)
    assert [p.name for p in (folder / "fr" / "documents").iterdir()] == ["crc-c-xmp-co-3-4.html"]


def test_khmer_digits_when_chosen(demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    publish_demo(demo_template, folder, languages=("km", "en"), khmer_digits=True, documents=("CRC/C/XMP/CO/5-6",))
    km = (folder / "km" / "summary.html").read_text("utf-8")
    en = (folder / "en" / "summary.html").read_text("utf-8")
    assert "២០២៦" in km and "2026" in en and "២" not in en
    assert "CRC/C/XMP/CO/5-6" in km  # UN symbols keep Latin digits


def test_every_string_of_the_pages_is_in_the_catalog() -> None:
    """Pages translate inside f-strings (``tx._("…")``), where Babel cannot see the strings: each must be marked."""
    root = Path(__file__).resolve().parents[3]
    with (root / "translations" / "messages.pot").open("rb") as pot:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot)}
    literal = re.compile(r"""tx\.(?:_|ngettext)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
    missing = []
    for path in sorted((root / "crc_reporter" / "publish").glob("*.py")):
        for m in literal.finditer(path.read_text("utf-8")):
            text = m.group(1) if m.group(1) is not None else m.group(2)
            if text != "…" and text.replace("\\'", "'") not in known:
                missing.append(f"{path.name}: {text}")
    assert missing == []
