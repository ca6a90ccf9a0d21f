"""Drives :mod:`tests.reliability.kill_worker` and checks the store after every SIGKILL."""

from __future__ import annotations

import collections
import json
import os
import random
import re
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability.kill_worker import bulk_size

REPO = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60.0  # seconds without a line from the worker: it hangs, and that is a failure
# documents one copy of the demo adds (read from the demo itself, so that a document added to it keeps counting)
DOCUMENTS_PER_DEMO_COPY = len(
    json.loads((REPO / "resources" / "demo" / "xamplia.json").read_text("utf-8"))["documents"]
)


class WorkerFailedError(AssertionError):
    pass


@dataclass
class KillStats:
    kills: int = 0
    kills_during_open: int = 0
    transactions_logged: int = 0
    checks: int = 0
    by_kind: collections.Counter[str] = field(default_factory=collections.Counter)


class ForkServer:
    """The long-lived worker; ``cycle()`` forks one writer and kills it at a random point."""

    def __init__(self, store: Path, log: Path, stderr_file: Path) -> None:
        self.stderr_file = stderr_file
        self._stderr = stderr_file.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.kill_worker", str(store), str(log)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=REPO,
            bufsize=0,
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.proc.stdout, selectors.EVENT_READ)
        self._buffer = b""
        self.expect("ready")

    def line(self) -> str:
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self._buffer:
            if time.monotonic() > deadline or not self._selector.select(timeout=deadline - time.monotonic()):
                raise WorkerFailedError(f"the worker sent nothing for {LINE_TIMEOUT:.0f} s\n{self.errors()}")
            chunk = os.read(self.proc.stdout.fileno(), 65536)  # type: ignore[union-attr]
            if not chunk:
                raise WorkerFailedError(f"the worker ended\n{self.errors()}")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\n", 1)
        return text.decode()

    def expect(self, prefix: str) -> str:
        text = self.line()
        if not text.startswith(prefix):
            raise WorkerFailedError(f"expected {prefix!r}, got {text!r}\n{self.errors()}")
        return text

    def errors(self) -> str:
        self._stderr.flush()
        return self.stderr_file.read_text(errors="replace")[-4000:]

    def cycle(self, number: int, rng: random.Random, stats: KillStats) -> None:
        """Fork a writer, let it reach a random point, SIGKILL it, wait until it is gone."""
        self.proc.stdin.write(f"run {number} {rng.randrange(1 << 30)}\n".encode())  # type: ignore[union-attr]
        during_open = rng.random() < 0.15
        if during_open:
            wait_for, delay = "opening", rng.uniform(0, 0.05)  # inside the crash check, migration, seeding
        else:
            commits = rng.randint(0, 4)
            wait_for = "opened" if commits == 0 else f"commit {commits - 1}"
            delay = rng.uniform(0, 0.008)  # lands anywhere in the next transaction, including its commit
        pid, reached = 0, False
        while not (pid and reached):  # the server's "pid" line and the writer's lines may come in any order
            text = self.line()
            if text.startswith("pid "):
                pid = int(text.split()[1])
            elif text.startswith("exit "):
                raise WorkerFailedError(f"the writer stopped by itself ({text})\n{self.errors()}")
            reached = reached or text == wait_for
        time.sleep(delay)  # the random kill point itself, not a wait for a condition
        os.kill(pid, signal.SIGKILL)
        while not (text := self.line()).startswith(f"exit {pid} "):
            pass
        status = int(text.split()[2])
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            raise WorkerFailedError(f"the writer ended with status {status} before the kill\n{self.errors()}")
        stats.kills += 1
        stats.kills_during_open += during_open

    def close(self) -> None:
        try:
            self.proc.stdin.write(b"quit\n")  # type: ignore[union-attr]
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._selector.close()
        self._stderr.close()


def _connect(store: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{store}?mode=ro", uri=True)


def check_store(store: Path, log: Path, stats: KillStats) -> None:
    """``integrity_check`` is ok and every transaction in the log is in the store, whole."""
    records = [line.split() for line in log.read_text().splitlines() if line.strip()] if log.exists() else []
    conn = _connect(store)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], "integrity_check failed after a kill"
        titles = dict(conn.execute("SELECT id, title FROM action"))
        links = set(conn.execute("SELECT action_id, recommendation_id FROM action_link"))
        notes = {r[0] for r in conn.execute("SELECT note FROM assessment")}
        texts = dict(conn.execute("SELECT id, text FROM recommendation"))
        actors = dict(conn.execute("SELECT name, id FROM actor"))
        merged = dict(conn.execute("SELECT title, actor_id FROM action WHERE title LIKE 'merged %'"))
        documents = conn.execute("SELECT count(*) FROM document").fetchone()[0]
    finally:
        conn.close()
    bulk = collections.Counter(t.rsplit(" #", 1)[0] for t in titles.values() if t.startswith("bulk "))
    newest_edit: dict[int, int] = {}
    stats.by_kind.clear()
    for words in records:
        kind = words[0]
        stats.by_kind[kind] += 1
        if kind == "action":
            seq, action_id, rec_id = map(int, words[1:4])
            assert titles.get(action_id) == f"kill {seq}", f"committed action {seq} lost"
            assert (action_id, rec_id) in links, f"committed link of action {seq} lost"
        elif kind == "assess":
            assert f"kill {words[1]}" in notes, f"committed assessment {words[1]} lost"
        elif kind == "edit":
            rec_id = int(words[2])
            newest_edit[rec_id] = max(newest_edit.get(rec_id, 0), int(words[1]))
        elif kind == "bulk":
            assert bulk[f"bulk {words[1]}"] == int(words[2]), f"committed bulk write {words[1]} lost or partial"
        elif kind == "demo":
            assert documents >= DOCUMENTS_PER_DEMO_COPY * int(words[1]), "committed demo import lost"
        elif kind == "merge":
            seq = words[1]
            assert f"keep {seq}" in actors and f"dup {seq}" not in actors, f"committed merge {seq} lost"
            assert merged.get(f"merged {seq}") == actors[f"keep {seq}"], f"merge {seq} lost its action"
    for rec_id, seq in newest_edit.items():
        found = re.search(r"\[kill (\d+)\]$", texts[rec_id])
        assert found and int(found[1]) >= seq, f"committed edit {seq} of paragraph {rec_id} lost"
    # atomicity: no transaction is ever visible in part, logged or not
    for group, count in bulk.items():
        assert count == bulk_size(int(group.split()[1])), f"{group} is partly written"
    assert not any(name.startswith("dup ") for name in actors), "a merge is partly written"
    assert documents % DOCUMENTS_PER_DEMO_COPY == 0, "a demo import is partly written"
    stats.transactions_logged = len(records)
    stats.checks += 1
