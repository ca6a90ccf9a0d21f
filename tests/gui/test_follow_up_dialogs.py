"""Issue 23 in the window: Follow-up ▸ Ask for updates…, Answer a request…, Merge a reply… and the review."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crc_reporter.domain.follow_up import ChangeState, RequestState
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.exchange import read_public_key, trust_key
from crc_reporter.services.request_reply import open_request
from crc_reporter.store.models import Action
from crc_reporter.ui import signing_key
from crc_reporter.ui.dialogs.answer_dialog import AnswerDialog
from crc_reporter.ui.dialogs.follow_up_dialogs import AskDialog, ReviewDialog, merge_reply_file
from crc_reporter.ui.main_window import MainWindow

from .mouse import click_row


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_ask_answer_merge_and_review(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = window.ctx
    assert ctx is not None
    assert "F&ollow-up" in [a.text() for a in window.menuBar().actions()]
    request_file = tmp_path / "health.crcrequest"
    ask = AskDialog(ctx, window)
    qtbot.addWidget(ask)
    ask.body_box.setCurrentIndex(ask.body_box.findData("Ministry of Health"))
    ask.language.setCurrentIndex(ask.language.findData("km"))
    _save_to(monkeypatch, request_file)
    ask._accept()
    assert ask.error.text() == "" and ask.written == request_file
    with ctx.store.session() as session:
        (info,) = fu.list_requests(session)
        assert (info.recipient, info.language, info.state) == ("Ministry of Health", "km", RequestState.SENT)
        # the recipient's key (the same person here) is trusted by the coordinator's store
        trust_key(session, read_public_key(signing_key.public_path()))

    # the recipient answers the status of one action in the dialog, and saves the signed reply
    view = open_request(request_file.read_bytes(), request_file.name)
    answer = AnswerDialog(view, "sokha", window)
    qtbot.addWidget(answer)
    row = next(n for n, r in enumerate(answer.model.rows()) if r.kind == "action_status")
    answer.table.selectRow(row)
    answer.status.setCurrentIndex(answer.status.findData("completed"))
    answer.text.setText("Done in all provinces")
    answer._keep()
    assert "Done in all provinces" in answer.model.index(row, 2).data()
    reply = tmp_path / "health.crcreply"
    _save_to(monkeypatch, reply)
    answer.save()
    assert answer.written == reply

    # the coordinator merges it; the review shows the proposal, approves it
    shown: list[ReviewDialog] = []
    monkeypatch.setattr(ReviewDialog, "exec", lambda self: shown.append(self) or 0)
    merge_reply_file(ctx, window)
    (review,) = shown
    qtbot.addWidget(review)
    assert review.model.rowCount() == 1 and "1" in review.message.text()
    change = review.model.record(0)
    assert change.state is ChangeState.PROPOSED and change.proposed_by == "sokha"
    review.show()
    qtbot.waitExposed(review)
    click_row(review.table, 0)
    assert review.selected_ids() == [change.uuid]
    review.approve_selected()
    assert review.error.text() == ""
    with ctx.store.session() as session:
        assert session.scalar(select(Action.status).where(Action.uuid == change.target_uuid)) == "completed"
        assert pr.list_changes(session)[0].state is ChangeState.APPROVED
    assert review.model.rowCount() == 0  # approved ones are hidden unless asked for
    review.show_decided.setChecked(True)
    assert review.model.rowCount() == 1

    # one sent back stays visible with the note
    with ctx.store.session() as session:
        rec = fu.list_requests(session)[0]
        item = next(i for i in fu.request_items(session, rec.uuid) if i.kind == "new_action")
        row_, _new = pr.propose(session, kind="new_action", target_uuid=item.target_uuid, payload={"title": "Report"},
                                actor=None)  # fmt: skip
        back = row_.uuid
    review.reload()
    review.table.selectRow(next(n for n, c in enumerate(review.model.rows()) if c.uuid == back))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Which report?", True))
    review.send_back_selected()
    sent_back = next(c for c in review.model.rows() if c.uuid == back)
    assert sent_back.state is ChangeState.SENT_BACK and sent_back.note == "Which report?"


def test_focal_point_enters_updates_without_a_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crc_reporter.ui.dialogs import answer_dialog

    ctx = window.ctx
    assert ctx is not None
    with ctx.store.session() as session:
        request = fu.create_request(session, "Ministry of Interior")
        request_uuid = request.uuid
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[0], True))
    opened: list[AnswerDialog] = []
    monkeypatch.setattr(AnswerDialog, "exec", lambda self: opened.append(self) or 0)
    answer_dialog.enter_updates(ctx, window)
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.view.uuid == request_uuid and dialog.ctx is ctx
    row = next(n for n, r in enumerate(dialog.model.rows()) if r.kind == "new_action")
    dialog.table.selectRow(row)
    dialog.text.setText("Juvenile court in every province")
    dialog._keep()
    dialog.save()
    assert dialog.proposed == 1
    with ctx.store.session() as session:
        (change,) = pr.list_changes(session, request_uuid=request_uuid)
        assert change.state is ChangeState.PROPOSED and change.payload["title"] == "Juvenile court in every province"
        assert change.item_uuid is not None and change.proposed_by == ctx.store.user
