"""Reading a PDF page's content faster, for the shapes word processors write; pypdf's results unchanged.

Two things make pypdf slow on concluding observations, and both are done
here before pypdf's own text extraction runs on the page:

* pypdf parses a content stream one byte at a time in Python. :func:`fast_operations`
  reads the same stream with one regular expression and builds exactly the
  objects pypdf would build (the same classes, from the same bytes). It takes
  only the common, unambiguous shapes (numbers, names, hex strings, literal
  strings without escapes, arrays, operators); anything else (inline images,
  dictionaries, escapes, odd whitespace, malformed tokens) returns None and
  pypdf parses the page itself, so an unusual or hostile file is read as before.
* LibreOffice and Word kern almost every pair of letters, so a line is a TJ
  array of dozens of strings, and pypdf's text extraction takes one step per
  string. :func:`join_kerned_text` joins them where that cannot change what
  pypdf reports (see :func:`_join_kerned`).

Together they make reading a 60-page PDF about three times faster. The tests
check that pypdf reports the very same text pieces, positions and fonts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, FloatObject, NameObject, NumberObject
from pypdf.generic import create_string_object as _string

#: Streams larger than this, or with more tokens, are left to pypdf (and to its limits on hostile input).
MAX_FAST_BYTES = 8 * 1024 * 1024
MAX_FAST_TOKENS = 1_000_000
#: pypdf reads a page's content as raw bytes for text extraction.
_ENCODING = "bytes"

_WS = rb"[ \t\n\r\f]*"
_DELIM = rb"(?=[ \t\n\r\f()<>\[\]{}/%]|\Z)"
# One token, after optional whitespace; the group that matched says its kind.
_TOKEN = re.compile(
    _WS + rb"(?:"
    rb"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))" + _DELIM + rb"|"  # 1 number
    rb"(/[A-Za-z0-9_.+\-:*]*)" + _DELIM + rb"|"  # 2 name (no # escapes)
    rb"<([0-9A-Fa-f]*)>|"  # 3 hex string (no whitespace inside)
    rb"\(([^()\\\r\n]*)\)|"  # 4 literal string (no escapes, no nesting)
    rb"([A-Za-z'\"][A-Za-z0-9*'\"]*)" + _DELIM + rb"|"  # 5 operator
    rb"(\[)|(\])|"  # 6, 7 array
    rb"(\Z)|"  # 8 the end
    rb"(.)"  # 9 anything else: pypdf's turn
    rb")",
    re.S,
)
_NUMBER, _NAME, _HEX, _LITERAL, _OPERATOR, _OPEN, _CLOSE, _END = range(1, 9)
# Operators that start something this reader does not take (inline images),
# and the keyword of an indirect reference, which has no place in a page.
_REFUSED_OPS = frozenset((b"BI", b"ID", b"EI", b"R"))


def _number(raw: bytes) -> Any:
    # NumberObject.read_from_stream's rule: a dot makes a float
    return FloatObject(raw) if b"." in raw else NumberObject(raw)


def fast_operations(data: bytes, tick: Callable[[], None] | None = None) -> list[tuple[Any, bytes]] | None:
    """The operations of a content stream, as pypdf would parse them; None when pypdf must do it.

    ``tick`` is called every few thousand tokens (the import's time guard).
    """
    if len(data) > MAX_FAST_BYTES:
        return None
    operations: list[tuple[Any, bytes]] = []
    operands: list[Any] = []
    target = operands  # where the next operand goes: the operands, or the innermost open array
    stack: list[list[Any]] = []  # the arrays being read
    # The same bytes make equal immutable objects: build each once per stream.
    numbers: dict[bytes, Any] = {}
    names: dict[bytes, NameObject] = {}
    strings: dict[bytes, Any] = {}
    for count, m in enumerate(_TOKEN.finditer(data)):
        kind = m.lastindex
        if kind == _HEX:
            raw = m.group(_HEX)
            value = strings.get(raw)
            if value is None:
                digits = raw + b"0" if len(raw) % 2 else raw
                value = strings[raw] = _string(bytes.fromhex(digits.decode("ascii")), _ENCODING)
            target.append(value)
        elif kind == _NUMBER:
            raw = m.group(_NUMBER)
            value = numbers.get(raw)
            if value is None:
                if len(raw) >= 20:  # pypdf reads long numbers another way
                    return None
                value = numbers[raw] = _number(raw)
            target.append(value)
        elif kind == _OPERATOR:
            op = m.group(_OPERATOR)
            if stack or op in _REFUSED_OPS:
                return None
            operations.append((operands, op))
            operands = target = []
        elif kind == _NAME:
            raw = m.group(_NAME)
            name = names.get(raw)
            if name is None:
                name = names[raw] = NameObject(raw.decode("ascii"))
            target.append(name)
        elif kind == _LITERAL:
            target.append(_string(m.group(_LITERAL), _ENCODING))
        elif kind == _OPEN:
            target = []
            stack.append(target)
        elif kind == _CLOSE:
            if not stack:
                return None
            array = ArrayObject(stack.pop())
            target = stack[-1] if stack else operands
            target.append(array)
        elif kind == _END:
            break
        else:
            return None
        if count > MAX_FAST_TOKENS:
            return None
        if tick is not None and count % 4096 == 0:
            tick()
    if stack or operands:
        return None  # pypdf would keep or reject these; let it decide
    return operations


# --- fewer show-text steps: a TJ array's kerned pieces joined --------------------------------------------
#: Kerning between the pieces joined, and their sum, stay within this many thousandths of an em:
#: far below the half space (about 125) from which pypdf reads an offset as a word gap.
MAX_JOINED_KERNING = 20.0
_NUMBERS = (int, float)


def _font_kinds(page: PageObject) -> dict[str, int]:
    """The page's fonts by resource name: 1 for one-byte codes, 2 for two-byte Identity codes, 0 otherwise."""
    node: Any = page
    resources = None
    for _depth in range(32):  # resources may be inherited from the page tree
        resources = node.get("/Resources")
        parent = node.get("/Parent")
        if resources is not None or parent is None:
            break
        node = parent.get_object()
    kinds: dict[str, int] = {}
    try:
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for name, ref in fonts.get_object().items() if fonts is not None else ():
            font = ref.get_object()
            subtype = font.get("/Subtype")
            if subtype in ("/Type1", "/TrueType", "/MMType1", "/Type3"):
                kinds[name] = 1
            elif subtype == "/Type0" and font.get("/Encoding") in ("/Identity-H", "/Identity-V"):
                kinds[name] = 2
    except (AttributeError, TypeError, ValueError, KeyError):
        return {}
    return kinds


def _join_kerned(array: list[Any], width: int) -> list[Any] | None:
    """``[s1 k1 s2 k2 s3 k3]`` as ``[s1 k1 s2s3 k2+k3]``; None when nothing is joined.

    pypdf shows each string of a TJ array as a step of its own, and a step
    moves nothing: it only adds the string's width (and the kerning that
    follows) to the distance checked at the next positioning. Strings joined,
    with their small kerning summed into one trailing offset, therefore give
    the same text, the same widths and the same positions in far fewer steps.
    The first string stays alone: it is the step that checks for a new line.
    """
    first = next((i for i, item in enumerate(array) if isinstance(item, bytes)), None)
    if first is None:
        return None
    out = list(array[: first + 1])
    run: list[bytes] = []
    kerning = 0.0
    joined = False

    def close() -> None:
        nonlocal kerning, joined
        if run:
            joined = joined or len(run) > 1
            out.append(ByteStringObject(b"".join(run)) if len(run) > 1 else run[0])
            if kerning:
                out.append(FloatObject(kerning))
        run.clear()
        kerning = 0.0

    for item in array[first + 1 :]:
        if isinstance(item, bytes) and (width == 1 or _whole_codes(item)):
            run.append(item)
        elif (
            run
            and isinstance(item, _NUMBERS)
            and abs(item) <= MAX_JOINED_KERNING
            and abs(kerning + item) <= MAX_JOINED_KERNING
        ):
            kerning += float(item)
        else:
            close()
            out.append(item)
    close()
    return out if joined else None


def _whole_codes(piece: bytes) -> bool:
    """Two-byte codes that UTF-16 decoding cannot pair across a join (no surrogate halves)."""
    return len(piece) % 2 == 0 and not any(0xD8 <= b <= 0xDF for b in piece[::2])


def _singular(operands: list[Any]) -> bool:
    try:
        a, b, c, d = (float(x) for x in operands[:4])
    except (TypeError, ValueError):
        return True
    return a * d - b * c == 0


def join_kerned_text(operations: list[tuple[Any, bytes]], fonts: dict[str, int]) -> int:
    """Join the kerned pieces of TJ arrays in place (see :func:`_join_kerned`); the number of arrays changed.

    Only for fonts whose codes are known to split cleanly (one byte, or two-byte
    Identity encodings), with a positive size, on pages without a degenerate
    text or graphics matrix (where pypdf would put a space after every piece).
    """
    width, size = 0, 0.0
    saved: list[tuple[int, float]] = []
    changed = 0
    for index, (operands, op) in enumerate(operations):
        if op == b"TJ":
            if width and size > 0 and operands and isinstance(operands[0], ArrayObject):
                joined = _join_kerned(operands[0], width)
                if joined is not None:
                    operations[index] = ([ArrayObject(joined)], op)
                    changed += 1
        elif op == b"Tf":
            width = fonts.get(operands[0], 0) if operands and isinstance(operands[0], str) else 0
            size = float(operands[1]) if len(operands) > 1 and isinstance(operands[1], _NUMBERS) else 0.0
        elif op == b"q":
            saved.append((width, size))
        elif op == b"Q":
            if saved:
                width, size = saved.pop()
        elif op in (b"cm", b"Tm") and _singular(operands):
            return changed  # leave the rest of this page exactly as pypdf reads it
    return changed


def preparse_page(page: PageObject, tick: Callable[[], None] | None = None) -> bool:
    """Give ``page`` its content stream already parsed, when this reader can; True if it did."""
    try:
        contents = page.get_contents()
    except Exception:  # noqa: BLE001 - pypdf reports the problem itself when it extracts the text
        return False
    if contents is None:
        return False
    operations = fast_operations(contents.get_data(), tick)
    if operations is None:
        return False
    join_kerned_text(operations, _font_kinds(page))
    stream = ContentStream(None, page.pdf, _ENCODING)
    stream.operations = operations
    page[NameObject("/Contents")] = stream
    return True
