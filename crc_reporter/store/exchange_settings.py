"""The store's own exchange settings (table ``exchange_setting``, migration 0010).

``require_trusted``: "1" when the store takes only packages signed by a key it
trusts. A store created by this version gets "1" the first time it is opened
(:func:`seed_exchange_settings`); migration 0010 wrote "0" into stores that
already existed. A missing row reads as "1".
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.store.models import ExchangeSetting

REQUIRE_TRUSTED = "require_trusted"


def seed_exchange_settings(session: Session) -> None:
    """Write the defaults of a new store (those already written are kept)."""
    if session.get(ExchangeSetting, REQUIRE_TRUSTED) is None:
        session.add(ExchangeSetting(key=REQUIRE_TRUSTED, value="1"))


def read_require_trusted(session: Session) -> bool:
    row = session.get(ExchangeSetting, REQUIRE_TRUSTED)
    return row is None or row.value != "0"


def write_require_trusted(session: Session, on: bool) -> None:
    row = session.get(ExchangeSetting, REQUIRE_TRUSTED)
    if row is None:
        session.add(ExchangeSetting(key=REQUIRE_TRUSTED, value="1" if on else "0"))
    else:
        row.value = "1" if on else "0"
    session.flush()
