"""A store for timing the Word drafts: one set of concluding observations of any size, with linked actions.

``build_store(path, 150, 1000)`` is the report workload of issue 10 (150
recommendations of four lettered parts each, 1,000 actions with sources,
assessments of both sides, indicators); other sizes keep the same proportions,
so report times can be compared per recommendation.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from crc_reporter.domain.clusters import CLUSTER_ORDER
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


def build_store(path: Path, recommendations: int = 150, actions: int = 1000) -> None:
    rnd = random.Random(5)
    store = open_store(path, user="bench", create=True)
    try:
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
            for n in range(1, recommendations + 1):
                rec = Recommendation(
                    document_id=doc.id,
                    number=n + 5,
                    text=TEXT * 2 + " (a) First part; (b) second; (c) third; (d) fourth.",
                    kind="recommendation",
                    cluster=CLUSTER_ORDER[(n - 1) * len(CLUSTER_ORDER) // recommendations].value,
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
            for i in range(actions):
                rec = recs[i % recommendations]
                action = Action(
                    title=f"Action {i}: programme for children",
                    description=TEXT,
                    actor=rnd.choice(gov + ngo),
                    action_type="programme",
                    status=rnd.choice(["planned", "ongoing", "completed"]),
                    start_date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
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
            for i in range(max(1, recommendations * 20 // 150)):  # 20 indicators for 150 recommendations
                ind = Indicator(name=f"Indicator {i}", unit="children", source="National statistics office")
                ind.values = [IndicatorValue(year=y, value=100 + y % 7 * i) for y in range(2015, 2025)]
                ind.recommendations = [recs[(i * 7) % recommendations]]
                s.add(ind)
    finally:
        store.close()
