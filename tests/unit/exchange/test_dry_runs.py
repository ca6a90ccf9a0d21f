"""A dry run of an edited tracker or of IMPACT OSS actions writes nothing, on SQLite too.

Each row is applied in a savepoint; SQLite's driver opens no transaction
before a savepoint, so without care releasing the first one committed it and
the "dry run" (the window's preview) wrote the edits for good.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from crc_reporter.importers import load_source
from crc_reporter.services.interchange.impact import ImpactActions
from crc_reporter.services.interchange.impact_actions import apply_impact_actions
from crc_reporter.services.interchange.impact_export import ACTION_HEADERS
from crc_reporter.services.interchange.tracker_apply import apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, AuditEntry
from tests.exchange_support import build_base


def _audit(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count(AuditEntry.id))) or 0)


def test_a_tracker_dry_run_changes_nothing(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        build_base(session)
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    book = load_workbook(tmp_path / "t.xlsx")
    book["Actions"]["E2"] = "completed"
    book.save(tmp_path / "edited.xlsx")
    payload = load_source(tmp_path / "edited.xlsx").payload
    assert isinstance(payload, TrackerSheets)
    before = _audit(store)
    with store.session() as session:
        report = apply_tracker(session, payload, dry_run=True)
    assert len(report.changes) == 1 and not report.applied
    assert _audit(store) == before
    with store.session() as session:
        assert "completed" not in session.scalars(select(Action.status)).all()
        assert len(apply_tracker(session, payload).changes) == 1  # and the real run applies it
    with store.session() as session:
        assert "completed" in session.scalars(select(Action.status)).all()


def test_an_impact_actions_dry_run_changes_nothing(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        build_base(session)
    header = ",".join(f'"{h}"' for h in ACTION_HEADERS)
    (tmp_path / "a.csv").write_text(header + '\n"M-1","Train judges","",,"","","CRC/C/KHM/CO/4-6 para 3"\n', "utf-8")
    payload = load_source(tmp_path / "a.csv").payload
    assert isinstance(payload, ImpactActions)
    with store.session() as session:
        count = session.scalar(select(func.count(Action.id)))
        report = apply_impact_actions(session, payload, dry_run=True)
    assert report.created == 1 and not report.applied
    with store.session() as session:
        assert session.scalar(select(func.count(Action.id))) == count
