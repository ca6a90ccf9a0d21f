"""A question with buttons that say what they do ("Restore", "Delete"), in the interface language.

QMessageBox's standard buttons ("Yes", "No") would need Qt's own catalogs and
say less; every confirmation goes through :func:`ask` (tests replace it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from crc_reporter.i18n import _


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    informative: str = "",
    *,
    accept: str,
    reject: str | None = None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    danger: bool = False,
) -> bool:
    """True when the user chose ``accept``."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(reject or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    yes.setObjectName("Danger" if danger else "Primary")
    yes.style().unpolish(yes)  # the name chooses the style sheet's rule: apply it now
    yes.style().polish(yes)
    box.setDefaultButton(no if danger else yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
