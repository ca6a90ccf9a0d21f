"""Role checks the services make before an action the server would refuse anyway.

The server's grants are the real barrier (see store/pg_security.py); these
checks turn a refusal into a clear message before any SQL is sent.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.services.errors import NotAllowedError


def session_role(session: Session) -> Role:
    return Role(session.info.get("role") or Role.ADMIN.value)


def may_see_confidential(session: Session) -> bool:
    return bool(session.info.get("confidential", True))


def require_role(session: Session, minimum: Role, what: str) -> None:
    """``what`` ("approve assessments") is marked with ``N_`` by the caller and translated here."""
    role = session_role(session)
    if not role.at_least(minimum):
        raise NotAllowedError(
            _("only a {minimum} or above may {what} (your role: {role})").format(
                what=_(what), minimum=label(minimum.value).lower(), role=label(role.value).lower()
            )
        )


def require_confidential(session: Session) -> None:
    if not may_see_confidential(session):
        raise NotAllowedError(_("your role may not record or change confidential actions"))
