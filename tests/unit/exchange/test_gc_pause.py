"""The heavy parts of an exchange pause the cyclic collector, and always hand it back as they found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from crc_reporter.services.exchange.gc_pause import collector_paused, without_collector


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_running_again_after_even_when_the_work_fails() -> None:
    gc.enable()

    @without_collector
    def work() -> None:
        assert not gc.isenabled()
        raise ValueError("the package is malformed")

    with pytest.raises(ValueError):
        work()
    assert gc.isenabled()


def test_of_two_overlapping_pauses_the_first_to_end_does_not_resume_it() -> None:
    gc.enable()
    inner_started, outer_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def background_merge() -> None:
        with collector_paused():
            inner_started.set()
            outer_may_end.wait(5)
            seen.append(gc.isenabled())

    with collector_paused():
        worker = threading.Thread(target=background_merge)
        worker.start()
        assert inner_started.wait(5)
    assert not gc.isenabled()  # the background merge still runs
    outer_may_end.set()
    worker.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
