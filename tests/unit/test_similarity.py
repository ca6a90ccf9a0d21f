"""The text-similarity proposer of related recommendations, and the CRC-cluster proposer (issue 22, item 3)."""

from __future__ import annotations

import random

import pytest

from crc_reporter.domain.cluster_proposal import propose_cluster
from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.similarity import MAX_TERMS, SimilarityIndex, words

CRC_JUSTICE = (
    "Administration of child justice. The Committee urges the State party to bring its child justice system fully "
    "into line with the Convention, in particular to raise the minimum age of criminal responsibility, ensure "
    "that detention is used as a last resort, and promote diversion and restorative justice for children in "
    "conflict with the law."
)
CRC_BIRTH = (
    "Birth registration. The Committee recommends that the State party ensure free and universal birth "
    "registration, including through mobile registration units in rural areas."
)
UPR_JUSTICE = (
    "Adopt the draft law on juvenile justice, raise the minimum age of criminal responsibility and develop "
    "diversion and restorative justice measures for children in conflict with the law (Brazil)"
)
UPR_BIRTH = "Ensure universal and free birth registration for all children, including in rural areas (Thailand)"
UPR_OTHER = "Strengthen cooperation with the special procedures of the Human Rights Council (Chile)"
CEDAW_JUSTICE = "Establish juvenile courts and restorative justice programmes for girls in conflict with the law"


def test_words_fold_case_accents_plurals_and_boilerplate() -> None:
    assert words("The Committee recommends that the State party ensure Children's rights") == ["child", "right"]
    assert words("Le Comité recommande à l'État partie de protéger les enfants") == ["proteger", "enfant"]
    assert words("prote\u0301ger") == ["proteger"]  # an accent typed as a combining mark
    assert words("families, 2024, (a)") == ["family"]


def test_khmer_is_compared_by_character_trigrams() -> None:
    birth = "ការចុះបញ្ជីកំណើត"
    assert words(birth)[:2] == ["ការ", "ារច"]
    assert words("១២៣។") == []  # Khmer digits and full stop are not words
    index = SimilarityIndex([(1, "CRC", birth + " កុមារ"), (2, "UPR", birth), (3, "UPR", "ការអប់រំ")])
    found = index.neighbours(1)
    assert [p.right for p in found][:1] == [2]


def test_pairs_across_mechanisms_find_the_same_issue() -> None:
    index = SimilarityIndex(
        [
            ("crc-justice", "CRC", CRC_JUSTICE),
            ("crc-birth", "CRC", CRC_BIRTH),
            ("upr-justice", "UPR", UPR_JUSTICE),
            ("upr-birth", "UPR", UPR_BIRTH),
            ("upr-other", "UPR", UPR_OTHER),
            ("cedaw-justice", "CEDAW", CEDAW_JUSTICE),
        ]
    )
    pairs = index.pairs(min_score=0.2)
    found = {(p.left, p.right) for p in pairs}
    assert ("crc-justice", "upr-justice") in found
    assert ("crc-birth", "upr-birth") in found
    assert all("upr-other" not in (p.left, p.right) for p in pairs)
    # never two of the same mechanism, best first, scores within 0-1, with the words that made the score
    assert all(index.groups[index.position[p.left]] != index.groups[index.position[p.right]] for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert all(0 < p.score <= 1 for p in pairs)
    justice = next(p for p in pairs if {p.left, p.right} == {"crc-justice", "upr-justice"})
    assert justice.shared[0] == "justice" and {"responsibility", "law"} <= set(justice.shared)


def test_the_same_mechanism_is_compared_only_when_asked() -> None:
    index = SimilarityIndex([(1, "UPR", UPR_JUSTICE), (2, "UPR", UPR_JUSTICE + " (Chile)")])
    assert index.pairs() == []
    assert [(p.left, p.right) for p in index.pairs(across_groups=False)] == [(1, 2)]


def test_only_restricts_pairs_to_those_keys() -> None:
    items = [("crc-justice", "CRC", CRC_JUSTICE), ("upr-justice", "UPR", UPR_JUSTICE)]
    items += [("cedaw-justice", "CEDAW", CEDAW_JUSTICE), ("crc-birth", "CRC", CRC_BIRTH)]
    pairs = SimilarityIndex(items).pairs(min_score=0.05, only=["cedaw-justice"])
    assert pairs and all("cedaw-justice" in (p.left, p.right) for p in pairs)


def test_identical_texts_score_one_and_unrelated_zero() -> None:
    index = SimilarityIndex([(1, "CRC", CRC_BIRTH), (2, "UPR", CRC_BIRTH), (3, "CEDAW", UPR_OTHER)])
    assert index.neighbours(1)[0].score == pytest.approx(1.0, abs=1e-3)
    assert all(p.right != 3 for p in index.neighbours(1))
    assert index.neighbours("missing") == []


def test_cost_is_bounded_by_the_terms_kept() -> None:
    """2,000 long generated paragraphs: each keeps at most MAX_TERMS words, and a pass over the postings
    touches each pair of texts sharing a kept word at most once per word (counted, not timed)."""
    rng = random.Random(22)
    vocabulary = ["".join(rng.choice("bcdfghjklmnpqrstvwz") for _ in range(7)) for _ in range(6000)]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    items = [
        (i, rng.choice(("CRC", "UPR", "CEDAW")), " ".join(rng.choices(vocabulary, weights, k=rng.randint(30, 90))))
        for i in range(2000)
    ]  # fmt: skip
    index = SimilarityIndex(items)
    assert max(len(v) for v in index.vectors) <= MAX_TERMS
    touched = sum(len(p) * (len(p) - 1) // 2 for p in index.postings.values())
    assert touched < 600_000  # well under a second of Python; every pair of 2,000 texts would be 2 million
    pairs = index.pairs(min_score=0.9)
    assert pairs == []  # random texts are not alike


def test_cluster_proposed_from_text_in_english_and_french() -> None:
    cases = {
        UPR_JUSTICE: Cluster.SPECIAL_PROTECTION,
        UPR_BIRTH: Cluster.CIVIL_RIGHTS,
        "Raise the minimum age of marriage to 18 years for girls and boys (Sierra Leone)": Cluster.DEFINITION,
        "Take measures to eliminate the worst forms of child labour (Ghana)": Cluster.SPECIAL_PROTECTION,
        "Prohibit corporal punishment of children in all settings (Sweden)": Cluster.VIOLENCE,
        # the Committee treats inclusive education under "Children with disabilities"
        "Improve access to inclusive education for children with disabilities": Cluster.HEALTH_WELFARE,
        "Ratify the Optional Protocol to the Convention on a communications procedure": Cluster.GENERAL_MEASURES,
        "Prendre des mesures pour lutter contre la traite des êtres humains (France)": Cluster.SPECIAL_PROTECTION,
        "Renforcer l'accès à l'éducation préscolaire dans les zones rurales (Sénégal)": Cluster.EDUCATION,
    }
    for text, expected in cases.items():
        proposal = propose_cluster(text)
        assert proposal is not None and proposal.cluster == expected, (text, proposal)
        assert proposal.reasons and proposal.score > 0


def test_themes_outweigh_a_passing_word_and_neighbours_count() -> None:
    text = "Continue efforts to improve the health of children deprived of liberty"
    assert propose_cluster(text, themes=["- Juvenile justice"]).cluster == Cluster.SPECIAL_PROTECTION  # type: ignore[union-attr]
    by_theme = propose_cluster("Follow up on the commitments made", themes=["Birth registration"])
    assert (
        by_theme is not None
        and by_theme.cluster == Cluster.CIVIL_RIGHTS
        and by_theme.reasons == ("Birth registration",)
    )
    # no clue in the text or themes: the clusters of the most similar CRC paragraphs decide
    alike = propose_cluster("Follow up on the commitments made", neighbours=[("education", 0.6), ("violence", 0.2)])
    assert alike is not None and alike.cluster == Cluster.EDUCATION
    assert propose_cluster("Follow up on the commitments made", neighbours=[("bogus", 0.9), (None, 0.5)]) is None
    assert propose_cluster("Strengthen cooperation with the special procedures (Chile)") is None
