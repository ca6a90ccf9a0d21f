"""The list of abbreviations: the acronyms of the actors whose name or acronym the draft uses.

Written after the body, at a place kept for it after the contents list, from
the text actually written: an actor the draft never mentions is not listed.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.domain.records import ActorInfo
from crc_reporter.reports import ooxml as x
from crc_reporter.reports.builder import Builder

INDENT = 1701  # 3 cm: the names in a column after the acronyms


def used(actors: list[ActorInfo], text: str, named: set[str]) -> list[tuple[str, str]]:
    """(acronym, name) of each actor with an acronym that ``text`` uses, or whose name the draft writes
    (``named``: the actors of the actions and the responsible bodies), sorted by acronym.

    Linear in the length of the draft: its words are collected once, names are looked up in ``named``.
    """
    out = {}
    words = set(re.findall(r"\w+", text))  # once: a long draft names many actors
    for actor in actors:
        short = (actor.short_name or "").strip()
        if not short or short == actor.name:
            continue
        if short in words or actor.name in named:
            out[short] = actor.name
        elif not short.isalnum() and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text):
            out[short] = actor.name  # "UN-Women": not one word
    return sorted(out.items(), key=lambda item: item[0].casefold())


def body_text(builder: Builder) -> str:
    return " ".join(t.text or "" for t in builder.body.iter(x.T))


def write_list(builder: Builder, anchor: etree._Element, heading: str, entries: list[tuple[str, str]]) -> None:
    """Replace ``anchor`` (an empty paragraph) by the heading and one line per abbreviation."""
    if not entries:
        anchor.getparent().remove(anchor)
        return
    saved = builder.body
    holder = etree.Element(qn("w:body"))
    builder.body = holder  # write into a detached holder, then move the paragraphs into place
    try:
        builder.para(heading, "toc_heading", counted=False)
        for short, name in entries:
            p = builder.para(f"{short}\t{name}", counted=False, space_after=0)
            ind = etree.SubElement(p.find(x.PPR), x.IND)  # after w:spacing, as CT_PPrBase wants
            ind.set(qn("w:left"), str(INDENT))
            ind.set(qn("w:hanging"), str(INDENT))
    finally:
        builder.body = saved
    for p in list(holder):
        anchor.addprevious(p)
    anchor.getparent().remove(anchor)
