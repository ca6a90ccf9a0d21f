"""The demo's fictional country codes: one per copy, for every scale the command accepts."""

from __future__ import annotations

import re

from crc_reporter.services.demo import MAX_SCALE, _copy_symbols, country_code, load_demo_data


def test_every_copy_has_its_own_code_and_symbols() -> None:
    codes = [country_code(copy) for copy in range(1, MAX_SCALE + 1)]
    assert codes[0] == "XMP" and codes[1] == "XAA"
    assert len(set(codes)) == MAX_SCALE  # copy 329 was XMP again
    for code in codes:
        assert re.fullmatch(r"[A-Z0-9]{3}", code), code
        # letters only: within ISO 3166's user-assigned XAA-XZZ; otherwise a digit makes it fictional
        assert code.startswith("X") or any(c.isdigit() for c in code), code
    data = load_demo_data()
    symbols = [s for copy in (1, 328, 329, 330, 677, 678, MAX_SCALE) for s in _copy_symbols(data, copy)]
    assert len(set(symbols)) == len(symbols)
