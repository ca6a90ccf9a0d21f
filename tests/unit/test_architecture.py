"""The layering rules of STYLE.md, checked on the source: a wrong import fails the suite."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "crc_reporter"

# layer -> packages it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "crc_reporter.store", "crc_reporter.services",
               "crc_reporter.ui", "crc_reporter.cli", "crc_reporter.reports", "crc_reporter.importers"),
    "store": ("PySide6", "crc_reporter.services", "crc_reporter.ui", "crc_reporter.cli",
              "crc_reporter.reports", "crc_reporter.importers"),
    "services": ("PySide6", "crc_reporter.ui", "crc_reporter.cli", "crc_reporter.reports"),
    "importers": ("PySide6", "crc_reporter.ui", "crc_reporter.cli"),
    "reports": ("PySide6", "crc_reporter.ui", "crc_reporter.cli"),
    "i18n": ("PySide6", "crc_reporter.ui", "crc_reporter.store", "crc_reporter.services"),
    "cli": ("PySide6",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_modules_stay_small() -> None:
    big = [
        f"{p.relative_to(PACKAGE)} ({n} lines)"
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text("utf-8").splitlines())) > 450
    ]
    assert not big, "split these by responsibility: " + ", ".join(big)
