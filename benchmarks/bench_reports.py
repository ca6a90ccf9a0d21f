"""Time every report writer, in English and Khmer, on a large cycle: 150 recommendations and 1,000 linked actions.

    .venv/bin/python -m benchmarks.bench_reports [STORE.sqlite]

Builds the store once (:mod:`benchmarks.report_store`), then writes each
report kind and, for the State report, a bare python-docx script writing the
same number of headings and paragraphs. Prints seconds and the ratio. The
suite (``python -m benchmarks``) measures the State report against
:mod:`benchmarks.bare_docx`, which writes the very same content.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import docx

from benchmarks.report_store import SYMBOL, TEXT, build_store
from crc_reporter.reports import ReportOptions, generate_report
from crc_reporter.store.open import open_store


def bare_python_docx(out: Path, paragraphs: int, headings: int) -> float:
    start = time.perf_counter()
    d = docx.Document()
    for i in range(paragraphs):
        if i % max(paragraphs // headings, 1) == 0:
            d.add_heading(f"Heading {i}", 3)
        d.add_paragraph(TEXT, style="Normal")
    d.save(out)
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="crc-bench-"))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else folder / "bench.sqlite"
    if not path.exists():
        build_store(path)
    store = open_store(path, user="bench")
    for kind in ("state", "alternative", "matrix"):
        for lang in ("en", "km"):
            start = time.perf_counter()
            with store.session() as s:
                result = generate_report(
                    s, ReportOptions(kind=kind, document=SYMBOL, lang=lang, out=folder / f"{kind}-{lang}.docx")
                )
            seconds = time.perf_counter() - start
            body = docx.Document(result.path).element.body
            n_par = len(body.findall(".//" + docx.oxml.ns.qn("w:p")))
            print(
                f"{kind:<12} {lang}  {seconds:5.2f} s  {n_par:6d} paragraphs  {result.words:7d} words  "
                f"{result.footnotes:5d} footnotes"
            )
            if kind == "state" and lang == "en":
                base = bare_python_docx(folder / "bare.docx", n_par, len(result.outline))
                print(f"{'bare python-docx, same paragraph count':<40} {base:5.2f} s  ratio {seconds / base:4.2f}")
    store.close()
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
