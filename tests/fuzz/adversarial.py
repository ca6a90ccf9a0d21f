"""Adversarial strings for the importers' patterns, and every way the importers apply a pattern to text.

A backtracking pattern is slow on a long run of what it almost matches: digits
with no month after them, one word repeated, one symbol segment repeated. The
units below are the pieces of the Committee's phrasing the patterns look for;
each case is a prefix (to get a pattern started), a unit repeated many times,
and a suffix that makes the match fail at the very end.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator

import crc_reporter.importers as importers_package
from crc_reporter.importers import analysis, headings, metadata, page_cleanup, structure, uhri_rows
from crc_reporter.importers.blocks import Line

UNITS = (
    "1",
    "1 ",
    "11, ",
    "1 and ",
    "1-",
    "1.",
    ".1",
    "meeting ",
    "meetings held on ",
    "meetings held on 1 ",
    "held on ",
    "adopted ",
    "CRC/C/",
    "CRC/C/A/",
    "CRC/C/KHM/CO/2/",
    "CRC / C / ",
    "/a",
    "/1",
    "para. 1, ",
    "paras. 1",
    "(paras. ",
    "(a)",
    "(a",
    "(a) ",
    ":(a) ",
    "1 (a), ",
    "targets 1.1, ",
    "target 1.1 and ",
    "urgent measures (paras. 1, ",
    "submit its ",
    "not exceed 1,",
    "1 January ",
    "Committee ",
    "the Committee recommends ",
    "concern",
    "GE.",
    "page 1 ",
    "Distr. ",
    "I.",
    "A.",
    "**",
    "a",
    "a.",
    "a, ",
    ". ",
    "; ",
    "aaa1",
    "abc-",
    " ",
    "\t",
    "\n",
    "\n ",
    ":\n",
    "\u201c",
    "\u2013",
)
PREFIXES = ("", "the meetings held on ", "CRC/C/KHM/CO/2, para", "urgent measures ", "targets ", "recommends:")
SUFFIXES = ("", " x", "!", ".")


def cases(repeats: int) -> Iterator[str]:
    """Every prefix × unit × suffix, the unit repeated ``repeats`` times."""
    for unit in UNITS:
        for prefix in PREFIXES:
            for suffix in SUFFIXES:
                yield prefix + unit * repeats + suffix


def module_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled text pattern at the top level of a module of ``crc_reporter.importers``."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(importers_package.__path__):
        module = importlib.import_module(f"crc_reporter.importers.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
        for name, value in vars(module).items():  # patterns kept in tables (headings' cluster titles)
            if isinstance(value, tuple):
                for index, item in enumerate(value):
                    if isinstance(item, tuple) and item and isinstance(item[0], re.Pattern):
                        found[f"{info.name}.{name}[{index}]"] = item[0]
    return found


def _line(text: str) -> Line:
    return Line(text=text, page=0, bold=-1.0, bold_text="", heading=0, small=False, zone="")


def _functions() -> dict[str, Callable[[str], object]]:
    """The functions that apply patterns written inside them (not found by :func:`module_patterns`)."""
    return {
        "analysis.classify": lambda t: (analysis.classify(t, -1.0, "", False), analysis.classify(t, 0.9, t, True)),
        "analysis.sdg_targets": analysis.sdg_targets,
        "analysis.previous_references": lambda t: analysis.previous_references(t, "CRC/C/KHM/CO/4"),
        "analysis.urgent_paragraphs": analysis.urgent_paragraphs,
        "analysis.next_report": analysis.next_report,
        "analysis.dialogue_and_adoption": analysis.dialogue_and_adoption,
        "analysis.clean_part_text": analysis.clean_part_text,
        "analysis.parse_date": analysis.parse_date,
        "structure.clean": structure.clean,
        "headings.describe": lambda t: (headings.describe(t), headings.describe(t, 1)),
        "headings.heading_articles": headings.heading_articles,
        "headings.normalise_old_articles": headings.normalise_old_articles,
        "headings.strip_article_list": headings.strip_article_list,
        "headings.cluster_for_title": headings.cluster_for_title,
        "headings.looks_like_heading_text": lambda t: headings.looks_like_heading_text(t, len(t) + 1),
        "metadata.find_symbol": lambda t: metadata.find_symbol([t], [t]),
        "metadata.find_date": lambda t: metadata.find_date([t], [t]),
        "metadata.find_title": lambda t: metadata.find_title([t]),
        "uhri_rows.split_parts": uhri_rows.split_parts,
        "uhri_rows.sdg_target": uhri_rows.sdg_target,
        "uhri_rows.to_date": uhri_rows.to_date,
        "page_cleanup.mark_glued_note_refs": lambda t: page_cleanup.mark_glued_note_refs(
            [_line(t)], {str(n): "note" for n in range(1, 5)}
        ),
        "page_cleanup.vocabulary": lambda t: page_cleanup.vocabulary([_line(t)]),
        "page_cleanup.join_two": lambda t: page_cleanup.join_two(t, t),
    }


def every_use() -> dict[str, Callable[[str], object]]:
    """Each pattern (searched, matched and iterated) and each function that applies its own."""
    uses: dict[str, Callable[[str], object]] = {}
    for name, pattern in module_patterns().items():

        def apply(text: str, pattern: re.Pattern[str] = pattern) -> object:
            return pattern.match(text), pattern.fullmatch(text), sum(1 for _ in pattern.finditer(text))

        uses[name] = apply
    uses.update(_functions())
    return uses
