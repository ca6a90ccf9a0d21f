"""Which CRC reporting cluster a recommendation of another mechanism belongs to: a proposal for a person.

A UPR recommendation on juvenile justice belongs in the State report's chapter
on special protection measures; one on birth registration in civil rights and
freedoms. The proposal weighs three clues:

- the recommendation's themes (UHRI's "Themes": "Juvenile justice",
  "Birth registration"…), matched against each cluster's vocabulary (weight 3);
- its text, matched against the same vocabulary in English and French (weight 1
  a phrase);
- the clusters of the CRC paragraphs most like it (``neighbours``: the cosine
  of :mod:`crc_reporter.domain.similarity`, weight 4 times the score).

The best-scoring cluster wins, ties in the order of the guidelines; no clue, no
proposal. The vocabulary follows the sections and sub-headings of the
Committee's concluding observations (CRC/C/58/Rev.3's clusters).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crc_reporter.domain.clusters import CLUSTER_ORDER, Cluster
from crc_reporter.domain.similarity import words

THEME_WEIGHT = 3.0
TEXT_WEIGHT = 1.0
NEIGHBOUR_WEIGHT = 4.0

#: phrases per cluster, in English and French, separated by semicolons
_VOCABULARY: dict[Cluster, str] = {
    Cluster.GENERAL_MEASURES: (
        "general measures of implementation; national plan of action; comprehensive policy and strategy; "
        "comprehensive child rights law; harmonize legislation; coordination; allocation of resources; budget; "
        "budgeting; data collection; independent monitoring; national human rights institution; paris principles; "
        "ombudsperson; ombudsman; dissemination; awareness raising; cooperation with civil society; business "
        "sector; business and human rights; corruption; ratify; ratification; accede; communications procedure; "
        "national mechanism for implementation; mesures d'application générales; plan d'action national; "
        "allocation des ressources; collecte de données; institution nationale des droits de l'homme; principes "
        "de paris; diffusion; sensibilisation; coopération avec la société civile; secteur des entreprises; "
        "ratifier; ratification"
    ),
    Cluster.DEFINITION: (
        "definition of the child; minimum age of marriage; child marriage; early marriage; forced marriage; age "
        "of majority; child early and forced marriage; définition de l'enfant; âge minimum du mariage; mariage "
        "d'enfants; mariage précoce; mariage forcé"
    ),
    Cluster.GENERAL_PRINCIPLES: (
        "general principles; non-discrimination; discrimination; best interests of the child; best interests; "
        "right to life survival and development; respect for the views of the child; views of the child; child "
        "participation; participation of children; gender equality; principes généraux; non-discrimination; "
        "intérêt supérieur de l'enfant; droit à la vie; opinion de l'enfant; participation des enfants; égalité "
        "des sexes"
    ),
    Cluster.CIVIL_RIGHTS: (
        "civil rights and freedoms; birth registration; nationality; statelessness; right to a name; name and "
        "nationality; legal identity; identity documents; freedom of expression; freedom of association; peaceful "
        "assembly; freedom of thought conscience and religion; privacy; access to appropriate information; "
        "libertés et droits civils; enregistrement des naissances; nationalité; apatridie; liberté d'expression; "
        "liberté d'association; vie privée; accès à une information appropriée"
    ),
    Cluster.VIOLENCE: (
        "violence against children; corporal punishment; abuse and neglect; child abuse; sexual abuse; sexual "
        "exploitation and abuse; harmful practices; female genital mutilation; torture; domestic violence; "
        "gender-based violence; violence against women and girls; bullying; online violence; child helpline; "
        "freedom of the child from all forms of violence; violence à l'égard des enfants; châtiments corporels; "
        "maltraitance; négligence; exploitation et atteintes sexuelles; pratiques préjudiciables; mutilations "
        "génitales féminines; violence domestique; violence fondée sur le genre; harcèlement"
    ),
    Cluster.FAMILY_ENVIRONMENT: (
        "family environment; alternative care; children deprived of a family environment; institutional care; "
        "residential care; orphanages; deinstitutionalization; foster care; family-based care; adoption; "
        "intercountry adoption; parental responsibilities; family support; children of incarcerated parents; "
        "family reunification; child maintenance; illicit transfer; milieu familial; protection de remplacement; "
        "privés de milieu familial; placement en institution; famille d'accueil; adoption internationale; "
        "responsabilités parentales; regroupement familial"
    ),
    Cluster.HEALTH_WELFARE: (
        "disability; disabilities; children with disabilities; persons with disabilities; basic health and "
        "welfare; health; right to health; health services; health care; malnutrition; stunting; nutrition; "
        "breastfeeding; mental health; adolescent health; sexual and reproductive health; hiv; immunization; "
        "vaccination; child mortality; infant mortality; maternal mortality; water and sanitation; sanitation; "
        "drinking water; standard of living; poverty; social security; social protection; climate change; "
        "environmental health; substance use; drug use; handicap; enfants handicapés; personnes handicapées; "
        "santé; droit à la santé; services de santé; allaitement; santé mentale; santé sexuelle et procréative; "
        "mortalité infantile; eau potable; assainissement; niveau de vie; pauvreté; sécurité sociale; protection "
        "sociale; changements climatiques"
    ),
    Cluster.EDUCATION: (
        "education; right to education; school; schools; schooling; enrolment; enrollment; dropout; "
        "out-of-school; early childhood education; early childhood development; preschool; vocational training; "
        "literacy; teachers; inclusive education; human rights education; leisure; recreational; cultural "
        "activities; éducation; droit à l'éducation; école; scolarisation; abandon scolaire; éducation "
        "préscolaire; formation professionnelle; enseignants; loisirs; activités culturelles; activités "
        "récréatives"
    ),
    Cluster.SPECIAL_PROTECTION: (
        "special protection measures; juvenile justice; child justice; administration of child justice; "
        "administration of juvenile justice; children in conflict with the law; minimum age of criminal "
        "responsibility; criminal responsibility; deprivation of liberty; detention; pretrial detention; "
        "pre-trial detention; diversion; restorative justice; child-friendly justice; child labour; child labor; "
        "economic exploitation; worst forms of child labour; street children; children in street situations; "
        "refugee; asylum-seeking; asylum seekers; migrant children; migrants; unaccompanied; trafficking; "
        "trafficking in persons; human trafficking; indigenous children; minority groups; children belonging to "
        "minority groups; armed conflict; children in armed conflict; sale trafficking and abduction; mesures de "
        "protection spéciales; justice pour mineurs; justice pour enfants; administration de la justice pour "
        "enfants; enfants en conflit avec la loi; âge minimum de la responsabilité pénale; privation de liberté; "
        "détention provisoire; déjudiciarisation; justice réparatrice; travail des enfants; exploitation "
        "économique; enfants des rues; enfants en situation de rue; réfugiés; demandeurs d'asile; enfants "
        "migrants; non accompagnés; traite des personnes; traite des êtres humains; enfants autochtones; "
        "minorités; conflits armés"
    ),
    Cluster.OPTIONAL_PROTOCOLS: (
        "optional protocol; optional protocols; sale of children; child prostitution; child pornography; child "
        "sexual abuse material; involvement of children in armed conflict; recruitment of children; child "
        "soldiers; protocole facultatif; vente d'enfants; prostitution des enfants; pédopornographie; enrôlement "
        "d'enfants; enfants soldats"
    ),
}


def _phrase(text: str) -> str:
    return " ".join(words(text))


#: each cluster's phrases, normalised as texts are (accents, plurals and stop words folded the same way)
_PHRASES: dict[Cluster, tuple[str, ...]] = {
    cluster: tuple(sorted({p for p in (_phrase(t) for t in phrases.split(";")) if p}))
    for cluster, phrases in _VOCABULARY.items()
}
#: a normalised phrase as the vocabulary writes it, to show a person why a cluster was proposed
_WRITTEN: dict[str, str] = {}
for _phrases in _VOCABULARY.values():
    for _text in _phrases.split(";"):
        _WRITTEN.setdefault(_phrase(_text), _text.strip())


_KEYS = frozenset(c.value for c in Cluster)


@dataclass(frozen=True, slots=True)
class ClusterProposal:
    """A proposed cluster, how strongly the clues point to it, and which clues did ("juvenile justice")."""

    cluster: Cluster
    score: float
    reasons: tuple[str, ...]


def _found(normal: str, phrases: Iterable[str]) -> list[str]:
    padded = f" {normal} "
    return [p for p in phrases if f" {p} " in padded]


def _without_nested(found: list[str]) -> list[str]:
    """ "juvenile justice" counts once, not also as "justice"; the longer phrase stands for both."""
    return [p for p in found if not any(p != q and f" {p} " in f" {q} " for q in found)]


def cluster_scores(
    text: str, themes: Sequence[str] = (), neighbours: Sequence[tuple[str | None, float]] = ()
) -> dict[Cluster, tuple[float, list[str]]]:
    """Every cluster some clue points to, with its score and the clues (see the module's notes)."""
    scores: dict[Cluster, float] = defaultdict(float)
    reasons: dict[Cluster, list[str]] = defaultdict(list)
    normal_text = _phrase(text)
    normal_themes = [(t, _phrase(t)) for t in themes]
    for cluster, phrases in _PHRASES.items():
        for theme, normal in normal_themes:
            hit = _without_nested(_found(normal, phrases))
            if hit:
                scores[cluster] += THEME_WEIGHT
                reasons[cluster].append(theme)
        for phrase in _without_nested(_found(normal_text, phrases)):
            scores[cluster] += TEXT_WEIGHT * (1 + phrase.count(" "))  # a longer phrase says more
            reasons[cluster].append(_WRITTEN.get(phrase, phrase))
    for key, score in neighbours:
        if key in _KEYS and score > 0:
            scores[Cluster(key)] += NEIGHBOUR_WEIGHT * score
    return {c: (scores[c], reasons[c]) for c in scores}


def propose_cluster(
    text: str, themes: Sequence[str] = (), neighbours: Sequence[tuple[str | None, float]] = ()
) -> ClusterProposal | None:
    """The cluster the clues point to most, or None when none points anywhere.

    ``neighbours``: ``(cluster key, cosine)`` of CRC paragraphs like this one."""
    scored = cluster_scores(text, themes, neighbours)
    if not scored:
        return None
    best = max(scored, key=lambda c: (scored[c][0], -CLUSTER_ORDER.index(c)))
    score, reasons = scored[best]
    unique = tuple(dict.fromkeys(reasons))
    return ClusterProposal(best, round(score, 3), unique)
