"""Whether this store takes only packages signed by a key it trusts ("require trusted packages").

On for a store created by this version, off for one that existed before
(migration 0010). A coordinator or administrator changes it (Settings, or
``crc-reporter trust-setting``); the merge reads it (see ``merge._check``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_
from crc_reporter.services.permissions import require_role
from crc_reporter.store.exchange_settings import read_require_trusted, write_require_trusted


def require_trusted_packages(session: Session) -> bool:
    """True when this store refuses packages that are unsigned or signed by a key it does not trust."""
    return read_require_trusted(session)


def set_require_trusted_packages(session: Session, on: bool) -> None:
    require_role(session, Role.COORDINATOR, N_("change whether only trusted packages are accepted"))
    write_require_trusted(session, on)
