"""The tracker workbook's sheets and columns, shared by the export and the re-import.

Each sheet is keyed by a stable name; each column by a stable key with a
translated header. Editable columns are the ones a re-import applies; the rest
are shown for context (and shaded). Values of closed vocabularies (statuses,
types) are written as their labels in the person's language and read back in
any of the app's languages, or as the keys themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import (
    ActionStatus,
    ActionType,
    ActorType,
    AssessmentSide,
    ImplementationStatus,
    RecommendationKind,
    UprPosition,
)
from crc_reporter.i18n import LANGUAGES, N_, translator
from crc_reporter.i18n.labels import LABELS

TRACKER_FORMAT = "crc-reporter-tracker"
TRACKER_VERSION = 2  # 2: new rows, comments, the Indicators sheet, the workbook's side and id
META_SHEET = "crc_reporter"  # hidden: the format marker, the columns, the values as exported
LISTS_SHEET = "crc_lists"  # hidden: the values of the drop-down lists


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # N_()-marked
    width: int = 14
    editable: bool = False
    vocabulary: tuple[str, ...] = ()  # keys of a closed vocabulary
    kind: str = "text"  # text / int / number / bool / date / names
    colours: bool = False  # status colours
    new_only: bool = False  # read from rows a person adds (no UUID); an existing record's value is not changed


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str  # N_()-marked
    columns: tuple[Column, ...]
    new_rows: bool = False  # rows a person adds (without a UUID) become new records

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _keys(enum: type) -> tuple[str, ...]:
    return tuple(m.value for m in enum)  # type: ignore[attr-defined]


STATUS = _keys(ImplementationStatus)
SIDES = _keys(AssessmentSide)
UUID = Column("uuid", N_("UUID (do not change)"), 38)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "recommendations",
        N_("Recommendations"),
        (  # widths sum to about 220: printed one page wide in landscape, the text stays readable
            UUID,
            Column("document", N_("Document"), 11),
            Column("number", N_("Paragraph"), 10, kind="int"),
            Column("mechanism", N_("Mechanism"), 8),  # issue 22: the document's mechanism, and the UPR's
            Column("reference", N_("Number as printed"), 8),  # "110.45"
            Column("cluster", N_("Cluster"), 11, True, _keys(Cluster)),
            Column("subheading", N_("Subheading"), 11, True),
            Column("kind", N_("Kind"), 9, True, _keys(RecommendationKind)),
            Column("urgent", N_("Urgent"), 7, True, kind="bool"),
            Column("articles", N_("Articles"), 8, True),
            Column("text", N_("Text"), 50, True),
            Column("sdg_targets", N_("SDG targets"), 8),
            Column("themes", N_("Themes"), 9),
            Column("affected_groups", N_("Affected groups"), 9),
            Column("previous", N_("Earlier cycle"), 10),
            Column("recommending_states", N_("Recommending States"), 12, True, kind="names"),
            Column("position", N_("Position"), 11, True, _keys(UprPosition)),
            Column("responsible", N_("Responsible"), 12, True, kind="names"),
            Column("government_status", N_("Government status"), 13, True, STATUS, colours=True),
            Column("civil_society_status", N_("Civil society status"), 13, True, STATUS, colours=True),
            Column("comment", N_("Comment"), 14, True),
            Column("evidence", N_("Evidence"), 12, True),
            Column("actions", N_("Actions"), 8, kind="int"),
        ),
    ),
    Sheet(
        "actions",
        N_("Actions"),
        (
            UUID,
            Column("title", N_("Title"), 30, True),
            Column("actor", N_("Actor"), 20, True),
            Column("type", N_("Type"), 12, True, _keys(ActionType)),
            Column("status", N_("Status"), 12, True, _keys(ActionStatus), colours=True),
            Column("start_date", N_("Start"), 11, True, kind="date"),
            Column("end_date", N_("End"), 11, True, kind="date"),
            Column("description", N_("Description"), 45, True),
            Column("outcome", N_("Outcome"), 35, True),
            Column("confidential", N_("Confidential"), 12, kind="bool"),
            Column("paragraphs", N_("Paragraphs answered"), 24, True, new_only=True),
        ),
        new_rows=True,
    ),
    Sheet(
        "assessments",
        N_("Assessments"),
        (
            UUID,
            Column("document", N_("Document"), 18, True, new_only=True),
            Column("number", N_("Paragraph"), 10, True, kind="int", new_only=True),
            Column("part", N_("Part"), 6, True, new_only=True),
            Column("side", N_("Side"), 14, True, SIDES, new_only=True),
            Column("status", N_("Status"), 18, True, STATUS, colours=True, new_only=True),
            Column("assessed_on", N_("Date"), 11, True, kind="date", new_only=True),
            Column("assessor", N_("Who"), 22, True, new_only=True),
            Column("note", N_("Note"), 45, True, new_only=True),
            Column("evidence", N_("Evidence"), 35, True, new_only=True),
        ),
        new_rows=True,
    ),
    Sheet(
        "indicators",
        N_("Indicators"),
        (
            UUID,
            Column("indicator", N_("Indicator"), 40, True, new_only=True),
            Column("unit", N_("Unit"), 10),
            Column("year", N_("Year"), 7, True, kind="int", new_only=True),
            Column("sex", N_("Sex"), 9, True, new_only=True),
            Column("age_group", N_("Age group"), 10, True, new_only=True),
            Column("province", N_("Province"), 14, True, new_only=True),
            Column("value", N_("Value"), 10, True, kind="number"),
            Column("note", N_("Note"), 40, True),
        ),
        new_rows=True,
    ),
    Sheet(
        "actors",
        N_("Actors"),
        (
            UUID,
            Column("name", N_("Name"), 36, True),
            Column("short_name", N_("Short name"), 14, True),
            Column("type", N_("Type"), 16, True, _keys(ActorType)),
            Column("country", N_("Country"), 9, True),
            Column("contact", N_("Contact"), 36, True),
        ),
    ),
    Sheet(
        "documents",
        N_("Documents"),
        (
            UUID,
            Column("symbol", N_("Symbol"), 24),
            Column("treaty", N_("Treaty"), 8),
            Column("type", N_("Type"), 26),
            Column("title", N_("Title"), 50),
            Column("date", N_("Date"), 12, kind="date"),
            Column("next_report_due", N_("Next report due"), 14, kind="date"),
        ),
    ),
)
BY_KEY = {sheet.key: sheet for sheet in SHEETS}

#: Fill colours (RGB) of status values, in the traffic-light order people expect.
STATUS_COLOURS: dict[str, str] = {
    "implemented": "C6EFCE",
    "completed": "C6EFCE",
    "partially_implemented": "FFEB9C",
    "in_progress": "DDEBF7",
    "ongoing": "DDEBF7",
    "not_implemented": "FFC7CE",
    "cancelled": "F4CCCC",
    "not_assessed": "EDEDED",
    "planned": "EDEDED",
    "superseded": "E4DFEC",
}


def display(key: str | None, lang: str | None = None) -> str:
    if key is None:
        return ""
    text = LABELS.get(key, key)
    return translator(lang).gettext(text) if lang else text


def reverse_vocabulary(keys: tuple[str, ...]) -> dict[str, str]:
    """Every way a value may come back: the key, and its label in each language (case-insensitive)."""
    out: dict[str, str] = {}
    for key in keys:
        out[key.casefold()] = key
        out[key.replace("_", " ").casefold()] = key
        for lang in LANGUAGES:
            out[display(key, lang).strip().casefold()] = key
    return out


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
