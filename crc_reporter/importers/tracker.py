"""A tracker workbook exported by CRC Reporter and edited in Excel or LibreOffice, read back as an update.

The workbook carries a custom document property (kept by both programs when
they save) and a very hidden sheet with the format marker; a workbook with the
property but not the sheet is handed to the UHRI importer, which reads other
workbooks.
"""

from __future__ import annotations

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_, _
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.uhri import UhriXlsxImporter
from crc_reporter.untrusted import SourceError


class TrackerImporter:
    format = "crc-tracker"
    label = N_("tracker workbook exported by CRC Reporter (.xlsx)")
    extensions = (".xlsx",)

    def sniff(self, probe: Probe) -> int:
        if "xl/workbook.xml" in probe.zip_members and "docProps/custom.xml" in probe.zip_members:
            return 95
        return 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.interchange.tracker_read import is_tracker, read_tracker

        if not is_tracker(data):
            return UhriXlsxImporter().read(data, probe, options)
        options.checkpoint(0, 0, "")
        sheets = read_tracker(data, probe.name)
        if sheets.request:  # an answer to an update request only proposes: it must not become the record here
            raise SourceError(
                _(
                    "{name} answers an update request; merge it as a reply (Follow-up ▸ Merge a reply…, or "
                    "crc-reporter replies merge), so that a coordinator approves each change"
                ).format(name=probe.name)
            )
        return ParsedSource(format=self.format, name=probe.name, payload=sheets)
