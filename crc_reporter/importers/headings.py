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

_CLUSTER_TITLES: tuple[tuple[re.Pattern[str], Cluster], ...] = tuple(
    (re.compile(pattern, re.I), cluster)
    for pattern, cluster in (
        (r"^general measures of implementation", Cluster.GENERAL_MEASURES),
        (r"^definition of (?:the )?child", Cluster.DEFINITION),
        (r"^general principles", Cluster.GENERAL_PRINCIPLES),
        (r"^civil rights and freedoms", Cluster.CIVIL_RIGHTS),
        (r"^violence against children", Cluster.VIOLENCE),
        (r"^family environment", Cluster.FAMILY_ENVIRONMENT),
        (
            r"^(?:disability, )?basic health and welfare|^children with disabilities|^disability\b",
            Cluster.HEALTH_WELFARE,
        ),
        (r"^education\b", Cluster.EDUCATION),
        (r"^special protection measures", Cluster.SPECIAL_PROTECTION),
        (
            r"^(?:follow-up to|implementation of)\b.*\boptional protocols?\b|^optional protocols? (?:to the convention )?"
            r"on the (?:sale|involvement)",
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
    r"optional protocol on a communications procedure)",
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
_OF_THE_TREATY = re.compile(r"(?:,|(?<![\s,]))\s*+of the (?:Convention|Optional Protocol)\s*+\)")
_ARTICLE_LIST = re.compile(r"(?<!\s)\s*+\((?:arts?\.|articles?)\s.*$", re.I | re.S)


def normalise_old_articles(text: str) -> str:
    """Old article notation to the current one: "44, para. 6" -> "44 (6)", "18 (paras. 1-2)" -> "18 (1)-(2)"."""
    text = re.sub(r"\(paras?\.\s*(\d+)\s*[-\u2013]\s*(\d+)\)", r"(\1)-(\2)", text)
    text = re.sub(r"\(paras?\.\s*(\d+)\)", r"(\1)", text)
    text = re.sub(r"(?<!\d)(\d++)\s*+\((\w+)\)\s*and\s*\((\w+)\)", r"\1 (\2), \1 (\3)", text)
    text = re.sub(r"(?<!\d)(\d++),\s*+paras?\.\s*(\d+)", r"\1 (\2)", text)
    text = re.sub(r"\(articles?\s", "(arts. ", text)
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
    if text.startswith(("The Committee", "It ")):
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
    if level == 3 and known is not None and re.search(r"\((?:arts?\.|articles?)\s", text):
        level = 2
    return HeadingInfo(
        level,
        None,
        strip_article_list(text),
        heading_articles(text),
        known if level < 3 else None,
        is_neutral_title(text) and level < 3,
    )
