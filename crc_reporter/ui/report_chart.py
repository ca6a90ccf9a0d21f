"""The dashboard's status-by-cluster chart, drawn for a report: in the report's language, as a PNG with alt text.

The figures are read in the background (``dashboard_figures``); the picture is
painted here on the GUI thread (widgets belong to it) with the same
:class:`StackedBarChart` the dashboard shows, then handed to the report
writer as a :class:`~crc_reporter.reports.context.ChartImage`.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize

from crc_reporter.domain.enums import ImplementationStatus
from crc_reporter.domain.summaries import DashboardFigures
from crc_reporter.i18n import translator
from crc_reporter.i18n.labels import label
from crc_reporter.reports.context import ChartImage
from crc_reporter.ui.formatting import SHORT_CLUSTER
from crc_reporter.ui.style import STATUS_COLORS
from crc_reporter.ui.widgets.charts import BarRow, Segment, StackedBarChart

#: Width of the picture in points; drawn at twice the resolution for print.
CHART_WIDTH = 640


def _cluster_name(cluster: str | None, lang: str) -> str:
    """The short name the dashboard uses; the full (always translated) title where the short one is not yet."""
    gettext = translator(lang).gettext
    if cluster not in SHORT_CLUSTER:
        return gettext("Other paragraphs")
    short = SHORT_CLUSTER[cluster]
    name = gettext(short)
    return label(cluster, lang) if lang != "en" and name == short else name


def cluster_chart(figures: DashboardFigures, lang: str) -> ChartImage | None:
    """The picture, or None when no paragraph of the document falls in a cluster."""
    if not figures.clusters:
        return None
    gettext = translator(lang).gettext
    statuses = [s.value for s in ImplementationStatus]
    rows = []
    described = []
    for c in figures.clusters:
        name = _cluster_name(c.cluster, lang)
        rows.append(
            BarRow(
                name,
                (
                    tuple(Segment(s, c.government.get(s, 0)) for s in statuses),
                    tuple(Segment(s, c.civil_society.get(s, 0)) for s in statuses),
                ),
            )
        )
        parts = []
        for side, counts in (("government", c.government), ("civil_society", c.civil_society)):
            shown = ", ".join(f"{counts[s]} {label(s, lang).lower()}" for s in statuses if counts.get(s))
            if shown:
                parts.append(f"{label(side, lang)}: {shown}")
        described.append(f"{name} — {'; '.join(parts)}" if parts else name)
    chart = StackedBarChart(percent=True)
    chart.set_data(
        rows,
        STATUS_COLORS,
        {s: label(s, lang) for s in statuses},
        columns=(label("government", lang), label("civil_society", lang)),
    )
    size = QSize(CHART_WIDTH, chart.sizeHint().height())
    image = chart.render_image(scale=2.0, size=size)
    chart.deleteLater()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
    buffer.close()
    title = gettext("Implementation status by cluster")
    alt = gettext("Share of recommendations in each status, by cluster: the government's view beside civil society's.")
    return ChartImage(png=bytes(data.data()), title=title, alt_text=alt + " " + ". ".join(described) + ".")
