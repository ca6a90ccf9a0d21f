"""What the reports read from the store: order, links, assessments, coalition, confidentiality."""

from __future__ import annotations

import pytest

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.services.actors import create_actor
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.report_data import find_coalition, gather_report_data
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import CO


def test_sections_follow_the_guidelines_and_items_carry_their_links(demo_store: Store) -> None:
    with demo_store.session() as session:
        data = gather_report_data(session, CO, with_protocols=True)
    assert [s.key for s in data.sections] == [c.value for c in CLUSTER_ORDER] + [""]
    assert data.sections[0].articles_text == "arts. 4, 42 and 44 (6)"
    assert data.state_name == "the Republic of Xamplia"
    numbers = [i.number for s in data.sections for i in s.items]
    assert len(numbers) == len(set(numbers)) == 67
    item = next(i for i in data.items if i.number == 56)
    titles = {a.action.title: a.parts for a in item.actions}
    assert titles["Drafting of the Juvenile Justice Law"] == ("a",)
    assert item.government is not None or item.civil_society is not None
    assert {p.document.treaty for p in data.protocols} == {"OPSC", "OPAC"}
    assert data.confidential_left_out == 3
    assert all(not a.action.confidential for i in data.items for a in i.actions)
    detention = next(i for i in data.items if i.number == 57).indicators
    assert "Children in detention" in {ind.name for ind in detention}


def test_coalition_is_found_and_ambiguity_is_an_error(demo_store: Store) -> None:
    with demo_store.session() as session:
        coalition, members = find_coalition(session, None)
        assert coalition is not None and coalition.short_name == "CJN" and len(members) == 4
        assert find_coalition(session, "cjn")[0] == coalition  # short name, any case
        create_actor(session, "Second Coalition", "coalition")
        with pytest.raises(ValidationError, match="several coalitions"):
            find_coalition(session, None)
        with pytest.raises(ValidationError, match="not a coalition or an NGO"):
            find_coalition(session, "Ministry of Justice")
