"""Fuzz targets: update requests and replies (issue 23) — the files, and what a signed reply may say.

``update request file``: mutations of a signed request, read as the recipient's app reads it.
``update reply content``: replies whose seal and signature are right (a trusted key) but whose content is
anything JSON can say: requests that do not exist, items of another request, unknown kinds, payloads of
the wrong type. Each is merged into a coordinator's store and rolled back; only one-line refusals may come out.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from crc_reporter.domain.errors import ServiceError
from crc_reporter.services import follow_up as fu
from crc_reporter.services import follow_up_files as files
from crc_reporter.services.demo import load_demo
from crc_reporter.services.exchange import generate_keypair, read_public_key, trust_key
from crc_reporter.services.exchange.signing import load_private_key
from crc_reporter.services.reply_in import merge_reply
from crc_reporter.services.request_out import request_content
from crc_reporter.services.request_reply import open_request
from crc_reporter.store.engine import Store
from crc_reporter.store.errors import StoreError
from crc_reporter.store.open import open_store
from tests.fuzz.harness import FuzzTarget, register


@functools.cache
def _setup() -> tuple[Store, Path, bytes, str, list[str], list[str], str]:
    """The coordinator's store with one request, the body's key (trusted), the request file, ids to pick from."""
    folder = Path(tempfile.mkdtemp(prefix="crc-fuzz-follow-up-"))
    generate_keypair(folder / "body.key", "Body")
    store = open_store(folder / "c.sqlite", user="coordinator")
    with store.session() as session:
        load_demo(session)
        trust_key(session, read_public_key(folder / "body.key.pub"))
        request = fu.create_request(session, "Ministry of Health", asks=fu.Asks(indicator_years=(2025,)))
        content = request_content(session, request)
        data = files.build(files.REQUEST, content, load_private_key(folder / "body.key"), "Coordinator")
        items = [i.uuid for i in request.items]
        targets = sorted({i.target_uuid for i in request.items})
        request_uuid = request.uuid
        recipient = str(content["request"]["recipient"]["uuid"])
    return store, folder / "body.key", data, request_uuid, items, targets, recipient


def _json() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=True), st.text(max_size=40)
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )


def _replies() -> st.SearchStrategy[dict[str, Any]]:
    _store, _key, _data, request, items, targets, recipient = _setup()
    ids = st.sampled_from([request, *items, *targets, "x", "", "00000000-0000-4000-8000-000000000000"])
    keys = st.sampled_from(["title", "status", "end_date", "outcome", "url", "year", "value", "note", "side",
                            "assessed_on", "part", "type", "start_date", "assessor", "evidence"])  # fmt: skip
    values = st.one_of(
        _json(), st.sampled_from(["completed", "ongoing", "in_progress", "2026-11-30", "2999-01-01", "(a)", "zz"])
    )
    change = st.fixed_dictionaries(
        {
            "uuid": st.one_of(st.uuids().map(str), ids, _json()),
            "item": st.one_of(st.none(), ids),
            "kind": st.one_of(
                st.sampled_from(["new_action", "action_status", "evidence", "indicator_value", "assessment", "nope"]),
                _json(),
            ),  # fmt: skip
            "target": st.one_of(ids, _json()),
            "payload": st.one_of(st.dictionaries(keys, values, max_size=6), _json()),
        }
    )
    return st.fixed_dictionaries(
        {
            "reply": st.one_of(
                st.fixed_dictionaries(
                    {
                        "request": st.one_of(*[st.just(request)] * 4, ids, _json()),
                        "by": st.one_of(st.text(max_size=30), _json()),
                        "recipient": st.one_of(
                            *[st.just({"uuid": recipient})] * 6, st.fixed_dictionaries({"uuid": _json()}), _json()
                        ),
                    }  # fmt: skip
                ),
                _json(),
            ),
            "changes": st.one_of(*[st.lists(change, max_size=6)] * 4, _json()),
        }
    )


def _merge(content: dict[str, Any]) -> None:
    store, key, _data, *_rest = _setup()
    data = files.build(files.REPLY, content, load_private_key(key), "Body")
    with store.session() as session:
        try:
            merge_reply(session, data, "fuzz.crcreply", today=dt.date(2026, 12, 8))
        finally:
            session.rollback()  # every input against the same store


register(
    FuzzTarget(
        name="update request file",
        run=lambda data: open_request(data, "fuzz.crcrequest"),
        expected=(ServiceError,),
        seeds=lambda: [_setup()[2]],
    )
)
register(
    FuzzTarget(
        name="update reply content",
        run=_merge,
        expected=(ServiceError, StoreError),
        strategy=_replies,
    )
)
