"""The import graph of a package, read from its source with :mod:`ast` (nothing is imported).

An edge ``a -> b`` means that importing module ``a`` may run module ``b``:
``import x.y``, ``from x import y`` (``x.y`` when it is a module, else ``x``),
relative imports, and imports inside functions, which run as soon as the
function is called. Importing ``x.y.z`` also runs the packages ``x.y`` and
``x`` first, so those are edges too, except for the importer's own packages,
which have already run by the time the importer does. Imports under
``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool


def modules(package_dir: Path) -> dict[str, Module]:
    """Every module of the package in ``package_dir``, by dotted name."""
    root = package_dir.parent
    found: dict[str, Module] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: Sequence[ast.AST]) -> Iterator[ast.AST]:
    """Every node under ``body``, skipping the bodies of ``if TYPE_CHECKING:`` (their ``else`` runs)."""
    pending = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def imported_names(module: Module) -> set[str]:
    """The dotted names ``module`` imports at run time (absolute; ``from a import b`` gives ``a.b``)."""
    tree = ast.parse(module.path.read_text("utf-8"))
    names: set[str] = set()
    for node in _statements(tree.body):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.name if module.is_package else module.name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            names.update(f"{base}.{alias.name}" for alias in node.names)
            names.add(base)
    return names


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the package's modules that importing it runs (see the module's docstring)."""
    found = modules(package_dir)
    graph: dict[str, set[str]] = {}
    for name, module in found.items():
        own = {name, *_ancestors(name)}
        targets: set[str] = set()
        for imported in imported_names(module):
            target = imported
            while target and target not in found:  # ``from a import function`` names module ``a``
                target = target.rpartition(".")[0]
            if target:
                targets.add(target)
                targets.update(a for a in _ancestors(target) if a in found)
        graph[name] = targets - own
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    """One cycle as its modules and the imports between them, for a failure message."""
    members = set(component)
    lines = [f"  {name} imports {', '.join(sorted(graph[name] & members))}" for name in component]
    return "\n".join(lines)
