"""Merging a package from another copy: what it holds, what it would change, the conflicts, then the merge.

The package is checked and compared with the store in the background (seal,
hashes, signature, every record; a preview writes nothing), and the dialog
shows who made it, what it holds and who signed it before anything is
merged. Conflicts are listed with both versions; the person chooses per
conflict (or for all), and may leave some undecided: those stay as they are,
and merging the same package again offers them again. The merge itself is
one transaction after a backup, in the background with progress; Cancel
changes nothing. A refused package is one line in the dialog.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.i18n import _, ngettext
from crc_reporter.services.exchange import (
    FEW_DELETIONS,
    SUFFIX,
    MergeResult,
    Package,
    PackageInfo,
    PublicKeyInfo,
    Resolution,
    describe_package,
    merge_package,
    open_package,
    preview_merge,
    trust_key,
)
from crc_reporter.ui.dialogs import ask as asking
from crc_reporter.ui.dialogs.import_widgets import ProgressStrip
from crc_reporter.ui.dialogs.merge_widgets import ChangeCounts, ConflictPanel, EmptyPackage, PackageCard
from crc_reporter.ui.dialogs.task_dialog import FileDropMixin
from crc_reporter.ui.dialogs.trusted_keys_panel import TrustKeyDialog, may_manage_keys
from crc_reporter.ui.errors import USER_ERRORS, error_text
from crc_reporter.ui.exchange_access import merge_blocked
from crc_reporter.ui.exchange_texts import merge_summary
from crc_reporter.ui.style import theme
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label

if TYPE_CHECKING:
    from crc_reporter.ui.context import AppContext
    from crc_reporter.ui.main_window import MainWindow

PACKAGE_FILTER = "{packages} (*" + SUFFIX + ");;{all} (*)"
Read = tuple[Package, PackageInfo, MergeResult | None, str]


def _compare(session: Session, package: Package) -> Read:
    """The package described for this store, and what merging it would do (or why it cannot be merged)."""
    try:
        info = describe_package(session, package.info)
        try:
            return package, info, preview_merge(session, package), ""
        except USER_ERRORS as exc:
            return package, info, None, error_text(exc)
    finally:
        session.rollback()  # a preview writes nothing


class MergeDialog(FileDropMixin, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.package: Package | None = None
        self.info: PackageInfo | None = None
        self.preview: MergeResult | None = None
        self.merged: MergeResult | None = None  # the last merge's result
        self.decided = 0  # conflicts the last merge settled as the person chose
        self.allowed = FEW_DELETIONS  # deletions here the person agreed to (more: the merge asks first)
        self.blocked = merge_blocked(ctx)
        self.setWindowTitle(_("Merge a package"))
        self.setAcceptDrops(True)
        self.resize(1180, 720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(
            muted_label(
                _(
                    "Merge the work someone sent you from their copy of CRC Reporter (a .crcx package). "
                    "Nothing is written until you press Merge."
                )
            )
        )
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("No package chosen yet; you can also drop one on this window"))
        self.path.setAccessibleName(_("Package to merge"))
        self.browse_button = QPushButton(_("Choose a package…"))
        self.browse_button.setObjectName("Primary")
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        self.progress = ProgressStrip()
        layout.addWidget(self.progress)
        self.stack = QStackedWidget()
        self.empty = EmptyPackage()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._body())
        layout.addWidget(self.stack, 1)
        self.merge_button = self.add_task_footer(layout, _("Merge"))
        self.merge_button.setEnabled(False)
        self.browse_button.clicked.connect(self.choose_file)
        self.merge_button.clicked.connect(self.merge)
        self.card.trust_requested.connect(self.trust_signer)
        self.conflicts.changed.connect(self._update_merge_button)
        if self.blocked:
            self.merge_button.setToolTip(self.blocked)

    def _body(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter = splitter
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.card = PackageCard()
        card_area = QScrollArea()  # a long signer name or a summary below may leave it less room than it needs
        card_area.setWidgetResizable(True)
        # on a narrow screen (the dialog is fitted to it) what cannot wrap scrolls sideways instead of being cut
        card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        card_area.setFrameShape(QFrame.Shape.NoFrame)
        card_area.setStyleSheet("QScrollArea { background: transparent; }")
        card_area.viewport().setAutoFillBackground(False)
        card_area.setWidget(self.card)
        row.addWidget(card_area, 4)
        self.changes = ChangeCounts()
        self.counts = self.changes.model
        row.addWidget(self.changes, 5)
        splitter.addWidget(top)
        self.conflicts = ConflictPanel()
        splitter.addWidget(self.conflicts)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return splitter

    # --- choosing the package ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = self.ctx.settings.value("exchange/folder", str(Path.home()))
        kinds = PACKAGE_FILTER.format(packages=_("Exchange packages"), all=_("All files"))
        path, _f = QFileDialog.getOpenFileName(self, _("Choose the package to merge"), start, kinds)
        if path:
            self.read_file(path)

    def read_file(self, path: str) -> None:
        """Check the package file and compare it with the store, in the background."""
        self.ctx.settings.set_value("exchange/folder", str(Path(path).parent))
        self._show_path(path)
        name = Path(path).name

        def work(session: Session, control: TaskControl) -> Read:
            control.progress(0, 0, _("Checking {name}…").format(name=name))
            package = open_package(path)
            control.progress(0, 0, _("Comparing it with this store…"))
            return _compare(session, package)

        self._start(work, _("Checking {name}…").format(name=name), self._read_done)

    def use_package(self, package: Package, path: str) -> None:
        """A package already read and checked (by the import dialog): compare it with the store."""
        self._show_path(path)
        self._start(lambda session, _c: _compare(session, package), _("Comparing it with this store…"), self._read_done)

    def _show_path(self, path: str) -> None:
        self.empty.set_refused(False)
        self.path.setText(path)
        self.path.setCursorPosition(0)
        self.package = self.info = self.preview = self.merged = None
        self.allowed = FEW_DELETIONS
        self.merge_button.setEnabled(False)

    def _read_done(self, read: Read) -> None:
        self.package, self.info, self.preview, problem = read
        self.merged = None
        self._show_package()
        self.show_message(problem, error=True)
        self.merge_button.setText(_("Merge"))
        self.merge_button.setVisible(True)
        self.close_button.setText(_("Cancel"))
        self._update_merge_button()

    def _show_package(self) -> None:
        info, preview = self.info, self.merged or self.preview
        if info is None:
            self.stack.setCurrentIndex(0)
            return
        self.card.show_info(info)
        refused = may_manage_keys(self.ctx.store, self.ctx.access)
        self.card.trust_button.setEnabled(not refused)
        self.card.trust_button.setToolTip(refused or self.card.trust_button.toolTip())
        self.changes.show_counts(info, preview, merged=self.merged is not None)
        conflicts = preview.conflicts if preview is not None else ()
        self.conflicts.show_conflicts(conflicts, left_over=self.merged is not None)
        self.conflicts.setVisible(bool(conflicts))
        self.stack.setCurrentIndex(1)
        if conflicts:  # the card in full; the conflicts below get the rest
            top = max(self.card.sizeHint().height(), 220)
            self.splitter.setSizes([top, max(self.splitter.height() - top, 300)])

    # --- trusting the signer -------------------------------------------------------------------------------
    def trust_signer(self) -> None:
        info = self.info
        if info is None or info.signer is None or not info.signer.public_key:
            return
        signer = info.signer
        key = PublicKeyInfo(name=signer.name, fingerprint=signer.fingerprint, public_key=signer.public_key)
        dialog = TrustKeyDialog(key, self)
        if not dialog.exec():
            return
        name = dialog.name.text().strip()

        def trusted(result: Any) -> None:
            if self.info is not None and self.info.signer is not None:
                self.info = replace(self.info, signer=replace(self.info.signer, trusted_as=result.name))
                self.card.show_info(self.info)
            message = _("Trusted {name}: {fp}").format(name=result.name, fp=result.fingerprint)
            self.show_message(message, ok=True)
            package = self.package
            if self.preview is None and package is not None:  # refused as untrusted: compare again

                def compared(read: Read) -> None:
                    self._read_done(read)
                    if not read[3]:
                        self.show_message(message, ok=True)

                self._start(
                    lambda session, _c: _compare(session, package), _("Comparing it with this store…"), compared
                )

        self._start(lambda session, _c: trust_key(session, key, name), _("Trusting the key…"), trusted)

    # --- merging ------------------------------------------------------------------------------------------
    def _update_merge_button(self) -> None:
        ready = self.package is not None and self.preview is not None and self._task is None and not self.blocked
        self.merge_button.setEnabled(ready)
        undecided = self.conflicts.model.rowCount() - len(self.conflicts.resolutions())
        if not ready or not undecided:
            tip = self.blocked
        else:
            tip = ngettext(
                "{n} conflict is undecided: it stays as it is.",
                "{n} conflicts are undecided: they stay as they are.",
                undecided,
            ).format(n=undecided)
        self.merge_button.setToolTip(tip)

    def merge(self) -> None:
        package = self.package
        if package is None or self.blocked:
            return
        resolutions: dict[str, Resolution] = self.conflicts.resolutions()
        allowed = self.allowed

        def work(session: Session, control: TaskControl) -> tuple[MergeResult, int]:
            result = merge_package(
                session,
                package,
                resolutions,
                progress=lambda done, total, message: control.progress(done, total, message),
                cancel=lambda: control.cancelled,
                allow_deletions=allowed,
            )
            left = {c.uuid for c in result.conflicts}
            return result, sum(1 for uuid in resolutions if uuid not in left)

        self.merge_button.setEnabled(False)
        self._start(work, _("Merging…"), self._merged)

    def confirm_deletions(self, result: MergeResult) -> bool:
        """Ask before a package deletes more than a few records here, listing them."""
        n = len(result.deletions)
        shown = "\n".join(result.deletions[:30])
        if n > 30:
            shown += "\n" + _("… and {n} more").format(n=n - 30)
        return asking.ask(
            self,
            _("Delete records here?"),
            ngettext(
                "This package deletes {n} record in your store:",
                "This package deletes {n} records in your store:",
                n,
            ).format(n=n),
            shown,
            accept=ngettext("Delete {n} record and merge", "Delete {n} records and merge", n).format(n=n),
            danger=True,
        )

    def _merged(self, outcome: tuple[MergeResult, int]) -> None:
        result, decided = outcome
        if result.deletions_held:
            self.preview = result
            if self.confirm_deletions(result):
                self.allowed = len(result.deletions)
                QTimer.singleShot(0, self.merge)  # after this task has ended
            else:
                self.show_message(_("Nothing was merged: you did not agree to the deletions."), error=True)
                self._update_merge_button()
            return
        self.merged = self.preview = result
        self.decided = decided
        events = self.ctx.events
        events.documents_changed.emit()
        events.actors_changed.emit()
        events.store_reloaded.emit()  # any record of any kind may have changed
        self._show_package()
        note = _(
            "A merge cannot be undone with Edit ▸ Undo: the backup taken just before it can be restored from "
            "File ▸ Backups."
        )
        self.show_message(merge_summary(result, decided) + " " + note, ok=not result.conflicts)
        self.close_button.setText(_("Close"))
        if result.conflicts:
            self.merge_button.setText(_("Merge my choices"))
        else:
            self.merge_button.setVisible(False)
        self._update_merge_button()

    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        t = theme()
        colour = t.danger if error else t.success if ok else t.warning
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- around each background task (TaskDialogMixin) ------------------------------------------------
    def task_starting(self) -> None:
        self.show_message("")
        self.browse_button.setEnabled(False)
        self.merge_button.setEnabled(False)

    def task_ended(self) -> None:
        self.browse_button.setEnabled(True)
        self._update_merge_button()

    def task_failed(self, message: str, *, cancelled: bool) -> None:
        self.show_message(message, error=True)
        if not cancelled and self.package is None:  # the file itself was refused
            self.empty.set_refused(True)
            self.stack.setCurrentIndex(0)


def run_merge_dialog(window: MainWindow, path: str | None = None, package: Package | None = None) -> MergeResult | None:
    """Open the merge dialog over ``window`` (on ``path`` when given); the last merge's result."""
    if window.ctx is None:
        return None
    dialog = MergeDialog(window.ctx, window)
    if package is not None and path:
        dialog.use_package(package, path)
    elif path:
        dialog.read_file(path)
    dialog.exec()
    if dialog.merged is not None:
        window.statusBar().showMessage(merge_summary(dialog.merged, dialog.decided), 10000)
    return dialog.merged
