"""What every page needs, handed in explicitly: the store, its events, undo, background tasks, settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from crc_reporter.store.engine import Store
from crc_reporter.ui.access import WriteAccess
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.tasks import TaskRunner
from crc_reporter.ui.undo import EditHistory, StoreCommand


@dataclass
class AppContext:
    store: Store
    events: StoreEvents
    history: EditHistory
    tasks: TaskRunner
    settings: AppSettings
    #: Navigation requests from one page to another, set by the main window:
    #: ``navigate("recommendations", rec_id=…)``, ``navigate("actions", action_id=…)``…
    navigate: Callable[..., None] = field(default=lambda page, **kw: None)
    #: Whether this window may change the store (read-only second window, viewer on a server).
    access: WriteAccess = field(default_factory=WriteAccess)

    def edit(self, command: StoreCommand) -> bool:
        """Make an undoable edit now (committed at once); False if the store refused it."""
        return self.history.push(command)

    def edit_all(self, text: str, commands: list[StoreCommand]) -> int:
        """Several edits as one undo step named ``text``; how many the store accepted (it stops at a refusal)."""
        if not commands:
            return 0
        done = 0
        with self.history.macro(text):
            for command in commands:
                if not self.history.push(command):
                    break
                done += 1
        return done
