"""Whether this window may exchange and merge packages, and if not the one line that says why.

Used by the File menu and by the merge dialog (which the menu opens), so it lives in neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crc_reporter.i18n import _

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext


def exchange_blocked(ctx: AppContext) -> str:
    """Empty when this window may exchange packages at all; otherwise the one line that says why not."""
    if not ctx.store.confidential:  # they would take the confidential actions they cannot see for deleted ones
        return _(
            "Exchanging a shared store needs a role that sees confidential records (coordinator or administrator)."
        )
    return ""


def merge_blocked(ctx: AppContext) -> str:
    """Empty when this window may merge packages; otherwise the one line that says why not."""
    return ctx.access.reason if not ctx.access.allowed else exchange_blocked(ctx)
