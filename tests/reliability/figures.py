"""Figures of the reliability runs, for the README's table.

Tests call :func:`record`; with ``CRC_REPORTER_FIGURES=FILE`` set, the figures
are added up in that JSON file across the run (several runs add up too).
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(name: str, amount: int) -> None:
    target = os.environ.get("CRC_REPORTER_FIGURES")
    if not target:
        return
    path = Path(target)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = data.get(name, 0) + amount
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
