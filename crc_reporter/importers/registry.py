"""Choosing the importer for a file, and reading it.

Importers register themselves; dispatch asks each how sure it is
(:meth:`~crc_reporter.importers.base.Importer.sniff`) and takes the most
confident, so a new format (an exchange package, an IMPACT OSS sheet) is one
more ``register()`` call, not another branch here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from crc_reporter import untrusted
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.domain.text import clean_all
from crc_reporter.i18n import _, ngettext
from crc_reporter.importers.base import Importer, Probe, ReadOptions
from crc_reporter.untrusted import SourceError

_IMPORTERS: list[Importer] = []


def register(importer: Importer) -> None:
    """Add an importer (a later registration of the same format replaces the earlier one)."""
    _IMPORTERS[:] = [i for i in _IMPORTERS if i.format != importer.format]
    _IMPORTERS.append(importer)


def importers() -> tuple[Importer, ...]:
    return tuple(_IMPORTERS)


def make_probe(data: bytes, name: str) -> Probe:
    suffix = Path(name).suffix.lower() if name not in ("-", "") else ""
    return Probe(name=name, suffix=suffix, head=data[:4096], zip_members=untrusted.zip_member_names(data))


def _what_it_is(probe: Probe) -> str:
    head = probe.head
    if head.startswith(untrusted.OLE2_MAGIC):
        return _("it is an old binary Office file (.doc/.xls) or an encrypted one; save it as .docx or .xlsx")
    if head.startswith(b"%PDF"):
        return _("it is a PDF")
    if head.startswith((untrusted.ZIP_MAGIC, untrusted.EMPTY_ZIP_MAGIC)):
        return _("it is a zip archive that is damaged or holds something else")
    if b"\x00" in head[:1024] or sum(1 for b in head[:1024] if b < 9 or 13 < b < 32) > 8:
        return _("its content is binary data of an unknown kind")
    if probe.suffix == ".pdf":
        return _("it does not start with %PDF; it contains plain text")
    return _("it contains plain text")


def choose(probe: Probe) -> Importer:
    scored = sorted(
        ((imp.sniff(probe), index, imp) for index, imp in enumerate(_IMPORTERS)), key=lambda t: (-t[0], t[1])
    )
    claimed = [imp for imp in _IMPORTERS if probe.suffix and probe.suffix in imp.extensions]
    if probe.head.startswith(untrusted.OLE2_MAGIC):
        raise SourceError(_("{name}: {reason}").format(name=probe.name, reason=_what_it_is(probe)))
    if scored and scored[0][0] > 0:
        best = scored[0][2]
        if claimed and best not in claimed and all(imp.sniff(probe) == 0 for imp in claimed):
            raise SourceError(
                _("{name} is not a {kind}: {reason}").format(
                    name=probe.name, kind=_(claimed[0].label), reason=_what_it_is(probe)
                )
            )
        return best
    if claimed:
        raise SourceError(
            _("{name} is not a {kind}: {reason}").format(
                name=probe.name, kind=_(claimed[0].label), reason=_what_it_is(probe)
            )
        )
    kinds = ", ".join(_(imp.label) for imp in _IMPORTERS)
    raise SourceError(
        _("{name} cannot be imported ({reason}); CRC Reporter reads: {kinds}").format(
            name=probe.name, reason=_what_it_is(probe), kinds=kinds
        )
    )


def load_source(
    source: str | Path | BinaryIO | bytes, *, name: str | None = None, options: ReadOptions | None = None
) -> ParsedSource:
    """Read a file (a path, ``"-"`` for standard input, an open binary file, or bytes) with the right importer."""
    options = options or ReadOptions()
    if isinstance(source, bytes):
        data, label = source, name or "-"
        if not data.strip():
            raise SourceError(_("{name} is empty").format(name=label))
        if len(data) > untrusted.MAX_FILE_BYTES:
            raise SourceError(_("{name} is too large to import").format(name=label))
    else:
        data, label = untrusted.read_input(source, name)
    probe = make_probe(data, label)
    importer = choose(probe)
    options.start()
    # every way in through a file: no control characters, no lone surrogates (issue 21, finding 5)
    return _with_collapsed_warnings(clean_all(importer.read(data, probe, options)))


#: Warnings that differ only in their numbers (row 12, row 13, …) beyond this many become one line.
SIMILAR_WARNINGS_SHOWN = 1
_NUMBERS = re.compile(r"\d++")


def collapse_warnings(warnings: Sequence[str]) -> list[str]:
    """One line per kind of warning, with a count: a damaged file (an unbalanced quote in a CSV)
    once printed a thousand near-identical lines."""
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        groups.setdefault(_NUMBERS.sub("#", warning), []).append(warning)
    out: list[str] = []
    for similar in groups.values():
        out.extend(similar[:SIMILAR_WARNINGS_SHOWN])
        more = len(similar) - SIMILAR_WARNINGS_SHOWN
        if more > 0:
            out[-1] += " " + ngettext(
                "(and {count} more warning like it)", "(and {count} more warnings like it)", more
            ).format(count=more)
    return out


def _with_collapsed_warnings(source: ParsedSource) -> ParsedSource:
    source.warnings = collapse_warnings(source.warnings)
    for document in source.documents:
        document.warnings = collapse_warnings(document.warnings)
    payload_warnings = getattr(source.payload, "warnings", None)
    if payload_warnings and dataclasses.is_dataclass(source.payload) and not isinstance(source.payload, type):
        source.payload = dataclasses.replace(source.payload, warnings=tuple(collapse_warnings(payload_warnings)))
    return source
