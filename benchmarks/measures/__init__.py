"""The measures, one module each: importing this package registers every module found in it.

To add a measure, drop a module here with one function decorated with
:func:`benchmarks.core.measure`; it returns its rows (value, baseline, target).
"""

from __future__ import annotations

import importlib
import pkgutil

from benchmarks.core import REGISTRY, Measure


def load_all() -> list[Measure]:
    """Every registered measure, in the order of the table."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return sorted(REGISTRY.values(), key=lambda m: (m.order, m.key))
