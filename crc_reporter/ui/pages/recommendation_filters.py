"""The filters of the recommendations page: which combo boxes, the filter they make, clearing and setting them.

The less used filters fold behind "More filters" on a narrow window (:class:`FoldingFilterBar`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPushButton

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import AssessmentSide, ImplementationStatus, Mechanism, RecommendationKind, UprPosition
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.services.recommendation_queries import NO_CLUSTER, RecommendationFilter
from crc_reporter.ui.widgets.filter_bar import FoldingFilterBar
from crc_reporter.ui.widgets.filters import filter_combo
from crc_reporter.ui.widgets.inputs import SearchBox


class FilterControls:
    """Mixed into the page, which provides ``search``, ``urgent``, ``clear``, ``apply_filters`` and ``_loaded``."""

    search: SearchBox
    urgent: QCheckBox
    clear: QPushButton
    _loaded: bool
    _pending_filters: dict[str, object] | None

    def apply_filters(self) -> None:
        raise NotImplementedError

    def make_filters(self) -> FoldingFilterBar:
        # the less used filters fold behind "More filters" on a narrow window (a laptop at 125 %)
        self.treaty = filter_combo(_("All mechanisms"), [(m.value, m.value) for m in Mechanism], 110)
        self.treaty.setAccessibleName(_("Mechanism"))
        self.document = filter_combo(_("All documents"), [], 150)
        self.cluster = filter_combo(
            _("All clusters"),
            [(label(c.value), c.value) for c in Cluster] + [(_("Outside the clusters"), NO_CLUSTER)],
        )
        self.kind = filter_combo(_("All kinds"), [(label(k.value), k.value) for k in RecommendationKind], 100)
        status_items: list[tuple[str, object]] = []
        for side in AssessmentSide:
            status_items += [
                (f"{label(side.value)}: {label(s.value)}", f"{side.value}:{s.value}") for s in ImplementationStatus
            ]
        self.status = filter_combo(_("Any status"), status_items, 130)
        self.tag = filter_combo(_("All tags"), [], 100)
        self.responsible = filter_combo(_("All responsible bodies"), [], 170)
        self.state = filter_combo(_("All recommending States"), [], 150)
        self.state.setAccessibleName(_("Recommending State"))
        self.position = filter_combo(_("Any position"), [(label(p.value), p.value) for p in UprPosition], 110)
        self.position.setAccessibleName(_("UPR position"))
        self._combos = {
            "treaty": self.treaty,
            "document": self.document,
            "cluster": self.cluster,
            "kind": self.kind,
            "status": self.status,
            "tag": self.tag,
            "responsible": self.responsible,
            "recommending_state": self.state,
            "position": self.position,
        }
        for combo in self._combos.values():
            combo.currentIndexChanged.connect(self.apply_filters)
        self.no_action = QCheckBox(_("No action yet"))
        self.no_action.setToolTip(_("Only the recommendations that no action answers yet"))
        self.no_action.toggled.connect(self.apply_filters)
        self._checks = (self.urgent, self.no_action)
        folding = [self.kind, self.tag, self.responsible, self.state, self.position]
        self.filters = FoldingFilterBar(
            [self.treaty, self.document, self.cluster, self.status],
            [*folding, *self._checks],
            lambda: sum(1 for c in folding if c.currentIndex() > 0) + sum(c.isChecked() for c in self._checks),
            trailing=[self.clear],
        )
        return self.filters

    def current_filter(self) -> RecommendationFilter:
        status = self.status.currentData()
        flt = RecommendationFilter(
            treaty=self.treaty.currentData(),
            document=self.document.currentData(),
            cluster=self.cluster.currentData(),
            kind=self.kind.currentData(),
            urgent=True if self.urgent.isChecked() else None,
            tag=self.tag.currentData(),
            responsible=self.responsible.currentData(),
            recommending_state=self.state.currentData(),
            position=self.position.currentData(),
            without_action=self.no_action.isChecked(),
            query=self.search.text().strip(),
        )
        if status:  # "side:status", a string so that findData() can find it again
            side, value = str(status).split(":", 1)
            if side == AssessmentSide.GOVERNMENT.value:
                flt.government_status = value
            else:
                flt.civil_society_status = value
        return flt

    def clear_filters(self) -> None:
        for combo in self._combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for check in self._checks:
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        self.search.set_text_now("")
        self.apply_filters()

    def set_filters(self, filters: dict[str, object]) -> None:
        """Show the list another page asked for (a dashboard bar: one cluster's paragraphs in one status).

        ``filters`` may name document, cluster, status ("side:status"), kind, tag, responsible, urgent,
        without_action;
        every other filter is cleared, so the list shows exactly what was asked for."""
        if not self._loaded:
            self._pending_filters = dict(filters)
            return
        self._pending_filters = None
        for name, combo in self._combos.items():
            combo.blockSignals(True)
            value = filters.get(name)
            index = combo.findData(value) if value is not None else 0
            if index < 0:  # a document or tag not offered yet: offered now, so the list says what it shows
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        for check, name in ((self.urgent, "urgent"), (self.no_action, "without_action")):
            check.blockSignals(True)
            check.setChecked(bool(filters.get(name)))
            check.blockSignals(False)
        self.search.set_text_now("")
        self.apply_filters()

    def set_document_filter(self, symbol: str) -> None:
        index = self.document.findData(symbol)
        if index < 0:
            self.document.addItem(symbol, symbol)
            index = self.document.count() - 1
        self.document.setCurrentIndex(index)
