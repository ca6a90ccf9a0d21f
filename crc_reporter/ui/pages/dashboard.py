"""The dashboard: where the country stands, in pictures. An empty store shows the welcome page instead.

What it draws is :class:`~crc_reporter.ui.widgets.dashboard_view.DashboardView`;
the page loads the figures, follows changes and opens what a click points to.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.summaries import DashboardFigures
from crc_reporter.i18n import N_
from crc_reporter.services.dashboard import dashboard_figures, default_scope
from crc_reporter.services.documents import list_documents
from crc_reporter.ui import dashboard_cache
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.pages.attention_panel import AttentionPanel
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.pages.welcome import WelcomePanel
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.charts import Target
from crc_reporter.ui.widgets.dashboard_view import ALL, DashboardView, Loaded
from crc_reporter.ui.widgets.scrolling import ScrollBody


def load_dashboard(session: Session, scope: str | None) -> Loaded:
    documents = [(d.symbol, d.date.year if d.date else "") for d in list_documents(session) if d.paragraphs]
    if not documents:
        return [], None, None
    symbol = default_scope(session) if scope is None else (None if scope == ALL else scope)
    choices = [(f"{s} ({y})" if y else s, s) for s, y in documents]
    return choices, symbol, dashboard_figures(session, symbol)


class DashboardPage(Page):
    key = "dashboard"
    TITLE = N_("Dashboard")
    welcome_action = Signal(str)  # "create", "import", "demo", "open"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, view: DashboardView | None = None) -> None:
        """``view``: the figures already on screen (shown while the store opened), adopted as they are."""
        super().__init__(ctx, parent)
        self._scope: str | None = None  # None: the default scope
        self._shown: Loaded | None = None  # what is on screen, as loaded
        self._welcome: WelcomePanel | None = None  # built when the store turns out empty
        self._welcome_page: ScrollBody | None = None
        layout = self.page_layout()
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.view = view if view is not None else DashboardView(self.title())
        self.stack.addWidget(self.view)
        view = self.view  # its parts, also reachable on the page (``page.clusters``…)
        self.scope, self.subtitle, self.charts = view.scope, view.subtitle, view.charts
        self.due, self.urgent_tile, self.overdue_tile, self.assessed = view.tiles
        self.clusters, self.cluster_card, self.urgent, self.urgent_card = (
            view.clusters,
            view.cluster_card,
            view.urgent,
            view.urgent_card,
        )
        self.by_actor, self.actor_card, self.overdue, self.overdue_card = (
            view.by_actor,
            view.actor_card,
            view.overdue,
            view.overdue_card,
        )
        self.trends, self.trend_card = view.trends, view.trend_card
        self.mechanisms, self.mechanism_card = view.mechanisms, view.mechanism_card
        self.attention = AttentionPanel(ctx)  # what needs attention today (it reads the store itself)
        self.view.grid.addWidget(self.attention, 0, 0, 1, 2)
        self.view.activated.connect(self.open_target)
        self.scope.currentIndexChanged.connect(self._scope_chosen)
        for signal in (
            ctx.events.recommendations_changed,
            ctx.events.assessments_changed,
            ctx.events.actions_changed,
            ctx.events.indicators_changed,
            ctx.events.documents_changed,
            ctx.events.actors_changed,
            ctx.events.store_reloaded,
        ):
            signal.connect(self.mark_stale)

    @property
    def figures(self) -> DashboardFigures | None:
        """The figures on screen (None before the first load, and for an empty store)."""
        return self.view.figures if self.stack.currentWidget() is self.view else None

    @property
    def welcome(self) -> WelcomePanel:
        """The welcome panel an empty store shows (built the first time it is needed)."""
        if self._welcome is None:
            self._welcome = WelcomePanel(self.ctx.store.display_name())
            self.ctx.access.guard(self._welcome.import_button)
            for name, signal in (
                ("create", self._welcome.create_store),
                ("import", self._welcome.import_observations),
                ("demo", self._welcome.open_demo),
                ("open", self._welcome.open_store),
            ):
                signal.connect(lambda n=name: self.welcome_action.emit(n))
        return self._welcome

    @property
    def welcome_page(self) -> ScrollBody:
        if self._welcome_page is None:
            self._welcome_page = ScrollBody(self.welcome)  # its cards scroll on a short screen
            self.stack.addWidget(self._welcome_page)
        return self._welcome_page

    def reload(self) -> None:
        generation, scope, path = self.next_generation(), self._scope, self.ctx.store.path
        self._shown = None  # (until this load arrives, what is on screen may be out of date)

        def work(session: Session, _control: TaskControl) -> Loaded:
            stamp = dashboard_cache.store_stamp(path) if path is not None and scope is None else None
            loaded = load_dashboard(session, scope)
            if path is not None and stamp is not None:
                dashboard_cache.save(path, stamp, loaded)  # (stamped before reading: a change meanwhile voids it)
            return loaded

        def done(result: Loaded) -> None:
            if self.is_current(generation):
                self._show(*result)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)
        self.attention.reload()

    def preload(self, result: Loaded) -> None:
        """Show figures computed before the page existed (while the store opened): no load on first showing."""
        self._stale = False
        self.attention.reload()
        if result[2] is not None and result[2] is self.view.figures:  # the adopted view shows them already
            self._shown = result
            self.stack.setCurrentWidget(self.view)
            self.view.setEnabled(True)
            return
        self._show(*result)

    def current_default(self) -> Loaded | None:
        """What is on screen if it is the default scope and no change came since it was loaded."""
        return self._shown if self._scope is None and not self._stale else None

    def _scope_chosen(self, _index: int) -> None:
        self._scope = self.scope.currentData() or ALL
        self.refresh()

    def _show(self, choices: list[tuple[str, str]], symbol: str | None, figures: DashboardFigures | None) -> None:
        self._shown = (choices, symbol, figures)
        self.view.setEnabled(True)
        if figures is None:
            self.stack.setCurrentWidget(self.welcome_page)
            return
        self.stack.setCurrentWidget(self.view)
        self.view.show_figures(choices, symbol, figures)

    def open_target(self, target: Target) -> None:
        """Open the list behind a tile, a bar or a row (a page and its filters, or one record)."""
        key, what = target
        self.ctx.navigate(key, **what)
