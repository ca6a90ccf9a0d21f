"""The layering rules of the developer's guide (docs/ARCHITECTURE.md), checked on the source.

A wrong import fails the suite: a layer importing one above it, Qt outside
``ui``, or any import cycle among the package's modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.import_graph import cycles, describe, import_graph

PACKAGE = Path(__file__).resolve().parents[2] / "crc_reporter"
GUIDE = "docs/ARCHITECTURE.md"
QT = ("PySide6", "shiboken6")

# layer -> packages it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "crc_reporter.store",
        "crc_reporter.services",
        "crc_reporter.ui",
        "crc_reporter.cli",
        "crc_reporter.reports",
        "crc_reporter.importers",
        "crc_reporter.untrusted",
    ),
    # limits and errors for reading files we did not write: below importers and services alike
    "untrusted": (
        "PySide6",
        "sqlalchemy",
        "crc_reporter.store",
        "crc_reporter.services",
        "crc_reporter.ui",
        "crc_reporter.cli",
        "crc_reporter.reports",
        "crc_reporter.importers",
    ),
    "store": (
        "PySide6",
        "crc_reporter.services",
        "crc_reporter.ui",
        "crc_reporter.cli",
        "crc_reporter.reports",
        "crc_reporter.importers",
    ),
    "services": (
        "PySide6",
        "crc_reporter.ui",
        "crc_reporter.cli",
        "crc_reporter.reports",
        "crc_reporter.importers",
    ),
    "importers": ("PySide6", "crc_reporter.ui", "crc_reporter.cli"),
    "reports": ("PySide6", "crc_reporter.ui", "crc_reporter.cli"),
    # the public website: beside reports, over services and domain
    "publish": ("PySide6", "crc_reporter.ui", "crc_reporter.cli", "crc_reporter.reports", "crc_reporter.importers"),
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


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in prefixes)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if _matches(name, FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, f"dependencies point one way (see {GUIDE}):\n" + "\n".join(offenders)


def test_only_the_user_interface_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        for name in sorted(_imports(path))
        if _matches(name, QT)
    ]
    assert not offenders, f"Qt belongs in crc_reporter/ui only (see {GUIDE}):\n" + "\n".join(offenders)


def test_no_import_cycles() -> None:
    graph = import_graph(PACKAGE)
    found = cycles(graph)
    assert not found, f"import cycles (move what both sides need into a leaf module; see {GUIDE}):\n" + "\n\n".join(
        describe(component, graph) for component in found
    )


def test_the_cycle_finder_sees_cycles(tmp_path: Path) -> None:
    """The checker itself: a loop through a function-level import and a package's ``__init__`` is found,
    an import under ``if TYPE_CHECKING:`` is not."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from pkg.sub import b\n",
        "sub/__init__.py": "from pkg.sub.c import C\n",
        "sub/b.py": "def f():\n    from pkg import a\n",
        "sub/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import d\nclass C: ...\n",
        "d.py": "from pkg.sub import c\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, "utf-8")
    graph = import_graph(pkg)
    assert graph["pkg.a"] == {"pkg.sub", "pkg.sub.b"}
    assert graph["pkg.sub.c"] == set()
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]
    (pkg / "sub/c.py").write_text("from pkg import d\nclass C: ...\n", "utf-8")
    assert cycles(import_graph(pkg)) == [["pkg.a", "pkg.sub.b"], ["pkg.d", "pkg.sub", "pkg.sub.c"]]


def test_modules_stay_small() -> None:
    big = [
        f"{p.relative_to(PACKAGE)} ({n} lines)"
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text("utf-8").splitlines())) > 450
    ]
    assert not big, "split these by responsibility: " + ", ".join(big)
