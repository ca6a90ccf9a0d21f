"""Word drafts: the State party report, replies to a list of issues, the alternative report, the status matrix.

Use :func:`generate_report` (or :func:`preview_report` for the outline and
word count) with a :class:`ReportOptions`; see :mod:`crc_reporter.reports.api`.
"""

from crc_reporter.reports.api import generate_report, preview_report
from crc_reporter.reports.context import (
    ANSWERS,
    KIND_TITLES,
    BudgetLine,
    ChartImage,
    OutlineEntry,
    ReportKind,
    ReportOptions,
    ReportResult,
)
from crc_reporter.reports.errors import ReportCancelledError, ReportError

__all__ = [
    "ANSWERS",
    "KIND_TITLES",
    "BudgetLine",
    "ChartImage",
    "OutlineEntry",
    "ReportCancelledError",
    "ReportError",
    "ReportKind",
    "ReportOptions",
    "ReportResult",
    "generate_report",
    "preview_report",
]
