"""The edits a person can make in the window, each an undoable :class:`~crc_reporter.ui.undo.StoreCommand`."""
