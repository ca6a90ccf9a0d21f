"""Write a publication: every page in every language, the assets, the fonts and their licence.

The folder is built beside its destination and put in place by renames, so a
failure never leaves half a site, and an earlier publication in the same folder
is replaced as a whole. A folder that holds anything else is refused: publishing
never deletes files it did not write.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from crc_reporter.i18n import LANGUAGES, _
from crc_reporter.paths import resource_path
from crc_reporter.publish.detail_pages import document_html, recommendation_html
from crc_reporter.publish.errors import PublishError
from crc_reporter.publish.index_page import index_html
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import (
    ASSETS,
    Site,
    document_path,
    index_path,
    published_line,
    recommendation_path,
    search_index_path,
    summary_path,
)
from crc_reporter.publish.model import PublishOptions, PublishResult, SiteData
from crc_reporter.publish.search_index import build_search_index, search_index_script
from crc_reporter.publish.site_data import gather_site_data, preview_of
from crc_reporter.publish.summary_page import summary_html

#: A file every publication carries, so that publishing again may replace the folder.
MARKER = ".crc-reporter-site"
_FONTS = ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", "OFL.txt")

Progress = Callable[[int, int], None]


def default_title(tx: SiteLanguage) -> str:
    return tx._("Where the recommendations of the Committee on the Rights of the Child stand")


def check_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(code.strip() for code in languages if code.strip()))
    unknown = [code for code in wanted if code not in LANGUAGES]
    if unknown or not wanted:
        raise PublishError(
            _("unknown language {lang}: choose among {choices}").format(
                lang=", ".join(unknown) or "''", choices=", ".join(LANGUAGES)
            )
        )
    return wanted


def _check_destination(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise PublishError(_("{path} is a file, not a folder").format(path=out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(
            _("{path} is not empty and holds no earlier publication: choose an empty or new folder").format(path=out)
        )


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _pages(data: SiteData, lang: str, options: PublishOptions) -> list[tuple[str, str]]:
    tx = SiteLanguage(lang, khmer_digits=options.khmer_digits)
    site = Site(
        title=options.title or default_title(tx),
        organisation=options.organisation,
        languages=options.languages,
        published_on_iso=data.published_on.isoformat(),
    )
    published = published_line(tx, site, tx.date(data.published_on))
    keys = {f"{d.document.symbol}#{item.number}" for d in data.documents for item in d.items}
    pages = [
        (index_path(lang), index_html(tx, site, data)),
        (summary_path(lang), summary_html(tx, site, data)),
        (search_index_path(lang), search_index_script(build_search_index(data))),
    ]
    if lang == options.languages[0]:
        pages.append(("index.html", index_html(tx, site, data, here="index.html")))
    for d in data.documents:
        pages.append((document_path(lang, d.document.symbol), document_html(tx, site, d, published)))
        for item in d.items:
            path = recommendation_path(lang, d.document.symbol, item.number)
            pages.append((path, recommendation_html(tx, site, d, item, published, keys)))
    return pages


def _copy_assets(root: Path) -> None:
    (root / ASSETS / "fonts").mkdir(parents=True)
    for name in ("site.css", "site.js"):
        shutil.copyfile(resource_path("publish", name), root / ASSETS / name)
    for name in _FONTS:
        shutil.copyfile(resource_path("fonts", name), root / ASSETS / "fonts" / name)
    shutil.copyfile(resource_path("publish", "LICENCES.txt"), root / "LICENCES.txt")


def _put_in_place(built: Path, out: Path) -> None:
    if not out.exists():
        os.replace(built, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.replace(out, old)
    try:
        os.replace(built, out)
    except OSError:
        os.replace(old, out)  # the earlier publication comes back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _cannot_write(out: Path, exc: OSError) -> str:
    return _("cannot write the website to {path}: {reason}").format(path=out, reason=exc.strerror or type(exc).__name__)


def _size(folder: Path) -> tuple[int, int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    fonts = sum(p.stat().st_size for p in files if p.parent.name == "fonts")
    return len(files), sum(p.stat().st_size for p in files), fonts


def write_site(data: SiteData, options: PublishOptions, progress: Progress | None = None) -> PublishResult:
    """Write the publication of ``data`` (already read, nothing private in it) to ``options.out``."""
    languages = check_languages(options.languages)
    options = dataclasses.replace(options, languages=languages)
    out = options.out.expanduser().absolute()
    _check_destination(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        built = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as exc:
        raise PublishError(_cannot_write(out, exc)) from exc
    try:
        _copy_assets(built)
        (built / MARKER).write_text(f"CRC Reporter publication\n{data.published_on.isoformat()}\n", encoding="utf-8")
        count = 0
        total = len(languages) * (3 + sum(1 + len(d.items) for d in data.documents))
        for lang in languages:
            for relative, text in _pages(data, lang, options):
                _write(built, relative, text)
                if not relative.endswith(".js"):
                    count += 1
                if progress:
                    progress(min(count, total), total)
        files, size, font_size = _size(built)
        _put_in_place(built, out)
    except OSError as exc:
        shutil.rmtree(built, ignore_errors=True)
        raise PublishError(_cannot_write(out, exc)) from exc
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    return PublishResult(
        folder=out,
        preview=preview_of(data),
        pages=count,
        files=files,
        size=size,
        font_size=font_size,
        languages=languages,
    )


def publish_site(session: Session, options: PublishOptions, progress: Progress | None = None) -> PublishResult:
    """Read what is public from the store and write the site (the store is only read)."""
    check_languages(options.languages)
    _check_destination(options.out.expanduser().absolute())  # before reading anything: a refusal is at once
    data = gather_site_data(session, options)
    return write_site(data, options, progress)
