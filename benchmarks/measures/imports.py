"""Import of a long set of concluding observations (about 60 pages), as .docx and as PDF, in each language.

English, then a French and a Spanish original (issue 18): the same limits for each.

An import reads the file (``importers.load_source``) and applies it to a
fresh store in one transaction (``services.importing.apply_import``), as the
app and ``crc-reporter import`` do. Baselines: python-docx opening the file
and reading every paragraph's text; pypdf's plain ``extract_text`` of every page.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.core import Row, at_most, interleave, measure, median, not_available
from benchmarks.fixtures import Context

KEY = "import"


def _import(ctx: Context, path: Path, parts: dict[str, list[float]]) -> float:
    from crc_reporter.importers import load_source
    from crc_reporter.services.importing import apply_import
    from crc_reporter.store.open import open_store

    target = ctx.empty_store()  # a fresh store each time, made before the clock starts
    started = time.perf_counter()
    source = load_source(path)
    read = time.perf_counter()
    store = open_store(target, user="bench")
    try:
        with store.session() as session:
            apply_import(session, source)
    finally:
        store.close()
    done = time.perf_counter()
    parts.setdefault("read", []).append(read - started)
    parts.setdefault("apply", []).append(done - read)
    return done - started


def _bare_docx(path: Path) -> float:
    import docx

    started = time.perf_counter()
    "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return time.perf_counter() - started


def _bare_pdf(path: Path) -> float:
    from pypdf import PdfReader

    started = time.perf_counter()
    "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return time.perf_counter() - started


@measure(KEY, "Import", order=40)
def run(ctx: Context) -> list[Row]:
    rows = []
    for language, suffix in (("en", ""), ("fr", " (French)"), ("es", " (Spanish)")):
        rows.extend(_rows(ctx, language, suffix))
    return rows


def _rows(ctx: Context, language: str, suffix: str) -> list[Row]:
    docx_path, pdf_path, pages = ctx.co_documents(language)
    reps = ctx.repetitions(5, 1)
    rows = []
    for label, path, bare, limit, bare_name in (
        ("Word", docx_path, _bare_docx, 1.0, "python-docx read"),
        ("PDF", pdf_path, _bare_pdf, 2.0, "pypdf extract_text"),
    ):
        name = f"Import of {pages or '?'}-page concluding observations, {label}{suffix}"
        if path is None:
            rows.append(not_available(KEY, name, "LibreOffice (soffice) is missing", at_most(limit, "s"), "s"))
            continue
        parts: dict[str, list[float]] = {}
        ctx.log(f"import: {reps} x ({label}{suffix}, {bare_name})")
        values, bases = interleave(reps, lambda p=path, d=parts: _import(ctx, p, d), lambda p=path, b=bare: b(p))
        rows.append(
            Row(
                KEY,
                name,
                unit="s",
                value=median(values),
                baseline=median(bases),
                baseline_name=bare_name,
                target=at_most(limit, "s"),
                note=f"read {median(parts['read']):.2f} s + written to a new store {median(parts['apply']):.2f} s",
                samples={"import_s": values, "bare_s": bases},
            )
        )
    return rows
