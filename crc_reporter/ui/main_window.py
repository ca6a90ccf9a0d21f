"""The main window (a first version: the GUI issue builds the pages)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from crc_reporter import APP_NAME
from crc_reporter.i18n import _
from crc_reporter.services.documents import list_documents
from crc_reporter.store.engine import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{APP_NAME} — {store.display_name()}")
        self.resize(1200, 760)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        with store.session() as session:
            docs = list_documents(session)
        summary = QLabel(
            _("{count} documents, {paragraphs} paragraphs in this store.").format(
                count=len(docs), paragraphs=sum(d.paragraphs for d in docs)
            )
        )
        layout.addWidget(summary)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(store.display_name())
