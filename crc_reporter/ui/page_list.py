"""The pages of the main window, listed without importing them: a page's module is imported when it is built."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from crc_reporter.i18n import N_, _

if TYPE_CHECKING:
    from crc_reporter.ui.pages.base import Page


class PageSpec(NamedTuple):
    key: str
    module: str  # imported when the page is first built
    class_name: str
    title: str  # marked with N_; the page class has the same TITLE
    icon: str

    def page_class(self) -> type[Page]:
        cls: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return cls

    def label(self) -> str:
        return _(self.title)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "crc_reporter.ui.pages.dashboard", "DashboardPage", N_("Dashboard"), "dashboard"),
    PageSpec(
        "recommendations",
        "crc_reporter.ui.pages.recommendations",
        "RecommendationsPage",
        N_("Recommendations"),
        "recommendations",
    ),
    PageSpec("actions", "crc_reporter.ui.pages.actions", "ActionsPage", N_("Actions"), "actions"),
    PageSpec("indicators", "crc_reporter.ui.pages.indicators", "IndicatorsPage", N_("Indicators"), "indicators"),
    PageSpec("actors", "crc_reporter.ui.pages.actors", "ActorsPage", N_("Actors"), "actors"),
    PageSpec("documents", "crc_reporter.ui.pages.documents", "DocumentsPage", N_("Documents"), "documents"),
    PageSpec("follow_up", "crc_reporter.ui.pages.follow_up", "FollowUpPage", N_("Follow-up"), "follow_up"),
    PageSpec("reports", "crc_reporter.ui.pages.reports", "ReportsPage", N_("Reports"), "reports"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
