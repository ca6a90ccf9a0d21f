"""The package file: seal, hashes, signature, zip safety, malformed records, selections, confidentiality."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from crc_reporter.services import exchange as ex
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange import package as pkg
from crc_reporter.services.exchange.signing import generate_keypair
from crc_reporter.store.engine import Store
from tests.exchange_support import audit_count, build_base, compare, export, open_taking_unsigned


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Store]:
    a = open_taking_unsigned(tmp_path / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(tmp_path / "b.sqlite", user="bob")
    yield a, b
    a.close()
    b.close()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _set(member: dict, field: str, value: object, index: int = 0) -> None:  # type: ignore[type-arg]
    """Change one field of one record of a ``records/<table>.json`` member."""
    member["records"][index][4 + member["fields"].index(field)] = value


def _repack(members: dict[str, bytes]) -> bytes:
    """A package rebuilt by someone who knows the format (valid seal, whatever the content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.comment = b"\0" * pkg.SEAL_LEN
    body = buffer.getvalue()[: -pkg.SEAL_LEN]
    return body + pkg.SEAL_PREFIX + hashlib.sha256(body).hexdigest().encode()


def test_every_single_byte_change_is_refused_and_nothing_changes(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    export(a, tmp_path / "a.crcx")
    data = (tmp_path / "a.crcx").read_bytes()
    before = audit_count(b)
    for offset in range(0, len(data), max(1, len(data) // 97)):
        for flip in (0x01, 0x80):
            damaged = bytearray(data)
            damaged[offset] ^= flip
            with pytest.raises(ex.PackageError) as info:
                ex.read_package(bytes(damaged), "a.crcx")
            message = str(info.value)
            assert "\n" not in message and "nothing was changed" in message
    assert audit_count(b) == before


def test_a_bad_signature_is_refused(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    generate_keypair(tmp_path / "me.key", "Ministry focal point")
    export(a, tmp_path / "signed.crcx", key_file=tmp_path / "me.key")
    good = ex.read_package((tmp_path / "signed.crcx").read_bytes(), "signed.crcx")
    assert good.info.signer is not None and good.info.signer.name == "Ministry focal point"

    members = _members((tmp_path / "signed.crcx").read_bytes())
    # an attacker changes an action and fixes the member hash in the manifest, but cannot sign again
    actions = json.loads(members["records/action.json"])
    _set(actions, "title", "Something else entirely")
    members["records/action.json"] = json.dumps(actions).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["records/action.json"]["sha256"] = hashlib.sha256(members["records/action.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = _repack(members)
    with pytest.raises(ex.PackageError, match="bad signature"):
        ex.read_package(forged, "forged.crcx")

    # the member changed without fixing the manifest: its checksum does not match
    members2 = _members((tmp_path / "signed.crcx").read_bytes())
    members2["records/action.json"] = json.dumps(actions).encode()
    with pytest.raises(ex.PackageError, match="checksum"):
        ex.read_package(_repack(members2), "changed.crcx")

    # a signature from another key over the same manifest
    generate_keypair(tmp_path / "other.key", "Someone")
    export(a, tmp_path / "other.crcx", key_file=tmp_path / "other.key")
    members3 = _members((tmp_path / "signed.crcx").read_bytes())
    members3["signature.json"] = _members((tmp_path / "other.crcx").read_bytes())["signature.json"]
    with pytest.raises(ex.PackageError, match="bad signature"):
        ex.read_package(_repack(members3), "swapped.crcx")
    with b.session() as session:
        assert not ex.trusted_keys(session)


def test_untrusted_and_unsigned_packages_can_be_required_away(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    key = generate_keypair(tmp_path / "me.key", "Ministry focal point")
    package = export(a, tmp_path / "signed.crcx", key_file=tmp_path / "me.key")
    unsigned = export(a, tmp_path / "unsigned.crcx")
    with b.session() as session, pytest.raises(ServiceError, match="does not trust"):
        ex.merge_package(session, package, require_trusted=True)
    with b.session() as session:
        ex.trust_key(session, ex.read_public_key(tmp_path / "me.key.pub"))
    with b.session() as session:
        info = ex.describe_package(session, package.info)
        assert info.signer is not None and info.signer.trusted_as == "Ministry focal point"
        assert info.signer.fingerprint == key.fingerprint
        with pytest.raises(ServiceError, match="not signed"):
            ex.merge_package(session, unsigned, require_trusted=True)
        assert ex.merge_package(session, package, require_trusted=True).changes > 0


def test_hostile_archives_are_refused(tmp_path: Path) -> None:
    manifest = {
        "format": pkg.FORMAT,
        "format_version": 1,
        "package_id": "x",
        "created_at": "2026-01-01T00:00:00+00:00",
        "creator": {"user": "x", "replica": "r", "store": "s"},
        "counts": {},
        "tombstones": 0,
        "members": {},
    }
    traversal = _repack({"manifest.json": json.dumps(manifest).encode(), "../../etc/passwd": b"x"})
    with pytest.raises(ex.PackageError, match="does not list"):
        ex.read_package(traversal, "evil.crcx")
    newer = dict(manifest, format_version=99)
    with pytest.raises(ex.PackageError, match="newer version"):
        ex.read_package(_repack({"manifest.json": json.dumps(newer).encode()}), "new.crcx")
    bomb_member = b"[" + b" " * (3 * 1024 * 1024) + b"]"
    listed = dict(manifest, members={"tombstones.json": {"sha256": hashlib.sha256(bomb_member).hexdigest()}})
    with pytest.raises(ex.PackageError, match="bomb"):
        ex.read_package(
            _repack({"manifest.json": json.dumps(listed).encode(), "tombstones.json": bomb_member}), "b.crcx"
        )


def test_malformed_records_are_refused_with_the_member_named(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _b = pair
    export(a, tmp_path / "a.crcx")
    members = _members((tmp_path / "a.crcx").read_bytes())
    cases = [
        ("title", 12, "wrong kind"),
        ("status", "exploded", "not a known status"),
        ("actor", "../../x", "not a record id"),
    ]
    for field, value, expected in cases:
        actions = json.loads(members["records/action.json"])
        _set(actions, field, value)
        changed = dict(members)
        changed["records/action.json"] = json.dumps(actions).encode()
        manifest = json.loads(changed["manifest.json"])
        manifest["members"]["records/action.json"]["sha256"] = hashlib.sha256(
            changed["records/action.json"]
        ).hexdigest()
        changed["manifest.json"] = json.dumps(manifest).encode()
        with pytest.raises(ex.PackageError, match=expected) as info:
            ex.read_package(_repack(changed), "bad.crcx")
        assert "records/action.json #1" in str(info.value)


def test_confidential_actions_leave_only_when_included(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    with a.session() as session:
        plain = ex.export_package(session, tmp_path / "plain.crcx")
        full = ex.export_package(session, tmp_path / "full.crcx", include_confidential=True)
    assert plain.left_out_confidential == 1 and plain.confidential_sent == 0
    assert full.confidential_sent == 1
    info = ex.open_package(tmp_path / "plain.crcx").info
    assert info.confidential == 0 and not info.include_confidential
    titles = [r.data["title"] for r in ex.open_package(tmp_path / "plain.crcx").records["action"]]
    assert "Training of police" not in titles  # the confidential one
    assert ex.open_package(tmp_path / "full.crcx").info.confidential == 1
    with b.session() as session:
        ex.merge_package(session, ex.open_package(tmp_path / "plain.crcx"))
    a_data, b_data = compare(a, b)
    assert {d["title"] for t, d in b_data.values() if t == "action"} == {"Diversion programme"}


def test_a_selection_carries_what_its_records_point_at(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    with a.session() as session:
        result = ex.export_package(
            session, tmp_path / "actor.crcx", selection=ex.Selection(actor="Ministry of Justice")
        )
    assert result.counts["action"] == 1 and result.counts["recommendation"] == 1 and result.counts["document"] == 1
    assert "indicator" not in result.counts and result.tombstones == 0
    with b.session() as session:
        merged = ex.merge_package(session, ex.open_package(tmp_path / "actor.crcx"))
    assert merged.skipped == 0 and not merged.conflicts
    with a.session() as session:
        doc = ex.export_package(session, tmp_path / "doc.crcx", selection=ex.Selection(document="CRC/C/KHM/CO/4-6"))
    assert doc.counts["recommendation"] == 3 and doc.counts["assessment"] == 1
    with a.session() as session, pytest.raises(ServiceError, match="no actor named"):
        ex.export_package(session, tmp_path / "x.crcx", selection=ex.Selection(actor="Nobody"))
