"""Working together offline from the window: the File menu's send, merge and export items, and their dialogs.

The dialogs are imported when first used (the window starts without them).
Files that carry records rather than documents (an exchange package, an edited
tracker, IMPACT OSS actions) may also arrive through the import dialog, which
recognises them by their content and hands them over here.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from crc_reporter.i18n import _
from crc_reporter.ui.exchange_access import exchange_blocked, merge_blocked

if TYPE_CHECKING:
    from crc_reporter.domain.parsed import ParsedSource
    from crc_reporter.ui.main_window import MainWindow

TRACKER, IMPACT = "xlsx", "impact"
OTHER_TOOLS_FILTER = "{files} (*.xlsx *.csv);;{all} (*)"


class ExchangeActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def add_to_menu(self, menu: QMenu) -> None:
        """The exchange items of the File menu (after the import item)."""
        ctx = self.window.ctx
        has_store = ctx is not None
        send = menu.addAction(_("Send my &work (package)…"), self.send)
        send.setStatusTip(_("Make an exchange package (.crcx) of your work for another copy of CRC Reporter"))
        merge = menu.addAction(_("&Merge a package…"), lambda: self.merge())
        merge.setStatusTip(_("Merge the work someone sent you as an exchange package (.crcx)"))
        tools_import = menu.addAction(_("Import from E&xcel or IMPACT OSS…"), self.import_for_tools)
        tools_import.setStatusTip(_("Apply an edited tracker workbook, or read an IMPACT OSS file"))
        export = menu.addMenu(_("&Export"))
        export.addAction(_("Tracker for &Excel (.xlsx)…"), partial(self.export_for_tools, TRACKER))
        export.addAction(_("&IMPACT OSS recommendations (.csv)…"), partial(self.export_for_tools, IMPACT))
        for action in (send, merge, tools_import, export.menuAction()):
            action.setEnabled(has_store)
        if ctx is not None:
            reasons = ((merge, merge_blocked(ctx)), (send, exchange_blocked(ctx)))
            for action, reason in reasons:
                if reason:
                    action.setEnabled(False)
                    action.setToolTip(reason)
                    action.setStatusTip(reason)
            ctx.access.guard_action(tools_import)
        self.send_action, self.merge_action, self.export_menu = send, merge, export

    # --- the dialogs ------------------------------------------------------------------------------------------
    def send(self) -> None:
        ctx = self.window.ctx
        if ctx is None:
            return
        from crc_reporter.ui.dialogs.send_dialog import SendWorkDialog

        SendWorkDialog(ctx, self.window).exec()

    def merge(self, path: str | None = None) -> None:
        if self.window.ctx is None:
            return
        from crc_reporter.ui.dialogs.merge_dialog import run_merge_dialog

        run_merge_dialog(self.window, path)

    def export_for_tools(self, kind: str) -> None:
        ctx = self.window.ctx
        if ctx is None:
            return
        from crc_reporter.ui.dialogs.tools_export_dialog import ToolsExportDialog

        ToolsExportDialog(ctx, kind, self.window).exec()

    def import_for_tools(self) -> None:
        ctx = self.window.ctx
        if ctx is None:
            return
        start = ctx.settings.value("import/folder", str(Path.home()))
        kinds = OTHER_TOOLS_FILTER.format(files=_("Workbooks and CSV files"), all=_("All files"))
        path, _f = QFileDialog.getOpenFileName(
            self.window, _("Choose the tracker workbook or IMPACT OSS file"), start, kinds
        )
        if path:
            self.window.open_import_dialog(path)  # it recognises the file and hands it over

    def open_payload(self, source: ParsedSource, path: str) -> bool:
        """Show the dialog for a file the import dialog read that carries records; False if none fits."""
        payload = source.payload
        if self.window.ctx is None or payload is None:
            return False
        from crc_reporter.services.payloads import is_merged

        if is_merged(payload):
            from crc_reporter.ui.dialogs.merge_dialog import run_merge_dialog

            run_merge_dialog(self.window, path, payload)
            return True
        from crc_reporter.ui.dialogs.interchange_dialog import InterchangeDialog

        InterchangeDialog(self.window.ctx, source, self.window).exec()
        return True
