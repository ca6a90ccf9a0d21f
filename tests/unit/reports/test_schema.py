"""Every part of every kind of draft validates against the ISO/IEC 29500 schemas; no picture id repeats.

The normal suite writes one draft per kind and language, rotating through
the templates (none, a letterhead with a header logo and no page field, a
.dotx) and charts; ``CRC_REPORTER_LONG_TESTS=1`` writes the whole matrix.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crc_reporter.paths import resource_path
from crc_reporter.reports import ReportOptions, generate_report
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from tests.conftest import LONG_TESTS, copy_store
from tests.unit.reports.conftest import CO, LOIPR, add_loipr
from tests.unit.reports.ooxml_validation import package_problems, schemas_folder
from tests.unit.reports.test_corrections import logo_template

pytestmark = pytest.mark.skipif(
    not (schemas_folder() / "all.xsd").is_file(),
    reason=f"the ISO/IEC 29500 schemas are not at {schemas_folder()} (see ../shared/ooxml-schemas/README.md)",
)

KINDS = ("state", "loipr", "alternative", "matrix")
LANGS = ("en", "fr", "km")
TEMPLATES = ("none", "logo", "dotx")


def _dotx(path: Path) -> Path:
    with zipfile.ZipFile(resource_path("templates", "default.docx")) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
    )
    with zipfile.ZipFile(path, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return path


@pytest.fixture(scope="module")
def schema_store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    folder = tmp_path_factory.mktemp("schema")
    store = open_store(copy_store(demo_template, folder / "demo.sqlite"), user="tester")
    add_loipr(store)
    logo_template(folder / "logo.docx")
    _dotx(folder / "office.dotx")
    yield store, folder
    store.close()


def _cases() -> list[tuple[str, str, str, bool]]:
    if LONG_TESTS:
        return list(itertools.product(KINDS, LANGS, TEMPLATES, (False, True)))
    rotation = itertools.cycle(itertools.product(TEMPLATES, (True, False)))
    return [(kind, lang, *next(rotation)) for kind in KINDS for lang in LANGS]


@pytest.mark.parametrize(("kind", "lang", "template", "charts"), _cases())
def test_every_part_validates(
    schema_store: tuple[Store, Path], kind: str, lang: str, template: str, charts: bool
) -> None:
    store, folder = schema_store
    out = folder / f"{kind}-{lang}-{template}-{charts}.docx"
    options = ReportOptions(
        kind=kind,
        document=LOIPR if kind == "loipr" else CO,
        out=out,
        lang=lang,
        template={"none": None, "logo": folder / "logo.docx", "dotx": folder / "office.dotx"}[template],
        charts=charts,
        include_confidential=True,
        khmer_digits=lang == "km",
    )
    with store.session() as session:
        generate_report(session, options)
    assert package_problems(out) == []
    out.unlink()


def test_the_check_finds_what_word_would_repair(tmp_path: Path) -> None:
    """A paragraph property out of schema order and a repeated picture id are reported."""
    import docx
    from docx.shared import Cm

    from crc_reporter.reports.charts import png_bar

    document = docx.Document()
    png = png_bar([((0, 0, 0), 1)], 10, 10)
    document.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Cm(1))
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Cm(1))
    p = document.add_paragraph("text")
    p.paragraph_format.alignment = 1
    ppr = p._p.get_or_add_pPr()
    ppr.append(ppr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}keepNext", {}))
    path = tmp_path / "broken.docx"
    document.save(path)
    problems = package_problems(path)
    assert any("keepNext" in p for p in problems)
    assert any(p.startswith("wp:docPr id") for p in problems)
