"""Headings of concluding observations: which cluster a section belongs to, and its articles.

The Committee's headings changed over time. Since the 2014 guidelines:
"E. Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)",
"G. Children with disabilities (art. 23)", "H. Basic health and welfare (…)".
Before (e.g. 2011): violence sits within "Civil rights and freedoms (arts. 7, 8,
13-17, 19 and 37 (a) of the Convention)", disability within "Basic health and
welfare (arts. 6, 18 (para. 3), 23, 24 …)", article lists say "44, para. 6";
the oldest documents number their cluster headings "5. Basic health and
welfare". Optional Protocol documents have sections of their own, all of
which belong to the ``optional_protocols`` cluster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crc_reporter.domain.articles import articles_in_heading
from crc_reporter.domain.clusters import Cluster

# English, French and Spanish titles of each cluster (the Committee's wording since 2014 and before).
_CLUSTER_TITLES: tuple[tuple[re.Pattern[str], Cluster], ...] = tuple(
    (re.compile(pattern, re.I), cluster)
    for pattern, cluster in (
        (
            r"^general measures of implementation|^mesures d['\u2019]application g\u00e9n\u00e9rales"
            r"|^medidas generales de aplicaci\u00f3n",
            Cluster.GENERAL_MEASURES,
        ),
        (
            r"^definition of (?:the )?child|^d\u00e9finition de l['\u2019]enfant|^definici\u00f3n de(?:l)? ni\u00f1o",
            Cluster.DEFINITION,
        ),
        (r"^general principles|^principes g\u00e9n\u00e9raux|^principios generales", Cluster.GENERAL_PRINCIPLES),
        (
            r"^civil rights and freedoms|^libert\u00e9s et droits civils|^droits et libert\u00e9s civils"
            r"|^derechos y libertades civiles",
            Cluster.CIVIL_RIGHTS,
        ),
        (
            r"^violence against children|^violence \u00e0 l['\u2019]\u00e9gard des enfants|^violencia contra (?:los )?"
            r"ni\u00f1os",
            Cluster.VIOLENCE,
        ),
        (r"^family environment|^milieu familial|^entorno familiar", Cluster.FAMILY_ENVIRONMENT),
        (
            r"^(?:disability, )?basic health and welfare|^children with disabilities|^disability\b"
            r"|^(?:handicap, )?sant\u00e9 (?:de base )?et bien-\u00eatre|^enfants handicap\u00e9s|^handicap\b"
            r"|^(?:discapacidad, )?salud b\u00e1sica y bienestar|^ni\u00f1os con discapacidad|^discapacidad\b",
            Cluster.HEALTH_WELFARE,
        ),
        (r"^education\b|^\u00e9ducation\b|^educaci\u00f3n\b", Cluster.EDUCATION),
        (
            r"^special protection measures|^mesures de protection sp\u00e9ciales|^mesures sp\u00e9ciales de protection"
            r"|^medidas especiales de protecci\u00f3n",
            Cluster.SPECIAL_PROTECTION,
        ),
        (
            r"^(?:follow-up to|implementation of)\b.*\boptional protocols?\b|^optional protocols? (?:to the convention )?"
            r"on the (?:sale|involvement)"
            r"|^(?:suivi|mise en \u0153uvre)\b.*\bprotocoles? facultatifs?\b"
            r"|^(?:seguimiento|aplicaci\u00f3n)\b.*\bprotocolos? facultativos?\b",
            Cluster.OPTIONAL_PROTOCOLS,
        ),
    )
)

# Sections that close the current cluster: the introduction, the reporting chapter, ratifications…
_NEUTRAL = re.compile(
    r"^(?:introduction|follow-up measures|main areas of concern|principal (?:areas|subjects) of concern|"
    r"positive aspects|general observations|factors and difficulties|ratification|cooperation with regional|"
    r"implementation and reporting|follow-up and dissemination|dissemination of (?:documentation|the concluding)|"
    r"next (?:periodic )?report|common core document|national mechanism|concluding observations|"
    r"committee on the rights of the child|sustainable development goals|conclusions?\b|"
    r"follow-up to the (?:present|previous) concluding observations$|"
    r"optional protocol on a communications procedure|"
    # French
    r"mesures de suivi|principaux sujets de pr\u00e9occupation|aspects positifs|observations g\u00e9n\u00e9rales|"
    r"facteurs et difficult\u00e9s|coop\u00e9ration avec les (?:organismes|m\u00e9canismes) r\u00e9gionaux|"
    r"mise en \u0153uvre et soumission de rapports|suivi et diffusion|diffusion\b|prochain rapport|"
    r"document de base commun|m\u00e9canisme national|observations finales|comit\u00e9 des droits de l['\u2019]enfant|"
    r"objectifs de d\u00e9veloppement durable|protocole facultatif \u00e9tablissant une proc\u00e9dure|"
    # Spanish
    r"introducci\u00f3n|medidas de seguimiento|principales (?:esferas|motivos|\u00e1mbitos) de preocupaci\u00f3n|"
    r"aspectos positivos|observaciones generales|factores y dificultades|ratificaci\u00f3n|"
    r"cooperaci\u00f3n con (?:los )?(?:organismos|mecanismos) regionales|aplicaci\u00f3n y presentaci\u00f3n de informes|"
    r"seguimiento y difusi\u00f3n|difusi\u00f3n\b|pr\u00f3ximo informe|documento b\u00e1sico com\u00fan|mecanismo nacional|"
    r"observaciones finales|comit\u00e9 de los derechos del ni\u00f1o|objetivos de desarrollo sostenible|"
    r"protocolo facultativo relativo a un procedimiento de comunicaciones)",
    re.I,
)

# the label may be glued to the title in text copied from the UN's web pages ("I.Introduction")
ROMAN = re.compile(r"^(?P<label>[IVXL]{2,6}|[IVX])\.(?:\s+|$|(?=[A-Z][a-z]))(?P<title>.*)$", re.S)
LETTER = re.compile(r"^(?P<label>[A-Z])\.(?:\s+|$|(?=[A-Z][a-z]))(?P<title>.*)$", re.S)
NUMBER = re.compile(r"^(?P<label>\d{1,2})\.(?:\s+|$)(?P<title>.*)$", re.S)


@dataclass(frozen=True, slots=True)
class HeadingInfo:
    level: int  # 1 chapter (I.), 2 section (A. or a numbered cluster heading), 3 subheading
    label: str | None
    title: str  # without the label and the article list
    articles: tuple[str, ...]
    cluster: Cluster | None
    neutral: bool  # closes the current cluster


# A match starts where a run of spaces or digits starts (``(?<!\s)``, ``(?<!\d)``), never inside it: the leftmost match is
# the same, and a long run is scanned once instead of once per character in it.
_OF_THE_TREATY = re.compile(
    r"(?:,|(?<![\s,]))\s*+(?:of the (?:Convention|Optional Protocol)|de la Conven(?:tion|ci\u00f3n)|du Protocole facultatif|"
    r"del Protocolo Facultativo)\s*+\)"
)
_ARTICLE_LIST = re.compile(r"(?<!\s)\s*+\((?:arts?\.|articles?|art[\u00edi]culos?)\s.*$", re.I | re.S)
_PARA = r"(?:paras?|par|p\u00e1rrs?)\."  # English, French, Spanish
_TO = r"(?:\s*+[-\u2013]\s*+|\s++(?:\u00e0|a)\s++)"  # "1-3", "1 à 3", "1 a 3"


def normalise_old_articles(text: str) -> str:
    """Old, French and Spanish article notation to the current English one.

    "44, para. 6" / "44 (par. 6)" / "44, párr. 6" -> "44 (6)"; "18 (paras. 1-2)" / "27 (par. 1 à 3)" ->
    "18 (1)-(2)"; "37 a)" -> "37 (a)"; "37 b) à d)" -> "37 (b)-(d)"; "13 à 17" / "13 a 17" -> "13-17"; "1er" -> "1".
    """
    text = re.sub(r"(?<!\d)(\d++)er\b", r"\1", text)
    text = re.sub(r"\(" + _PARA + r"\s*(\d+)" + _TO + r"(\d+)\)", r"(\1)-(\2)", text)
    text = re.sub(r"\(" + _PARA + r"\s*(\d+)\)", r"(\1)", text)
    text = re.sub(r"(?<!\d)(\d++),\s*+" + _PARA + r"\s*(\d+)" + _TO + r"(\d+)", r"\1 (\2)-(\3)", text)
    text = re.sub(r"\(" + _PARA + r"\s*(\d+)\s+(?:and|et|y)\s+(\d+)\)", r"(\1) and (\2)", text)
    text = re.sub(r"(?<!\d)(\d++),\s*+" + _PARA + r"\s*(\d+)\s+(?:and|et|y)\s+(\d+)", r"\1 (\2), \1 (\3)", text)
    text = re.sub(r"(?<!\d)(\d++)\s*+\((\w+)\)\s*(?:and|et|y)\s*\((\w+)\)", r"\1 (\2), \1 (\3)", text)
    text = re.sub(r"(?<!\d)(\d++),\s*+" + _PARA + r"\s*(\d+)", r"\1 (\2)", text)
    text = re.sub(r"(?<!\d)(\d++)\s++([a-z])\)" + _TO + r"([a-z])\)", r"\1 (\2)-(\3)", text)
    text = re.sub(r"(?<!\d)(\d++)\s++([a-z])\)", r"\1 (\2)", text)
    text = re.sub(r"(?<!\d)(\d++)\s++(?:\u00e0|a)\s++(\d++)", r"\1-\2", text)
    text = re.sub(r"\((?:articles?|art[\u00edi]culos?)\s", "(arts. ", text)
    text = _OF_THE_TREATY.sub(")", text)
    return re.sub(r",\s*+\)", ")", text)


def heading_articles(text: str) -> tuple[str, ...]:
    return tuple(articles_in_heading(normalise_old_articles(text)))


def strip_article_list(title: str) -> str:
    """ "Violence against children (arts. 19, 24 (3) …)" -> "Violence against children"."""
    return _ARTICLE_LIST.sub("", title).strip()


def cluster_for_title(title: str) -> Cluster | None:
    plain = strip_article_list(title)
    for pattern, cluster in _CLUSTER_TITLES:
        if pattern.search(plain):
            return cluster
    return None


def is_neutral_title(title: str) -> bool:
    return bool(_NEUTRAL.search(strip_article_list(title)))


def is_known_title(title: str) -> bool:
    return cluster_for_title(title) is not None or is_neutral_title(title)


def looks_like_heading_text(text: str, limit: int = 220) -> bool:
    """Short, unfinished, capitalised: a heading rather than a sentence of a paragraph."""
    text = text.strip().rstrip("*").strip()
    if not text or len(text) > limit or text[-1] in ".;:,":
        return False
    if text.startswith(("The Committee", "It ", "Le Comité", "El Comité", "Il ")):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"


def describe(text: str, level_hint: int = 0) -> HeadingInfo | None:
    """Read a heading line: "III. Main areas…", "A. General measures… (arts. 4…)", "5. Basic health…", "Legislation"."""
    text = " ".join(text.split()).rstrip("*").strip()
    for pattern, level in ((ROMAN, 1), (LETTER, 2), (NUMBER, 2)):
        m = pattern.match(text)
        if m and m.group("title").strip():
            title = m.group("title").strip()
            if pattern is NUMBER and not is_known_title(title):
                return None  # "12. The Committee…" is a paragraph, not a heading
            return HeadingInfo(
                level,
                m.group("label"),
                strip_article_list(title),
                heading_articles(title),
                cluster_for_title(title),
                is_neutral_title(title),
            )
    if not looks_like_heading_text(text):
        return None
    known = cluster_for_title(text)
    # Unnumbered: a subheading, unless a style says otherwise or it carries the cluster's article list.
    level = level_hint if level_hint in (1, 2) else 3
    if level == 3 and known is not None and re.search(r"\((?:arts?\.|articles?|art[\u00edi]culos?)\s", text):
        level = 2
    return HeadingInfo(
        level,
        None,
        strip_article_list(text),
        heading_articles(text),
        known if level < 3 else None,
        is_neutral_title(text) and level < 3,
    )
