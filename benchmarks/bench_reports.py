"""Time the report writers on a large cycle: 150 recommendations and 1,000 linked actions.

    .venv/bin/python benchmarks/bench_reports.py [STORE.sqlite]

Builds the store once (demo actors, one set of concluding observations with
150 paragraphs of four parts each, 1,000 actions with sources, assessments of
both sides, indicators), then writes each report kind and, as the yardstick
QUALITY.md names, a bare python-docx script writing the same headings and
paragraphs. Prints seconds and the ratio.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import docx

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.reports import ReportOptions, generate_report
from crc_reporter.services.actors import create_actor
from crc_reporter.services.documents import create_document
from crc_reporter.store.models import (
    Action,
    ActionLink,
    Assessment,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationPart,
    Source,
)
from crc_reporter.store.open import open_store

SYMBOL = "CRC/C/XBM/CO/5-6"
TEXT = (
    "The Committee recommends that the State party strengthen its efforts to ensure that every child enjoys the "
    "rights set out in the Convention, allocate adequate resources and monitor the results. "
)


def build_store(path: Path) -> None:
    rnd = random.Random(5)
    store = open_store(path, user="bench", create=True)
    with store.session() as s:
        s.info["audit"] = False
        doc = create_document(
            s,
            SYMBOL,
            title="Concluding observations on the combined fifth and sixth periodic reports of Benchland",
            date="2023-06-30",
            next_report_due="2028-07-01",
        )
        gov = [create_actor(s, f"Ministry {i}", "government") for i in range(8)]
        ngo = [create_actor(s, f"NGO {i}", "ngo") for i in range(5)]
        create_actor(s, "Benchland Child Rights Coalition", "coalition", members=[n.name for n in ngo])
        recs = []
        for n in range(1, 151):
            rec = Recommendation(
                document_id=doc.id,
                number=n + 5,
                text=TEXT * 2 + " (a) First part; (b) second; (c) third; (d) fourth.",
                kind="recommendation",
                cluster=CLUSTER_ORDER[(n - 1) * len(CLUSTER_ORDER) // 150].value,
                subheading=f"Subject {n // 3}",
                urgent=n % 17 == 0,
            )
            rec.parts = [
                RecommendationPart(label=lb, text=f"Part {lb} of paragraph {n}: " + TEXT, position=i)
                for i, lb in enumerate("abcd")
            ]
            rec.responsible = rnd.sample(gov, 2)
            s.add(rec)
            recs.append(rec)
        s.flush()
        for i in range(1000):
            rec = recs[i % 150]
            actor = rnd.choice(gov + ngo)
            action = Action(
                title=f"Action {i}: programme for children",
                description=TEXT,
                actor=actor,
                action_type="programme",
                status=rnd.choice(["planned", "ongoing", "completed"]),
                start_date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
                end_date=dt.date(2026, 1, 1),
                outcome="Results: " + TEXT,
                confidential=i % 50 == 0,
            )
            action.sources = [Source(title=f"Source report {i}", url=f"https://example.org/{i}.pdf")]
            action.links = [ActionLink(recommendation=rec, part=rec.parts[i % 4] if i % 3 else None)]
            s.add(action)
        for rec in recs:
            for side, status in (("government", "partially_implemented"), ("civil_society", "not_implemented")):
                s.add(
                    Assessment(
                        recommendation=rec,
                        side=side,
                        status=status,
                        assessed_on=dt.date(2024, 6, 1),
                        note="Assessment note. " + TEXT,
                        evidence="Evidence document.",
                    )
                )
        for i in range(20):
            ind = Indicator(name=f"Indicator {i}", unit="children", source="National statistics office")
            ind.values = [IndicatorValue(year=y, value=100 + y % 7 * i) for y in range(2015, 2025)]
            ind.recommendations = [recs[i * 7]]
            s.add(ind)
    store.close()


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
