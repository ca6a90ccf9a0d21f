"""Every visible string goes through ``_()``: the source is checked, so a new dialog cannot slip English in.

What the extractor cannot see is a string that never reaches a translation
call: a literal handed straight to a Qt text setter, a user-facing error
raised with an f-string, ``_()`` inside an f-string (Python 3.11's tokenizer
hides it from Babel), or ``_(f"…")`` (the translated text would never match).
The rules are heuristic; a deliberate exception goes into ALLOWED with a reason.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "crc_reporter"

#: Calls whose string arguments people read.
TEXT_SINKS = {
    "setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "setStatusTip", "setWhatsThis",
    "setAccessibleName", "setAccessibleDescription", "addTab", "insertTab", "setTabText", "setTabToolTip",
    "addItem", "insertItem", "addAction", "addMenu", "showMessage", "setLabelText", "setSpecialValueText",
    "setPrefix", "setSuffix", "setTitle", "setHeaderLabels", "setHorizontalHeaderLabels", "setCancelButtonText",
    "setInformativeText", "setDetailedText", "addRow", "addButton", "setButtonText", "drawText",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QStandardItem", "QToolButton",
    "QProgressDialog", "warning", "critical", "information", "question", "about", "getText", "getItem",
    "getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory", "muted_label",
    "section_label", "print",
}  # fmt: skip
#: Errors whose message is never shown to a person (programming errors).
INTERNAL_ERRORS = {"RuntimeError", "TypeError", "ValueError", "AssertionError", "NotImplementedError", "KeyError"}
#: file:line-free exceptions: (module, the literal) -> why it is not translated.
ALLOWED: dict[tuple[str, str], str] = {
    ("ui/dialogs/records.py", "CRC/C/KHM/CO/4-6"): "an example UN symbol, the same in every language",
    ("safe_io.py", "atomic_write writes whole files: mode must be 'w' or 'wb'"): "a programming error",
}

_WORDS = re.compile(r"[A-Za-z]{2,}")
#: Names that stay as they are in every language.
_NAMES = re.compile(r"crc-reporter|CRC Reporter")
#: Loggers write for developers, in English.
_LOGGERS = {"log", "logger", "logging"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8"))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal_text(node: ast.expr) -> str | None:
    """The English a literal (or f-string, or concatenation) shows, if it has words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _WORDS.search(_NAMES.sub("", node.value)) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return text if _WORDS.search(_NAMES.sub("", text)) else None
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    return None


def _is_translation(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in {"_", "ngettext", "N_"}


def _translates_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and _name(node.func) in {"_", "ngettext", "N_"}
        and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
    )


def _is_logger(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in _LOGGERS


def _findings() -> list[str]:
    found = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for value in node.values:
                    inner = value.value if isinstance(value, ast.FormattedValue) else None
                    if inner is not None and any(_translates_literal(n) for n in ast.walk(inner)):
                        found.append(f"{module}:{node.lineno}: _() inside an f-string is invisible to the extractor")
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in {"_", "ngettext"} and node.args and not all(_is_plain(a) for a in node.args[:2]):
                found.append(f"{module}:{node.lineno}: {name}() needs a plain string literal (use .format())")
            checked = name in TEXT_SINKS or (name.endswith("Error") and name not in INTERNAL_ERRORS)
            if name in {"_", "ngettext", "N_"} or not checked or _is_logger(node.func):
                continue
            args = [*node.args, *(k.value for k in node.keywords if k.arg in {"help", "title", "text"})]
            for arg in args:
                text = _literal_text(arg)
                if text is not None and (module, text) not in ALLOWED:
                    found.append(f"{module}:{node.lineno}: {name}({text[:60]!r}) is not translated")
    return found


def _is_plain(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return not isinstance(node, ast.JoinedStr | ast.BinOp)


def test_every_visible_string_is_translatable() -> None:
    found = _findings()
    assert not found, "wrap these in _() (or N_() for constants):\n" + "\n".join(found)


def _format_fields(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def test_format_calls_supply_every_placeholder() -> None:
    """``_("… {name} …").format(nmae=…)`` fails only in the language whose text uses the field: catch it here."""
    found = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
                continue
            target = node.func.value
            if not (_is_translation(target) and isinstance(target, ast.Call) and target.args):
                continue
            texts = [a.value for a in target.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if any(isinstance(k.arg, type(None)) for k in node.keywords) or node.args:
                continue  # **mapping or positional fields: not checked
            given = {k.arg for k in node.keywords}
            wanted = set().union(*(_format_fields(t) for t in texts)) if texts else set()
            if wanted != given:
                found.append(f"{module}:{node.lineno}: fields {sorted(wanted)}, given {sorted(given)}")
    assert not found, "\n".join(found)
