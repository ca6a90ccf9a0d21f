"""Issue 21, finding 3: the importers' patterns run in linear time (the red team's inputs, and a deterministic sweep).

The long, randomised run is the fuzz target tests/fuzz/targets_patterns.py.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from crc_reporter.importers import analysis
from tests.fuzz.adversarial import UNITS, every_use

LIMIT = 2.0


def _timed(function, text: str) -> float:  # noqa: ANN001 - any use
    began = time.perf_counter()
    function(text)
    return time.perf_counter() - began


@pytest.mark.parametrize("digits", [34, 60, 5000])
def test_digits_without_a_month(digits: int) -> None:
    """Paragraph 1 "…meetings held on 1111…1 x": 34 digits took 9 s, 60 more than a minute."""
    text = "The Committee considered the report at its meetings held on " + "1" * digits + " x"
    assert _timed(analysis.dialogue_and_adoption, text) < LIMIT


def test_repeated_meetings() -> None:
    """72 KB of "meeting" took 11.5 s."""
    assert _timed(analysis.dialogue_and_adoption, "meetings " * 8000 + "held on x") < LIMIT


def test_repeated_symbol_segments() -> None:
    """120 KB of "CRC/C/…/" segments took 15 s."""
    text = "Recalling CRC/C/" + "KHM/CRC/C/" * 12_000 + " x"
    assert _timed(lambda t: analysis.previous_references(t, None), text) < LIMIT


def test_the_rewritten_patterns_read_what_they_read_before() -> None:
    first = (
        "1. The Committee considered the combined fifth and sixth periodic reports of Cambodia "
        "(CRC/C/KHM/4-6) at its 2650th and 2651st meetings (see CRC/C/SR.2650 and 2651), held on "
        "11, 12 and 14 January 2022, and adopted the present concluding observations at its 2670th "
        "meeting, held on 28 January 2022."
    )
    days, adopted = analysis.dialogue_and_adoption(first)
    assert days == (dt.date(2022, 1, 11), dt.date(2022, 1, 12), dt.date(2022, 1, 14))
    assert adopted == dt.date(2022, 1, 28)
    assert analysis.dialogue_and_adoption("at its 1st meeting. It was held on 3 May 2020.") == ((), None)
    assert analysis.dialogue_and_adoption("meetings held on 3.5 x, held on 4 and 5 May 2020") == (
        (dt.date(2020, 5, 4), dt.date(2020, 5, 5)),
        None,
    )
    cited = "Recalling its previous recommendations (CRC/C/KHM/CO/2-3, paras. 28 (a), 30–32 and 40), the"
    assert analysis.previous_references(cited, None) == [("CRC/C/KHM/CO/2-3", n) for n in (28, 30, 31, 32, 40)]
    assert analysis.clean_part_text("strengthen its laws;   and ") == "strengthen its laws"


def test_every_pattern_on_every_unit() -> None:
    """The deterministic short sweep: each unit repeated 1,000 times, then a failing end, through every use."""
    uses = every_use()
    assert len(uses) > 60  # every module-level pattern and every function with patterns of its own
    slow = []
    for unit in UNITS:
        text = "meetings held on " + unit * 1000 + " x"
        for name, use in uses.items():
            took = _timed(use, text)
            if took > LIMIT:
                slow.append(f"{name} {unit!r}: {took:.1f} s")
    assert not slow
