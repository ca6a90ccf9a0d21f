"""Who may change the open store, and keeping the editing controls disabled when nobody here may.

A store is read-only in this window when another instance writes it (one
writer per SQLite file) or its file cannot be written; on a shared server a
viewer may read but not change anything. Either way the services would refuse
the change; :class:`WriteAccess` disables the controls that would attempt one,
with a tooltip saying why, so that nobody types into a form that cannot be saved.

Pages register their editing controls once (``ctx.access.guard(button, field)``);
the guard keeps them disabled even when the page's own code enables them again
as the selection changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_, _
from crc_reporter.store.engine import Store

ROLE_NAMES: dict[Role, str] = {
    Role.VIEWER: N_("viewer"),
    Role.EDITOR: N_("editor"),
    Role.COORDINATOR: N_("coordinator"),
    Role.ADMIN: N_("administrator"),
}


def role_name(role: Role) -> str:
    return _(ROLE_NAMES[role])


class WriteAccess(QObject):
    """Whether this window may change the store, and the one line that says why not."""

    def __init__(self, store: Store | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed = True
        self.reason = ""
        if store is not None:
            self.allowed, self.reason = _decide(store)

    def guard(self, *widgets: QWidget) -> None:
        """Keep these controls disabled (with the reason as tooltip) when this window may not write."""
        if self.allowed:
            return
        for widget in widgets:
            widget.setToolTip(self.reason)
            widget.setEnabled(False)
            widget.installEventFilter(self)

    def guard_action(self, action: QAction) -> None:
        if self.allowed:
            return
        action.setEnabled(False)
        action.setToolTip(self.reason)
        action.setStatusTip(self.reason)
        action.changed.connect(lambda: action.setEnabled(False) if action.isEnabled() else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the page enabled it again (a row was selected): undo that at once
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def _decide(store: Store) -> tuple[bool, str]:
    if store.read_only:
        reason = store.read_only_reason or _("the store is open read-only")
        return False, _("Read-only: {reason}").format(reason=reason)
    if not store.role.can_write:
        return False, _("Your role on this server ({role}) lets you read the store, not change it.").format(
            role=role_name(store.role)
        )
    return True, ""


def may_write_official_drafts(store: Store) -> tuple[bool, str]:
    """Generating the State party report and the replies (the official drafts) needs a coordinator."""
    if store.role.at_least(Role.COORDINATOR):
        return True, ""
    return False, _(
        "Only a coordinator may generate the official drafts (the State party report and the replies); "
        "your role on this server is {role}. You can still preview them."
    ).format(role=role_name(store.role))
