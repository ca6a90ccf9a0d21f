"""Exchange packages (.crcx) from another copy of CRC Reporter.

Reading checks the whole package (seal, zip safety, hashes, signature, every
record) and hands it on as the source's payload; merging it is the exchange
service's job (``crc-reporter import`` and ``crc-reporter merge`` both do it).
"""

from __future__ import annotations

from crc_reporter import untrusted
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_
from crc_reporter.importers.base import Probe, ReadOptions


class PackageImporter:
    format = "crcx"
    label = N_("CRC Reporter exchange package (.crcx)")
    extensions = (".crcx",)

    def sniff(self, probe: Probe) -> int:
        from crc_reporter.services.exchange.package import looks_like_package

        if looks_like_package(probe.head, probe.zip_members):
            return 100
        if probe.suffix in self.extensions and probe.head.startswith(untrusted.ZIP_MAGIC):
            return 70  # damaged: reading it gives the package's own clear refusal
        return 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.exchange.package import read_package

        options.checkpoint(0, 0, "")
        package = read_package(data, probe.name)
        return ParsedSource(format=self.format, name=probe.name, payload=package)
