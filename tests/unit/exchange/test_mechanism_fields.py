"""Issue 22 in packages: the new recommendation fields travel; a package of the previous version still merges."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from sqlalchemy import select

from crc_reporter.services import documents as doc_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.exchange import package as pkg
from crc_reporter.services.exchange.schema import BY_NAME
from crc_reporter.services.exchange.snapshot import content_hash, read_snapshot
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Recommendation
from tests.exchange_forgery import rows
from tests.exchange_support import export, merge


def _upr(store: Store) -> None:
    with store.session() as s:
        doc_svc.create_document(s, "A/HRC/56/17", country="KHM")
        rec_svc.create_recommendation(
            s,
            "A/HRC/56/17",
            45,
            "Raise the minimum age of criminal responsibility.",
            label="110.45",
            recommending_states=["Chile", "Mexico"],
            position="supported_in_part",
            upr_session="46",
            upr_cycle=4,
            cluster="special_protection",
            cluster_confirmed=False,
        )
        doc_svc.create_document(s, "CRC/C/KHM/CO/4-6")
        rec_svc.create_recommendation(s, "CRC/C/KHM/CO/4-6", 17, "Register every birth.", cluster="civil_rights")


def _fields(store: Store) -> dict[str, tuple[object, ...]]:
    with store.session() as s:
        return {
            r.text: (r.label, r.recommending_states, r.position, r.upr_session, r.upr_cycle, r.cluster_confirmed)
            for r in s.scalars(select(Recommendation))
        }


def test_the_new_fields_travel(store_factory: Callable[[str], Store], tmp_path: Path) -> None:
    mine, theirs = store_factory("mine"), store_factory("theirs")
    _upr(mine)
    result = merge(theirs, export(mine, tmp_path / "a.crcx"))
    assert not result.conflicts
    assert _fields(theirs) == _fields(mine)
    assert _fields(theirs)["Raise the minimum age of criminal responsibility."] == (
        "110.45",
        "Chile\nMexico",
        "supported_in_part",
        "46",
        4,
        False,
    )
    with theirs.session() as s:  # an edit there comes back here
        rec_id = s.scalar(select(Recommendation.id).where(Recommendation.label == "110.45"))
        assert rec_id is not None
        rec_svc.update_recommendation(s, rec_id, position="noted", cluster_confirmed=True)
    merge(mine, export(theirs, tmp_path / "b.crcx"))
    assert _fields(mine)["Raise the minimum age of criminal responsibility."][2::3] == ("noted", True)


def test_a_package_of_the_previous_version_still_merges(store_factory: Callable[[str], Store], tmp_path: Path) -> None:
    old, new = store_factory("old"), store_factory("new")
    with old.session() as s:
        doc_svc.create_document(s, "CRC/C/KHM/CO/4-6")
        rec_svc.create_recommendation(s, "CRC/C/KHM/CO/4-6", 17, "Register every birth.", cluster="civil_rights")
    package = export(old, tmp_path / "now.crcx")
    spec = BY_NAME["recommendation"]
    extras = {name for name, _default in spec.extras}
    previous = dataclasses.replace(spec, fields=tuple(f for f in spec.fields if f not in extras), extras=())
    assert previous.content_keys == spec.legacy_keys and len(spec.content_keys) == len(spec.legacy_keys) + 6
    body = rows(package)
    body["recommendation"] = [
        [*r[:4], *(dict(zip(spec.content_keys, r[4:], strict=True))[k] for k in previous.content_keys)]
        for r in body["recommendation"]
    ]
    info = package.info
    with mock.patch.dict(pkg.BY_NAME, {"recommendation": previous}):  # written as the previous version did
        blob, _id = pkg.build(
            records=body,
            tombstones=[],
            creator=info.creator,
            replica=info.replica,
            store=info.store,
            selection={},
            include_confidential=True,
            confidential=0,
        )
    (tmp_path / "old.crcx").write_bytes(blob)
    older = ex.open_package(tmp_path / "old.crcx")
    result = merge(new, older)
    assert not result.conflicts
    assert _fields(new) == {"Register every birth.": (None, "", None, None, None, True)}
    # the content hash of a record without the new fields is the one the previous version computed
    with new.session() as s:
        snap = read_snapshot(s)
    data = next(iter(snap.tables["recommendation"].data.values()))
    assert content_hash(spec, data) == content_hash(previous, data)
    changed = {**data, "position": "noted"}
    assert content_hash(spec, changed) != content_hash(spec, data)
    # and the merge left nothing to send back as changed
    again = merge(new, older)
    assert not again.conflicts
