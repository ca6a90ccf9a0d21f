"""Turning what a person typed into a spreadsheet cell back into a value the store understands."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from typing import Any

from crc_reporter.i18n import LANGUAGES, _, translator
from crc_reporter.safe_io import FORMULA_TRIGGERS
from crc_reporter.services.interchange.columns import Column, cell_text, display, reverse_vocabulary

_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


class BadCellError(ValueError):
    """A cell that cannot be read; the message says why, in one line."""


@cache
def _vocabulary(keys: tuple[str, ...]) -> dict[str, str]:
    return reverse_vocabulary(keys)


@cache
def _booleans() -> dict[str, bool]:
    out = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False, "x": True, "✓": True}
    for lang in LANGUAGES:
        tr = translator(lang)
        for yes, no in (("yes", "no"), ("Yes", "No")):  # the second pair is what the tracker writes
            out[tr.gettext(yes).strip().casefold()] = True
            out[tr.gettext(no).strip().casefold()] = False
    return out


def unneutralise(text: str) -> str:
    """Undo the export's formula guard: a leading apostrophe before = + - @ tab or CR."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def normalise(column: Column, raw: Any) -> Any:
    """The value of a cell in the form the tracker's rows and originals use; raises :class:`BadCellError`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if column.kind == "names" else None
    if column.kind == "bool":
        if isinstance(raw, bool):
            return raw
        value = _booleans().get(cell_text(raw).strip().casefold())
        if value is None:
            raise BadCellError(_("'{value}' is neither yes nor no").format(value=cell_text(raw)[:40]))
        return value
    if column.kind == "date":
        if isinstance(raw, (dt.datetime, dt.date)):
            return (raw.date() if isinstance(raw, dt.datetime) else raw).isoformat()
        text = cell_text(raw).strip()
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            match = _DMY.match(text)
            if match:
                try:
                    return dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
                except ValueError:
                    pass
        raise BadCellError(_("'{value}' is not a date (use YYYY-MM-DD)").format(value=text[:40]))
    if column.kind == "number":
        return _number(raw)
    if column.kind == "int":
        try:
            number = int(cell_text(raw))
        except ValueError:
            number = _BIG
        if abs(number) >= _BIG:  # a database column holds no more
            raise BadCellError(_("'{value}' is not a whole number").format(value=cell_text(raw)[:40]))
        return number
    text = unneutralise(cell_text(raw)).strip()
    if column.vocabulary:
        key = _vocabulary(column.vocabulary).get(text.casefold())
        if key is None:
            choices = ", ".join(display(k) for k in column.vocabulary)
            raise BadCellError(_("'{value}' is not one of: {choices}").format(value=text[:40], choices=choices))
        return key
    if column.kind == "names":
        return sorted({unneutralise(n.strip()) for n in re.split(r"[;\n]", text) if n.strip()})
    return text


_BIG = 2**31


def _number(raw: Any) -> float:
    """A value typed for an indicator: a number, with a decimal point or a decimal comma; never NaN or infinite."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = cell_text(raw).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma (French)
        try:
            value = float(text)
        except (ValueError, OverflowError):
            value = math.nan
    if not math.isfinite(value):
        raise BadCellError(_("'{value}' is not a number").format(value=cell_text(raw)[:40]))
    return value
