"""Two people edited the same record: both versions side by side, and the choice of which to keep."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import _
from crc_reporter.ui.style import theme

KEEP_THEIRS, APPLY_MINE = 0, 1


@dataclass(frozen=True)
class ConflictRow:
    field: str  # the field's name, translated
    theirs: str  # the stored value, as people read it
    mine: str  # what this window tried to write

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


class ConflictDialog(QDialog):
    """``exec()`` returns :data:`APPLY_MINE` or :data:`KEEP_THEIRS`."""

    def __init__(self, what: str, rows: list[ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Someone else changed this record"))
        self.setMinimumSize(760, 420)
        self.rows = rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        head = QLabel(_("{what} was changed by someone else while you were editing it.").format(what=what))
        head.setObjectName("SectionTitle")
        head.setWordWrap(True)
        layout.addWidget(head)
        intro = QLabel(
            _(
                "Nothing was overwritten. Compare both versions (differences are highlighted), then keep theirs, "
                "or apply yours on top of the new version."
            )
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Field"), _("Their version (saved)"), _("Your version")])
        bold = QFont()
        bold.setBold(True)
        for row in rows:
            items = [QStandardItem(row.field), QStandardItem(row.theirs), QStandardItem(row.mine)]
            for item in items:
                item.setEditable(False)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                item.setToolTip(item.text())
                if row.differs:
                    item.setBackground(QBrush(QColor(theme().changed)))  # legible light and dark
            items[0].setFont(bold)
            self.model.appendRow(items)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Both versions"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # long values wrap: the rows follow the columns' widths
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(_("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole)
        self.mine_button = buttons.addButton(_("Apply mine on top"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.mine_button.setObjectName("Primary")
        self.keep_button.setToolTip(_("Show the saved version; what you typed is dropped"))
        self.mine_button.setToolTip(_("Write your values over the new version (their other changes stay)"))
        self.keep_button.setDefault(True)
        buttons.accepted.connect(lambda: self.done(APPLY_MINE))
        buttons.rejected.connect(lambda: self.done(KEEP_THEIRS))
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
