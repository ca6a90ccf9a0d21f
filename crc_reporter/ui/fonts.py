"""The fonts that render Khmer: bundled Noto Sans Khmer, registered at start-up.

A laptop in a ministry may have no Khmer font at all (a plain Windows install
has Khmer UI, many Linux installs have none), and a missing font shows empty
boxes. So the application carries Noto Sans Khmer (SIL Open Font License,
``resources/fonts/OFL.txt``) and registers it with Qt before the first window;
the interface font lists it as a fallback for Khmer text (``QFont.setFamilies``).
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from crc_reporter.paths import resource_path

#: Khmer fonts in order of preference: the bundled one first, then common system ones.
KHMER_FAMILIES = ("Noto Sans Khmer", "Khmer OS System", "Khmer UI", "Khmer OS", "Leelawadee UI", "DaunPenh")

_loaded: list[str] | None = None


def load_bundled_fonts() -> list[str]:
    """Register the fonts in ``resources/fonts`` (once); returns the families they provide."""
    global _loaded
    if _loaded is None:
        families: list[str] = []
        for path in sorted(resource_path("fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
        _loaded = families
    return list(_loaded)


def fonts_loaded() -> bool:
    return _loaded is not None


def khmer_fallbacks() -> list[str]:
    """The Khmer-capable families available now, best first (the bundled one is always there)."""
    load_bundled_fonts()
    available = set(QFontDatabase.families())
    return [family for family in KHMER_FAMILIES if family in available]
