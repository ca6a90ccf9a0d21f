"""The user guide (Help ▸ User guide, F1): HTML pages bundled with the application, in the window's language.

The pages live under ``resources/guide/<language>/`` and are found through
:func:`resource_path`, so they open the same from a source checkout and from the
PyInstaller bundle, with no network. A language without a guide shows the English one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from crc_reporter import APP_NAME
from crc_reporter.i18n import _, current_language
from crc_reporter.paths import resource_path

GUIDE_LANGUAGES = ("en", "fr", "km")


def guide_file(language: str) -> Path:
    """The guide's first page in ``language``, or in English."""
    chosen = language if language in GUIDE_LANGUAGES else "en"
    return resource_path("guide", chosen, "index.html")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.language = language or current_language()
        self.setWindowTitle(_("{app} user guide").format(app=APP_NAME))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenExternalLinks(False)  # every page is local; nothing opens a browser or the network
        path = guide_file(self.language)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def fit_screen(self) -> None:
        """No larger than the screen it opens on (a laptop at 125 % has about 1093×558 to offer)."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(self.width(), room.width() - 40), min(self.height(), room.height() - 40))


def show_guide(parent: QWidget) -> GuideDialog:
    """Open the guide beside the window (not modal: one can read it while working)."""
    dialog = GuideDialog(parent)
    dialog.fit_screen()
    dialog.show()
    dialog.raise_()
    return dialog
