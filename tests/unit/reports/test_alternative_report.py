"""Issue 19, item 6 (part): the alternative report a coalition sends (Child Rights Connect's guidance)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, headings, open_docx, write


def test_concerns_overdue_targets_summary_and_consent(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        late = [
            a
            for a in list_actions(session, ActionFilter(document="CRC/C/XMP/CO/5-6"))
            if a.end_date and a.end_date < dt.date.today() and a.status in ("planned", "ongoing")
        ]
    assert late  # the demo has actions past their target date
    doc = open_docx(write(demo_store, tmp_path, "alternative").path)  # type: ignore[arg-type]
    text = body_text(doc)
    assert "Concern of the Committee (paragraph 55 of CRC/C/XMP/CO/5-6)" in text  # a concern is not labelled
    assert "Recommendation of the Committee (paragraph 55 " not in text  # … "Recommendation"
    drafting = next(a for a in late if a.title == "Drafting of the Juvenile Justice Law")
    assert "Drafting of the Juvenile Justice Law (30 June 2025)" in text and "Target date" in text
    assert drafting.status == "ongoing"
    chapters = headings(doc, 1)
    assert chapters[0] == "Executive summary" and chapters[1].startswith("I. Introduction")
    assert chapters[-2].endswith("Contact and consent") and chapters[-1] == "Annex: statistical data"
    assert "agrees that the Committee may publish this report" in text
    confidential = body_text(
        open_docx(write(demo_store, tmp_path, "alternative", name="c.docx", confidential_marking=True).path)
    )  # type: ignore[arg-type]
    assert "keep this report confidential" in confidential and "may publish" not in confidential
