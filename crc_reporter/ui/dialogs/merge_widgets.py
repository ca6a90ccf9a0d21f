"""The parts of the merge dialog: what a package says about itself, and the conflicts with both versions."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import _, clauses, ngettext
from crc_reporter.services.exchange import Conflict, ConflictKind, MergeResult, PackageInfo, Resolution
from crc_reporter.ui.exchange_texts import counts_text, selection_text, signer_state, signer_text
from crc_reporter.ui.formatting import date_time, file_size, number
from crc_reporter.ui.icons import icon
from crc_reporter.ui.models.exchange import (
    ConflictItem,
    ConflictTableModel,
    KindCountsModel,
    VersionsModel,
    kind_counts,
    version_rows,
)
from crc_reporter.ui.style import theme
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable


def _signer_colour(state: str) -> str:
    """The theme's colour for a package's signer: trusted, unknown or unsigned (legible light and dark)."""
    t = theme()
    return {"trusted": t.success, "unknown": t.warning}.get(state, t.muted)


class EmptyPackage(QWidget):
    """Before a package is read, or after one was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.addStretch(1)
        glyph = QLabel()
        glyph.setPixmap(icon("link", theme().sidebar_muted).pixmap(QSize(48, 48)))
        glyph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(glyph)
        self.hint = muted_label("")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.hint)
        column.addStretch(2)
        self.set_refused(False)

    def set_refused(self, refused: bool) -> None:
        self.hint.setText(
            _("This file cannot be merged (see below). Choose another package.")
            if refused
            else _("Choose a package: who made it, what it holds and what it would change are shown here.")
        )


class ChangeCounts(QWidget):
    """What merging would change (or what the merge changed), kind by kind, beside what the package holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.heading = section_label(_("What merging would change"))
        column.addWidget(self.heading)
        self.model = KindCountsModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Records by kind"))
        self.table.setSelectionMode(RecordTable.SelectionMode.NoSelection)
        column.addWidget(self.table, 1)
        self.note = muted_label("")
        column.addWidget(self.note)

    def show_counts(self, info: PackageInfo, preview: MergeResult | None, *, merged: bool) -> None:
        self.model.set_rows(kind_counts(info, preview))
        self.heading.setText(_("What the merge changed") if merged else _("What merging would change"))
        notes = []
        if preview is not None and preview.skipped:
            notes.append(
                ngettext(
                    "{n} record points at records the package does not carry; it is not merged.",
                    "{n} records point at records the package does not carry; they are not merged.",
                    preview.skipped,
                ).format(n=number(preview.skipped))
            )
        if preview is not None and not preview.changes and not preview.conflicts and not merged:
            notes.append(_("Nothing to change: this store already has everything in the package."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))


class PackageCard(QFrame):
    """Who made the package, when, from which store, what it holds, and who signed it."""

    trust_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.heading = section_label("")
        self.heading.setWordWrap(True)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        self.values: dict[str, QLabel] = {}
        rows = (
            ("creator", _("Made by")),
            ("created", _("Made on")),
            ("contents", _("Selection")),
            ("records", _("Records")),
            ("confidential", _("Confidential")),
            ("signature", _("Signature")),
        )
        for row, (key, caption) in enumerate(rows, start=1):
            name = QLabel(caption)
            name.setObjectName("Muted")
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        self.trust_button = QPushButton(_("Trust this key…"))
        self.trust_button.setToolTip(_("Packages signed with this key will show as coming from a trusted sender"))
        self.trust_button.clicked.connect(self.trust_requested)
        grid.addWidget(self.trust_button, len(rows) + 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows) + 2, 1)

    def show_info(self, info: PackageInfo) -> None:
        self.heading.setText(_("What {name} holds").format(name=info.name))
        self.values["creator"].setText(
            _("{person}, from {store}").format(person=info.creator or _("someone unnamed"), store=info.store or "?")
        )
        self.values["created"].setText(
            _("{when} (CRC Reporter {version}, {size})").format(
                when=date_time(info.created_at), version=info.app_version or "?", size=file_size(info.size)
            )
        )
        self.values["contents"].setText(selection_text(info.selection))
        records = counts_text(info.counts)
        if info.tombstones:
            deletions = ngettext("{n} deletion", "{n} deletions", info.tombstones)
            records = clauses(records, deletions.format(n=number(info.tombstones)))
        self.values["records"].setText(records)
        confidential = self.values["confidential"]
        if info.confidential:
            confidential.setText(
                ngettext(
                    "{n} confidential action: treat this package as confidential",
                    "{n} confidential actions: treat this package as confidential",
                    info.confidential,
                ).format(n=number(info.confidential))
            )
            confidential.setStyleSheet(f"color: {theme().warning}; font-weight: 600;")
        else:
            confidential.setText(_("None"))
            confidential.setStyleSheet("")
        state = signer_state(info)
        signature = self.values["signature"]
        signature.setText(signer_text(info))
        signature.setStyleSheet(
            f"color: {_signer_colour(state)};" + (" font-weight: 600;" if state != "unsigned" else "")
        )
        self.trust_button.setVisible(state == "unknown")


def conflict_note(conflict: Conflict) -> str:
    """What happened to the record on each side, and what each choice does."""
    if conflict.kind is ConflictKind.BOTH_CHANGED:
        text = _("Both sides changed this record since your last exchange; the differences are highlighted.")
    elif conflict.kind is ConflictKind.DELETED_HERE:
        text = _("You deleted this record here; the other side changed it or still uses it.")
        if Resolution.TAKE_THEIRS in conflict.choices:
            text += " " + _("“Take theirs” brings it back; “Keep mine” keeps it deleted.")
        else:
            text += " " + _("The package does not carry it, so only your deletion can be kept.")
    elif conflict.kind is ConflictKind.DELETED_THERE:
        text = _("The other side deleted this record; you changed it or still use it here.")
        text += " " + _("“Keep mine” keeps it; “Take theirs” deletes it here too.")
    else:
        text = _("Their version would take a symbol, name or number that {other} holds here.").format(
            other=conflict.other or _("another record")
        )
        text += " " + _("Only yours can be kept: change one of the two and exchange again.")
    if conflict.waiting:
        text += " " + ngettext(
            "{n} of their records waits on this choice.",
            "{n} of their records wait on this choice.",
            len(conflict.waiting),
        ).format(n=number(len(conflict.waiting)))
    return text


class ConflictPanel(QWidget):
    """The list of conflicts; both versions of the selected one; the choice for it, or for all."""

    changed = Signal()  # a choice was made or cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = section_label("")
        layout.addWidget(self.heading)
        self.explanation = muted_label(
            _(
                "Both copies changed these records since they last exchanged. Nothing is overwritten unless you "
                "choose; what you leave undecided stays as it is and is offered again next time."
            )
        )
        layout.addWidget(self.explanation)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.model = ConflictTableModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Conflicts"))
        splitter.addWidget(self.table)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        side.setSpacing(4)
        self.record_label = QLabel()
        self.record_label.setWordWrap(True)
        self.record_label.setStyleSheet("font-weight: 600;")
        self.note = muted_label("")
        self.versions_model = VersionsModel(self)
        self.versions = QTableView()
        self.versions.setModel(self.versions_model)
        self.versions.setAccessibleName(_("Both versions"))
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setWordWrap(True)
        self.versions.setShowGrid(False)
        self.versions.verticalHeader().setVisible(False)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(lambda *_a: self.versions.resizeRowsToContents())
        side.addWidget(self.record_label)
        side.addWidget(self.note)
        side.addWidget(self.versions, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.mine_button = QPushButton(_("Keep mine"))
        self.theirs_button = QPushButton(_("Take theirs"))
        self.later_button = QPushButton(_("Decide later"))
        self.mine_button.setToolTip(_("Keep this store's version; the other side gets it with your next package"))
        self.theirs_button.setToolTip(_("Replace this store's version with the one in the package"))
        self.later_button.setToolTip(_("Leave this record as it is for now"))
        self.all_mine_button = QPushButton(_("Keep all mine"))
        self.all_theirs_button = QPushButton(_("Take all theirs"))
        for button in (self.mine_button, self.theirs_button, self.later_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_mine_button)
        buttons.addWidget(self.all_theirs_button)
        layout.addLayout(buttons)
        self.mine_button.clicked.connect(lambda: self.choose(Resolution.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self.choose(Resolution.TAKE_THEIRS))
        self.later_button.clicked.connect(lambda: self.choose(None))
        self.all_mine_button.clicked.connect(lambda: self.choose_all(Resolution.KEEP_MINE))
        self.all_theirs_button.clicked.connect(lambda: self.choose_all(Resolution.TAKE_THEIRS))
        self.table.current_changed.connect(lambda _r: self._show_current())
        self.model.dataChanged.connect(lambda *_a: self._update_buttons())

    # --- filling -------------------------------------------------------------------------------------
    def show_conflicts(self, conflicts: tuple[Conflict, ...], left_over: bool = False) -> None:
        self.model.set_rows(ConflictItem(c) for c in conflicts)
        n = len(conflicts)
        if left_over:
            text = ngettext("{n} conflict is still undecided", "{n} conflicts are still undecided", n).format(
                n=number(n)
            )
        else:
            text = ngettext("{n} conflict needs your choice", "{n} conflicts need your choice", n).format(n=number(n))
        self.heading.setText(text)
        if n:
            self.table.select_row(0)
        self._show_current()

    def resolutions(self) -> dict[str, Resolution]:
        return self.model.resolutions()

    def current(self) -> ConflictItem | None:
        record = self.table.current_record()
        return record if isinstance(record, ConflictItem) else None

    # --- choosing ----------------------------------------------------------------------------------------
    def choose(self, choice: Resolution | None) -> None:
        item = self.current()
        if item is None:
            return
        self.model.set_choice(item.id, choice)
        if choice is not None:
            self._next_undecided(item.id)
        self.changed.emit()

    def choose_all(self, choice: Resolution) -> None:
        for item in self.model.rows():
            if choice in item.conflict.choices:
                self.model.set_choice(item.id, choice)
        self.changed.emit()

    def _next_undecided(self, after: str) -> None:
        rows = self.model.rows()
        start = next((i for i, r in enumerate(rows) if r.id == after), -1)
        for item in rows[start + 1 :] + rows[: start + 1]:
            if item.choice is None:
                self.table.select_id(item.id)
                return

    # --- showing the selected conflict ---------------------------------------------------------------------
    def _show_current(self) -> None:
        item = self.current()
        if item is None:
            self.record_label.setText("")
            self.note.setText("")
            self.versions_model.set_rows([])
        else:
            self.record_label.setText(item.conflict.label)
            self.note.setText(conflict_note(item.conflict))
            self.versions_model.set_rows(version_rows(item.conflict))
            self.versions.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current()
        choices = item.conflict.choices if item is not None else ()
        self.mine_button.setEnabled(Resolution.KEEP_MINE in choices)
        self.theirs_button.setEnabled(Resolution.TAKE_THEIRS in choices)
        self.later_button.setEnabled(item is not None and item.choice is not None)
        rows = self.model.rows()
        self.all_mine_button.setEnabled(any(Resolution.KEEP_MINE in r.conflict.choices for r in rows))
        self.all_theirs_button.setEnabled(any(Resolution.TAKE_THEIRS in r.conflict.choices for r in rows))
