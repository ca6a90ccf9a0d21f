"""Fuzz targets of issue 21: Word numbering values, and control characters and surrogates at every way in.

Each case must finish within 2 s and grow memory by less than 300 MB; what an
importer reads, and what a session writes, must hold no C0 control character
but tab and newline and no lone surrogate.
"""

from __future__ import annotations

import csv
import functools
import io
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from crc_reporter.domain.text import is_clean
from crc_reporter.importers.registry import load_source
from crc_reporter.services.actions import create_action
from crc_reporter.services.errors import ServiceError
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action
from crc_reporter.store.open import open_store
from tests.fuzz.harness import FuzzTarget, register
from tests.uhri_fixture import HEADERS
from tests.unit.importers.docx_parts import co_paragraphs, docx, numbering_xml, paragraph
from tests.unit.importers.test_pdf_and_text import PASTED

LIMITS: dict[str, Any] = {"timeout": 2.0, "memory_mb": 300}
_BAD = st.sampled_from([chr(c) for c in range(32) if c not in (9, 10)] + ["\ud800", "\udfff", "\ud83d"])


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-(10**12), 10**12).map(str),
        st.integers(0, 40).map(lambda n: "9" * (n * 200)),
        st.text(max_size=12),
        st.sampled_from(["", "-0", "+1", "\u00b2", "\u0661\u0662", "1e9", "0x10"]),
    )


def _numbering_case() -> st.SearchStrategy[tuple[str, str, str, str, str]]:
    return st.tuples(
        _numbers(),
        _numbers(),
        st.sampled_from(["decimal", "lowerLetter", "upperLetter", "lowerRoman", "decimalZero", "bullet", "none", "x"]),
        _numbers(),
        st.text(alphabet="%123456789().-ab ", max_size=200),
    )


def _read_numbering(case: tuple[str, str, str, str, str]) -> str:
    start, override, fmt, ilvl, text = (value.replace("\x00", "") for value in case)
    esc = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    start, override, ilvl, text = ("".join(esc.get(c, c) for c in v) for v in (start, override, ilvl, text))
    data = docx(
        co_paragraphs(20, num_id="1", ilvl=ilvl, typed=False),
        numbering_xml(start=start, override=override, fmt=fmt, ilvl=ilvl, text=text),
    )
    parsed = load_source(data, name="numbering.docx")
    return "read" if parsed.documents else "empty"


def _strings(value: object) -> list[str]:
    found: list[str] = []

    def walk(item: object, depth: int) -> None:
        if isinstance(item, str):
            found.append(item)
        elif depth < 12 and isinstance(item, (list, tuple, set, frozenset)):
            for element in item:
                walk(element, depth + 1)
        elif depth < 12 and isinstance(item, dict):
            for key, element in item.items():
                walk(key, depth + 1)
                walk(element, depth + 1)
        elif depth < 12 and hasattr(item, "__dataclass_fields__"):
            for name in item.__dataclass_fields__:
                walk(getattr(item, name), depth + 1)

    walk(value, 0)
    return found


@st.composite
def _dirty_text(draw: st.DrawFn, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_BAD) * draw(st.integers(1, 3)) + text[at:]
    return text


def _assert_clean(source: object) -> str:
    dirty = [s for s in _strings(source) if not is_clean(s)]
    assert not dirty, f"not cleaned: {dirty[0][:80]!r}"
    return "clean"


def _pasted(text: str) -> str:
    return _assert_clean(load_source(text.encode("utf-8", "surrogatepass"), name="pasted.txt"))


def _word(text: str) -> str:
    # Word's XML may hold tabs and newlines only; other characters come in as Word's own escapes
    body = [paragraph(line) for line in text.split("\n") if line.strip()]
    xml_safe = [p.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for p in body]
    return _assert_clean(load_source(docx(xml_safe), name="dirty.docx"))


def _uhri(text: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n, chunk in enumerate(text.split("\n\n")[:40], start=1):
        cells = dict.fromkeys(HEADERS, "")
        cells.update({"Text": f"{n}. {chunk}", "Reccomending Body": "CRC", "Document Symbol": "CRC/C/KHM/CO/4-6"})
        writer.writerow([cells[h] for h in HEADERS])
    return _assert_clean(load_source(out.getvalue().encode("utf-8", "surrogatepass"), name="uhri.csv"))


@functools.cache
def _store() -> Store:
    return open_store(Path(tempfile.mkdtemp(prefix="crc-fuzz-clean-")) / "store.sqlite", user="fuzz")


def _service(text: str) -> str:
    store = _store()  # the first case opens the store (schema and reference data): not timed
    began = time.perf_counter()
    with store.session() as session:
        action = create_action(session, "Action " + text[:200], description=text[:2000], outcome=text[-300:])
        action_id = action.id
    with _store().session() as session:
        saved = session.get(Action, action_id)
        assert saved is not None
        outcome = _assert_clean((saved.title, saved.description, saved.outcome))
    assert time.perf_counter() - began < LIMITS["timeout"]
    return outcome


for name, run in (
    ("pasted text", _pasted),
    ("Word paragraphs", _word),
    ("UHRI CSV cells", _uhri),
    ("a service write (window, CLI)", _service),
):
    register(
        FuzzTarget(
            f"control characters and surrogates: {name}",
            run,
            expected=(ServiceError,),
            strategy=functools.partial(_dirty_text, PASTED),
            examples=5,
            long_examples=300,
            memory_mb=LIMITS["memory_mb"],
            timeout=20.0 if run is _service else LIMITS["timeout"],  # _service times its own cases
        )
    )

register(
    FuzzTarget(
        "Word numbering values",
        _read_numbering,
        expected=(ServiceError,),
        strategy=_numbering_case,
        examples=10,
        long_examples=1000,
        **LIMITS,
    )
)
