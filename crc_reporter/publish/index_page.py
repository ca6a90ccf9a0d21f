"""The front page: every document, then every paragraph with search and filters.

The list is complete in the HTML (a reader without JavaScript sees all of it);
``assets/site.js`` hides what the search and the filters leave out, and keeps
them in the address (``#q=…&cluster=…``) so a link can be shared and a reload
keeps them.
"""

from __future__ import annotations

import json

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.enums import ImplementationStatus
from crc_reporter.i18n import N_
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import (
    JS,
    Site,
    document_path,
    esc,
    index_path,
    page,
    published_line,
    recommendation_path,
    rel,
    search_index_path,
)
from crc_reporter.publish.model import SiteData
from crc_reporter.publish.texts import cluster_title, paragraph_name, short_title, status_badge, status_of

# translated with tx._ where the page is written (inside f-strings, where Babel would not see them)
_SEARCH_AND_FILTERS = N_("Search and filters")
_SEARCH_THE_TEXT = N_("Search the text")
_DOCUMENT = N_("Document")
_CLUSTER = N_("Cluster")
_GOVERNMENT_S_ASSESSMENT = N_("Government's assessment")
_CIVIL_SOCIETY_S_ASSESSMENT = N_("Civil society's assessment")
_RESPONSIBLE_BODY = N_("Responsible body")
_URGENT_MEASURES_ONLY = N_("Urgent measures only")
_CLEAR_THE_SEARCH_AND_FILTERS = N_("Clear the search and filters")
_THE_RECOMMENDATIONS_OF_THE_COMMI = N_(
    "The recommendations of the Committee on the Rights of the Child, what has been done about them, and how far the Government and civil society each judge them implemented."
)
_DOCUMENTS = N_("Documents")
_PARAGRAPHS = N_("Paragraphs")
_NOTHING_MATCHES_THE_SEARCH_AND_F = N_("Nothing matches the search and filters.")
_URGENT = N_("Urgent")


def _options(values: list[tuple[str, str]], any_label: str) -> str:
    out = [f'<option value="">{esc(any_label)}</option>']
    out += [f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in values]
    return "".join(out)


def _filters(tx: SiteLanguage, data: SiteData, bodies: list[str]) -> str:
    clusters = [(c.value, tx.label(c.value)) for c in CLUSTER_ORDER]
    statuses = [(s.value, tx.label(s.value)) for s in ImplementationStatus]
    documents = [(d.document.symbol, d.document.symbol) for d in data.documents]
    everything = tx._("All")

    def select(name: str, label: str, values: list[tuple[str, str]]) -> str:
        return (
            f'<div class="field"><label for="f-{name}">{esc(label)}</label>'
            f'<select id="f-{name}" name="{name}">{_options(values, everything)}</select></div>'
        )

    return f"""<form class="filters" role="search" id="filters" aria-label="{esc(tx._(_SEARCH_AND_FILTERS))}">
<div class="field wide"><label for="f-q">{esc(tx._(_SEARCH_THE_TEXT))}</label>
<input type="search" id="f-q" name="q" autocomplete="off"></div>
{select("doc", tx._(_DOCUMENT), documents)}
{select("cluster", tx._(_CLUSTER), clusters)}
{select("gov", tx._(_GOVERNMENT_S_ASSESSMENT), statuses)}
{select("cs", tx._(_CIVIL_SOCIETY_S_ASSESSMENT), statuses)}
{select("body", tx._(_RESPONSIBLE_BODY), [(b, b) for b in bodies])}
<div class="field check"><input type="checkbox" id="f-urgent" name="urgent" value="1">
<label for="f-urgent">{esc(tx._(_URGENT_MEASURES_ONLY))}</label></div>
<div class="field"><button type="reset" id="f-clear">{esc(tx._(_CLEAR_THE_SEARCH_AND_FILTERS))}</button></div>
</form>"""


def index_html(tx: SiteLanguage, site: Site, data: SiteData, here: str | None = None) -> str:
    here = here or index_path(tx.code)
    docs = []
    for d in data.documents:
        doc = d.document
        count = tx.ngettext("{count} paragraph", "{count} paragraphs", len(d.items)).format(
            count=tx.integer(len(d.items))
        )
        when = f' · <time datetime="{tx.iso(doc.date)}">{esc(tx.date(doc.date))}</time>' if doc.date else ""
        docs.append(
            f'<li><a href="{esc(rel(here, document_path(tx.code, doc.symbol)))}"><span class="symbol">'
            f"{esc(doc.symbol)}</span></a> {esc(doc.title)}"
            f'<span class="meta"> · {esc(count)}{when}</span></li>'
        )
    bodies = sorted({b for d in data.documents for item in d.items for b in item.recommendation.responsible})
    groups = []
    for key in [c.value for c in CLUSTER_ORDER] + [""]:
        items = [(d, it) for d in data.documents for it in d.items if (it.recommendation.cluster or "") == key]
        if not items:
            continue
        rows = []
        for d, item in items:
            rec = item.recommendation
            gov, cs = status_of(item.government), status_of(item.civil_society)
            urgent = f'<span class="urgent">{esc(tx._(_URGENT))}</span> ' if rec.urgent else ""
            rows.append(
                f'<li class="rec" data-key="{esc(d.document.symbol)}#{rec.number}" data-doc="{esc(d.document.symbol)}"'
                f' data-cluster="{esc(key)}" data-gov="{gov}" data-cs="{cs}"'
                f" data-bodies='{esc(json.dumps(list(rec.responsible), ensure_ascii=False))}'"
                f' data-urgent="{int(rec.urgent)}">'
                f'<a href="{esc(rel(here, recommendation_path(tx.code, d.document.symbol, rec.number)))}">'
                f"{esc(paragraph_name(tx, d.document, rec.number))}</a> {urgent}"
                f'<span class="rec-title">{esc(short_title(tx, rec))}</span>'
                f'<span class="sides"><span class="side">{esc(tx.colon(tx.label("government")))} {status_badge(tx, gov)}</span>'
                f'<span class="side">{esc(tx.colon(tx.label("civil_society")))} {status_badge(tx, cs)}</span></span></li>'
            )
        groups.append(
            f'<section class="group" data-cluster="{esc(key)}"><h3>{esc(cluster_title(tx, key))}</h3>'
            f'<ul class="recs">{"".join(rows)}</ul></section>'
        )
    total = data.recommendation_count
    counter = tx._("{shown} of {total} paragraphs shown")
    body = f"""<h1>{esc(site.title)}</h1>
<p class="lead">{esc(tx._(_THE_RECOMMENDATIONS_OF_THE_COMMI))}</p>
<section aria-labelledby="h-docs"><h2 id="h-docs">{esc(tx._(_DOCUMENTS))}</h2>
<ul class="documents" id="documents">{"".join(docs)}</ul></section>
<section aria-labelledby="h-recs"><h2 id="h-recs">{esc(tx._(_PARAGRAPHS))}</h2>
{_filters(tx, data, bodies)}
<p id="count" class="count" role="status" aria-live="polite" data-template="{esc(counter)}" data-total="{total}"
 data-khmer-digits="{int(tx.khmer_digits)}"></p>
<p id="nothing" class="nothing" hidden>{esc(tx._(_NOTHING_MATCHES_THE_SEARCH_AND_F))}</p>
<div id="results">{"".join(groups)}</div></section>"""
    return page(
        tx,
        site,
        here,
        title=tx._("Recommendations"),
        body=body,
        published=published_line(tx, site, tx.date(data.published_on)),
        scripts=(search_index_path(tx.code), JS),
        same_page_in="{lang}/index.html",
    )
