"""Reading untrusted files without being hurt by them.

People import what they were sent or downloaded. A file may be damaged, lie
about its type, or be built to hurt: a zip bomb (a few kilobytes that inflate
to gigabytes), XML that expands entities a billion times, a truncated archive.
Everything here checks before it reads: the size of the file, the number,
declared sizes and compression ratio of zip members (``zipfile`` never reads
past a member's declared size, so the declared sizes bound memory), and XML
is parsed with no DTD, no entity resolution and no network.

The importers and the services that read files themselves (exchange packages,
tracker workbooks) share these checks and :class:`SourceError`; they live here,
below both (this package imports only the domain and i18n).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from crc_reporter.i18n import _
from crc_reporter.untrusted.errors import SourceError

__all__ = [
    "SourceError",
    "open_zip",
    "parse_xml",
    "read_input",
    "read_member",
    "zip_member_names",
]

MAX_FILE_BYTES = 100 * 1024 * 1024  # far above any real concluding observations or UHRI export
MAX_ZIP_MEMBERS = 5_000
MAX_MEMBER_BYTES = 150 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024
MAX_XML_BYTES = 25 * 1024 * 1024  # a 400-page document.xml is about 15 MB; parsing costs ~10x in memory
MAX_TEXT_CHARS = 10 * 1024 * 1024  # pasted concluding observations are well under 1 MB
MAX_RATIO = 100  # deflated XML rarely exceeds 30:1; bombs reach 1000:1
RATIO_CHECK_ABOVE = 2 * 1024 * 1024  # tiny members may compress extremely well, harmlessly

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc / .xls, and encrypted Office files
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def read_input(source: str | Path | BinaryIO, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of a file (or of standard input for ``"-"``), refusing empty and oversized ones."""
    label = name or str(source)
    try:
        if isinstance(source, (str, Path)) and str(source) == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            label = name or _("standard input")
        elif isinstance(source, (str, Path)):
            path = Path(source)
            if path.is_dir():
                raise SourceError(_("{name} is a folder, not a file").format(name=path))
            if not path.exists():
                raise SourceError(_("{name} does not exist").format(name=path))
            if path.stat().st_size > MAX_FILE_BYTES:
                raise SourceError(
                    _("{name} is too large to import (more than {mb} MB)").format(
                        name=path.name, mb=MAX_FILE_BYTES // (1024 * 1024)
                    )
                )
            with path.open("rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
            label = name or path.name
        else:
            data = source.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError(_("cannot read {name}: {reason}").format(name=label, reason=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(
            _("{name} is too large to import (more than {mb} MB)").format(
                name=label, mb=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    if not data.strip():
        raise SourceError(_("{name} is empty").format(name=label))
    return data, label


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """Open a zip container after checking it is complete and not a bomb."""
    if data.startswith(OLE2_MAGIC):
        raise SourceError(
            _(
                "{what} is an old binary Office file (.doc/.xls) or an encrypted one; "
                "save it as .docx or .xlsx and import that"
            ).format(what=what)
        )
    if not data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise SourceError(_("{what} is not an Office file (it is not a zip container)").format(what=what))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise SourceError(_("{what} is damaged or incomplete ({reason})").format(what=what, reason=exc)) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise SourceError(
            _("{what} holds {count} files; that is not a real document").format(what=what, count=len(infos))
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise SourceError(_("{what} is encrypted; remove the password and import it again").format(what=what))
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > RATIO_CHECK_ABOVE and ratio > MAX_RATIO):
            raise SourceError(
                _("{what} looks like a zip bomb ({member} would inflate to {mb} MB); it was not opened").format(
                    what=what, member=info.filename, mb=info.file_size // (1024 * 1024)
                )
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise SourceError(
            _("{what} looks like a zip bomb (it would inflate to {mb} MB); it was not opened").format(
                what=what, mb=total // (1024 * 1024)
            )
        )
    return zf


def zip_member_names(data: bytes) -> frozenset[str]:
    """Member names for dispatch; empty when the bytes are not a readable zip."""
    if not data.startswith(ZIP_MAGIC):
        return frozenset()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return frozenset(zf.namelist()[:MAX_ZIP_MEMBERS])
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        return frozenset()


def read_member(zf: zipfile.ZipFile, name: str, what: str, limit: int = MAX_XML_BYTES) -> bytes:
    try:
        if zf.getinfo(name).file_size > limit:
            raise SourceError(
                _("{what}: {member} is far larger than any real document ({mb} MB); it was not read").format(
                    what=what, member=name, mb=zf.getinfo(name).file_size // (1024 * 1024)
                )
            )
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except KeyError:
        raise SourceError(
            _("{what} has no {member}; it is not a complete document").format(what=what, member=name)
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError) as exc:
        raise SourceError(_("{what} is damaged or incomplete ({reason})").format(what=what, reason=exc)) from None
    if len(data) > limit:
        raise SourceError(_("{what} looks like a zip bomb; it was not opened").format(what=what))
    return data


def _prolog(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it decoded
        try:
            return data[:131072].decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            return data[:131072]
    return data[:131072]


def parse_xml(data: bytes, what: str) -> etree._Element:
    """Parse XML from an untrusted file: no DTD at all (Office files never carry one), no entities, no network."""
    head = _prolog(data)
    root_at = _ROOT_START.search(head)
    if _DOCTYPE.search(head[: root_at.start() if root_at else len(head)]):
        raise SourceError(
            _(
                "{what} contains an XML document type declaration (a possible entity-expansion attack); it was not read"
            ).format(what=what)
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise SourceError(_("{what} contains damaged XML ({reason})").format(what=what, reason=reason)) from None
    if root is None:
        raise SourceError(_("{what} contains no XML").format(what=what))
    return root
