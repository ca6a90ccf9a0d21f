"""One entry for files that carry records: every kind the importers produce is previewed and applied
through services.payloads, whatever reads it (the command line, the window)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from crc_reporter.domain.parsed import PayloadKind
from crc_reporter.importers import load_source
from crc_reporter.services import exchange as ex
from crc_reporter.services import payloads
from crc_reporter.services.interchange.impact_export import ACTION_HEADERS
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action
from tests.exchange_support import build_base


def test_every_kind_has_one_entry() -> None:
    applied = set(payloads._KINDS)
    assert PayloadKind.PACKAGE not in applied  # merged, with conflicts and signatures
    assert applied | {PayloadKind.PACKAGE} == set(PayloadKind)


def test_a_tracker_and_impact_actions_go_through_one_entry(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        build_base(session)
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    book = load_workbook(tmp_path / "t.xlsx")
    book["Actions"]["E2"] = "completed"
    book.save(tmp_path / "edited.xlsx")
    header = ",".join(f'"{h}"' for h in ACTION_HEADERS)
    (tmp_path / "a.csv").write_text(header + '\n"M-1","Train judges","",,"","","CRC/C/KHM/CO/4-6 para 3"\n', "utf-8")

    tracker = load_source(tmp_path / "edited.xlsx").payload
    impact = load_source(tmp_path / "a.csv").payload
    assert tracker is not None and impact is not None
    assert (tracker.kind, impact.kind) == (PayloadKind.TRACKER, PayloadKind.IMPACT_ACTIONS)
    assert not payloads.is_merged(tracker) and not payloads.is_merged(impact)
    assert payloads.describe(tracker).title == "Import an edited tracker"
    assert payloads.describe(impact).title == "Import IMPACT OSS actions"

    with store.session() as session:
        preview = payloads.apply_payload(session, tracker, dry_run=True)
    assert (preview.kind, preview.applied, preview.changes, preview.anything) == (PayloadKind.TRACKER, False, 1, True)
    assert preview.as_json()["changes"][0]["new"] == "completed"
    warnings, lines = preview.terminal()
    assert lines[0].startswith("Would apply edited.xlsx: 1 changes") and len(lines) == 2 and not warnings

    with store.session() as session:
        actions_before = session.scalar(select(func.count(Action.id)))
        done = payloads.apply_payload(session, impact)
    assert (done.kind, done.applied, done.changes, done.links) == (PayloadKind.IMPACT_ACTIONS, True, 1, 1)
    assert done.terminal()[1][0].startswith("Imported a.csv: 1 actions added")
    with store.session() as session:
        assert session.scalar(select(func.count(Action.id))) == (actions_before or 0) + 1


def test_a_package_is_merged_not_applied(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        build_base(session)
        ex.export_package(session, tmp_path / "mine.crcx")
    package = load_source(tmp_path / "mine.crcx").payload
    assert package is not None and package.kind is PayloadKind.PACKAGE
    assert payloads.is_merged(package)
