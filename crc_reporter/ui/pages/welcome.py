"""The first-run page: create a store, import concluding observations, or explore the demo."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.icons import icon
from crc_reporter.ui.style import theme
from crc_reporter.ui.widgets.scrolling import ScrollBody


class _Choice(QPushButton):
    """A large button with a title and one line of explanation."""

    def __init__(self, icon_name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Choice")
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(92)
        self.setAccessibleName(title)
        # its colours come from the theme's style sheet (QPushButton#Choice), legible light and dark
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(14)
        glyph = QLabel()
        glyph.setPixmap(icon(icon_name, theme().accent).pixmap(QSize(30, 30)))
        glyph.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(glyph)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        head = QLabel(title)
        head.setObjectName("ChoiceTitle")
        body = QLabel(text)
        body.setWordWrap(True)
        body.setObjectName("ChoiceText")
        for lab in (head, body):
            lab.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            texts.addWidget(lab)
        layout.addLayout(texts, 1)


class WelcomePanel(QWidget):
    create_store = Signal()
    import_observations = Signal()
    open_demo = Signal()
    open_store = Signal()

    def __init__(self, store_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # on a short screen (a laptop at 125 %: about 558 pixels) the card scrolls instead of its choices
        # being pushed onto one another
        content = QWidget()
        scroll = ScrollBody(content)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        whole = QVBoxLayout(self)
        whole.setContentsMargins(0, 0, 0, 0)
        whole.addWidget(scroll)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("Card")
        card.setMaximumWidth(640)
        card.setMinimumWidth(520)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(48, 48)))
        layout.addWidget(logo)
        title = QLabel(_("Welcome to CRC Reporter"))
        title.setObjectName("PageTitle")
        layout.addWidget(title)
        intro = QLabel(
            _(
                "Follow up the Committee on the Rights of the Child's concluding observations: record what was done "
                "and by whom, keep the government's and civil society's views side by side, and prepare your reports."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        layout.addWidget(intro)
        if store_name:
            where = QLabel(_("Your store: {store}").format(store=store_name))
            where.setObjectName("Muted")
            where.setWordWrap(True)
            layout.addWidget(where)
        layout.addSpacing(6)
        self.create_button = _Choice(
            "add",
            _("Create a new store"),
            _("An empty store for your country's concluding observations, actions and assessments."),
        )
        self.import_button = _Choice(
            "documents",
            _("Import concluding observations"),
            _("Read the Committee's document (Word or PDF) and split it into recommendations."),
        )
        self.demo_button = _Choice(
            "dashboard",
            _("Open the demo data set"),
            _("The fictional Republic of Xamplia, in a separate store: explore every page safely."),
        )
        for button in (self.create_button, self.import_button, self.demo_button):
            layout.addWidget(button)
        self.open_button = QPushButton(_("Open an existing store…"))
        self.open_button.setObjectName("Link")
        layout.addWidget(self.open_button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.create_button.clicked.connect(self.create_store)
        self.import_button.clicked.connect(self.import_observations)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_store)
