"""The fuzz harness catches what it promises to: hangs, unexpected errors, memory growth."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings

from tests.fuzz.harness import FuzzHangError, FuzzTarget, inputs, run_one


def _forever(_data: bytes) -> None:
    while True:
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM")
def test_a_hang_is_caught() -> None:
    with pytest.raises(FuzzHangError):
        run_one(FuzzTarget("hang", _forever, timeout=0.2), b"")


def test_expected_errors_pass_and_others_fail() -> None:
    def parse(data: bytes) -> str:
        if data == b"bad":
            raise ValueError("one line for people")
        if data == b"bug":
            raise KeyError("a bug")
        return "parsed"

    target = FuzzTarget("parser", parse, expected=(ValueError,))
    assert run_one(target, b"fine") == "parsed"
    assert run_one(target, b"bad") == "ValueError"
    with pytest.raises(KeyError):
        run_one(target, b"bug")


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss")
def test_memory_growth_is_caught() -> None:
    def bomb(_data: bytes) -> None:
        block = bytearray(300 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page

    with pytest.raises(AssertionError, match="memory grew"):
        run_one(FuzzTarget("bomb", bomb, memory_mb=50), b"")


@settings(max_examples=50, database=None)
@given(data=inputs(FuzzTarget("seeded", lambda d: None, seeds=lambda: [b"PK\x03\x04" + bytes(100)], max_size=10)))
def test_inputs_mix_seeds_mutations_and_random_bytes(data: bytes) -> None:
    assert isinstance(data, bytes)
