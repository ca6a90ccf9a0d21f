"""Dialogs: settings, assessments, pickers, forms for new records, merges."""
