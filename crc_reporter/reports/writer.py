"""Writing the .docx safely: a temporary file in the same folder, then an atomic rename.

A failure at any point (disk full, permission, cancellation, a file locked by
Word on Windows) leaves an existing file with that name exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

from crc_reporter.i18n import _
from crc_reporter.reports.errors import ReportCancelledError, ReportError
from crc_reporter.safe_io import remove_stale

_TEMPORARY = re.compile(r"\.~crc-[0-9a-f]{12}\.docx\.tmp")  # what write_atomic writes first


def lock_files(path: Path) -> list[Path]:
    """Owner files that Word (``~$name.docx``) and LibreOffice (``.~lock.name.docx#``) keep beside an open file."""
    name = path.name
    # Word drops the first one or two characters of longer names to make room for "~$"
    candidates = {path.with_name("~$" + name[cut:]) for cut in (0, 1, 2)} | {path.with_name(f".~lock.{name}#")}
    return sorted(c for c in candidates if c.exists())


def check_target(path: Path, suffix: str = ".docx") -> Path:
    """Refuse an output path we cannot or must not write, before any work is done."""
    path = Path(path).expanduser()
    if path.suffix.lower() != suffix:
        raise ReportError(_("the output file must end in {suffix}: {path}").format(suffix=suffix, path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(_("the folder {folder} does not exist").format(folder=folder))
    if path.is_dir():
        raise ReportError(_("{path} is a folder, not a file").format(path=path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportError(_("cannot write to {folder}: permission denied").format(folder=folder))
    if path.exists() and not os.access(path, os.W_OK):
        raise ReportError(_("cannot replace {path}: the file is read-only").format(path=path))
    locks = lock_files(path)
    if locks:
        raise ReportError(
            _("{path} is open in another program (its lock file {lock} exists); close it and try again").format(
                path=path, lock=locks[0].name
            )
        )
    return path


def write_atomic(document: DocxDocument, path: Path, cancelled: Callable[[], bool] | None = None) -> Path:
    path = check_target(path)
    # opened like any new file (not mkstemp's private 0600), so the draft gets the usual permissions
    remove_stale(path.parent, _TEMPORARY)  # drafts of a report that was killed while writing
    temp = path.with_name(f".~crc-{uuid.uuid4().hex[:12]}.docx.tmp")
    try:
        fh = temp.open("xb")
    except OSError as exc:
        raise ReportError(
            _("cannot write to {folder}: {reason}").format(folder=path.parent, reason=exc.strerror)
        ) from None
    try:
        with fh:
            document.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if cancelled is not None and cancelled():
            raise ReportCancelledError(_("report cancelled; nothing was written"))
        try:
            os.replace(temp, path)
        except PermissionError:  # Windows: the target is open in Word
            raise ReportError(
                _("{path} is open in another program; close it and try again").format(path=path)
            ) from None
    except OSError as exc:
        raise ReportError(_("could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return path
