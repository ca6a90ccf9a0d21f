"""The summary: the dashboard's pictures, drawn from what is published (confidential actions are not counted)."""

from __future__ import annotations

from collections import Counter, defaultdict

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.i18n import N_
from crc_reporter.publish.charts import (
    ACTION_COLOURS,
    STATUS_COLOURS,
    bar,
    describe,
    legend,
    line_chart,
    national_series,
)
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import Site, esc, page, published_line, recommendation_path, rel, summary_path
from crc_reporter.publish.model import SiteData
from crc_reporter.publish.texts import cluster_title, paragraph_name, short_title, status_badge, status_of

# translated with tx._ where the page is written (inside f-strings, where Babel would not see them)
_CLUSTER = N_("Cluster")
_STATUS = N_("Status")
_TOTAL = N_("Total")
_ACTIONS_BY_ACTOR = N_("Actions by actor")
_ACTOR = N_("Actor")
_INDICATORS = N_("Indicators")
_SUMMARY = N_("Summary")
_STATUS_OF_IMPLEMENTATION_BY_CLUS = N_("Status of implementation by cluster")
_URGENT_MEASURES = N_("Urgent measures")
_PARAGRAPH = N_("Paragraph")


def _rows(tx: SiteLanguage, rows: list[tuple[str, Counter[str]]], colours: dict[str, str]) -> str:
    out = []
    for title, counts in rows:
        total = sum(counts.values())
        out.append(
            f'<tr><th scope="row">{esc(title)}</th>'
            f"<td>{bar(dict(counts), colours, describe(tx, dict(counts), colours))}</td>"
            f'<td class="num">{esc(tx.integer(total))}</td></tr>'
        )
    return "".join(out)


def _status_table(tx: SiteLanguage, data: SiteData, side: str, caption: str) -> str:
    per_cluster: dict[str, Counter[str]] = defaultdict(Counter)
    for d in data.documents:
        for item in d.items:
            if item.kind != RecommendationKind.RECOMMENDATION.value:
                continue
            assessment = item.government if side == "government" else item.civil_society
            per_cluster[item.recommendation.cluster or ""][status_of(assessment)] += 1
    order = [c.value for c in CLUSTER_ORDER] + [""]
    rows = [(cluster_title(tx, k), per_cluster[k]) for k in order if per_cluster.get(k)]
    return (
        f'<figure class="chart"><table class="bars"><caption>{esc(caption)}</caption>'
        f'<tr><th scope="col">{esc(tx._(_CLUSTER))}</th><th scope="col">{esc(tx._(_STATUS))}</th>'
        f'<th scope="col">{esc(tx._(_TOTAL))}</th></tr>{_rows(tx, rows, STATUS_COLOURS)}</table>'
        f"{legend(tx, STATUS_COLOURS)}</figure>"
    )


def _actors_table(tx: SiteLanguage, data: SiteData) -> str:
    seen: set[int] = set()
    by_actor: dict[str, Counter[str]] = defaultdict(Counter)
    for d in data.documents:
        for item in d.items:
            for linked in item.actions:
                a = linked.action
                if a.id not in seen:
                    seen.add(a.id)
                    by_actor[a.actor or tx._("Not named")][a.status] += 1
    if not by_actor:
        return ""
    rows = sorted(by_actor.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:10]
    return (
        f'<figure class="chart"><table class="bars"><caption class="visually-hidden">{esc(tx._(_ACTIONS_BY_ACTOR))}</caption>'
        f'<tr><th scope="col">{esc(tx._(_ACTOR))}</th><th scope="col">{esc(tx._(_STATUS))}</th>'
        f'<th scope="col">{esc(tx._(_TOTAL))}</th></tr>{_rows(tx, rows, ACTION_COLOURS)}</table>'
        f"{legend(tx, ACTION_COLOURS)}</figure>"
    )


def _trends(tx: SiteLanguage, data: SiteData) -> str:
    indicators: dict[int, IndicatorInfo] = {}
    for d in data.documents:
        for item in d.items:
            for indicator in item.indicators:
                indicators.setdefault(indicator.id, indicator)
    figures = []
    for indicator in sorted(indicators.values(), key=lambda i: i.name):
        points = national_series(indicator)
        if points:
            unit = f" ({esc(indicator.unit)})" if indicator.unit else ""
            figures.append(
                f'<figure class="trend"><figcaption>{esc(indicator.name)}{unit}</figcaption>'
                f"{line_chart(tx, indicator, points)}</figure>"
            )
    if not figures:
        return ""
    return f'<section><h2>{esc(tx._(_INDICATORS))}</h2><div class="trends">{"".join(figures)}</div></section>'


def summary_html(tx: SiteLanguage, site: Site, data: SiteData) -> str:
    here = summary_path(tx.code)
    published = [d for d in data.documents if d.items]
    figures = [
        (tx._("Documents"), tx.integer(len(published))),
        (tx._("Paragraphs"), tx.integer(data.recommendation_count)),
        (tx._("Actions"), tx.integer(data.action_count)),
        (tx._(_INDICATORS), tx.integer(data.indicator_count)),
    ]
    out = [f"<h1>{esc(tx._(_SUMMARY))}</h1>"]
    out.append(
        '<ul class="figures">'
        + "".join(f'<li><span class="figure">{esc(v)}</span> {esc(k)}</li>' for k, v in figures)
        + "</ul>"
    )
    due = [(d.document, d.document.next_report_due) for d in published if d.document.next_report_due]
    if due:
        doc, day = max(due, key=lambda x: x[1])
        due_line = tx._("Next report due: {date} ({symbol})").format(date=tx.date(day), symbol=doc.symbol)
        out.append(f"<p>{esc(due_line)}</p>")
    out.append(f'<section><h2>{esc(tx._(_STATUS_OF_IMPLEMENTATION_BY_CLUS))}</h2><div class="two">')
    out.append(_status_table(tx, data, "government", tx._("As assessed by the Government")))
    out.append(_status_table(tx, data, "civil_society", tx._("As assessed by civil society")))
    out.append("</div></section>")
    urgent = [(d, it) for d in published for it in d.items if it.recommendation.urgent]
    if urgent:
        rows = []
        for d, item in urgent:
            rec = item.recommendation
            link = rel(here, recommendation_path(tx.code, d.document.symbol, rec.number))
            rows.append(
                f'<tr><th scope="row"><a href="{esc(link)}">{esc(paragraph_name(tx, d.document, rec.number))}</a>'
                f'<br><span class="rec-title">{esc(short_title(tx, rec))}</span></th>'
                f"<td>{status_badge(tx, status_of(item.government))}</td>"
                f"<td>{status_badge(tx, status_of(item.civil_society))}</td></tr>"
            )
        out.append(
            f'<section><h2>{esc(tx._(_URGENT_MEASURES))}</h2><div class="table-wrap"><table class="urgent-table">'
            f'<tr><th scope="col">{esc(tx._(_PARAGRAPH))}</th><th scope="col">{esc(tx.label("government"))}</th>'
            f'<th scope="col">{esc(tx.label("civil_society"))}</th></tr>{"".join(rows)}</table></div></section>'
        )
    actors = _actors_table(tx, data)
    if actors:
        out.append(f"<section><h2>{esc(tx._(_ACTIONS_BY_ACTOR))}</h2>{actors}</section>")
    out.append(_trends(tx, data))
    return page(
        tx,
        site,
        here,
        title=tx._(_SUMMARY),
        body="\n".join(out),
        published=published_line(tx, site, tx.date(data.published_on)),
        same_page_in="{lang}/summary.html",
    )
