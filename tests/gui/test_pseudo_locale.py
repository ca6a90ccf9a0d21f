"""Every page and dialog in the pseudo-locale, Khmer and French: no clipped text, no English left over.

The pseudo-locale ("xx") makes each string about 40 % longer, accented and
bracketed. French and Khmer labels are often longer than English ones; a
label that clips here will clip for some of our users. In Khmer and French
the same pages are checked for clipping (Khmer glyphs are also taller) and
for any text that is still exactly an English message of the catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crc_reporter import i18n
from crc_reporter.i18n import catalogs
from crc_reporter.i18n.pseudo import pseudo
from crc_reporter.store.engine import Store
from crc_reporter.ui.main_window import PAGE_KEYS, MainWindow
from crc_reporter.ui.qt_translation import apply_language
from crc_reporter.ui.settings import AppSettings
from tests.gui.layout_checks import clipped, english_leftovers, untranslated

#: Texts that are data, not interface: names from the demo store shown in tab or header texts.
DATA_TEXTS = {"Amsel", "Koral"}


LANGUAGES = ["xx", "km", "fr"]


def _english_messages(lang: str) -> set[str]:
    """The English texts the catalog of ``lang`` translates differently (so seeing one is a leftover)."""
    out = set()
    for message in catalogs.read_catalog(catalogs.po_path(lang), lang):
        plain = isinstance(message.id, str) and message.id and not message.context and "{" not in message.id
        if plain and message.string and message.string != message.id:
            out.add(message.id.replace("&", ""))
    return out


def leftovers(root: QWidget, lang: str) -> list[str]:
    if lang == "xx":
        return untranslated(root, DATA_TEXTS)
    return english_leftovers(root, _english_messages(lang))


@pytest.fixture(params=LANGUAGES)
def pseudo_window(
    request: pytest.FixtureRequest, qtbot: QtBot, demo_store: Store, settings: AppSettings
) -> Iterator[MainWindow]:
    apply_language(request.param)
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    try:
        yield win
    finally:
        win.tasks.wait()
        apply_language("en")


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.active == 0, timeout=10_000)
    qtbot.wait(1)  # let queued results and layouts run


def test_pseudo_translation_keeps_placeholders_and_markup() -> None:
    text = pseudo("Open {name} in &Word <b>now</b> (%1)")
    assert text.startswith("[") and text.endswith("]")
    assert "{name}" in text and "&Ŵ" in text and "<b>" in text and "</b>" in text and "%1" in text
    assert len(text) >= len("Open {name} in &Word <b>now</b> (%1)") * 1.2
    assert pseudo("Save").format() == pseudo("Save")  # still formats


def test_every_page_fits_and_is_translated(qtbot: QtBot, pseudo_window: MainWindow) -> None:
    problems: list[str] = []
    for key in PAGE_KEYS:
        pseudo_window.navigate(key)
        _settle(qtbot, pseudo_window)
        page = pseudo_window.page(key)
        problems += [f"{key}: {f}" for f in clipped(pseudo_window)]
        problems += [f"{key}: untranslated {t}" for t in leftovers(page, i18n.current_language())]
    assert i18n.current_language() in LANGUAGES
    assert not problems, "\n".join(problems)
    minimum = pseudo_window.minimumSizeHint()
    assert minimum.width() <= 1366 and minimum.height() <= 768, "the window no longer fits a laptop screen"


def test_recommendation_detail_tabs_fit(qtbot: QtBot, pseudo_window: MainWindow) -> None:
    pseudo_window.navigate("recommendations")
    _settle(qtbot, pseudo_window)
    page = pseudo_window.page("recommendations")
    page.table.select_row(0)
    detail = page.detail  # type: ignore[attr-defined]
    problems: list[str] = []
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        problems += [f"tab {index}: {f}" for f in clipped(detail)]
        problems += [f"tab {index}: untranslated {t}" for t in leftovers(detail, i18n.current_language())]
    assert not problems, "\n".join(problems)


def _dialogs(window: MainWindow) -> list[tuple[str, Callable[[], QWidget]]]:
    from crc_reporter.services.recommendation_queries import get_recommendation_info
    from crc_reporter.ui.dialogs.action_dialog import NewActionDialog
    from crc_reporter.ui.dialogs.assessment import AssessmentDialog
    from crc_reporter.ui.dialogs.pickers import ActionPicker, RecommendationPicker
    from crc_reporter.ui.dialogs.recommendation_dialog import RecommendationDialog
    from crc_reporter.ui.dialogs.records import NewActorDialog, NewDocumentDialog, NewIndicatorDialog
    from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog

    ctx = window.ctx
    assert ctx is not None
    with ctx.store.session() as session:
        info = get_recommendation_info(session, 1)
    assert info is not None
    return _exchange_dialogs(window) + [
        ("settings", lambda: SettingsDialog(window.settings, window)),
        ("new actor", lambda: NewActorDialog(window)),
        ("new document", lambda: NewDocumentDialog(window)),
        ("new indicator", lambda: NewIndicatorDialog(window)),
        ("new action", lambda: NewActionDialog(ctx, "CRC/C/XMP/CO/5-6, para. 57", window)),
        ("link to a recommendation", lambda: RecommendationPicker(ctx, window)),
        ("assessment", lambda: AssessmentDialog(ctx, info, "civil_society", window)),
        ("link actions", lambda: ActionPicker(ctx, info, None, window)),
        ("classification", lambda: RecommendationDialog(info, [], window)),
    ]


def _exchange_dialogs(window: MainWindow) -> list[tuple[str, Callable[[], QWidget]]]:
    """Send, merge (with a package read), exports for other tools, an IMPACT OSS import, trusted keys."""
    from crc_reporter.domain.parsed import ParsedSource
    from crc_reporter.services.exchange import PublicKeyInfo, export_package
    from crc_reporter.services.interchange.impact import ImpactActions
    from crc_reporter.ui.dialogs.backups_panel import BackupsPanel
    from crc_reporter.ui.dialogs.interchange_dialog import InterchangeDialog
    from crc_reporter.ui.dialogs.merge_dialog import MergeDialog
    from crc_reporter.ui.dialogs.publish_dialog import PublishDialog
    from crc_reporter.ui.dialogs.send_dialog import SendWorkDialog
    from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog
    from crc_reporter.ui.dialogs.tools_export_dialog import IMPACT, TRACKER, ToolsExportDialog
    from crc_reporter.ui.dialogs.trusted_keys_panel import TrustedKeysPanel, TrustKeyDialog

    ctx = window.ctx
    assert ctx is not None
    assert ctx.store.path is not None
    package = ctx.store.path.with_name("mine.crcx")

    def merge() -> QWidget:
        with ctx.store.session() as session:
            export_package(session, package)
        dialog = MergeDialog(ctx, window)
        dialog.resize(1180, 720)
        dialog.read_file(str(package))
        return dialog

    def settings_keys() -> QWidget:
        backups = BackupsPanel(ctx.store, window.tasks, ctx.access, restore=lambda _p: None)
        keys = TrustedKeysPanel(ctx.store, window.tasks, ctx.access)
        return SettingsDialog(window.settings, window, backups=backups, tab=SettingsDialog.KEYS, keys=keys)

    key = PublicKeyInfo("Sokha", "SHA256:" + "A" * 43, "")
    impact = ParsedSource("impact-actions-csv", "measures.csv", payload=ImpactActions("measures.csv", (), ()))
    return [
        ("send my work", lambda: SendWorkDialog(ctx, window)),
        ("merge a package", merge),
        ("export the tracker", lambda: ToolsExportDialog(ctx, TRACKER, window)),
        ("export for IMPACT OSS", lambda: ToolsExportDialog(ctx, IMPACT, window)),
        ("import IMPACT OSS actions", lambda: InterchangeDialog(ctx, impact, window)),
        ("trust a key", lambda: TrustKeyDialog(key, window)),
        ("trusted keys", settings_keys),
        ("publish a website", lambda: PublishDialog(ctx, window)),
    ]


def test_dialogs_fit_and_are_translated(qtbot: QtBot, pseudo_window: MainWindow) -> None:
    problems: list[str] = []
    for name, make in _dialogs(pseudo_window):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot, pseudo_window)
        problems += [f"{name}: {f}" for f in clipped(dialog)]
        problems += [f"{name}: untranslated {t}" for t in leftovers(dialog, i18n.current_language())]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_welcome_panel_fits_and_is_translated(qtbot: QtBot, pseudo_window: MainWindow) -> None:
    welcome = MainWindow(None, pseudo_window.settings)  # no store open
    qtbot.addWidget(welcome)
    welcome.resize(1366, 768)
    welcome.show()
    qtbot.wait(1)
    problems = [str(f) for f in clipped(welcome)]
    problems += [f"untranslated {t}" for t in leftovers(welcome.centralWidget(), i18n.current_language())]
    assert not problems, "\n".join(problems)
