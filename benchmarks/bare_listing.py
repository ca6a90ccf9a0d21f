"""The baseline of the ``listing`` measure: what ``crc-reporter list recommendations --json`` does, bare.

A plain ``sqlite3`` connection reads the same rows (each paragraph with its document, its
parts, earlier references, tags, responsible bodies, count of linked actions and each
side's latest assessment), builds the same JSON objects and writes them with the standard
library's encoder. No SQLAlchemy, no services, no argument parsing: the floor a Python
program can reach on the same work.

Usage: ``python benchmarks/bare_listing.py STORE.sqlite > out.json``
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict


def main(path: str) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    parts: dict[int, list[dict[str, str | None]]] = defaultdict(list)
    for rec_id, label, text, translation in conn.execute(
        "SELECT recommendation_id, label, text, translation FROM recommendation_part "
        "ORDER BY recommendation_id, position"
    ):
        parts[rec_id].append({"label": label, "text": text, "translation": translation})
    previous: dict[int, list[dict[str, object]]] = defaultdict(list)
    for rec_id, symbol, paragraph in conn.execute(
        "SELECT recommendation_id, symbol, paragraph FROM previous_reference ORDER BY id"
    ):
        previous[rec_id].append({"document": symbol, "paragraph": paragraph})
    tags: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rec_id, kind, name in conn.execute(
        "SELECT rt.recommendation_id, t.kind, t.name FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id "
        "ORDER BY t.name"
    ):
        tags[rec_id][kind].append(name)
    responsible: dict[int, list[str]] = defaultdict(list)
    for rec_id, name in conn.execute(
        "SELECT rb.recommendation_id, a.name FROM responsible_body rb JOIN actor a ON a.id = rb.actor_id ORDER BY a.name"
    ):
        responsible[rec_id].append(name)
    actions = dict(
        conn.execute(
            "SELECT recommendation_id, count(DISTINCT action_id) FROM action_link GROUP BY recommendation_id"
        ).fetchall()
    )
    statuses: dict[int, dict[str, str]] = defaultdict(dict)
    for rec_id, side, status in conn.execute(
        "SELECT recommendation_id, side, status FROM assessment WHERE part_id IS NULL ORDER BY assessed_on, id"
    ):
        statuses[rec_id][side] = status
    out = []
    for row in conn.execute(
        "SELECT r.id, r.uuid, d.symbol, d.treaty_code, r.number, r.text, r.kind, r.cluster, r.articles, r.urgent, "
        "r.subheading, r.translation, r.translation_lang, r.label, r.recommending_states, r.position, r.upr_session, "
        "r.upr_cycle, r.cluster_confirmed FROM recommendation r JOIN document d ON d.id = r.document_id "
        "ORDER BY d.date DESC NULLS LAST, d.symbol, r.number"
    ):
        rec_id, uuid, symbol, treaty, number, text, kind, cluster, articles, urgent, sub, tr, tr_lang, *upr = row
        label, states, position, session, cycle, confirmed = upr
        rec_tags = tags.get(rec_id, {})
        status = statuses.get(rec_id, {})
        out.append(
            {
                "document": symbol,
                "number": number,
                "text": text,
                "kind": kind,
                "cluster": cluster,
                "articles": articles.split(",") if articles else [],
                "urgent": bool(urgent),
                "parts": parts.get(rec_id, []),
                "previous": previous.get(rec_id, []),
                "treaty": treaty,
                "subheading": sub,
                "sdg_targets": rec_tags.get("sdg", []),
                "themes": rec_tags.get("theme", []),
                "affected_groups": rec_tags.get("affected_group", []),
                "responsible": responsible.get(rec_id, []),
                "government_status": status.get("government"),
                "civil_society_status": status.get("civil_society"),
                "actions": actions.get(rec_id, 0),
                "translation": tr,
                "translation_lang": tr_lang,
                "mechanism": treaty,
                "label": label,
                "recommending_states": [s for s in (states or "").split("\n") if s],
                "position": position,
                "session": session,
                "cycle": cycle,
                "cluster_confirmed": bool(confirmed),
                "uuid": uuid,
            }
        )
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
