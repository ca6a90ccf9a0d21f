"""Recording a side's assessment (always a new entry, never overwriting the other side)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.services.assessments import record_assessment
from crc_reporter.services.restore import delete_assessment_recorded, restore_assessment
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand

ASSESSMENT = "assessment"


class RecordAssessment(StoreCommand):
    def __init__(
        self,
        rec_id: int,
        side: str,
        status: str,
        *,
        assessed_on: dt.date | None = None,
        part: str | None = None,
        assessor_id: int | None = None,
        note: str = "",
        evidence: str = "",
    ) -> None:
        super().__init__(_("{side}: {status}").format(side=label(side), status=label(status)))
        self.rec_id, self.side, self.status = rec_id, side, status
        self.assessed_on, self.part, self.assessor_id = assessed_on, part, assessor_id
        self.note, self.evidence = note, evidence
        self.recorded: AssessmentInfo | None = None
        self._removed: tuple[AssessmentInfo, int | None] | None = None

    def apply(self, session: Session) -> None:
        if self._removed is not None:  # redo: the same entry again
            info, assessor = self._removed
            new_id = restore_assessment(session, info, assessor)
            self.remap(ASSESSMENT, info.id, new_id)
            return
        self.recorded = record_assessment(
            session,
            self.rec_id,
            self.side,
            self.status,
            assessed_on=self.assessed_on,
            part=self.part,
            assessor_id=self.assessor_id,
            note=self.note,
            evidence=self.evidence,
        )

    def revert(self, session: Session) -> None:
        assert self.recorded is not None
        self._removed = delete_assessment_recorded(session, self.resolve(ASSESSMENT, self.recorded.id))

    def announce(self, events: StoreEvents) -> None:
        events.announce_assessments([self.rec_id])
        events.announce_recommendations([self.rec_id])
