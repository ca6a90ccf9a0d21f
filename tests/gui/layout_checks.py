"""Finding clipped and untranslated text in a window, and what does not fit a screen.

Qt never says that a label is too narrow for its text: the text is simply cut.
These helpers compare what each visible label, button, check box, tab and
table header needs (its size hint, or the text's advance in its font) with the
room it has. Under the pseudo-locale every translated string is bracketed, so
text without brackets on a button, tab or header is English that escaped
translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QWidget,
)

#: Pixels of tolerance: anti-aliasing and rounding of font metrics.
SLACK = 2
_TAGS = re.compile(r"<[^>]+>")
_ENGLISH = re.compile(r"[A-Za-z]{3,}")
#: Dates formatted by Babel: the pseudo-locale formats them as British English (1 July 2028).
_DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    need: int
    have: int

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} needs {self.need} px, has {self.have}"


def _path(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and widget.width() > 0 and widget.height() > 0:
            yield widget


def _plain(text: str) -> str:
    return _TAGS.sub("", text).replace("&nbsp;", " ").replace("&&", "&")


def _scrolls_sideways(widget: QWidget) -> bool:
    """Inside a scroll area that lets the user scroll horizontally (being cut there is fine)."""
    w = widget.parentWidget()
    while w is not None:
        if (
            isinstance(w, QAbstractScrollArea)
            and not isinstance(w, QAbstractItemView)  # an item view's editors are its own business
            and w.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            return True
        w = w.parentWidget()
    return False


def cut_off(widget: QWidget) -> Finding | None:
    """A widget partly outside its parents (for example beyond the right edge of a panel that does not scroll)."""
    if widget.isWindow() or isinstance(widget, QScrollBar) or _scrolls_sideways(widget):
        return None
    visible = widget.visibleRegion().boundingRect()
    if visible.isEmpty():
        return None
    if widget.width() - visible.width() > SLACK:
        text = getattr(widget, "text", lambda: "")() if hasattr(widget, "text") else ""
        return Finding(_path(widget) + " (cut off at the side)", str(text), widget.width(), visible.width())
    return None


def clipped(root: QWidget) -> list[Finding]:
    """Every visible piece of text in ``root`` that has less room than it needs, and widgets cut off at a side."""
    found: list[Finding] = []
    cut: list[QWidget] = []
    for widget in visible_widgets(root):
        if any(c.isAncestorOf(widget) for c in cut):
            continue  # reported with its parent
        side = cut_off(widget)
        if side is not None:
            found.append(side)
            cut.append(widget)
            continue
        if isinstance(widget, QLabel):
            found += _label(widget)
        elif isinstance(widget, QPushButton | QCheckBox | QRadioButton) and widget.text():
            need, have = widget.sizeHint().width(), widget.width()
            if need - have > SLACK:
                found.append(Finding(_path(widget), widget.text(), need, have))
        elif isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
            found += _combo(widget)
        elif isinstance(widget, QTabBar):
            found += _tabs(widget)
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found += _header(widget)
    return found


def _label(label: QLabel) -> list[Finding]:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        have = label.height()
        if need - have > SLACK:
            return [Finding(_path(label) + " (height)", _plain(text), need, have)]
        return []
    if "<" in text and label.textFormat() != Qt.TextFormat.PlainText:
        need = label.sizeHint().width()  # rich text: the document's ideal width
    else:
        margins = label.contentsMargins()
        need = (
            label.fontMetrics().horizontalAdvance(text)
            + margins.left()
            + margins.right()
            + 2 * label.margin()
            + max(label.indent(), 0)
        )
    have = label.width()
    if need - have > SLACK:
        return [Finding(_path(label), _plain(text), need, have)]
    return []


def _combo(combo: QComboBox) -> list[Finding]:
    """The shown choice fits (the filters' "All …" texts above all); the arrow takes about 30 px."""
    need = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 30
    have = combo.width()
    if need - have > SLACK:
        return [Finding(_path(combo), combo.currentText(), need, have)]
    return []


def _tabs(bar: QTabBar) -> list[Finding]:
    found = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        need, have = bar.tabSizeHint(i).width(), bar.tabRect(i).width()
        if need - have > SLACK:
            found.append(Finding(_path(bar) + f"[tab {i}]", bar.tabText(i), need, have))
    return found


def _header(header: QHeaderView) -> list[Finding]:
    model = header.model()
    if model is None:
        return []
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)  # the style sheet's font-weight: 600
    metrics = QFontMetrics(bold)
    found = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        if not text:
            continue
        arrow = 14 if header.isSortIndicatorShown() and header.sortIndicatorSection() == section else 0
        need = metrics.horizontalAdvance(text) + 2 * 6 + arrow  # the style sheet's padding: 5px 6px
        have = header.sectionSize(section)
        if need - have > SLACK and header.sectionResizeMode(section) != QHeaderView.ResizeMode.Stretch:
            found.append(Finding(_path(header) + f"[section {section}]", text, need, have))
    return found


def shown_texts(root: QWidget) -> list[tuple[str, str, str]]:
    """(where, text, label's object name or "") of every visible button, tab, header, combo box and label."""
    texts: list[tuple[str, str, str]] = []
    for widget in visible_widgets(root):
        where = _path(widget)
        if isinstance(widget, QAbstractButton) and widget.text():
            texts.append((where, widget.text(), ""))
        elif isinstance(widget, QTabBar):
            texts += [(where, widget.tabText(i), "") for i in range(widget.count())]
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            texts += [
                (where, str(model.headerData(s, widget.orientation()) or ""), "")
                for s in range(widget.count())
                if not widget.isSectionHidden(s)
            ]
        elif isinstance(widget, QComboBox) and widget.currentText():
            texts.append((where, widget.currentText(), ""))
        elif isinstance(widget, QLabel) and widget.text():
            texts.append((where, _plain(widget.text()), widget.objectName() or "QLabel"))
    return texts


def untranslated(root: QWidget, allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Under the pseudo-locale: button, tab, header and page-label texts that are not pseudo-translated.

    Other labels and combo boxes often show data (names, titles), which stays as typed."""
    page_labels = {"", "PageTitle", "PageSubtitle", "Muted", "Note"}
    return [
        f"{where}: {text!r}"
        for where, text, label in shown_texts(root)
        if label in page_labels
        and not (label == "" and "QComboBox" in where.split("/")[-1:])
        and _ENGLISH.search(text)
        and "[" not in text
        and text not in allowed
        and not _DATE.match(text)
    ]


def english_leftovers(root: QWidget, english: set[str]) -> list[str]:
    """In a real language: visible texts that are exactly an English message the catalog translates."""
    return [f"{where}: {text!r}" for where, text, _label in shown_texts(root) if text.replace("&", "") in english]


# --- the screens people have: outside the screen, unreachable buttons, overlapping siblings ------------------

#: Containers whose children are placed on top of each other on purpose, or are Qt's own parts.
_OWN_PARTS = (QAbstractScrollArea, QComboBox, QTabBar, QAbstractButton, QLabel)


def outside(root: QWidget, screen: QRect) -> list[str]:
    """Visible widgets that reach beyond the screen (``screen`` in global logical pixels)."""
    found = []
    for widget in visible_widgets(root):
        if widget.isWindow() and widget is not root:
            continue
        rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        visible = widget.visibleRegion().boundingRect()
        if visible.isEmpty() and widget is not root:
            continue  # scrolled out of view: reachable by scrolling
        if widget is not root:
            rect = QRect(widget.mapToGlobal(visible.topLeft()), visible.size())
        if not screen.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            found.append(f"{_path(widget)} outside the screen: {rect.getRect()} not in {screen.getRect()}")
            if widget is root:
                break
    return found


def unreachable_buttons(dialog: QWidget) -> list[str]:
    """Buttons of a dialog that cannot be seen, even by scrolling: cut by the dialog's edge, or covered.

    The dialog's own buttons (OK, Cancel…) must be fully visible without scrolling."""
    found = []
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisibleTo(dialog) or isinstance(button.parentWidget(), QTabBar | QScrollBar):
            continue
        if button.parentWidget() is not None and type(button.parentWidget()).__name__ == "QLineEdit":
            continue  # a line edit's clear button
        in_scroll = any(
            isinstance(w, QAbstractScrollArea) and not isinstance(w, QAbstractItemView)
            for w in _ancestors(button, dialog)
        )
        in_box = any(isinstance(w, QDialogButtonBox) for w in _ancestors(button, dialog))
        visible = button.visibleRegion().boundingRect()
        cut = visible.width() < button.width() - SLACK or visible.height() < button.height() - SLACK
        if cut and (in_box or not in_scroll):
            found.append(f"{_path(button)} {button.text()!r}: only {visible.width()}×{visible.height()} of it shows")
    return found


def _ancestors(widget: QWidget, root: QWidget) -> Iterator[QWidget]:
    w = widget.parentWidget()
    while w is not None and w is not root:
        yield w
        w = w.parentWidget()


def overlapping(root: QWidget) -> list[str]:
    """Visible sibling widgets laid over each other (a filter row squeezed into its neighbours)."""
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible() or isinstance(parent, _OWN_PARTS) or type(parent).__name__ == "QLineEdit":
            continue
        children = [
            c
            for c in parent.children()
            if isinstance(c, QWidget) and c.isVisible() and not c.isWindow() and c.width() > 0 and c.height() > 0
        ]
        for i, a in enumerate(children):
            for b in children[i + 1 :]:
                common = a.geometry().intersected(b.geometry())
                if common.width() > SLACK and common.height() > SLACK:
                    found.append(f"{_path(a)} overlaps {_path(b)} by {common.width()}×{common.height()}")
    return found
