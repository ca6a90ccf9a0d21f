"""Qt's own strings (dialog buttons, the file dialog, context menus) in the interface language.

Qt ships no Khmer translation, so its strings are kept in our gettext
catalogs like every other string: each with Qt's translation context as the
gettext context (``msgctxt "QPlatformTheme"``), listed in
:mod:`crc_reporter.ui.qt_strings` so the extractor finds them. A
:class:`CatalogTranslator` answers Qt's ``tr()`` calls from the catalog of the
interface language; one mechanism, one test for completeness, no compiled
``.qm`` of our own. For French, Qt's own ``qtbase_fr.qm`` is loaded underneath
and covers whatever Qt shows that our catalog does not list.
"""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crc_reporter.i18n import LOCALES, PSEUDO_LANGUAGE, set_khmer_digits, set_language, translator

#: The translators installed now, removed before the next language is installed.
_installed: list[QTranslator] = []


class CatalogTranslator(QTranslator):
    """Answers Qt's translation requests from our gettext catalog of ``lang``."""

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._catalog = translator(lang)

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """Qt's virtual. None (a null QString) lets Qt ask the next translator, then use the source;
        an empty string would be taken as the translation and blank the text."""
        if not source_text or source_text == "QT_LAYOUT_DIRECTION":
            return None
        text = self._catalog.pgettext(context, source_text)
        return text if text != source_text else None

    def isEmpty(self) -> bool:
        return False

    def language(self) -> str:
        return self.lang


def qt_translations_dir() -> Path:
    """Qt's own .qm files: where Qt says they are, else beside the PySide6 package (a PyInstaller bundle)."""
    candidates = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).resolve().parent / "Qt" / "translations",
    ]
    return next((c for c in candidates if (c / "qtbase_fr.qm").is_file()), candidates[0])


def qt_locale(lang: str) -> QLocale:
    return QLocale(LOCALES.get(lang, lang).replace("xx", "en"))


def install_translators(lang: str) -> None:
    """Make Qt speak ``lang``: number and date formats (QLocale), Qt's French catalog, our catalog."""
    app = QCoreApplication.instance()
    QLocale.setDefault(qt_locale(lang if lang != PSEUDO_LANGUAGE else "en"))
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    if lang == "en":
        return
    qt_own = QTranslator(app)
    if qt_own.load(QLocale(lang), "qtbase", "_", str(qt_translations_dir())):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    ours = CatalogTranslator(lang, app)
    app.installTranslator(ours)  # installed last, asked first
    _installed.append(ours)


def apply_language(lang: str, khmer_digits: bool = False) -> str:
    """Switch the whole interface (our strings, Qt's strings, formats) to ``lang``; returns the language used."""
    lang = set_language(lang)
    set_khmer_digits(khmer_digits)
    install_translators(lang)
    return lang
