"""The demo data set published as a website, for the tests of ``crc_reporter.publish``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from crc_reporter.publish import PublishOptions, PublishResult, publish_site
from crc_reporter.store.open import open_store
from tests.conftest import copy_store

LANGUAGES = ("en", "km", "fr")
ORGANISATION = "Child Justice Network of Xamplia"


def publish_demo(demo_template: Path, folder: Path, **changes: object) -> PublishResult:
    store = open_store(copy_store(demo_template, folder.parent / f"{folder.name}.sqlite"), user="tester")
    try:
        options = PublishOptions(
            out=folder,
            languages=LANGUAGES,
            organisation=ORGANISATION,
            today=dt.date(2026, 12, 7),
        )
        options = dataclasses.replace(options, **changes)  # type: ignore[arg-type]
        with store.session() as session:
            return publish_site(session, options)
    finally:
        store.close()
