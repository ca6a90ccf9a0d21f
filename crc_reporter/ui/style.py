"""The application's look: a light, calm palette that reads well on modest laptop screens.

Fusion everywhere (the same look on Windows, macOS and Linux), a navy sidebar,
white cards on a pale background, and one colour per status used the same way
in tables, the detail pane and the charts.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
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

SERIES_COLORS = ("#2563c9", "#d64541", "#2f9e68", "#f0a030", "#8a78c0", "#1aa3a3", "#b5547f")


def status_color(status: str | None) -> QColor:
    return QColor(STATUS_COLORS.get(status or "not_assessed", STATUS_COLORS["not_assessed"]))


def text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor("#1f2933") if luminance > 150 else QColor("#ffffff")


STYLESHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget#Page {{ background: {BACKGROUND}; }}
QListView#Sidebar {{
    background: {SIDEBAR}; color: #dfe6f0; border: none; outline: 0;
    padding-top: 6px; font-size: 10.5pt;
}}
QListView#Sidebar::item {{ padding: 9px 10px; margin: 1px 8px; border-radius: 6px; }}
QListView#Sidebar::item:hover {{ background: #2b3a55; }}
QListView#Sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#SidebarTitle {{
    background: {SIDEBAR}; color: white; font-weight: 600; font-size: 12pt; padding: 16px 18px 10px 18px;
}}
QLabel#SidebarStore {{ background: {SIDEBAR}; color: #9fb0c8; padding: 8px 18px 14px 18px; font-size: 8.5pt; }}
QLabel#PageTitle {{ font-size: 15pt; font-weight: 600; color: {TEXT}; }}
QLabel#PageSubtitle {{ color: {MUTED}; }}
QLabel#SectionTitle {{ font-size: 10.5pt; font-weight: 600; color: {TEXT}; }}
QLabel#Muted {{ color: {MUTED}; }}
QLabel#Note {{ background: #eaf1fb; border: 1px solid #c9daf3; border-radius: 6px; padding: 10px 12px; color: #23416b; }}
QFrame#Card {{ background: {CARD}; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#Card QLabel {{ background: transparent; }}
QTableView, QListView, QTreeView {{
    background: {CARD}; alternate-background-color: #f7f9fc; border: 1px solid {BORDER};
    border-radius: 6px; selection-background-color: #d6e4fa; selection-color: {TEXT};
    gridline-color: #edf0f4;
}}
QTableView::item {{ padding: 2px 6px; }}
QHeaderView::section {{
    background: #eef1f5; color: #3e4a59; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e3e7ed; padding: 5px 6px; font-weight: 600;
}}
QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox, QPlainTextEdit, QTextEdit {{
    background: white; border: 1px solid #c5ccd6; border-radius: 5px; padding: 4px 6px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled, QComboBox:disabled, QDateEdit:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QPlainTextEdit:disabled, QTextEdit:disabled {{ background: #f5f7fa; color: #4f5b69; border-color: #dde2e8; }}
QLineEdit#SearchBox {{ padding: 6px 8px; font-size: 10.5pt; }}
QPushButton {{
    background: white; border: 1px solid #c5ccd6; border-radius: 5px; padding: 5px 14px; color: {TEXT};
}}
QPushButton:hover {{ background: #f0f4fa; border-color: #a9b4c2; }}
QPushButton:pressed {{ background: #e2e9f3; }}
QPushButton:disabled {{ color: #a0a8b3; border-color: #dde2e8; }}
QPushButton#Primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton#Primary:hover {{ background: #1f55ad; }}
QPushButton#Primary:disabled {{ background: #9db4d8; border-color: #9db4d8; color: #eef3fa; }}
QPushButton#Danger {{ color: {DANGER}; }}
QPushButton#Danger:disabled {{ color: #dba7a2; }}
QPushButton#Link {{ border: none; background: transparent; color: {ACCENT}; padding: 2px 4px; text-align: left; }}
QPushButton#Link:hover {{ text-decoration: underline; }}
QToolButton {{ border: 1px solid transparent; border-radius: 5px; padding: 3px; background: transparent; }}
QToolButton:hover {{ background: #e8eef7; border-color: #d0d9e6; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: white; top: -1px; }}
QTabBar::tab {{
    background: transparent; padding: 6px 14px; border: none; color: {MUTED}; border-bottom: 2px solid transparent;
}}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QTextBrowser {{ border: none; background: white; }}
QSplitter::handle {{ background: transparent; }}
QStatusBar {{ background: #e9edf2; color: #3e4a59; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QCheckBox {{ spacing: 6px; }}
QGroupBox {{ border: 1px solid {BORDER}; border-radius: 6px; margin-top: 14px; padding-top: 8px; background: white; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {TEXT}; font-weight: 600; }}
QMenu {{ background: white; border: 1px solid {BORDER}; }}
QMenu::item {{ padding: 5px 24px 5px 22px; }}
QMenu::item:selected {{ background: #d6e4fa; color: {TEXT}; }}
QMenuBar {{ background: white; border-bottom: 1px solid {BORDER}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: #e8eef7; }}
QProgressDialog {{ background: white; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #c3cad4; border-radius: 4px; min-height: 30px; }}
QScrollBar::handle:horizontal {{ background: #c3cad4; border-radius: 4px; min-width: 30px; }}
QScrollBar::handle:hover {{ background: #a3adba; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
"""

#: Where the keyboard is, clearly: a 2-pixel accent outline (the padding gives back the extra pixel, so
#: nothing moves when the focus arrives).
FOCUS_RULES = f"""
QTableView:focus, QListView:focus, QTreeView:focus, QTextBrowser:focus {{ border: 2px solid {ACCENT}; }}
QListView#Sidebar:focus {{ border: 2px solid #8fb3ee; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {ACCENT}; padding: 3px 5px; }}
QLineEdit#SearchBox:focus {{ padding: 5px 7px; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 4px 13px; }}
QPushButton#Primary:focus {{ border: 2px solid #0b2f6b; }}
QCheckBox:focus, QRadioButton:focus {{ background: #e3ecfa; border-radius: 3px; }}
QTabBar::tab:focus {{ background: #e3ecfa; }}
QToolButton:focus {{ border: 2px solid {ACCENT}; }}
QLineEdit[invalid="true"] {{ border: 2px solid {DANGER}; background: #fdf0ef; }}
"""
STYLESHEET += FOCUS_RULES


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


def apply_style(app: QApplication, *, khmer_fonts: bool = True) -> None:
    """The palette, font and style sheet; ``khmer_fonts=False`` leaves the bundled Khmer fonts for :func:`add_khmer_fonts`."""
    if app.style().name().lower() != "fusion":  # Linux's default already; setting it again costs a few ms
        app.setStyle("Fusion")
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.Base, CARD),
        (QPalette.ColorRole.AlternateBase, "#f7f9fc"),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Button, "#ffffff"),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#ffffff"),
        (QPalette.ColorRole.ToolTipText, TEXT),
        (QPalette.ColorRole.PlaceholderText, "#8a94a3"),
        (QPalette.ColorRole.Link, ACCENT),
    ):
        palette.setColor(role, QColor(color))
    app.setPalette(palette)
    app.setFont(_ui_font(khmer_fonts))
    app.setStyleSheet(STYLESHEET)


def add_khmer_fonts(app: QApplication) -> None:
    """Register the bundled Khmer fonts and make them the interface font's fallbacks, if not done yet.

    Registering them takes a few milliseconds; an English or French window does it
    just after its first frame, before any data (which may be in Khmer) is shown.
    """
    if not fonts_loaded():
        app.setFont(_ui_font())
