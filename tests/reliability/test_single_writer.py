"""One writer per store: a second instance reads only, and a killed instance never leaves a stale lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from crc_reporter.services.documents import create_document, list_documents
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.single_instance import (
    MAX_MESSAGE_BYTES,
    ActivationReply,
    ActivationRequest,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
    server_name,
)
from crc_reporter.store.errors import ReadOnlyStoreError, StoreLockedError
from crc_reporter.store.locking import StoreLock
from crc_reporter.store.open import open_store

REPO = Path(__file__).resolve().parents[2]


def _symbols(store_path: Path) -> list[str]:
    s = open_store(store_path, access="read")
    try:
        with s.session() as session:
            return [d.symbol for d in list_documents(session)]
    finally:
        s.close()


def test_second_instance_opens_read_only_and_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = open_store(path, user="first")
    with first.session() as s:
        create_document(s, "CRC/C/XMP/CO/1")
    second = open_store(path, user="second")
    try:
        assert not first.read_only and second.read_only
        assert "open in another CRC Reporter window" in second.read_only_reason
        with second.session() as s:  # reading works, and sees the first instance's commits
            assert [d.symbol for d in list_documents(s)] == ["CRC/C/XMP/CO/1"]
            assert s.execute(text("PRAGMA query_only")).scalar() == 1
        with pytest.raises(ReadOnlyStoreError, match="another CRC Reporter window"), second.session() as s:
            create_document(s, "CRC/C/XMP/CO/2")
        with pytest.raises(ReadOnlyStoreError), second.session() as s:  # not even raw SQL gets through
            s.execute(text("DELETE FROM document"))
        with pytest.raises(StoreLockedError, match="close it first") as info:
            open_store(path, access="write")
        assert info.value.holder_pid is not None
    finally:
        second.close()
        first.close()
    assert _symbols(path) == ["CRC/C/XMP/CO/1"]
    again = open_store(path)  # the first closed: the next instance writes
    assert not again.read_only
    again.close()


def test_a_killed_instance_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    open_store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from crc_reporter.store.open import open_store; s = open_store(sys.argv[1]);"
            " print('ready', flush=True); sys.stdin.read()",
            str(path),
        ],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert StoreLock(path).held_elsewhere()  # a second window asks this one to come forward
        locked = open_store(path)
        assert locked.read_only
        locked.close()
    finally:
        holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        holder.wait()
    lock = StoreLock(path)
    assert lock.holder()["state"] == "open" and not lock.held_elsewhere()  # nobody to ask: open it at once
    after = open_store(path)
    try:
        assert not after.read_only and after.unclean_shutdown  # and the crash check ran
    finally:
        after.close()


def test_lock_file_records_the_session_state(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    s = open_store(path)
    assert "state=open" in StoreLock(path).path.read_text()
    assert StoreLock(path).acquire() is False
    s.close()
    assert "state=closed" in StoreLock(path).path.read_text()
    lock = StoreLock(path)
    assert lock.acquire() and not lock.previous_unclean
    lock.release()


def test_socket_name_is_stable_per_store_and_reveals_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    monkeypatch.chdir(tmp_path)
    assert server_name(a) == server_name(Path("a.sqlite")) == server_name(tmp_path / "x" / ".." / "a.sqlite")
    assert server_name(a) != server_name(b)
    name = server_name(a)
    assert name.startswith("crc-reporter-") and len(name) < 50 and name.replace("-", "").isalnum()
    assert "a.sqlite" not in name


def test_activation_protocol_round_trip() -> None:
    request = ActivationRequest(files=("/home/me/CRC-C-XMP-CO-5-6.docx", "C:\\Users\\me\\ខ្មែរ.pdf"))
    raw = encode_request(request)
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    assert decode_request(raw) == request
    assert decode_request(encode_request(ActivationRequest())) == ActivationRequest()
    for reply in (ActivationReply(True), ActivationReply(False, "busy")):
        assert decode_reply(encode_reply(reply)) == reply


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b'{"v": 2, "action": "activate"}',
        b'{"v": 1, "action": "rm -rf"}',
        b'{"v": 1, "action": "activate", "files": "x"}',
        b'{"v": 1, "action": "activate", "files": [1]}',
        b'{"v": 1, "action": "activate", "files": ["a\\u0000b"]}',
        b"[" * 100_000,
        b'{"v": 1, "action": "activate", "files": ["' + b"a" * MAX_MESSAGE_BYTES + b'"]}',
    ],
)
def test_malformed_requests_are_refused(raw: bytes) -> None:
    with pytest.raises(ValidationError):
        decode_request(raw)


@settings(max_examples=300, deadline=None, database=None)
@given(raw=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_any_bytes_on_the_socket_are_handled(raw: bytes) -> None:
    try:
        request = decode_request(raw)
    except ValidationError:
        return
    assert request.action == "activate" and all(isinstance(f, str) for f in request.files)
    assert isinstance(decode_reply(raw), ActivationReply)
