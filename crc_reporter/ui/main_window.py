"""The main window: a sidebar of pages, menus with the standard shortcuts, a status bar.

The window owns the open store's context (events, undo history, tasks) and
rebuilds the pages when the store or the interface language changes. Around
the open store it runs what keeps the data safe and current: the automatic
backup timer, the feed of changes made by others, the answer to a second
instance, the conflict dialog, and a banner when this window may not write.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSize
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crc_reporter import APP_NAME
from crc_reporter.i18n import _
from crc_reporter.ui.exchange_menu import ExchangeActions
from crc_reporter.ui.icons import icon
from crc_reporter.ui.menus import build_menus
from crc_reporter.ui.navigation import Navigator, Place
from crc_reporter.ui.page_list import PAGE_KEYS, PAGES
from crc_reporter.ui.pages.welcome import WelcomePanel
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.tasks import TaskRunner
from crc_reporter.ui.widgets.banner import Banner

# What a window needs only once a store is open (SQLAlchemy, the services, the pages) is
# imported when it is first used: the window's first frame appears as fast as a bare one.
if TYPE_CHECKING:
    from crc_reporter.store.engine import Store
    from crc_reporter.ui.companions import StoreCompanions
    from crc_reporter.ui.context import AppContext
    from crc_reporter.ui.pages.base import Page
    from crc_reporter.ui.recovery import StoreRecovery
    from crc_reporter.ui.store_switcher import StoreSwitcher
    from crc_reporter.ui.widgets.dashboard_view import DashboardView

SIDEBAR_ICON_COLORS = ("#c9d4e3", "#ffffff")  # normal, selected


class MainWindow(QMainWindow):
    # set by ui.menus when the menus are built
    import_action: QAction
    undo_action: QAction
    back_action: QAction  # View ▸ Back and Forward (see ui/navigation.py)
    forward_action: QAction
    redo_action: QAction
    commands_menu: QMenu  # Commands: the current page's frequent commands with their keys

    def __init__(self, store: Store | None, settings: AppSettings | None = None, *, opening: str | None = None) -> None:
        """``opening``: the name of the store :meth:`open_when_shown` will open; its pages are listed meanwhile."""
        super().__init__()
        self.settings = settings or AppSettings()
        self.tasks = TaskRunner(self)
        self.ctx: AppContext | None = None
        self.opening = opening
        self.pages: dict[str, Page] = {}
        self._preloaded_dashboard: tuple[object, ...] | None = None
        self.early_view: DashboardView | None = None  # kept figures shown while the store opens (ui/opening.py)
        self.exchange = ExchangeActions(self)  # packages, merges, exports for other tools
        self.navigator = Navigator(self, self._here, lambda place: self._go(place.page, **place.target_dict()))
        self.resize(1280, 800)
        self.setMinimumSize(QSize(760, 500))  # fits 1366×768 at 125 % (about 1093×558 usable)
        geometry, _state = self.settings.window_state()
        self._restored = geometry is not None and self.restoreGeometry(geometry)
        self.store_label = QLabel()
        self.user_label = QLabel()
        self.access_label = QLabel()
        self.access_label.setObjectName("Warning")  # the theme's colour for a warning, light or dark
        self.statusBar().addPermanentWidget(self.access_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.store_label)
        if store is not None:
            self.set_store(store)
        else:
            self._build()

    # --- helpers created on first use (they import the store's side of the application) -----------------
    @cached_property
    def switcher(self) -> StoreSwitcher:
        """Opening, creating and switching stores; the settings dialog."""
        from crc_reporter.ui.store_switcher import StoreSwitcher

        return StoreSwitcher(self)

    @cached_property
    def recovery(self) -> StoreRecovery:
        """A store that resists opening: passphrases, damaged files, backups."""
        from crc_reporter.ui.recovery import StoreRecovery

        return StoreRecovery(self)

    @cached_property
    def companions(self) -> StoreCompanions:
        """Backups, others' changes, conflicts, a second instance."""
        from crc_reporter.ui.companions import StoreCompanions

        return StoreCompanions(self)

    # --- the open store -----------------------------------------------------------------------
    @property
    def store(self) -> Store | None:
        return self.ctx.store if self.ctx else None

    def set_store(self, store: Store, *, dashboard: tuple[object, ...] | None = None) -> None:
        """Show ``store``; the one shown before is closed (its undo history goes with it).

        ``dashboard``: the dashboard's figures, already computed (``opening.preload_dashboard``).
        """
        from crc_reporter.ui.access import WriteAccess
        from crc_reporter.ui.context import AppContext
        from crc_reporter.ui.events import StoreEvents
        from crc_reporter.ui.undo import EditHistory

        if self.ctx is not None and self.ctx.store is not store:
            self._release_store()
        self.navigator.clear()  # the places visited were in another store
        self.opening = None
        if self.settings.user_name and store.dialect != "postgresql":
            store.user = self.settings.user_name  # on a server the login is the author, whatever the settings say
        events = StoreEvents(self)
        history = EditHistory(store, events, self)
        history.failed.connect(self._edit_failed)
        history.edited.connect(lambda text: self.statusBar().showMessage(_("Saved: {edit}").format(edit=text), 6000))
        access = WriteAccess(store, self)
        self.ctx = AppContext(store, events, history, self.tasks, self.settings, navigate=self.navigate, access=access)
        self.companions.attach(self.ctx)
        self._preloaded_dashboard = dashboard
        if store.path is not None:
            self.settings.add_recent_store(str(store.path))
        self._build()
        self._go("dashboard")  # where "What needs attention today" is, when a store opens

    def close_store(self) -> None:
        """Close the open store (to restore a backup over it, say); the window shows the welcome panel."""
        if self.ctx is not None:
            self._release_store()
            self.ctx = None
            self._build()

    def _release_store(self) -> None:
        old = self.ctx
        assert old is not None
        self.companions.detach()
        self.tasks.wait()
        old.history.clear()
        old.store.close()
        old.history.deleteLater()
        old.events.deleteLater()
        old.access.deleteLater()

    def _edit_failed(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, _("The change was not saved: {reason}").format(reason=message))

    # --- building the window ----------------------------------------------------------------------
    def _build(self) -> None:
        """(Re)build menus and pages: after opening a store and after a change of language."""
        current = self.current_page_key()
        old = self.centralWidget()
        self.pages = {}
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QFrame()  # (a frame paints the style sheet's background: the sidebar's colour of each scheme)
        side.setObjectName("SidebarPanel")
        side.setFixedWidth(self._sidebar_width())
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        title = QLabel(APP_NAME)
        title.setObjectName("SidebarTitle")
        side_layout.addWidget(title)
        self.sidebar_model = QStandardItemModel(self)
        self.sidebar = QListView()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setModel(self.sidebar_model)
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setAccessibleName(_("Pages"))
        side_layout.addWidget(self.sidebar, 1)
        self.sidebar_store = QLabel()
        self.sidebar_store.setObjectName("SidebarStore")
        self.sidebar_store.setWordWrap(True)
        side_layout.addWidget(self.sidebar_store)
        row.addWidget(side)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = Banner()
        self.banner.action_clicked.connect(self._reopen_for_writing)
        right.addWidget(self.banner)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.sidebar_title = title
        if self.ctx is None and self.opening is None:
            welcome = WelcomePanel()
            self._connect_welcome(welcome)
            self.stack.addWidget(welcome)
            side.setEnabled(False)
        else:
            self._holders: dict[str, QWidget] = {}
            for spec in PAGES:
                holder = QWidget()  # the page itself is built when first shown: a quick start
                self._holders[spec.key] = holder
                self.stack.addWidget(holder)
                item = QStandardItem(spec.label())
                if self.ctx is not None:  # drawing the icons waits until the store is open
                    item.setIcon(icon(spec.icon, *SIDEBAR_ICON_COLORS))
                item.setSizeHint(QSize(side.width() - 24, 40))
                self.sidebar_model.appendRow(item)
            if self.ctx is None:  # still opening: the pages are listed and wait for the store
                side.setEnabled(False)
                # (centred by stretches: Qt's namespace of flags costs ~15 ms to load, the first frame waits for none)
                waiting = QWidget()
                line = QHBoxLayout(waiting)
                label = QLabel(_("Opening {store}…").format(store=self.opening))
                label.setObjectName("OpeningLabel")
                line.addStretch(1)
                line.addWidget(label)
                line.addStretch(1)
                self.stack.insertWidget(0, waiting)
                self.stack.setCurrentWidget(waiting)
            self.sidebar.selectionModel().currentChanged.connect(lambda index, _p: self._show_page(index.row()))
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        build_menus(self)
        self._update_titles()
        self._show_access()
        if self.ctx is not None:
            self._go(current if current in PAGE_KEYS else "dashboard")

    def _sidebar_width(self) -> int:
        """Wide enough for the longest page name in this language (the sidebar's font is 10.5 pt)."""
        font = QFont(self.font())
        font.setPointSizeF(10.5)
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(spec.label()) for spec in PAGES)
        # icon 20, gap 6, item padding 2 × 10, item margin 2 × 8, frame and a little air
        return max(204, min(320, widest + 20 + 6 + 20 + 16 + 14))

    def _connect_welcome(self, welcome: WelcomePanel) -> None:
        welcome.create_store.connect(self.switcher.new_store)
        welcome.import_observations.connect(self.open_import_dialog)
        welcome.open_demo.connect(self.switcher.open_demo)
        welcome.open_store.connect(self.switcher.open_store)

    def _welcome_action(self, name: str) -> None:
        {
            "create": self.switcher.new_store,
            "import": self.open_import_dialog,
            "demo": self.switcher.open_demo,
            "open": self.switcher.open_store,
        }[name]()

    def _update_titles(self) -> None:
        name = self.store.display_name() if self.store else self.opening or _("no store open")
        self.setWindowTitle(f"{APP_NAME} — {name}")
        self.store_label.setText(_("Store: {name}").format(name=name))
        self.store_label.setToolTip(name)
        user = self.store.user if self.store else (self.settings.user_name or "")
        self.user_label.setText(_("User: {name}").format(name=user) if user else "")
        short = self.store.path.name if self.store and self.store.path else name
        self.sidebar_store.setText(short)
        self.sidebar_store.setToolTip(name)

    def _show_access(self) -> None:
        """The banner and status-bar note of a window that may not write, with the reason."""
        access = self.ctx.access if self.ctx is not None else None
        if access is None or access.allowed:
            self.banner.setVisible(False)
            self.access_label.setText("")
            return
        from crc_reporter.store.locking import StoreLock

        store = self.ctx.store  # type: ignore[union-attr]
        locked_elsewhere = (
            store.is_sqlite
            and store.read_only
            and store.path is not None
            and StoreLock(store.path).holder().get("state") == "open"  # another window writes it
        )
        text = access.reason
        if locked_elsewhere:
            text = _(
                "Read-only: {store} is open in another CRC Reporter window, which alone may change it. "
                "What is saved there appears here within a few seconds."
            ).format(store=store.path.name)  # type: ignore[union-attr]
        self.banner.show_message(text, _("Try to edit again") if locked_elsewhere else "")
        self.banner.text.setToolTip(access.reason)
        self.banner.button.setToolTip(_("Open the store for editing, if the other window has closed it"))
        self.access_label.setText(_("Read-only"))
        self.access_label.setToolTip(access.reason)

    def _reopen_for_writing(self) -> None:
        store = self.store
        if store is not None and store.path is not None:
            self.recovery.open(str(store.path))

    # --- navigation -----------------------------------------------------------------------------------
    def current_page_key(self) -> str | None:
        stack = getattr(self, "stack", None)
        page = stack.currentWidget() if stack is not None else None
        return next((key for key, built in self.pages.items() if built is page), None)

    def current_page(self) -> Page | None:
        key = self.current_page_key()
        return self.pages.get(key) if key else None

    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            assert self.ctx is not None
            spec = PAGES[PAGE_KEYS.index(key)]
            if key == "dashboard" and self.early_view is not None:  # adopts the figures already on screen
                page = spec.page_class()(self.ctx, view=self.early_view)  # type: ignore[call-arg]
                self.early_view = None
            else:
                page = spec.page_class()(self.ctx)
            holder = self._holders.pop(key)
            self.stack.insertWidget(self.stack.indexOf(holder), page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.pages[key] = page
            if key == "dashboard":
                page.welcome_action.connect(self._welcome_action)  # type: ignore[attr-defined]
                preloaded, self._preloaded_dashboard = self._preloaded_dashboard, None
                if preloaded is not None:
                    page.preload(preloaded)  # type: ignore[attr-defined]
        return self.pages[key]

    def _show_page(self, row: int) -> None:
        if self.ctx is not None and 0 <= row < len(PAGE_KEYS):
            self.stack.setCurrentWidget(self.page(PAGE_KEYS[row]))

    def navigate(self, key: str, **target: object) -> None:
        """Jump to a page (``navigate("recommendations", rec_id=12)`` also selects the record); Back returns."""
        left = self._here()
        self._go(key, **target)
        self.navigator.jumped(left)

    def _here(self) -> Place | None:
        key, page = self.current_page_key(), self.current_page()
        return Place.of(key, page.place()) if key and page is not None else None

    def _go(self, key: str, **target: object) -> None:
        if self.ctx is None or key not in PAGE_KEYS:
            return
        page = self.page(key)
        row = PAGE_KEYS.index(key)
        self.sidebar.selectionModel().setCurrentIndex(
            self.sidebar_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.stack.setCurrentWidget(page)
        if target:
            page.show_record(**target)

    def focus_search(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    def refresh(self) -> None:
        if self.ctx is not None:
            self.ctx.events.store_reloaded.emit()

    # --- hooks for other parts of the application -------------------------------------------------------
    def open_import_dialog(self, path: str | None = None) -> None:
        """Import concluding observations (``crc_reporter.ui.dialogs.import_dialog``) into the open store.

        A build without the importers says so in one translatable line.
        """
        try:
            import crc_reporter.importers  # noqa: F401 - is the importer package in this build?
            from crc_reporter.ui.dialogs import import_dialog
        except ImportError:
            QMessageBox.information(
                self,
                _("Import concluding observations"),
                _("Importing documents is not available in this build of CRC Reporter."),
            )
            return
        if self.ctx is None:
            QMessageBox.information(
                self,
                _("Import concluding observations"),
                _("Open or create a store first: the document is imported into it."),
            )
            return
        import_dialog.run_import_dialog(self, path)

    def show_guide(self) -> None:
        """Help ▸ User guide (F1), in the window's language."""
        from crc_reporter.ui.dialogs.guide_dialog import show_guide

        self.guide = show_guide(self)

    def retranslate(self) -> None:
        self._build()

    def show_initial(self) -> None:
        """Show the window as it was left; the first time, maximised on a laptop-sized screen."""
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if not self._restored and available is not None and (available.width() < 1500 or available.height() < 900):
            self.setGeometry(available)  # also right where no window manager maximises
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.tasks.wait()
        if "companions" in self.__dict__:  # created with the first store
            self.companions.backup_at_close()
        super().closeEvent(event)
