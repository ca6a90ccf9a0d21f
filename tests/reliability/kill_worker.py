"""The process the kill harness kills: writes to a store through the services until SIGKILLed.

Run as ``python -m tests.reliability.kill_worker STORE LOG``. It is a fork
server: it imports the application once, then for every ``run CYCLE SEED`` line
on stdin forks a child that opens the store (with the app's own crash check)
and commits transactions through the services, one after another, forever.
The test kills the child with SIGKILL at a random point; the server reports
its exit status and waits for the next line. Forking from a warm process makes
a kill/restart cycle cost milliseconds instead of a Python start-up.

After every commit returns, the child appends one line describing what it
committed to LOG and fsyncs it, then prints ``commit N`` on stdout. A line in
LOG is therefore a promise: that transaction must survive the kill.

LOG lines (``SEQ`` is unique and grows: cycle * 1,000,000 + transaction number):

* ``action SEQ ACTION_ID REC_ID`` — an action titled ``kill SEQ`` linked to a paragraph
* ``assess SEQ`` — an assessment with the note ``kill SEQ``
* ``edit SEQ REC_ID`` — the paragraph's text now ends with ``[kill SEQ]``
* ``bulk SEQ N`` — N actions titled ``bulk SEQ #i``, written in one transaction (an import)
* ``demo COPIES`` — the demo data set loaded COPIES times (a large import)
* ``merge SEQ`` — actors ``keep SEQ`` and ``dup SEQ`` created, ``dup`` merged into ``keep``
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path

from sqlalchemy import func, select

from crc_reporter.services.actions import create_action, link_action
from crc_reporter.services.actors import create_actor, merge_actors
from crc_reporter.services.assessments import record_assessment
from crc_reporter.services.demo import load_demo
from crc_reporter.services.recommendations import update_recommendation
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Document, Recommendation
from crc_reporter.store.open import open_store

MAX_DEMO_COPIES = 3
STATUSES = ("not_implemented", "in_progress", "partially_implemented", "implemented")


def bulk_size(seq: int) -> int:
    return 20 + seq % 31


def _say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def _transaction(store: Store, seq: int, rng: random.Random, rec_ids: list[int]) -> str:
    op = rng.choices(("action", "assess", "edit", "bulk", "demo", "merge"), (30, 20, 20, 10, 3, 5))[0]
    rec_id = rng.choice(rec_ids)
    with store.session() as s:
        if op == "action":
            action = create_action(s, f"kill {seq}", status="ongoing", description="written by the kill harness")
            link_action(s, action.id, rec_id)
            return f"action {seq} {action.id} {rec_id}"
        if op == "assess":
            record_assessment(
                s, rec_id, rng.choice(("government", "civil_society")), rng.choice(STATUSES), note=f"kill {seq}"
            )
            return f"assess {seq}"
        if op == "edit":
            text = s.get(Recommendation, rec_id).text  # type: ignore[union-attr]
            base = text.split(" [kill ")[0]
            update_recommendation(s, rec_id, text=f"{base} [kill {seq}]")
            return f"edit {seq} {rec_id}"
        if op == "bulk":
            for i in range(bulk_size(seq)):
                create_action(s, f"bulk {seq} #{i}", sources=[(f"source {seq}/{i}", None)])
            return f"bulk {seq} {bulk_size(seq)}"
        if op == "demo":
            copies = len({c for c in s.scalars(select(Document.country))})
            if copies < MAX_DEMO_COPIES:
                load_demo(s, copies + 1)
                return f"demo {copies + 1}"
            return f"demo {copies}"
        keep = create_actor(s, f"keep {seq}", "ngo")
        dup = create_actor(s, f"dup {seq}", "ngo")
        action = create_action(s, f"merged {seq}", actor_id=dup.id)
        link_action(s, action.id, rec_id)
        merge_actors(s, keep.id, dup.id)
        return f"merge {seq}"


def child(store_path: Path, log_path: Path, cycle: int, seed: int) -> None:
    rng = random.Random(seed)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    _say("opening")
    store = open_store(store_path, user="kill-harness", access="write")
    with store.session() as s:
        rec_ids = list(s.scalars(select(Recommendation.id).order_by(Recommendation.id).limit(200)))
        assert s.scalar(select(func.count()).select_from(Recommendation))
    _say("opened")
    n = 0
    while True:
        record = _transaction(store, cycle * 1_000_000 + n, rng, rec_ids)
        os.write(log, (record + "\n").encode())  # only after the commit returned
        os.fsync(log)
        _say(f"commit {n}")
        n += 1


def main() -> int:
    store_path, log_path = Path(sys.argv[1]), Path(sys.argv[2])
    sys.stdout.flush()
    _say("ready")
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        cycle, seed = int(words[1]), int(words[2])
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                child(store_path, log_path, cycle, seed)
            except BaseException:
                traceback.print_exc()
                code = 3
            os._exit(code)
        _say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"exit {pid} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
