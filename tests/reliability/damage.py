"""Damaging store files on purpose, and using a damaged store the way the app does."""

from __future__ import annotations

from pathlib import Path

from crc_reporter.services.actions import list_actions
from crc_reporter.services.assessments import assessment_history
from crc_reporter.services.documents import create_document, list_documents
from crc_reporter.services.indicators import list_indicators
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.services.search import search_recommendation_ids
from crc_reporter.store.errors import StoreError
from crc_reporter.store.health import check_store
from crc_reporter.store.open import open_store


def flip(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    """``data`` with byte ``offset % len`` XORed with ``mask`` (never 0) for each flip."""
    out = bytearray(data)
    for offset, mask in flips:
        out[offset % len(out)] ^= mask or 0xFF
    return bytes(out)


def use_like_the_app(path: Path) -> str:
    """Check, open, read everything, write once; returns the outcome. Only :class:`StoreError` may escape
    the app's code here: anything else propagates and fails the calling test."""
    health = check_store(path)  # never raises
    try:
        store = open_store(path, user="damage", create=False)
    except StoreError:
        return f"refused ({health.state})"
    try:
        with store.session() as s:
            list_documents(s)
            recs = list_recommendations(s)
            list_actions(s)
            list_indicators(s)
            search_recommendation_ids(s, "child")
            for rec in recs[:20]:
                assessment_history(s, rec.id)
        with store.session() as s:
            create_document(s, "CRC/C/ZZZ/CO/1", title="written after the damage")
    except StoreError:
        return f"error in use ({health.state})"
    finally:
        store.close()
    return f"usable ({health.state})"
