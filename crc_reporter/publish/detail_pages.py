"""A page per document and a page per paragraph (recommendation or concern)."""

from __future__ import annotations

from crc_reporter.domain.records import AssessmentInfo, IndicatorInfo
from crc_reporter.domain.report_records import LinkedAction, ReportData, ReportItem
from crc_reporter.i18n import N_
from crc_reporter.publish.charts import line_chart, national_series
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import (
    Site,
    document_path,
    esc,
    index_path,
    page,
    recommendation_path,
    rel,
)
from crc_reporter.publish.texts import (
    cluster_title,
    lead_in,
    paragraph_name,
    short_title,
    status_badge,
    status_of,
)

# translated with tx._ where the page is written (inside f-strings, where Babel would not see them)
_YOU_ARE_HERE = N_("You are here")
_STATUS = N_("Status")
_ANSWERS_PARTS = N_("Answers parts")
_TEXT = N_("Text")
_ASSESSMENTS = N_("Assessments")
_ACTIONS = N_("Actions")
_ASSESSED_ON = N_("Assessed on")
_OUTCOME = N_("Outcome")
_SOURCES = N_("Sources")
_YEAR = N_("Year")
_VALUE = N_("Value")
_SOURCE = N_("Source")
_AS_ADOPTED_BY_THE_COMMITTEE = N_("As adopted by the Committee")
_NO_ACTION_PUBLISHED_FOR_THIS_PAR = N_("No action published for this paragraph.")
_INDICATORS = N_("Indicators")
_URGENT = N_("Urgent")
_ASSESSED_BY = N_("Assessed by")
_EXPLANATION = N_("Explanation")
_EVIDENCE = N_("Evidence")
_URGENT_MEASURES = N_("Urgent measures")


def _breadcrumb(tx: SiteLanguage, here: str, trail: list[tuple[str, str | None]]) -> str:
    items = []
    for text, target in trail:
        if target:
            items.append(f'<li><a href="{esc(rel(here, target))}">{esc(text)}</a></li>')
        else:
            items.append(f'<li aria-current="page">{esc(text)}</li>')
    return f'<nav class="breadcrumb" aria-label="{esc(tx._(_YOU_ARE_HERE))}"><ol>{"".join(items)}</ol></nav>'


def document_html(tx: SiteLanguage, site: Site, data: ReportData, published: str) -> str:
    doc = data.document
    here = document_path(tx.code, doc.symbol)
    out = [_breadcrumb(tx, here, [(tx._("Recommendations"), index_path(tx.code)), (doc.symbol, None)])]
    out.append(f'<h1><span class="symbol">{esc(doc.symbol)}</span> {esc(doc.title)}</h1>')
    facts = []
    if doc.date:
        facts.append((tx._("Date"), f'<time datetime="{tx.iso(doc.date)}">{esc(tx.date(doc.date))}</time>'))
    if doc.next_report_due:
        facts.append((tx._("Next report due"), esc(tx.date(doc.next_report_due))))
    if facts:
        out.append('<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    for section in data.sections:
        if not section.items:
            continue
        out.append(f'<section><h2>{esc(cluster_title(tx, section.key))}</h2><ul class="recs">')
        for item in section.items:
            rec = item.recommendation
            urgent = f' <span class="urgent">{esc(tx._(_URGENT))}</span>' if rec.urgent else ""
            out.append(
                f'<li class="rec"><a href="{esc(rel(here, recommendation_path(tx.code, doc.symbol, rec.number)))}">'
                f"{esc(paragraph_name(tx, doc, rec.number))}</a>{urgent} "
                f'<span class="rec-title">{esc(short_title(tx, rec))}</span>'
                f'<span class="sides"><span class="side">{esc(tx.colon(tx.label("government")))} '
                f"{status_badge(tx, status_of(item.government))}</span>"
                f'<span class="side">{esc(tx.colon(tx.label("civil_society")))} '
                f"{status_badge(tx, status_of(item.civil_society))}</span></span></li>"
            )
        out.append("</ul></section>")
    return page(
        tx,
        site,
        here,
        title=doc.symbol,
        body="\n".join(out),
        published=published,
        same_page_in=document_path("{lang}", doc.symbol),
    )


def _assessment(tx: SiteLanguage, side: str, assessment: AssessmentInfo | None) -> str:
    rows = [f"<dt>{esc(tx._(_STATUS))}</dt><dd>{status_badge(tx, status_of(assessment))}</dd>"]
    if assessment is not None:
        rows.append(
            f"<dt>{esc(tx._(_ASSESSED_ON))}</dt>"
            f'<dd><time datetime="{tx.iso(assessment.assessed_on)}">{esc(tx.date(assessment.assessed_on))}</time></dd>'
        )
        if assessment.assessor:  # an organisation, never the person who typed it (``recorded_by``)
            rows.append(f"<dt>{esc(tx._(_ASSESSED_BY))}</dt><dd>{esc(assessment.assessor)}</dd>")
        if assessment.note:
            rows.append(f"<dt>{esc(tx._(_EXPLANATION))}</dt><dd>{esc(assessment.note)}</dd>")
        if assessment.evidence:
            rows.append(f"<dt>{esc(tx._(_EVIDENCE))}</dt><dd>{esc(assessment.evidence)}</dd>")
    return f'<section class="side-card"><h3>{esc(tx.label(side))}</h3><dl>{"".join(rows)}</dl></section>'


def _action(tx: SiteLanguage, linked: LinkedAction) -> str:
    a = linked.action
    meta = [tx.label(a.type), tx.label(a.status)]
    if a.actor:
        meta.insert(0, a.actor)
    period = " – ".join(x for x in (tx.date(a.start_date), tx.date(a.end_date)) if x)
    if period:
        meta.append(period)
    parts = ""
    if linked.parts:
        parts = f'<p class="meta">{esc(tx._(_ANSWERS_PARTS))} {esc(", ".join(tx.part(p) for p in linked.parts))}</p>'
    out = [f'<li class="action"><h3>{esc(a.title)}</h3><p class="meta">{esc(" · ".join(meta))}</p>{parts}']
    if a.description:
        out.append(f"<p>{esc(a.description)}</p>")
    if a.outcome:
        out.append(f'<p><span class="label">{esc(tx.colon(tx._(_OUTCOME)))}</span> {esc(a.outcome)}</p>')
    if a.sources:
        sources = []
        for s in a.sources:
            if s.url and s.url.lower().startswith(("https://", "http://")):
                # a link the reader may follow; nothing is fetched when the page opens
                sources.append(f'<li><a href="{esc(s.url)}" rel="external noopener noreferrer">{esc(s.title)}</a></li>')
            else:
                sources.append(f"<li>{esc(s.title)}</li>")
        out.append(f'<p class="label">{esc(tx._(_SOURCES))}</p><ul class="sources">{"".join(sources)}</ul>')
    out.append("</li>")
    return "".join(out)


def _indicator(tx: SiteLanguage, indicator: IndicatorInfo) -> str:
    points = national_series(indicator)
    unit = f" ({esc(indicator.unit)})" if indicator.unit else ""
    out = [f'<figure class="indicator"><figcaption><strong>{esc(indicator.name)}</strong>{unit}</figcaption>']
    out.append(line_chart(tx, indicator, points))
    if points:
        head = "".join(f'<th scope="col">{esc(tx.digits(str(y)))}</th>' for y, _v in points)
        cells = "".join(f"<td>{esc(tx.number(v))}</td>" for _y, v in points)
        out.append(
            f'<div class="table-wrap"><table><caption class="visually-hidden">{esc(indicator.name)}</caption>'
            f'<tr><th scope="row">{esc(tx._(_YEAR))}</th>{head}</tr>'
            f'<tr><th scope="row">{esc(tx._(_VALUE))}</th>{cells}</tr></table></div>'
        )
    if indicator.source:
        out.append(f'<p class="meta">{esc(tx.colon(tx._(_SOURCE)))} {esc(indicator.source)}</p>')
    out.append("</figure>")
    return "".join(out)


def recommendation_html(
    tx: SiteLanguage, site: Site, data: ReportData, item: ReportItem, published: str, published_keys: set[str]
) -> str:
    doc, rec = data.document, item.recommendation
    here = recommendation_path(tx.code, doc.symbol, rec.number)
    name = paragraph_name(tx, doc, rec.number)
    out = [
        _breadcrumb(
            tx,
            here,
            [
                (tx._("Recommendations"), index_path(tx.code)),
                (doc.symbol, document_path(tx.code, doc.symbol)),
                (tx._("Paragraph {number}").format(number=tx.integer(rec.number)), None),
            ],
        ),
        f"<h1>{esc(name)}</h1>",
    ]
    if rec.subheading:
        out.append(f'<p class="subheading">{esc(rec.subheading)}</p>')
    facts = [(tx._("Kind"), esc(tx.label(rec.kind)))]
    facts.append((tx._("Cluster"), esc(cluster_title(tx, rec.cluster or ""))))
    if rec.articles:
        facts.append((tx._("Articles"), esc(tx.digits(", ".join(rec.articles)))))
    if rec.urgent:
        facts.append((tx._(_URGENT), f'<span class="urgent">{esc(tx._(_URGENT_MEASURES))}</span>'))
    if rec.responsible:
        facts.append((tx._("Responsible bodies"), esc("; ".join(rec.responsible))))
    if rec.previous:
        links = []
        for ref in rec.previous:
            text = paragraph_name(tx, ref.document, ref.paragraph)
            if f"{ref.document}#{ref.paragraph}" in published_keys:
                target = rel(here, recommendation_path(tx.code, ref.document, ref.paragraph))
                links.append(f'<a href="{esc(target)}">{esc(text)}</a>')
            else:
                links.append(esc(text))
        facts.append((tx._("Earlier cycle"), "; ".join(links)))
    out.append('<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")

    out.append(f'<section aria-labelledby="h-text"><h2 id="h-text">{esc(tx._(_TEXT))}</h2>')
    translated = bool(rec.translation) and rec.translation_lang == tx.code
    if translated:
        for line in (rec.translation or "").splitlines():
            if line.strip():
                out.append(f'<p class="committee" lang="{esc(tx.code)}">{esc(line.strip())}</p>')
        out.append(f"<details><summary>{esc(tx._(_AS_ADOPTED_BY_THE_COMMITTEE))}</summary>")
    out.append(f'<p class="committee" lang="en">{esc(lead_in(rec))}</p>')
    cut_out = lead_in(rec) != rec.text
    if rec.parts and (cut_out or rec.parts[0].text.strip()[:30] not in rec.text):
        items = "".join(f'<li><span class="part">({esc(p.label)})</span> {esc(p.text)}</li>' for p in rec.parts)
        out.append(f'<ul class="parts" lang="en">{items}</ul>')
    if translated:
        out.append("</details>")
    out.append("</section>")

    out.append(f'<section aria-labelledby="h-status"><h2 id="h-status">{esc(tx._(_ASSESSMENTS))}</h2>')
    out.append('<div class="sides-grid">')
    out.append(_assessment(tx, "government", item.government))
    out.append(_assessment(tx, "civil_society", item.civil_society))
    out.append("</div></section>")

    out.append(f'<section aria-labelledby="h-actions"><h2 id="h-actions">{esc(tx._(_ACTIONS))}</h2>')
    if item.actions:
        out.append('<ul class="actions">' + "".join(_action(tx, a) for a in item.actions) + "</ul>")
    else:
        out.append(f"<p>{esc(tx._(_NO_ACTION_PUBLISHED_FOR_THIS_PAR))}</p>")
    out.append("</section>")
    if item.indicators:
        out.append(f'<section aria-labelledby="h-ind"><h2 id="h-ind">{esc(tx._(_INDICATORS))}</h2>')
        out.append("".join(_indicator(tx, i) for i in item.indicators))
        out.append("</section>")
    return page(
        tx,
        site,
        here,
        title=name,
        body="\n".join(out),
        published=published,
        same_page_in=recommendation_path("{lang}", doc.symbol, rec.number),
    )
