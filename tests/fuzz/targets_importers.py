"""Fuzz targets for every importer (Word, PDF, pasted text, UHRI .xlsx and .csv) and for report templates.

Seeds are real files built in code in the UN's layout (tests/co_documents.py,
tests/uhri_fixture.py); mutating them reaches deep into the zip, XML, PDF and
CSV parsers. Only the importers' one-line errors (``ServiceError``) may come out.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from crc_reporter.importers.registry import load_source
from crc_reporter.reports.api import generate_report
from crc_reporter.reports.context import ReportOptions
from crc_reporter.services.demo import load_demo
from crc_reporter.services.errors import ServiceError
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from tests.co_content import co_2014, co_opac
from tests.co_documents import build_docx, soffice, to_pdf
from tests.fuzz.harness import FuzzTarget, register
from tests.uhri_fixture import build_uhri_csv, build_uhri_xlsx
from tests.unit.importers.test_pdf_and_text import PASTED

_FOLDER = Path(tempfile.mkdtemp(prefix="crc-fuzz-seeds-"))


@functools.cache
def _docx_seeds() -> list[bytes]:
    return [
        build_docx(co_2014(), _FOLDER / "typed.docx").read_bytes(),
        build_docx(co_opac(), _FOLDER / "opac.docx", numbering="auto", letters="restart").read_bytes(),
    ]


@functools.cache
def _pdf_seeds() -> list[bytes]:
    if soffice() is None:  # no LibreOffice: a hand-made minimal PDF still exercises the parser
        return [
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n"
        ]
    docx = build_docx(co_opac(), _FOLDER / "opac-for-pdf.docx")
    return [to_pdf([docx])[0].read_bytes()]


def _read_as(suffix: str):  # noqa: ANN202 - a target function
    def run(data: bytes) -> object:
        return load_source(data, name=f"fuzz{suffix}")

    return run


register(FuzzTarget("Word importer", _read_as(".docx"), (ServiceError,), seeds=_docx_seeds, examples=30))
register(FuzzTarget("PDF importer", _read_as(".pdf"), (ServiceError,), seeds=_pdf_seeds, examples=30))
register(
    FuzzTarget("pasted text importer", _read_as(".txt"), (ServiceError,), seeds=lambda: [PASTED.encode()], examples=40)
)
register(
    FuzzTarget(
        "UHRI spreadsheet importer",
        _read_as(".xlsx"),
        (ServiceError,),
        seeds=lambda: [build_uhri_xlsx(_FOLDER / "uhri.xlsx").read_bytes()],
        examples=30,
    )
)
register(
    FuzzTarget(
        "UHRI CSV importer",
        _read_as(".csv"),
        (ServiceError,),
        seeds=lambda: [build_uhri_csv(_FOLDER / "uhri.csv").read_bytes()],
        examples=40,
    )
)


@functools.cache
def _demo_store() -> Store:
    store = open_store(_FOLDER / "demo.sqlite", user="fuzz")
    with store.session() as session:
        load_demo(session)
    return store


@functools.cache
def _template_seeds() -> list[bytes]:
    from crc_reporter.paths import resource_path

    return [resource_path("templates", "default.docx").read_bytes()]


def _template(data: bytes) -> object:
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "letterhead.docx"
        template.write_bytes(data)
        with _demo_store().session() as session:
            options = ReportOptions(kind="matrix", document="CRC/C/XMP/CO/5-6", out=None, template=template)
            return generate_report(session, options)


register(FuzzTarget("report template", _template, (ServiceError,), seeds=_template_seeds, examples=20))
