"""The application's look: calm palettes, light and dark, that read well on modest laptop screens.

Fusion everywhere (the same look on Windows, macOS and Linux), a navy sidebar,
cards on a quieter background, and one colour per status used the same way
in tables, the detail pane and the charts. The window follows the system's
colour scheme (``QStyleHints.colorScheme``) and changes with it; everything
else draws with the palette's roles (Text, Base, Window, PlaceholderText…), so
it reads in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from crc_reporter.ui.fonts import fonts_loaded, khmer_fallbacks

ACCENT = "#2563c9"
SIDEBAR = "#1e2a3f"
BACKGROUND = "#f3f5f8"
CARD = "#ffffff"
BORDER = "#d9dee6"
TEXT = "#1f2933"
MUTED = "#5f6b7a"
DANGER = "#c8372d"

STATUS_COLORS: dict[str, str] = {
    "not_assessed": "#b6bec9",
    "not_implemented": "#d64541",
    "in_progress": "#f0a030",
    "partially_implemented": "#e8c93a",
    "implemented": "#2f9e68",
    "superseded": "#8a78c0",
}
STATUS_ORDER = tuple(STATUS_COLORS)

ACTION_STATUS_COLORS: dict[str, str] = {
    "planned": "#9db4d8",
    "ongoing": "#2563c9",
    "completed": "#2f9e68",
    "cancelled": "#c4c9d0",
}

BASE_POINT_SIZE = 10.0


@dataclass(frozen=True)
class Theme:
    """The colours of one scheme; the style sheet and the palette are drawn from them."""

    dark: bool
    background: str
    card: str
    alternate: str
    border: str
    grid: str
    text: str
    muted: str
    accent: str
    accent_hover: str
    accent_disabled: str
    accent_disabled_text: str
    link: str
    danger: str
    sidebar: str = SIDEBAR
    sidebar_text: str = "#dfe6f0"
    sidebar_muted: str = "#9fb0c8"
    sidebar_hover: str = "#2b3a55"
    selection: str = "#d6e4fa"
    header: str = "#eef1f5"
    header_text: str = "#3e4a59"
    input: str = "#ffffff"
    input_border: str = "#c5ccd6"
    disabled: str = "#f5f7fa"
    disabled_text: str = "#8a94a3"
    hover: str = "#e8eef7"
    pressed: str = "#e2e9f3"
    note: str = "#eaf1fb"
    note_border: str = "#c9daf3"
    note_text: str = "#23416b"
    scroll: str = "#c3cad4"
    placeholder: str = "#8a94a3"
    success: str = "#2f7d4f"  # "done", "trusted", "added"
    warning: str = "#8a6d00"  # "read-only", "kept as edited", "unknown signer"
    info: str = "#1f55ad"  # "updated", "changed"
    changed: str = "#fff4d6"  # the background of a value that differs
    hit: str = "#ffe58a"  # a search word marked in a text
    hit_text: str = "#1b1f24"
    # chips in the detail pane: (background, text) for tags, responsible bodies, SDG targets, affected groups
    chip_blue: tuple[str, str] = ("#e8eef8", "#23416b")
    chip_green: tuple[str, str] = ("#eef6f0", "#1e5b3a")
    chip_amber: tuple[str, str] = ("#fdf3e1", "#7a4b00")
    chip_violet: tuple[str, str] = ("#f3eefb", "#4b3577")


LIGHT = Theme(
    dark=False,
    background=BACKGROUND,
    card=CARD,
    alternate="#f7f9fc",
    border=BORDER,
    grid="#e3e7ed",
    text=TEXT,
    muted=MUTED,
    accent=ACCENT,
    accent_hover="#1f55ad",
    accent_disabled="#9db4d8",
    accent_disabled_text="#eef3fa",
    link=ACCENT,
    danger=DANGER,
)

DARK = Theme(
    dark=True,
    background="#161b22",
    card="#1f262f",
    alternate="#242c36",
    border="#3a4452",
    grid="#2e3744",
    text="#e6ebf1",
    muted="#a3afbf",
    accent="#3b7ae0",
    accent_hover="#2f6ad0",
    accent_disabled="#2c4369",
    accent_disabled_text="#8fa3c2",
    link="#7fb0ff",
    danger="#ff7b72",
    sidebar="#10151c",
    sidebar_hover="#243044",
    selection="#2d4a75",
    header="#262e39",
    header_text="#c9d2de",
    input="#161b22",
    input_border="#4a5566",
    disabled="#1b2129",
    disabled_text="#6f7b8b",
    hover="#2a3442",
    pressed="#334052",
    note="#1c2b40",
    note_border="#2f4a70",
    note_text="#cfe0f7",
    scroll="#4a5566",
    placeholder="#7d8898",
    success="#5cc98a",
    warning="#e3b341",
    info="#7fb0ff",
    changed="#4a3f1c",
    hit="#7a6400",
    hit_text="#fff6cc",
    chip_blue=("#1c2b40", "#cfe0f7"),
    chip_green=("#173324", "#b4e6c8"),
    chip_amber=("#3a2c12", "#f3d49a"),
    chip_violet=("#2c2340", "#d9c9f5"),
)

_theme = LIGHT


def theme() -> Theme:
    """The scheme the window shows now (widgets that paint themselves ask it, or their palette)."""
    return _theme


SERIES_COLORS = ("#2563c9", "#d64541", "#2f9e68", "#f0a030", "#8a78c0", "#1aa3a3", "#b5547f")


def status_color(status: str | None) -> QColor:
    return QColor(STATUS_COLORS.get(status or "not_assessed", STATUS_COLORS["not_assessed"]))


def text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor("#1f2933") if luminance > 150 else QColor("#ffffff")


def stylesheet(t: Theme) -> str:
    """The style sheet in the colours of ``t``."""
    return f"""
QMainWindow, QDialog {{ background: {t.background}; }}
QWidget#Page {{ background: {t.background}; }}
QWidget#SidebarPanel {{ background: {t.sidebar}; }}
QListView#Sidebar {{
    background: {t.sidebar}; color: {t.sidebar_text}; border: none; outline: 0;
    padding-top: 6px; font-size: 10.5pt;
}}
QListView#Sidebar::item {{ padding: 9px 10px; margin: 1px 8px; border-radius: 6px; }}
QListView#Sidebar::item:hover {{ background: {t.sidebar_hover}; }}
QListView#Sidebar::item:selected {{ background: {t.accent}; color: white; }}
QLabel#SidebarTitle {{
    background: {t.sidebar}; color: white; font-weight: 600; font-size: 12pt; padding: 16px 18px 10px 18px;
}}
QLabel#SidebarStore {{ background: {t.sidebar}; color: {t.sidebar_muted}; padding: 8px 18px 14px 18px; font-size: 8.5pt; }}
QLabel#PageTitle {{ font-size: 15pt; font-weight: 600; color: {t.text}; }}
QLabel#PageSubtitle {{ color: {t.muted}; }}
QLabel#FigureValue {{ font-size: 21pt; font-weight: 600; color: {t.text}; }}
QFrame#Card:focus {{ border: 2px solid {t.accent}; }}
QLabel#SectionTitle {{ font-size: 10.5pt; font-weight: 600; color: {t.text}; }}
QLabel#Muted {{ color: {t.muted}; }}
QLabel#Error {{ color: {t.danger}; }}
QLabel#Warning {{ color: {t.warning}; font-weight: 600; }}
QLabel#Success {{ color: {t.success}; }}
QLabel#OpeningLabel {{ color: {t.muted}; font-size: 12pt; }}
QFrame#Divider {{ color: {t.grid}; }}
QPushButton#Choice {{
    text-align: left; padding: 12px 16px; border: 1px solid {t.border}; border-radius: 8px; background: {t.card};
}}
QPushButton#Choice:hover {{ border-color: {t.accent}; background: {t.hover}; }}
QPushButton#Choice QLabel {{ background: transparent; }}
QLabel#ChoiceTitle {{ font-weight: 600; font-size: 11pt; }}
QLabel#ChoiceText {{ color: {t.muted}; }}
QLabel#Note {{ background: {t.note}; border: 1px solid {t.note_border}; border-radius: 6px; padding: 10px 12px; color: {t.note_text}; }}
QFrame#Card {{ background: {t.card}; border: 1px solid {t.border}; border-radius: 8px; }}
QFrame#Card QLabel {{ background: transparent; }}
QTableView, QListView, QTreeView {{
    background: {t.card}; alternate-background-color: {t.alternate}; border: 1px solid {t.border};
    border-radius: 6px; selection-background-color: {t.selection}; selection-color: {t.text};
    gridline-color: {t.grid};
}}
QTableView::item {{ padding: 2px 6px; }}
QHeaderView::section {{
    background: {t.header}; color: {t.header_text}; border: none; border-bottom: 1px solid {t.border};
    border-right: 1px solid {t.grid}; padding: 5px 6px; font-weight: 600;
}}
QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox, QPlainTextEdit, QTextEdit {{
    background: {t.input}; color: {t.text}; border: 1px solid {t.input_border}; border-radius: 5px; padding: 4px 6px;
    selection-background-color: {t.accent};
}}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {t.accent}; }}
QLineEdit:disabled, QComboBox:disabled, QDateEdit:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QPlainTextEdit:disabled, QTextEdit:disabled {{ background: {t.disabled}; color: {t.disabled_text}; border-color: {t.border}; }}
QLineEdit#SearchBox {{ padding: 6px 8px; font-size: 10.5pt; }}
QPushButton {{
    background: {t.input}; border: 1px solid {t.input_border}; border-radius: 5px; padding: 5px 14px; color: {t.text};
}}
QPushButton:hover {{ background: {t.hover}; border-color: {t.muted}; }}
QPushButton:pressed {{ background: {t.pressed}; }}
QPushButton:checked {{ background: {t.selection}; border-color: {t.accent}; }}
QPushButton:disabled {{ color: {t.disabled_text}; border-color: {t.border}; }}
QPushButton#Primary {{ background: {t.accent}; color: white; border: 1px solid {t.accent}; font-weight: 600; }}
QPushButton#Primary:hover {{ background: {t.accent_hover}; }}
QPushButton#Primary:disabled {{ background: {t.accent_disabled}; border-color: {t.accent_disabled}; color: {t.accent_disabled_text}; }}
QPushButton#Danger {{ color: {t.danger}; }}
QPushButton#Danger:disabled {{ color: {t.disabled_text}; }}
QPushButton#Link {{ border: none; background: transparent; color: {t.link}; padding: 2px 4px; text-align: left; }}
QPushButton#Link:hover {{ text-decoration: underline; }}
QToolButton {{ border: 1px solid transparent; border-radius: 5px; padding: 3px; background: transparent; }}
QToolButton:hover {{ background: {t.hover}; border-color: {t.border}; }}
QTabWidget::pane {{ border: 1px solid {t.border}; border-radius: 6px; background: {t.card}; top: -1px; }}
QTabBar::tab {{
    background: transparent; padding: 6px 14px; border: none; color: {t.muted}; border-bottom: 2px solid transparent;
}}
QTabBar::tab:selected {{ color: {t.text}; border-bottom: 2px solid {t.accent}; font-weight: 600; }}
QTextBrowser {{ border: none; background: {t.card}; color: {t.text}; }}
QSplitter::handle {{ background: {t.border}; border-radius: 2px; margin: 2px; }}
QSplitter::handle:hover {{ background: {t.accent}; }}
QStatusBar {{ background: {t.header}; color: {t.header_text}; border-top: 1px solid {t.border}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QCheckBox {{ spacing: 6px; }}
QGroupBox {{ border: 1px solid {t.border}; border-radius: 6px; margin-top: 14px; padding-top: 8px; background: {t.card}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {t.text}; font-weight: 600; }}
QMenu {{ background: {t.card}; color: {t.text}; border: 1px solid {t.border}; }}
QMenu::item {{ padding: 5px 24px 5px 22px; }}
QMenu::item:selected {{ background: {t.selection}; color: {t.text}; }}
QMenuBar {{ background: {t.card}; color: {t.text}; border-bottom: 1px solid {t.border}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {t.hover}; }}
QProgressDialog {{ background: {t.card}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {t.scroll}; border-radius: 4px; min-height: 30px; }}
QScrollBar::handle:horizontal {{ background: {t.scroll}; border-radius: 4px; min-width: 30px; }}
QScrollBar::handle:hover {{ background: {t.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
""" + focus_rules(t)


def focus_rules(t: Theme) -> str:
    """Where the keyboard is, clearly: a 2-pixel accent outline (the padding gives back the extra pixel, so
    nothing moves when the focus arrives); a value that cannot be read shows in red."""
    return f"""
QTableView:focus, QListView:focus, QTreeView:focus, QTextBrowser:focus {{ border: 2px solid {t.accent}; }}
QListView#Sidebar:focus {{ border: 2px solid {t.accent_hover}; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {t.accent}; padding: 3px 5px; }}
QLineEdit#SearchBox:focus {{ padding: 5px 7px; }}
QPushButton:focus {{ border: 2px solid {t.accent}; padding: 4px 13px; }}
QCheckBox:focus, QRadioButton:focus {{ background: {t.hover}; border-radius: 3px; }}
QTabBar::tab:focus {{ background: {t.hover}; }}
QToolButton:focus {{ border: 2px solid {t.accent}; }}
QLineEdit[invalid="true"] {{ border: 2px solid {t.danger}; }}
"""


def _ui_font(khmer: bool = True) -> QFont:
    font = QApplication.font()
    families = set(QFontDatabase.families())
    # Windows and macOS defaults are fine; on Linux prefer Noto Sans (it has a Khmer sibling) to DejaVu
    if font.family() in ("DejaVu Sans", "Sans Serif", "") and "Noto Sans" in families:
        font = QFont("Noto Sans")
    # Khmer glyphs come from the bundled Noto Sans Khmer (or a system Khmer font) when the UI font has none
    font.setFamilies([font.family(), *(khmer_fallbacks() if khmer else ())])
    # one size everywhere (Qt's default differs between platforms: 9 pt on Windows, 12 pt for a bare QFont here)
    font.setPointSizeF(BASE_POINT_SIZE)
    return font


def palette(t: Theme) -> QPalette:
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, t.background),
        (QPalette.ColorRole.Base, t.card),
        (QPalette.ColorRole.AlternateBase, t.alternate),
        (QPalette.ColorRole.Text, t.text),
        (QPalette.ColorRole.WindowText, t.text),
        (QPalette.ColorRole.ButtonText, t.text),
        (QPalette.ColorRole.Button, t.input),
        (QPalette.ColorRole.Mid, t.border),
        (QPalette.ColorRole.Midlight, t.grid),
        (QPalette.ColorRole.Highlight, t.accent),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, t.card),
        (QPalette.ColorRole.ToolTipText, t.text),
        (QPalette.ColorRole.PlaceholderText, t.placeholder),
        (QPalette.ColorRole.Link, t.link),
        (QPalette.ColorRole.BrightText, t.danger),
    ):
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(t.disabled_text))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(t.disabled_text))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(t.disabled_text))
    return pal


def system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_scheme(app: QApplication, *, dark: bool) -> None:
    """Show the dark or the light scheme (the system's choice, or a test's)."""
    global _theme
    chosen = DARK if dark else LIGHT
    if chosen is _theme and app.property("crcScheme") == ("dark" if dark else "light"):
        return
    _theme = chosen
    app.setProperty("crcScheme", "dark" if dark else "light")
    app.setPalette(palette(chosen))
    app.setStyleSheet(stylesheet(chosen))


def apply_style(app: QApplication, *, khmer_fonts: bool = True) -> None:
    """The palette, font and style sheet; ``khmer_fonts=False`` leaves the bundled Khmer fonts for :func:`add_khmer_fonts`.

    The scheme follows the system's and changes when it does."""
    if app.style().name().lower() != "fusion":  # Linux's default already; setting it again costs a few ms
        app.setStyle("Fusion")
    app.setFont(_ui_font(khmer_fonts))
    apply_scheme(app, dark=system_is_dark(app))
    if not app.property("crcFollowsScheme"):
        app.setProperty("crcFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(
            lambda scheme: apply_scheme(app, dark=scheme == Qt.ColorScheme.Dark)
        )


def add_khmer_fonts(app: QApplication) -> None:
    """Register the bundled Khmer fonts and make them the interface font's fallbacks, if not done yet.

    Registering them takes a few milliseconds; an English or French window does it
    just after its first frame, before any data (which may be in Khmer) is shown.
    """
    if not fonts_loaded():
        app.setFont(_ui_font())
