"""Importers: one module per source behind one small interface (:mod:`crc_reporter.importers.base`).

``load_source(path)`` picks the importer from the file's content (and name)
and returns a :class:`~crc_reporter.domain.parsed.ParsedSource`; nothing is
written until :mod:`crc_reporter.services.importing` applies it. Add a format
by writing an importer and calling :func:`register`.
"""

from __future__ import annotations

from crc_reporter.importers.base import Importer, Probe, ReadOptions
from crc_reporter.importers.docx import DocxImporter
from crc_reporter.importers.impact import ImpactCsvImporter
from crc_reporter.importers.package import PackageImporter
from crc_reporter.importers.pdf import PdfImporter
from crc_reporter.importers.registry import choose, importers, load_source, make_probe, register
from crc_reporter.importers.text import TextImporter
from crc_reporter.importers.tracker import TrackerImporter
from crc_reporter.importers.uhri import UhriCsvImporter, UhriXlsxImporter
from crc_reporter.services.errors import ImportCancelledError
from crc_reporter.untrusted import SourceError

register(DocxImporter())
register(PdfImporter())
register(TextImporter())
register(UhriXlsxImporter())
register(UhriCsvImporter())
register(PackageImporter())
register(TrackerImporter())
register(ImpactCsvImporter())

__all__ = [
    "ImportCancelledError",
    "Importer",
    "Probe",
    "ReadOptions",
    "SourceError",
    "choose",
    "importers",
    "load_source",
    "make_probe",
    "register",
]
