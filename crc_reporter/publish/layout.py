"""The frame every published page shares: head, header with the language switch, footer.

Pages are plain HTML5 with relative links only, so the folder opens from
``file://`` and from any web host as it is. Each page knows its own path in
the folder (``en/recommendations/….html``) and every link is made relative to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from crc_reporter.i18n import N_
from crc_reporter.publish.language import SiteLanguage

# translated with tx._ where the page is written (inside f-strings, where Babel would not see them)
_FONTS_NOTO_SANS_KHMER_SIL_OPEN_F = N_("Fonts: Noto Sans Khmer, SIL Open Font License")

ASSETS = "assets"
CSS = f"{ASSETS}/site.css"
JS = f"{ASSETS}/site.js"
FONT_LICENCE = f"{ASSETS}/fonts/OFL.txt"
_SLUG = re.compile(r"[^a-z0-9]+")


def esc(text: str | None) -> str:
    return escape(text or "", quote=True)


def slug(symbol: str) -> str:
    """ "CRC/C/XMP/CO/5-6" -> "crc-c-xmp-co-5-6" (a file name every system accepts)."""
    return _SLUG.sub("-", symbol.lower()).strip("-") or "document"


def document_path(lang: str, symbol: str) -> str:
    return f"{lang}/documents/{slug(symbol)}.html"


def recommendation_path(lang: str, symbol: str, number: int) -> str:
    return f"{lang}/recommendations/{slug(symbol)}-{number}.html"


def index_path(lang: str) -> str:
    return f"{lang}/index.html"


def summary_path(lang: str) -> str:
    return f"{lang}/summary.html"


def search_index_path(lang: str) -> str:
    return f"{lang}/search-index.js"


def rel(here: str, target: str) -> str:
    """The link from the page at ``here`` to ``target`` (both paths inside the folder)."""
    folder = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


@dataclass(frozen=True, slots=True)
class Site:
    """What every page of one publication shares."""

    title: str
    organisation: str
    languages: tuple[str, ...]
    published_on_iso: str


_SKIP = N_("Skip to the content")
_NAV = N_("Site")
_LANGUAGES = N_("Language")
_HOME = N_("Recommendations")
_SUMMARY = N_("Summary")


def page(
    tx: SiteLanguage,
    site: Site,
    here: str,
    *,
    title: str,
    body: str,
    published: str,
    scripts: tuple[str, ...] = (),
    same_page_in: str | None = None,
) -> str:
    """A whole page. ``same_page_in`` is this page's path with ``{lang}`` for the language switch."""
    lang_links = []
    for code in site.languages:
        other = SiteLanguage(code)
        target = (same_page_in or "{lang}/index.html").format(lang=code)
        current = ' aria-current="true"' if code == tx.code else ""
        lang_links.append(
            f'<li><a href="{esc(rel(here, target))}" lang="{code}" hreflang="{code}"{current}>{esc(other.name)}</a></li>'
        )
    switch = ""
    if len(site.languages) > 1:
        switch = f'<nav class="languages" aria-label="{esc(tx._(_LANGUAGES))}"><ul>{"".join(lang_links)}</ul></nav>'
    script_tags = "".join(f'<script src="{esc(rel(here, s))}"></script>' for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="{tx.code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{esc(title)} · {esc(site.title)}</title>
<link rel="stylesheet" href="{esc(rel(here, CSS))}">
</head>
<body>
<a class="skip" href="#main">{esc(tx._(_SKIP))}</a>
<header class="site-header">
<p class="site-title"><a href="{esc(rel(here, index_path(tx.code)))}">{esc(site.title)}</a></p>
<nav class="site-nav" aria-label="{esc(tx._(_NAV))}"><ul>
<li><a href="{esc(rel(here, index_path(tx.code)))}">{esc(tx._(_HOME))}</a></li>
<li><a href="{esc(rel(here, summary_path(tx.code)))}">{esc(tx._(_SUMMARY))}</a></li>
</ul></nav>
{switch}
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer class="site-footer">
<p>{published}</p>
<p><a href="{esc(rel(here, FONT_LICENCE))}">{esc(tx._(_FONTS_NOTO_SANS_KHMER_SIL_OPEN_F))}</a></p>
</footer>
{script_tags}
</body>
</html>
"""


def published_line(tx: SiteLanguage, site: Site, published_on: str) -> str:
    """ "Published on 7 December 2026 by the Child Justice Network." (HTML)."""
    day = f'<time datetime="{esc(site.published_on_iso)}">{esc(published_on)}</time>'
    if site.organisation:
        text = tx._("Published on {date} by {organisation}.")
        return esc(text).replace("{date}", day).replace("{organisation}", esc(site.organisation))
    return esc(tx._("Published on {date}.")).replace("{date}", day)
