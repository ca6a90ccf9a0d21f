"""The store of issue 7's exchange target: the 200x demo store (20,800 recommendations) grown to 50,000 actions.

``add_actions(path, 50_000)`` tops the demo's actions up with programme actions,
each by one of the store's actors, with a source and a link to a recommendation,
as a ministry's tracker holds them; what an exchange then carries is every
record of the store (about 300,000 with parts, sources, links and assessments).
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import func, select

from crc_reporter.store.models import Action, ActionLink, Actor, Recommendation, Source
from crc_reporter.store.open import open_store

STATUSES = ("planned", "ongoing", "completed")


def add_actions(path: Path, total: int, chunk: int = 2_000) -> None:
    rnd = random.Random(7)
    store = open_store(path, user="bench")
    try:
        with store.session() as session:
            session.info["audit"] = False  # a synthetic load, not anyone's work
            have = int(session.scalar(select(func.count(Action.id))) or 0)
            actors = list(session.scalars(select(Actor.id)))
            recs = list(session.scalars(select(Recommendation.id)))
            for start in range(have, total, chunk):
                batch = [
                    Action(
                        title=f"Programme action {n + 1}",
                        description="Activities carried out in the provinces, with their budget and results. " * 2,
                        actor_id=rnd.choice(actors),
                        status=rnd.choice(STATUSES),
                        action_type="programme",
                    )
                    for n in range(start, min(start + chunk, total))
                ]
                session.add_all(batch)
                session.flush()
                session.add_all(ActionLink(action_id=a.id, recommendation_id=rnd.choice(recs)) for a in batch)
                session.add_all(Source(action_id=a.id, title=f"Annual report, item {a.id}") for a in batch)
                session.flush()
    finally:
        store.close()
