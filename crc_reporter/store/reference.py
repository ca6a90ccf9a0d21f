"""Reference data shipped with the app (treaties, articles, clusters), loaded into the store.

Seeding is idempotent and keyed on a digest of the JSON files, so opening a
store costs one small query when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crc_reporter.paths import resource_path
from crc_reporter.store.models import Article, Cluster, StoreMeta, Treaty

_FILES = ("treaties.json", "clusters.json")


@cache
def load_reference() -> dict[str, Any]:
    data: dict[str, Any] = {}
    digest = hashlib.sha256()
    for name in _FILES:
        raw = resource_path("reference", name).read_bytes()
        digest.update(raw)
        data.update(json.loads(raw))
    data["digest"] = digest.hexdigest()[:16]
    return data


def seed_reference(session: Session) -> bool:
    """Write the reference tables if they are missing or out of date; True when written."""
    ref = load_reference()
    meta = session.get(StoreMeta, "reference_digest")
    if meta is not None and meta.value == ref["digest"]:
        return False
    session.execute(delete(Article))
    for treaty in ref["treaties"]:
        row = session.get(Treaty, treaty["code"]) or Treaty(code=treaty["code"])
        row.title = treaty["title"]
        row.short_title = treaty["short_title"]
        row.reporting_article = treaty["reporting_article"]
        session.add(row)
        session.flush()
        for position, article in enumerate(treaty["articles"]):
            session.add(
                Article(treaty_code=treaty["code"], number=article["number"], title=article["title"], position=position)
            )
    for position, cluster in enumerate(ref["clusters"]):
        crow = session.get(Cluster, cluster["key"]) or Cluster(key=cluster["key"])
        crow.position = position
        crow.title = cluster["title"]
        crow.articles_text = cluster["articles_text"]
        crow.articles = ",".join(cluster["articles"])
        session.add(crow)
    if meta is None:
        session.add(StoreMeta(key="reference_digest", value=ref["digest"]))
    else:
        meta.value = ref["digest"]
    return True


def cluster_titles(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Cluster.key, Cluster.title).order_by(Cluster.position)).all())
