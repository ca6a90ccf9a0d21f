"""Who may do what on a shared store.

On an SQLite file on one's own laptop everybody is an administrator: the file
is theirs. On a shared PostgreSQL server the role comes from the server's own
roles (see :mod:`crc_reporter.store.pg_security`), so that the rules hold even
for someone who connects with another SQL client.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"  # reads non-confidential records
    EDITOR = "editor"  # records actions, links, assessments
    COORDINATOR = "coordinator"  # also approves assessments, generates the official drafts, sees confidential records
    ADMIN = "admin"  # also manages users

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank

    @property
    def can_write(self) -> bool:
        return self.at_least(Role.EDITOR)
