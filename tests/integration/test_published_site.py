"""The published demo site in a real browser: Debian's chromium, headless, offline, from file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crc_reporter.i18n.labels import label
from crc_reporter.publish import SiteData
from crc_reporter.publish.layout import recommendation_path
from crc_reporter.publish.search_index import build_search_index
from crc_reporter.services.search import words_of
from tests.support.browser import browser_missing, chromium, requested_urls, severe_messages
from tests.support.published_site import PublishedDemo

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")


@pytest.fixture
def site(published_demo: PublishedDemo) -> tuple[Path, SiteData]:
    return published_demo.folder, published_demo.data


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        driver.get("about:blank")
        requested_urls(driver)  # the browser's own start (its new-tab page), before any page of ours
        severe_messages(driver)
        yield driver


def _open(browser: Any, folder: Path, relative: str) -> None:
    browser.get((folder / relative).as_uri())


def _visible_keys(browser: Any) -> list[str]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#results li.rec')).filter(li => !li.hidden)"
        ".map(li => li.dataset.key);"
    )


def _no_errors_and_nothing_outside(browser: Any, folder: Path) -> None:
    assert severe_messages(browser) == []
    inside = folder.as_uri() + "/"
    outside = [u for u in requested_urls(browser) if not u.startswith((inside, "data:", "about:"))]
    assert outside == []


def test_the_index_lists_every_document(browser: Any, site: tuple[Path, SiteData]) -> None:
    folder, data = site
    for start in ("index.html", "en/index.html", "km/index.html"):
        _open(browser, folder, start)
        listed = [e.text for e in browser.find_elements("css selector", "#documents li .symbol")]
        assert listed == [d.document.symbol for d in data.documents]
        assert len(_visible_keys(browser)) == data.recommendation_count
    _no_errors_and_nothing_outside(browser, folder)


def test_a_khmer_word_finds_the_khmer_paragraph(browser: Any, site: tuple[Path, SiteData]) -> None:
    folder, data = site
    translated = [(d.document.symbol, i) for d in data.documents for i in d.items if i.recommendation.translation]
    symbol, item = translated[1]
    # a word from inside a Khmer sentence (no space around it in the text), typed with the other subscript
    coeng_ta, coeng_da = "\u17d2\u178f", "\u17d2\u178a"
    text = item.recommendation.translation or ""
    sentence = next(w for w in words_of(text) if len(w) > 12 and coeng_ta in w[3:-6])
    at = sentence.index(coeng_ta, 3)
    word = sentence[at - 3 : at + 6]
    assert f" {word} " not in f" {text} " and word in text
    typed = word.replace(coeng_ta, coeng_da)
    _open(browser, folder, "km/index.html")
    box = browser.find_element("id", "f-q")
    box.send_keys(typed)
    found = _visible_keys(browser)
    assert f"{symbol}#{item.number}" in found
    assert 0 < len(found) < data.recommendation_count
    assert all(
        word in (i.recommendation.translation or "").replace("\u17d2\u178a", "\u17d2\u178f")
        for d in data.documents
        for i in d.items
        if f"{d.document.symbol}#{i.number}" in found and not i.actions
    )
    _no_errors_and_nothing_outside(browser, folder)


def test_khmer_words_typed_without_their_space_are_cut_against_the_index(
    browser: Any, site: tuple[Path, SiteData]
) -> None:
    folder, data = site
    index = build_search_index(data)
    keys, unspaced = index["keys"], index["unspaced"]
    assert isinstance(keys, list) and isinstance(unspaced, list)
    symbol, item = [(d.document.symbol, i) for d in data.documents for i in d.items if i.recommendation.translation][0]
    runs = words_of(item.recommendation.translation or "")
    # two runs the text separates with a space, typed as one: the whole is nowhere, each piece is
    first, second = next(
        (a, b)
        for a, b in zip(runs, runs[1:], strict=False)
        if len(a) > 4 and len(b) > 4 and not any(a + b in t for t in unspaced)
    )
    typed = first + second
    _open(browser, folder, "km/index.html")
    browser.find_element("id", "f-q").send_keys(typed)
    expected = {keys[n] for n, t in enumerate(unspaced) if first in t and second in t}
    assert f"{symbol}#{item.number}" in expected
    assert set(_visible_keys(browser)) == expected
    # a query with a piece found nowhere finds nothing
    browser.find_element("id", "f-q").send_keys("\u1794\u17d2\u179a\u17c0\u1787")
    assert _visible_keys(browser) == [] and browser.find_element("id", "nothing").is_displayed()
    _no_errors_and_nothing_outside(browser, folder)


def test_a_latin_word_is_found_by_its_beginning(browser: Any, site: tuple[Path, SiteData]) -> None:
    folder, data = site
    _open(browser, folder, "en/index.html")
    browser.find_element("id", "f-q").send_keys("detent")
    found = set(_visible_keys(browser))
    expected = {
        f"{d.document.symbol}#{i.number}"
        for d in data.documents
        for i in d.items
        if any(w.startswith("detent") for w in words_of(i.recommendation.text))
    }
    assert expected and expected <= found and len(found) < data.recommendation_count


def test_a_filter_narrows_the_list_and_survives_a_reload(browser: Any, site: tuple[Path, SiteData]) -> None:
    from selenium.webdriver.support.ui import Select

    folder, data = site
    _open(browser, folder, "en/index.html")
    Select(browser.find_element("id", "f-cluster")).select_by_value("special_protection")
    browser.find_element("id", "f-urgent").click()
    expected = [
        f"{d.document.symbol}#{i.number}"
        for d in data.documents
        for i in d.items
        if i.recommendation.cluster == "special_protection" and i.recommendation.urgent
    ]
    assert 0 < len(expected) < data.recommendation_count
    assert sorted(_visible_keys(browser)) == sorted(expected)
    url = browser.current_url
    assert "cluster=special_protection" in url and "urgent=1" in url
    browser.refresh()
    assert sorted(_visible_keys(browser)) == sorted(expected)
    assert Select(browser.find_element("id", "f-cluster")).first_selected_option.get_attribute("value") == (
        "special_protection"
    )
    assert browser.find_element("id", "f-urgent").is_selected()
    # the shared link opened afresh, in a new load of the page
    browser.get("about:blank")
    browser.get(url)
    assert sorted(_visible_keys(browser)) == sorted(expected)
    browser.find_element("id", "f-clear").click()
    assert len(_visible_keys(browser)) == data.recommendation_count
    _no_errors_and_nothing_outside(browser, folder)


def test_a_recommendation_page_shows_both_sides_status(browser: Any, site: tuple[Path, SiteData]) -> None:
    folder, data = site
    both = [
        (d.document.symbol, i)
        for d in data.documents
        for i in d.items
        if i.government and i.civil_society and i.government.status != i.civil_society.status
    ]
    symbol, item = both[0]
    assert item.government and item.civil_society
    for lang in ("en", "km"):
        _open(browser, folder, recommendation_path(lang, symbol, item.number))
        cards = browser.find_elements("css selector", ".side-card")
        assert [c.find_element("tag name", "h3").text for c in cards] == [
            label("government", lang),
            label("civil_society", lang),
        ]
        assert label(item.government.status, lang) in cards[0].text
        assert label(item.civil_society.status, lang) in cards[1].text
    _no_errors_and_nothing_outside(browser, folder)


def test_every_page_of_a_language_opens_without_errors(browser: Any, site: tuple[Path, SiteData]) -> None:
    folder, _data = site
    pages = sorted((folder / "km").rglob("*.html"))
    for path in pages[:: max(1, len(pages) // 8)] + [folder / "km" / "summary.html"]:
        browser.get(path.as_uri())
        assert browser.find_element("tag name", "h1").text
    _no_errors_and_nothing_outside(browser, folder)


_AUDIT = """
function lum(c) {
  const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
    .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    const alpha = (c.match(/[\\d.]+/g) || []).length === 4 ? Number(c.match(/[\\d.]+/g)[3]) : 1;
    if (c !== 'transparent' && alpha > 0) return c;
  }
  return 'rgb(255, 255, 255)';
}
const problems = [];
for (const el of document.querySelectorAll('body *')) {
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  const style = getComputedStyle(el);
  if (!own || style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden], .skip, svg')) continue;
  const a = lum(style.color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) problems.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 30));
}
for (const el of document.querySelectorAll('input, select, textarea, button')) {
  const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim());
  if (!named) problems.push('unlabelled ' + el.tagName + ' ' + el.id);
}
for (const el of document.querySelectorAll('svg[role=img]')) {
  if (!el.getAttribute('aria-label')) problems.push('chart without a text alternative');
}
if (!document.querySelector('main') || document.querySelectorAll('h1').length !== 1) problems.push('landmarks');
return problems;
"""


def test_pages_meet_contrast_and_labels_and_work_with_the_keyboard(browser: Any, site: tuple[Path, SiteData]) -> None:
    """WCAG 2.1 AA contrast of every text, a name for every control and chart, one h1, a skip link that works."""
    from selenium.webdriver.common.keys import Keys

    folder, data = site
    symbol, item = next((d.document.symbol, i) for d in data.documents for i in d.items if i.indicators and i.actions)
    for lang in ("en", "km"):
        for page in ("index.html", "summary.html", recommendation_path(lang, symbol, item.number)[3:]):
            _open(browser, folder, f"{lang}/{page}")
            assert browser.execute_script(_AUDIT) == [], f"{lang}/{page}"
    # the audit itself sees pale text and a field without a label
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<p style=\"color:#aaa\">pale</p><input>')"
    )
    assert len(browser.execute_script(_AUDIT)) == 2
    _open(browser, folder, "en/index.html")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.get_attribute("href").endswith("#main")
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"
    _no_errors_and_nothing_outside(browser, folder)
