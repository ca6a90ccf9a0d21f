"""Issue 22, item 4: the State and alternative reports cite other mechanisms; the matrix covers all or one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crc_reporter.reports.errors import ReportError
from crc_reporter.services.actions import create_action, link_action
from crc_reporter.services.cluster_placement import place_in_cluster
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.related_recommendations import recommendation_at, set_relation
from crc_reporter.store.engine import Store
from tests.mechanisms_fixture import CEDAW, CO, UPR, add_other_mechanisms
from tests.unit.reports.conftest import body_text, headings, open_docx, write
from tests.unit.reports.ooxml_validation import package_problems, schemas_folder

ACTION = "Juvenile courts opened in four provinces"


@pytest.fixture
def linked_store(demo_store: Store) -> Iterator[Store]:
    """UPR 110.45–110.49 linked to paragraph 57 (110.46 answered by an action), 110.50–110.51 and CEDAW 39 placed
    in special protection; 110.40 placed in civil rights."""
    with demo_store.session() as s:
        add_other_mechanisms(s)
        crc = recommendation_by_ref(s, CO, 57).id
        for i in range(45, 50):
            set_relation(s, crc, recommendation_at(s, UPR, f"110.{i}"))
        for ref in ("110.50", "110.51"):
            place_in_cluster(s, recommendation_at(s, UPR, ref), "special_protection")
        place_in_cluster(s, recommendation_at(s, CEDAW, "39"), "special_protection")
        place_in_cluster(s, recommendation_at(s, UPR, "110.40"), "civil_rights")
        action = create_action(s, ACTION, status="ongoing")
        link_action(s, action.id, recommendation_at(s, UPR, "110.46"))
    yield demo_store


def test_state_report_cites_related_and_placed_recommendations(linked_store: Store, tmp_path: Path) -> None:
    write(linked_store, tmp_path, "state")
    text = body_text(open_docx(tmp_path / "state.docx"))
    assert "See also UPR recommendations 110.45–110.49, supported." in text
    assert "Measures taken in reply to these recommendations" in text and ACTION in text
    assert text.index("Paragraph 57") < text.index("See also UPR recommendations 110.45–110.49") < text.index(ACTION)
    assert (
        "This chapter also replies to UPR recommendation 110.51, supported in part; UPR recommendation 110.50, "
        "noted; CEDAW/C/XMP/CO/8, para. 39." in text
    )
    assert "This chapter also replies to UPR recommendation 110.40, supported." in text
    assert "Recommendations of other mechanisms" in headings(open_docx(tmp_path / "state.docx"), 2)
    # the chapter on special protection holds them, in guideline order after civil rights
    assert text.index("110.40, supported") < text.index("110.50, noted")
    assert text.count(ACTION) == 1  # written once, where it first answers


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Voir aussi\u00a0: recommandations 110.45–110.49 de l’EPU, appuyées."),
        ("km", "សូមមើលផងដែរ អនុសាសន៍ UPR ១១០.៤៥–១១០.៤៩ ដែលបានគាំទ្រ។"),
    ],
)
def test_french_and_khmer_drafts_cite_them_too(linked_store: Store, tmp_path: Path, lang: str, expected: str) -> None:
    write(linked_store, tmp_path, "state", lang=lang, khmer_digits=lang == "km")
    text = body_text(open_docx(tmp_path / "state.docx"))
    assert expected in text
    if (schemas_folder() / "all.xsd").is_file():  # every part still validates against ISO/IEC 29500
        assert package_problems(tmp_path / "state.docx") == []


def test_alternative_report_cites_them(linked_store: Store, tmp_path: Path) -> None:
    write(linked_store, tmp_path, "alternative")
    text = body_text(open_docx(tmp_path / "alternative.docx"))
    assert "See also UPR recommendations 110.45–110.49, supported." in text
    assert "This chapter also replies to UPR recommendation 110.51, supported in part" in text and ACTION in text


def test_matrix_of_all_mechanisms_or_one(linked_store: Store, tmp_path: Path) -> None:
    write(linked_store, tmp_path, "matrix", "all.docx", mechanism="all")
    every = body_text(open_docx(tmp_path / "all.docx"))
    assert "Universal Periodic Review (A/HRC/56/12)" in every and "110.52" in every
    assert "Committee on the Elimination of Discrimination against Women (CEDAW/C/XMP/CO/8)" in every
    assert "Administration of child justice" in every  # the CRC's own rows stay
    if (schemas_folder() / "all.xsd").is_file():
        assert package_problems(tmp_path / "all.docx") == []
    write(linked_store, tmp_path, "matrix", "upr.docx", mechanism="UPR")
    upr = body_text(open_docx(tmp_path / "upr.docx"))
    assert "Follow-up status matrix: A/HRC/56/12" in upr and "110.45" in upr and "Supported in part" in upr
    assert "CEDAW" not in upr and "Administration of child justice" not in upr
    with pytest.raises(ReportError, match="no recommendations of CRPD"):
        write(linked_store, tmp_path, "matrix", "crpd.docx", mechanism="CRPD")
    assert not (tmp_path / "crpd.docx").exists()
