"""Issue 21, finding 12 (part): a damaged CSV gives one warning per kind, with a count, not a thousand lines."""

from __future__ import annotations

import csv
import io

from crc_reporter.importers import load_source
from crc_reporter.importers.registry import collapse_warnings
from tests.uhri_fixture import HEADERS


def _uhri_csv(rows: int, numbered: int) -> str:
    """``rows`` rows of which the first ``numbered`` start with their paragraph number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for n in range(1, rows + 1):
        cells = {name: "" for name in HEADERS}
        number = f"{n}. " if n <= numbered else ""
        cells["Text"] = f'{number}The Committee recommends that the State party act on "item {n}", as before.'
        cells["Countries Concerned"] = "Cambodia"
        cells["Reccomending Body"] = "CRC"
        cells["Document Symbol"] = "CRC/C/KHM/CO/4-6"
        cells["Type"] = "Recommendation"
        writer.writerow([cells[name] for name in HEADERS])
    return out.getvalue()


def test_a_thousand_rows_of_one_problem_give_one_warning_with_a_count() -> None:
    """What a CSV shifted by an unbalanced quote gives: row after row whose text has no paragraph number."""
    parsed = load_source(_uhri_csv(1000, numbered=1).encode("utf-8"), name="uhri.csv")
    warnings = [*parsed.warnings, *(w for d in parsed.documents for w in d.warnings)]
    assert warnings == [
        "row 3 of CRC/C/KHM/CO/4-6 has no paragraph number; it was left out (and 998 more warnings like it)"
    ]


def test_collapse_keeps_different_warnings_apart() -> None:
    warnings = [f"row {n}: no title or description; skipped" for n in range(2, 900)]
    warnings += ["row 7: the reference 'x' names no CRC document and paragraph; skipped"]
    assert collapse_warnings(warnings) == [
        "row 2: no title or description; skipped (and 897 more warnings like it)",
        "row 7: the reference 'x' names no CRC document and paragraph; skipped",
    ]
    assert collapse_warnings(["a", "b"]) == ["a", "b"]
