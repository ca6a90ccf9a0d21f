"""What paragraphs and headings say: clusters, articles, SDG targets, earlier recommendations, urgency, next report."""

from __future__ import annotations

import datetime as dt

import pytest

from crc_reporter.importers.analysis import (
    classify,
    clean_part_text,
    dialogue_and_adoption,
    next_report,
    previous_references,
    sdg_targets,
    urgent_paragraphs,
)
from crc_reporter.importers.headings import describe


@pytest.mark.parametrize(
    ("heading", "cluster", "articles"),
    [
        ("A. General measures of implementation (arts. 4, 42 and 44 (6))", "general_measures", ["4", "42", "44(6)"]),
        (
            "A. General measures of implementation (arts. 4, 42 and 44, para. 6 of the Convention)",
            "general_measures",
            ["4", "42", "44(6)"],
        ),
        ("B. Definition of the child (article 1 of the Convention)", "definition", ["1"]),
        (
            "D. Civil rights and freedoms (arts. 7, 8, 13-17, 19 and 37 (a) of the Convention)",
            "civil_rights",
            ["7", "8", "13", "14", "15", "16", "17", "19", "37(a)"],
        ),
        (
            "E. Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)",
            "violence",
            ["19", "24(3)", "28(2)", "34", "37(a)", "39"],
        ),
        (
            "E. Family environment and alternative care (arts. 5, 18 (paras. 1-2), 9-11, 19-21, 25, 27 (para. 4) and 39 "
            "of the Convention)",
            "family_environment",
            ["5", "18(1)", "18(2)", "9", "10", "11", "19", "20", "21", "25", "27(4)", "39"],
        ),
        ("G. Children with disabilities (art. 23)", "health_welfare", ["23"]),
        (
            "H. Basic health and welfare (arts. 6, 18 (3), 24, 26, 27 (1)–(3) and 33)",
            "health_welfare",
            ["6", "18(3)", "24", "26", "27(1)", "27(2)", "27(3)", "33"],
        ),
        (
            "G. Disability, basic health and welfare (arts. 6, 18 (3), 23, 24, 26, 27 (1)–(3) and 33)",
            "health_welfare",
            ["6", "18(3)", "23", "24", "26", "27(1)", "27(2)", "27(3)", "33"],
        ),
        ("I. Education, leisure and cultural activities (arts. 28–31)", "education", ["28", "29", "30", "31"]),
        ("5. Basic health and welfare", "health_welfare", []),
        (
            "K. Follow-up to the Committee's previous concluding observations and recommendations on the Optional "
            "Protocols",
            "optional_protocols",
            [],
        ),
    ],
)
def test_cluster_headings(heading: str, cluster: str, articles: list[str]) -> None:
    info = describe(heading)
    assert info is not None and info.level in (1, 2)  # "I." may be a chapter or section I: the parser decides
    assert info.cluster is not None and info.cluster.value == cluster
    assert list(info.articles) == articles
    assert "(" not in info.title or "Optional" in info.title


@pytest.mark.parametrize(
    "heading",
    [
        "L. Ratification of the Optional Protocol on a communications procedure",
        "III. Main areas of concern and recommendations",
        "C. Next report",
        "IV. Implementation and reporting",
        "N. Cooperation with regional bodies",
    ],
)
def test_headings_that_close_a_cluster(heading: str) -> None:
    info = describe(heading)
    assert info is not None and info.neutral and info.cluster is None


def test_subheadings_and_sentences() -> None:
    sub = describe("Administration of child justice")
    assert sub is not None and sub.level == 3 and sub.cluster is None
    assert describe("12. The Committee recommends that the State party:") is None
    assert describe("The Committee is concerned about the situation.") is None


def test_sdg_targets() -> None:
    text = (
        "taking note of targets 5.2, 16.1 and 16.2 of the Sustainable Development Goals, and of target 4.a; "
        "the 0.7 per cent target 0.7 is not a target"
    )
    assert sdg_targets(text) == ["5.2", "16.1", "16.2", "4.a"]


def test_previous_references() -> None:
    text = (
        "Recalling its previous recommendations (CRC/C/KHM/CO/2-3, paras. 28 (a) and 30–32) and "
        "(CRC/C/15/Add.128, para. 5), and those of the Committee against Torture (CAT/C/KHM/CO/2, para. 3) "
        "and its own (CRC/C/KHM/CO/4-6, para. 9)"
    )
    assert previous_references(text, "CRC/C/KHM/CO/4-6") == [
        ("CRC/C/KHM/CO/2-3", 28),
        ("CRC/C/KHM/CO/2-3", 30),
        ("CRC/C/KHM/CO/2-3", 31),
        ("CRC/C/KHM/CO/2-3", 32),
        ("CRC/C/15/Add.128", 5),
    ]


def test_urgent_measures_paragraph() -> None:
    text = (
        "The Committee draws the State party's attention to the recommendations concerning the following areas, "
        "in respect of which urgent measures must be taken: non-discrimination (para. 17), birth registration "
        "(paras. 20 and 21), children deprived of a family environment (paras. 30–32) and child justice "
        "(para. 45 (a) and (b))."
    )
    assert urgent_paragraphs(text) == {17, 20, 21, 30, 31, 32, 45}
    assert urgent_paragraphs("The Committee recommends (para. 5) nothing urgent.") == set()


def test_next_report_paragraph() -> None:
    due, limit, what = next_report(
        "The Committee invites the State party to submit its combined fifth and sixth periodic reports by 1 June "
        "2028 and to include therein information on the follow-up. The report should not exceed 21,200 words "
        "(see General Assembly resolution 68/268, para. 16)."
    ) or (None, None, None)
    assert (due, limit, what) == (dt.date(2028, 6, 1), 21200, "combined fifth and sixth periodic reports")
    assert (
        next_report(
            "The Committee invites the State party to submit an updated common core document, not "
            "exceeding 42,400 words."
        )
        is None
    )


def test_dialogue_and_adoption_dates() -> None:
    assert dialogue_and_adoption(
        "The Committee considered the report at its 2588th and 2589th meetings, held on 5 and 6 May 2022, and "
        "adopted the present concluding observations at its 2630th meeting, held on 3 June 2022."
    ) == ((dt.date(2022, 5, 5), dt.date(2022, 5, 6)), dt.date(2022, 6, 3))


def test_kinds() -> None:
    rec = "The Committee recommends that the State party adopt a law."
    concern = "The Committee is concerned about the low rate of registration."
    assert classify(rec, -1, "", False) == "recommendation"
    assert classify(concern, -1, "", False) == "concern"
    assert classify("The Committee welcomes the adoption of the law.", -1, "", False) == "other"
    # with bold in the source, the bold part decides
    assert classify(concern + " " + rec, 0.5, rec, True) == "recommendation"
    assert classify(rec, 0.0, "", True) == "other"  # a plain paragraph in a document with bold recommendations


def test_part_text_without_joining_words() -> None:
    assert clean_part_text("Conduct impact assessments; and") == "Conduct impact assessments"
    assert clean_part_text("Allocate resources.") == "Allocate resources"
