"""Questions and proposed recommendations about a whole cluster, opened from the Reports page.

Each change is made (and undoable) at once, as in the "Alternative report" tab
of a recommendation; the dialog only chooses the cluster.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.pages.coalition_panel import CoalitionPanel
from crc_reporter.ui.widgets.scrolling import fit_to_screen


class ClusterEntriesDialog(QDialog):
    def __init__(self, ctx: AppContext, document_id: int, symbol: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Questions and recommendations per cluster ({symbol})").format(symbol=symbol))
        self.setMinimumWidth(560)
        self.document_id = document_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.cluster = QComboBox()
        for key in CLUSTER_ORDER:
            self.cluster.addItem(label(key.value), key.value)
        self.cluster.setAccessibleName(_("Cluster"))
        form.addRow(_("Cluster"), self.cluster)
        layout.addLayout(form)
        self.panel = CoalitionPanel(ctx)
        layout.addWidget(self.panel, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.cluster.currentIndexChanged.connect(self._cluster_chosen)
        self._cluster_chosen()
        fit_to_screen(self, grow_to_hint=True)

    def _cluster_chosen(self) -> None:
        self.panel.show_cluster(self.document_id, self.cluster.currentData())
