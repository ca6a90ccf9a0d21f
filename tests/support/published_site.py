"""The demo data set published as a website, once per test run, for the tests of ``crc_reporter.publish``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from crc_reporter.publish import PublishOptions, PublishResult, SiteData, gather_site_data, publish_site, write_site
from crc_reporter.store.open import open_store

LANGUAGES = ("en", "km", "fr")
ORGANISATION = "Child Justice Network of Xamplia"
TODAY = dt.date(2026, 12, 7)


@dataclasses.dataclass(frozen=True)
class PublishedDemo:
    folder: Path
    data: SiteData  # what was published, as the services read it
    result: PublishResult


def publish_demo(demo_template: Path, folder: Path, **changes: object) -> PublishResult:
    """Publish a private copy of the demo store to ``folder`` (options changed by keyword)."""
    from tests.conftest import copy_store  # (that module imports this one)

    store = open_store(copy_store(demo_template, folder.parent / f"{folder.name}.sqlite"), user="tester")
    try:
        options = PublishOptions(out=folder, languages=LANGUAGES, organisation=ORGANISATION, today=TODAY)
        options = dataclasses.replace(options, **changes)  # type: ignore[arg-type]
        with store.session() as session:
            return publish_site(session, options)
    finally:
        store.close()


@pytest.fixture(scope="session")
def published_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> PublishedDemo:
    """The demo in every language, published once per run: the unit tests read its files, the browser opens it."""
    from tests.conftest import copy_store

    folder = tmp_path_factory.mktemp("published") / "site"
    store = open_store(copy_store(demo_template, folder.parent / "demo.sqlite"), user="tester")
    try:
        options = PublishOptions(out=folder, languages=LANGUAGES, organisation=ORGANISATION, today=TODAY)
        with store.session() as session:
            data = gather_site_data(session, options)
        result = write_site(data, options)
    finally:
        store.close()
    return PublishedDemo(folder, data, result)
