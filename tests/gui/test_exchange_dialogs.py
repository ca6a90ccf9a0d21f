"""Working together offline from the window: send a package, merge one with conflicts, exports for other tools."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crc_reporter.domain.roles import Role
from crc_reporter.services import actions as action_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.backups import list_backups
from crc_reporter.services.exchange import package as pkg
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Recommendation
from crc_reporter.ui.dialogs.merge_dialog import MergeDialog
from crc_reporter.ui.dialogs.send_dialog import ACTOR, SendWorkDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.models.exchange import ConflictItem
from crc_reporter.ui.settings import AppSettings
from tests.exchange_support import open_taking_unsigned

from .conftest import Idle


def _send(qtbot: QtBot, window: MainWindow) -> SendWorkDialog:
    assert window.ctx is not None
    dialog = SendWorkDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.outline is not None, timeout=10_000)
    return dialog


def _written(qtbot: QtBot, dialog: SendWorkDialog, out: Path) -> ex.ExportResult:
    dialog.write(out)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20_000)
    assert dialog.result is not None, dialog.message.text()
    return dialog.result


def test_send_leaves_confidential_actions_out_unless_ticked(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path
) -> None:
    idle()
    dialog = _send(qtbot, window)
    assert not dialog.include_confidential.isChecked()
    assert dialog.confidential_line.text() == "3 confidential actions stay out of the file."
    assert "The package will hold" in dialog.size_line.text()
    dialog.sign.setChecked(False)
    result = _written(qtbot, dialog, tmp_path / "plain")  # the suffix is added
    assert result.path == tmp_path / "plain.crcx" and result.left_out_confidential == 3
    info = ex.open_package(result.path).info
    assert info.confidential == 0 and info.signer is None and not info.is_selection
    assert "3 confidential actions were left out" in dialog.message.text() and "not signed" in dialog.message.text()
    assert dialog.close_button.text() == "Close" and dialog.save_button.isHidden()
    assert "Wrote plain.crcx" in window.statusBar().currentMessage()

    again = _send(qtbot, window)
    again.include_confidential.setChecked(True)
    assert "3 confidential actions will be in the file" in again.confidential_line.text()
    result = _written(qtbot, again, tmp_path / "all.crcx")
    info = ex.open_package(result.path).info
    assert info.confidential == 3 and info.include_confidential
    assert info.signer is not None and result.signer == info.signer.fingerprint  # a key pair was made on first use
    assert "Your key" in again.key_line.text() and again.public_button.isVisible()


def test_send_one_actors_actions(qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path) -> None:
    idle()
    dialog = _send(qtbot, window)
    everything = dialog.outline
    assert everything is not None
    dialog.scope.button(ACTOR).setChecked(True)
    assert dialog.actor.isEnabled() and dialog.actor.count() > 0
    actor = dialog.actor.currentData()
    qtbot.waitUntil(lambda: dialog.outline is not None, timeout=10_000)
    assert dialog.outline.records() < everything.records()
    dialog.sign.setChecked(False)
    result = _written(qtbot, dialog, tmp_path / "actor.crcx")
    assert ex.open_package(result.path).info.selection["actor"] == actor


# --- merging ----------------------------------------------------------------------------------------------


def _edit(store: Store, table: type, uuid: str, **values: object) -> None:
    with store.session() as session:
        record = session.scalar(select(table).where(table.uuid == uuid))
        assert record is not None
        if table is Recommendation:
            rec_svc.update_recommendation(session, record.id, **values)
        elif values.get("delete"):
            action_svc.delete_action(session, record.id)
        else:
            action_svc.update_action(session, record.id, **values)


@pytest.fixture(autouse=True)
def _taking_unsigned(demo_store: Store) -> None:
    """These tests are about what the dialogs show and merge, with unsigned packages:
    the window's store takes them ("require trusted packages" off, through the service;
    test_the_merge_dialog_refuses_an_unsigned_package_when_trusted_ones_are_required turns it on)."""
    with demo_store.session() as session:
        ex.set_require_trusted_packages(session, False)


@pytest.fixture
def theirs(demo_store: Store, tmp_path: Path) -> Iterator[tuple[Store, dict[str, str]]]:
    """A second copy (Bob's), made from a package of the demo store; both then change the same three records."""
    with demo_store.session() as session:
        ex.export_package(session, tmp_path / "first.crcx")
    copy = open_taking_unsigned(tmp_path / "bob.sqlite", user="bob")
    with copy.session() as session:
        ex.merge_package(session, ex.open_package(tmp_path / "first.crcx"))
    with demo_store.session() as session:
        rec = session.scalar(select(Recommendation.uuid).where(Recommendation.number == 20).order_by(Recommendation.id))
        actions = list(session.scalars(select(Action.uuid).where(Action.confidential.is_(False)).order_by(Action.id)))
    uuids = {"text": str(rec), "status": actions[0], "deleted": actions[1]}
    _edit(demo_store, Recommendation, uuids["text"], text="My wording of paragraph 20.")
    _edit(copy, Recommendation, uuids["text"], text="Their wording of paragraph 20.")
    _edit(demo_store, Action, uuids["status"], status="completed")
    _edit(copy, Action, uuids["status"], status="cancelled")
    _edit(demo_store, Action, uuids["deleted"], title="Still going on here")
    _edit(copy, Action, uuids["deleted"], delete=True)
    yield copy, uuids
    copy.close()


def _merge_dialog(qtbot: QtBot, window: MainWindow) -> MergeDialog:
    assert window.ctx is not None
    dialog = MergeDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.resize(1180, 720)
    dialog.show()
    return dialog


def _wait(qtbot: QtBot, dialog: MergeDialog) -> None:
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20_000)


def _package(store: Store, path: Path) -> Path:
    with store.session() as session:
        ex.export_package(session, path)
    return path


def _value(store: Store, table: type, uuid: str, column: str) -> object:
    with store.session() as session:
        return session.scalar(select(getattr(table, column)).where(table.uuid == uuid))


def test_conflicts_are_shown_with_both_versions_and_merged_as_chosen(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
) -> None:
    copy, uuids = theirs
    package = _package(copy, tmp_path / "bob.crcx")
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(package))
    _wait(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()
    card = dialog.card.values
    assert card["creator"].text().startswith("bob, from bob.sqlite")
    assert card["signature"].text().startswith("Not signed") and dialog.card.trust_button.isHidden()
    assert "records" in card["records"].text() and card["confidential"].text() == "None"
    assert dialog.counts.rowCount() > 0 and dialog.preview is not None and not dialog.preview.applied

    panel = dialog.conflicts
    assert panel.isVisible() and panel.heading.text() == "3 conflicts need your choice"
    rows = {item.conflict.uuid: item for item in panel.model.rows()}
    assert set(rows) == set(uuids.values())
    assert rows[uuids["deleted"]].conflict.kind is ex.ConflictKind.DELETED_THERE

    # both versions of the paragraph, the difference highlighted
    assert panel.table.select_id(uuids["text"])
    versions = panel.versions_model
    first = versions.record(0)
    assert first.key == "text" and first.differs
    assert first.mine == "My wording of paragraph 20." and first.theirs == "Their wording of paragraph 20."
    assert versions.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    same = next(r for r in versions.rows() if not r.differs)
    assert versions.index(versions.row_of(same.key), 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert panel.mine_button.isEnabled() and panel.theirs_button.isEnabled()
    panel.theirs_button.click()  # take their wording; the next undecided conflict is selected

    # the deleted side is said plainly
    assert panel.table.select_id(uuids["deleted"])
    assert "The other side deleted this record" in panel.note.text()
    assert panel.versions_model.record(0).theirs == "— deleted —"

    assert panel.table.select_id(uuids["status"])
    panel.mine_button.click()
    assert panel.resolutions() == {uuids["text"]: ex.Resolution.TAKE_THEIRS, uuids["status"]: ex.Resolution.KEEP_MINE}
    assert "1 conflict is undecided" in dialog.merge_button.toolTip()

    with qtbot.waitSignal(window.ctx.events.store_reloaded, timeout=20_000):  # type: ignore[union-attr]
        dialog.merge_button.click()
    _wait(qtbot, dialog)
    assert dialog.merged is not None and dialog.merged.applied
    assert _value(demo_store, Recommendation, uuids["text"], "text") == "Their wording of paragraph 20."
    assert _value(demo_store, Action, uuids["status"], "status") == "completed"
    assert _value(demo_store, Action, uuids["deleted"], "title") == "Still going on here"  # left as it is
    text = dialog.message.text()
    assert "2 conflicts settled as you chose" in text and "1 conflict is left as it is" in text
    assert "cannot be undone with Edit ▸ Undo" in text
    assert [item.conflict.uuid for item in panel.model.rows()] == [uuids["deleted"]]
    assert panel.heading.text() == "1 conflict is still undecided"
    assert dialog.merge_button.text() == "Merge my choices" and dialog.close_button.text() == "Close"
    assert any(b.reason == "before-merge" for b in list_backups(demo_store))

    # merging the same package again later offers the undecided one again, and nothing else
    again = _merge_dialog(qtbot, window)
    again.read_file(str(package))
    _wait(qtbot, again)
    assert [c.uuid for c in again.preview.conflicts] == [uuids["deleted"]]  # type: ignore[union-attr]
    assert again.preview.changes == 0  # type: ignore[union-attr]
    again.conflicts.all_theirs_button.click()
    assert isinstance(again.conflicts.current(), ConflictItem)
    again.merge_button.click()
    _wait(qtbot, again)
    assert not again.merged.conflicts and again.merge_button.isHidden()  # type: ignore[union-attr]
    assert _value(demo_store, Action, uuids["deleted"], "title") is None  # their deletion, taken


def _forged_signature(store: Store, tmp_path: Path) -> bytes:
    """A signed package whose content was changed by someone who fixed the hashes and the seal, not the signature."""
    ex.generate_keypair(tmp_path / "bob.key", "Bob")
    with store.session() as session:
        ex.export_package(session, tmp_path / "signed.crcx", key_file=tmp_path / "bob.key")
    with zipfile.ZipFile(tmp_path / "signed.crcx") as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    actions = json.loads(members["records/action.json"])
    actions["records"][0][4 + actions["fields"].index("title")] = "Something else entirely"
    members["records/action.json"] = json.dumps(actions).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["records/action.json"]["sha256"] = hashlib.sha256(members["records/action.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.comment = b"\0" * pkg.SEAL_LEN
    body = buffer.getvalue()[: -pkg.SEAL_LEN]
    return body + pkg.SEAL_PREFIX + hashlib.sha256(body).hexdigest().encode()


def test_a_tampered_package_is_refused_and_nothing_changes(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
) -> None:
    copy, uuids = theirs
    package = _package(copy, tmp_path / "bob.crcx")
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01  # one byte changed
    bad = tmp_path / "bad.crcx"
    bad.write_bytes(bytes(data))
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(bad))
    _wait(qtbot, dialog)
    assert dialog.message.isVisible() and "bad.crcx was refused" in dialog.message.text()
    assert "\n" not in dialog.message.text() and "nothing was changed" in dialog.message.text()
    assert dialog.stack.currentIndex() == 0 and not dialog.merge_button.isEnabled()
    forged = tmp_path / "forged.crcx"
    forged.write_bytes(_forged_signature(copy, tmp_path))
    dialog.read_file(str(forged))
    _wait(qtbot, dialog)
    assert "its signature does not match its content (bad signature)" in dialog.message.text()
    assert dialog.stack.currentIndex() == 0 and not dialog.merge_button.isEnabled()
    not_a_package = tmp_path / "notes.crcx"
    not_a_package.write_text("hello", encoding="utf-8")
    dialog.read_file(str(not_a_package))
    _wait(qtbot, dialog)
    assert "not a CRC Reporter exchange package" in dialog.message.text()
    assert _value(demo_store, Recommendation, uuids["text"], "text") == "My wording of paragraph 20."
    assert not any(b.reason == "before-merge" for b in list_backups(demo_store))


def test_cancelling_a_merge_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
) -> None:
    copy, uuids = theirs
    with copy.session() as session:
        action_svc.create_action(session, "Only in Bob's copy")
    package = _package(copy, tmp_path / "bob.crcx")
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(package))
    _wait(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.added.get("action") == 1
    dialog.conflicts.all_theirs_button.click()
    dialog.merge()
    dialog.progress.cancel_button.click()
    _wait(qtbot, dialog)
    assert dialog.merged is None and dialog.message.text() == "Cancelled; nothing was changed."
    with demo_store.session() as session:
        assert session.scalar(select(func.count()).where(Action.title == "Only in Bob's copy")) == 0
    assert _value(demo_store, Recommendation, uuids["text"], "text") == "My wording of paragraph 20."
    assert dialog.merge_button.isEnabled()  # the person may try again


def test_a_signed_package_shows_its_signer_and_the_key_can_be_trusted(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy, _uuids = theirs
    key = tmp_path / "bob.key"
    ex.generate_keypair(key, "Bob at the coalition")
    with copy.session() as session:
        ex.export_package(session, tmp_path / "signed.crcx", key_file=key)
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(tmp_path / "signed.crcx"))
    _wait(qtbot, dialog)
    signature = dialog.card.values["signature"].text()
    assert "does not know" in signature and "Bob at the coalition" in signature and "SHA256:" in signature
    assert dialog.card.trust_button.isVisible()
    from crc_reporter.ui.dialogs.trusted_keys_panel import TrustKeyDialog

    monkeypatch.setattr(TrustKeyDialog, "exec", lambda self: 1)  # the person checked the fingerprint and said yes
    dialog.card.trust_button.click()
    _wait(qtbot, dialog)
    assert dialog.card.values["signature"].text() == "Signed by a trusted key: “Bob at the coalition”"
    assert dialog.card.trust_button.isHidden()
    with window.ctx.store.session() as session:  # type: ignore[union-attr]
        assert [k.name for k in ex.trusted_keys(session)] == ["Bob at the coalition"]


def test_a_read_only_window_cannot_merge(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> None:
    demo_store.role = Role.VIEWER
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.show()
    merge = win.exchange.merge_action
    assert not merge.isEnabled() and "viewer" in merge.toolTip()
    assert win.exchange.send_action.isEnabled()  # sending is reading
    dialog = MergeDialog(win.ctx, win)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled() and "viewer" in dialog.merge_button.toolTip()
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=10_000)


def test_a_role_that_cannot_see_confidential_records_cannot_exchange(
    qtbot: QtBot, demo_store: Store, settings: AppSettings
) -> None:
    demo_store.confidential = False  # as a shared server reports an editor without access to confidential rows
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    for action in (win.exchange.send_action, win.exchange.merge_action):
        assert not action.isEnabled() and "sees confidential records" in action.toolTip()
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=10_000)


def test_a_package_deleting_many_records_asks_first_and_lists_them(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crc_reporter.ui.dialogs import ask as ask_module

    with demo_store.session() as session:
        ex.export_package(session, tmp_path / "first.crcx")
    copy = open_taking_unsigned(tmp_path / "bob.sqlite", user="bob")
    with copy.session() as session:
        ex.merge_package(session, ex.open_package(tmp_path / "first.crcx"))
        gone = list(session.scalars(select(Action).where(Action.confidential.is_(False)).order_by(Action.id)))[:8]
        titles = {a.title for a in gone}
        for action in gone:
            action_svc.delete_action(session, action.id)
    package = _package(copy, tmp_path / "bob.crcx")
    copy.close()
    with demo_store.session() as session:
        before = session.scalar(select(func.count()).select_from(Action))
    asked: list[str] = []
    answer = [False]

    def fake_ask(_parent: object, _title: str, text: str, informative: str = "", **_kw: object) -> bool:
        asked.append(text + "\n" + informative)
        return answer[0]

    monkeypatch.setattr(ask_module, "ask", fake_ask)
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(package))
    _wait(qtbot, dialog)
    dialog.merge()
    _wait(qtbot, dialog)
    assert len(asked) == 1 and "This package deletes" in asked[0]  # the actions, their links and sources
    assert any(title in asked[0] for title in titles)
    assert "did not agree" in dialog.message.text()
    with demo_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Action)) == before
    answer[0] = True
    dialog.merge()
    qtbot.waitUntil(lambda: dialog.merged is not None, timeout=30_000)
    _wait(qtbot, dialog)
    removed = dialog.merged.deleted.get("action", 0)
    assert len(asked) == 2 and removed >= 7  # one may be still used here (then it is a conflict)
    with demo_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Action)) == before - removed


def test_the_merge_dialog_refuses_an_unsigned_package_when_trusted_ones_are_required(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
) -> None:
    copy, _uuids = theirs
    package = _package(copy, tmp_path / "bob.crcx")
    with demo_store.session() as session:
        ex.set_require_trusted_packages(session, True)
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(package))
    _wait(qtbot, dialog)
    assert dialog.message.isVisible() and "\n" not in dialog.message.text()
    assert "bob.crcx is not signed" in dialog.message.text()
    assert "Require trusted packages" in dialog.message.text()
    assert not dialog.merge_button.isEnabled()  # the package is described, and cannot be merged


def test_trusting_the_signer_in_the_merge_dialog_lets_its_package_be_merged(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    theirs: tuple[Store, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy, _uuids = theirs
    key = tmp_path / "bob.key"
    ex.generate_keypair(key, "Bob at the coalition")
    with copy.session() as session:
        ex.export_package(session, tmp_path / "signed.crcx", key_file=key)
    with demo_store.session() as session:
        ex.set_require_trusted_packages(session, True)
    idle()
    dialog = _merge_dialog(qtbot, window)
    dialog.read_file(str(tmp_path / "signed.crcx"))
    _wait(qtbot, dialog)
    assert "does not trust" in dialog.message.text() and not dialog.merge_button.isEnabled()
    from crc_reporter.ui.dialogs.trusted_keys_panel import TrustKeyDialog

    monkeypatch.setattr(TrustKeyDialog, "exec", lambda self: 1)
    qtbot.mouseClick(dialog.card.trust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog._task is None, timeout=20_000)
    assert dialog.merge_button.isEnabled() and dialog.message.text().startswith("Trusted Bob at the coalition")
