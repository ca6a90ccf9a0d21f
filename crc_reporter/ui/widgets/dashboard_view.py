"""What the dashboard shows: its title row, figure tiles and charts, drawn from :class:`DashboardFigures`.

No store here (neither SQLAlchemy nor the services are imported): the window
can show the figures it kept from the last session (``ui/dashboard_cache.py``)
while the store is still opening, and the dashboard page adopts this view
once the store is open (``ui/pages/dashboard.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QScrollArea, QWidget

from crc_reporter.domain.enums import ActionStatus, AssessmentSide, ImplementationStatus
from crc_reporter.domain.summaries import DashboardFigures
from crc_reporter.i18n import _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import long_date, number, short_cluster
from crc_reporter.ui.style import ACTION_STATUS_COLORS, DANGER, SERIES_COLORS, STATUS_COLORS
from crc_reporter.ui.widgets.cards import ChartCard, FigureTile
from crc_reporter.ui.widgets.charts import BarRow, Segment, StackedBarChart, Target
from crc_reporter.ui.widgets.dashboard_charts import MatrixRow, StatusMatrix, Trend, TrendGrid
from crc_reporter.ui.widgets.page_header import page_header

ALL = "*"
NO_CLUSTER = "none"  # the recommendations page's filter value for paragraphs without a cluster (services)

#: What the dashboard page shows: the choices of scope, the scope chosen, the figures (None: an empty store).
Loaded = tuple[list[tuple[str, str]], str | None, DashboardFigures | None]


def _days(value: float | int | None, decimals: int = 0) -> str:
    days = int(value or 0)
    return ngettext("{n} day", "{n} days", days).format(n=number(days))


class DashboardView(QWidget):
    """The dashboard's content; ``activated`` carries the target of a tile, bar or row clicked."""

    activated = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: DashboardFigures | None = None
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        column = QGridLayout()
        body.addLayout(column)

        header, _t, self.subtitle = page_header(title, "")
        self.scope = QComboBox()
        self.scope.setMinimumWidth(260)
        self.scope.setAccessibleName(_("Concluding observations shown"))
        header.addWidget(self.scope)
        column.addLayout(header, 0, 0)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 4, 6, 6)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        scroll.setWidget(inner)
        column.addWidget(scroll, 1, 0)

        self.due = FigureTile(_("Next report due"))
        self.urgent_tile = FigureTile(_("Urgent recommendations"))
        self.overdue_tile = FigureTile(_("Actions past their target date"))
        self.assessed = FigureTile(_("Recommendations assessed"))
        self.tiles = (self.due, self.urgent_tile, self.overdue_tile, self.assessed)
        tiles = QHBoxLayout()
        tiles.setSpacing(14)
        for tile in self.tiles:
            tiles.addWidget(tile)
        grid.addLayout(tiles, 1, 0, 1, 2)  # row 0: the page's panel of what needs attention today

        self.clusters = StackedBarChart(percent=True)
        self.cluster_card = ChartCard(_("Implementation status by cluster"), self.clusters)
        grid.addWidget(self.cluster_card, 2, 0, 1, 2)
        self.urgent = StatusMatrix()
        self.urgent_card = ChartCard(_("Urgent recommendations and their status"), self.urgent)
        self.by_actor = StackedBarChart()
        self.actor_card = ChartCard(_("Actions by actor"), self.by_actor)
        grid.addWidget(self.urgent_card, 3, 0)
        grid.addWidget(self.actor_card, 3, 1)
        self.overdue = StackedBarChart()
        self.overdue.show_legend = False
        self.overdue.label_share = 0.5
        self.overdue_card = ChartCard(_("Actions past their target date"), self.overdue)
        self.trends = TrendGrid()
        self.trend_card = ChartCard(_("Indicator trends"), self.trends)
        grid.addWidget(self.overdue_card, 4, 0)
        grid.addWidget(self.trend_card, 4, 1)
        self.mechanisms = StackedBarChart()  # shown only when the store holds other mechanisms (issue 22)
        self.mechanism_card = ChartCard(_("Recommendations by cluster and mechanism"), self.mechanisms)
        self.mechanism_card.setVisible(False)
        grid.addWidget(self.mechanism_card, 5, 0, 1, 2)
        self.mechanisms.activated.connect(self.activated)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(6, 1)
        self.grid = grid
        self.charts: list[StackedBarChart | StatusMatrix | TrendGrid] = [
            self.clusters,
            self.urgent,
            self.by_actor,
            self.overdue,
            self.trends,
        ]
        for chart in self.charts:
            chart.activated.connect(self.activated)
        for tile in self.tiles:
            tile.activated.connect(self.activated)
        self.clusters.empty_text = _("No recommendations in this document yet.")
        self.urgent.empty_text = _("The Committee named no urgent measures in this document.")
        self.by_actor.empty_text = _("No actions linked to this document yet.")
        self.overdue.empty_text = _("No action is past its target date.")
        self.trends.empty_text = _("Link indicators to these recommendations to follow their trends here.")

    def show_figures(self, choices: list[tuple[str, str]], symbol: str | None, figures: DashboardFigures) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(_("All documents"), ALL)
        for text, value in choices:
            self.scope.addItem(text, value)
        self.scope.setCurrentIndex(max(self.scope.findData(symbol or ALL), 0))
        self.scope.blockSignals(False)
        self.figures = figures
        self.subtitle.setText(
            _("As of {date} · {scope}").format(date=long_date(figures.today), scope=figures.scope or _("all documents"))
        )
        self.subtitle.setVisible(True)
        self._tiles(figures)
        self._charts(figures)

    def _recommendations(self, **filters: object) -> Target:
        """The recommendations page, filtered to the dashboard's document and ``filters``."""
        return "recommendations", {"filters": {"document": self.figures.scope if self.figures else None, **filters}}

    def _tiles(self, f: DashboardFigures) -> None:
        self.due.set_target(("reports", {}), _("Open the reports"))
        self.urgent_tile.set_target(self._recommendations(urgent=True), _("List the urgent recommendations"))
        self.overdue_tile.set_target(
            ("actions", {"filters": {"overdue": True}}), _("List the actions past their target date")
        )
        self.assessed.set_target(
            self._recommendations(),
            _("List the recommendations of {scope}").format(scope=f.scope or _("all documents")),
        )
        if f.next_report:
            days = f.next_report.days_left
            text = (
                ngettext("{n} day left", "{n} days left", days).format(n=number(days))
                if days >= 0
                else ngettext("{n} day late", "{n} days late", -days).format(n=number(-days))
            )
            self.due.set(text, long_date(f.next_report.due), DANGER if days < 90 else None)
        else:
            self.due.set("—", _("No due date recorded"))
        assessed = sum(1 for u in f.urgent if u.government_status and u.government_status != "not_assessed")
        self.urgent_tile.set(number(len(f.urgent)), _("{n} assessed by the government").format(n=number(assessed)))
        self.overdue_tile.set(
            number(f.overdue_count), _("planned or ongoing"), DANGER if f.overdue_count else "#2f9e68"
        )
        self.assessed.set(
            f"{number(f.assessed_government)} / {number(f.paragraphs)}",
            _("government; civil society: {n}").format(n=number(f.assessed_civil_society)),
        )

    def _charts(self, f: DashboardFigures) -> None:
        statuses = [s.value for s in ImplementationStatus]
        status_labels = {s: label(s) for s in statuses}
        rows = [
            BarRow(
                short_cluster(c.cluster) if c.cluster else _("Other paragraphs"),
                (
                    tuple(Segment(s, c.government.get(s, 0)) for s in statuses),
                    tuple(Segment(s, c.civil_society.get(s, 0)) for s in statuses),
                ),
                key=c.cluster or NO_CLUSTER,
            )
            for c in f.clusters
        ]
        sides = (AssessmentSide.GOVERNMENT.value, AssessmentSide.CIVIL_SOCIETY.value)
        self.clusters.target = lambda row, column, status: self._recommendations(
            cluster=row.key, status=f"{sides[column]}:{status}"
        )
        self.clusters.set_data(
            rows, STATUS_COLORS, status_labels, columns=(label("government"), label("civil_society"))
        )
        self.cluster_card.set_caption(
            _("Share of recommendations in each status, by cluster: the government's view beside civil society's.")
        )
        self.urgent.set_data(
            (label("government"), label("civil_society")),
            [
                MatrixRow(
                    f"{u.number}. {u.title}",
                    (u.government_status, u.civil_society_status),
                    ("recommendations", {"rec_id": u.id}),
                )
                for u in f.urgent[:14]
            ],
        )
        action_statuses = [s.value for s in ActionStatus]
        self.by_actor.set_data(
            [
                BarRow(
                    a.short_name or a.actor,
                    (tuple(Segment(s, a.by_status.get(s, 0)) for s in action_statuses),),
                    key=a.actor,
                )
                for a in f.actions_by_actor
            ],
            ACTION_STATUS_COLORS,
            {s: label(s) for s in action_statuses},
        )
        self.by_actor.target = lambda row, _c, status: ("actions", {"filters": {"actor": row.key, "status": status}})
        self.overdue.target = lambda row, _c, _s: ("actions", {"action_id": row.key})
        self.overdue.value_format = _days
        self.overdue.set_data(
            [BarRow(o.title, ((Segment("late", o.days_overdue),),), key=o.id) for o in f.overdue],
            {"late": DANGER},
            {"late": _("Days past the target date")},
        )
        self.overdue_card.set_caption(
            _("The {shown} most overdue of {total}, by days past their target date").format(
                shown=number(len(f.overdue)), total=number(f.overdue_count)
            )
            if f.overdue_count > len(f.overdue)
            else ""
        )
        self.trends.set_trends(
            [Trend(t.name, t.unit, t.points, ("indicators", {"indicator_id": t.id})) for t in f.trends]
        )
        for chart in self.charts:
            chart.setMinimumHeight(chart.sizeHint().height())
        self._mechanisms(f)

    def _mechanisms(self, f: DashboardFigures) -> None:
        """Every mechanism's recommendations on the State, by cluster: the CRC's beside the UPR's and others'."""
        self.mechanism_card.setVisible(bool(f.mechanisms))
        if not f.mechanisms:
            return
        names = sorted({m for row in f.mechanisms for m in row.by_mechanism}, key=lambda m: (m != "CRC", m != "UPR", m))
        colors = {m: SERIES_COLORS[i % len(SERIES_COLORS)] for i, m in enumerate(names)}
        rows = [
            BarRow(
                (short_cluster(c.cluster) if c.cluster else _("Outside the clusters"))
                if c.placed
                else _("Not yet placed"),
                (tuple(Segment(m, c.by_mechanism.get(m, 0)) for m in names),),
                key=(c.cluster or NO_CLUSTER) if c.placed else None,
            )
            for c in f.mechanisms
        ]
        # a segment lists that mechanism's recommendations of that cluster (the unplaced: of that mechanism)
        self.mechanisms.target = lambda row, _c, mechanism: (
            "recommendations",
            {"filters": {"treaty": mechanism, **({"cluster": row.key} if row.key else {})}},
        )
        self.mechanisms.set_data(rows, colors, {m: m for m in names})
        self.mechanisms.setMinimumHeight(self.mechanisms.sizeHint().height())
        self.mechanism_card.set_caption(
            _(
                "Recommendations of every mechanism on the State, in the CRC's reporting clusters; "
                "those of other mechanisms wait under “Not yet placed” until a person confirms their cluster."
            )
        )
