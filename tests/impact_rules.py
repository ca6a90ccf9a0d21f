"""What each line of IMPACT OSS's batch import does with a CSV file, as rules, to check our exports against.

Written from reading the partner's code (not copied): impactoss-client ``app/utils/import.js``,
``app/themes/config.js`` (``ENTITY_FIELDS``), ``app/utils/entities.js`` (``checkAttribute``),
``app/containers/{Recommendation,Action,Indicator}Import/index.js``, the CSV reading in
``app/components/forms/ImportFileSelectControl`` (papaparse / babyparse, ``header: true``,
``delimiter: ','``) and ``validators/validate-date-format.js`` on ``main`` 32a16da4,
``nz-production`` 39ced2ad and ``sg-dev`` 7a1463fd; impactoss-server ``master`` 6a7a5270
``app/models/*.rb`` (``title`` required, ``reference`` required and unique) and ``db/seeds.rb``.

Each rule below says what the line does when it is broken: refuses the file, throws,
drops the value without a word, or reports an invalid connection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

# entity -> line -> the [database:…] attributes its import keeps
ATTRIBUTES = {
    "recommendations": {
        "main": {"framework_id", "reference", "title", "description", "response", "support_level"},
        "nz": {"reference", "title", "description", "response", "support_level"},
        "scotland": {"reference", "title", "description"},
    },
    "actions": {
        "main": {
            "reference",
            "title",
            "description",
            "outcome",
            "indicator_summary",
            "target_date",
            "target_date_comment",
        },
        "nz": {"reference", "title", "description", "outcome", "target_date", "target_date_comment"},
    },
    "indicators": {
        "main": {"reference", "title", "description", "start_date", "end_date", "frequency_months", "repeat"},
        "nz": {"reference", "title", "description", "start_date", "end_date", "frequency_months", "repeat"},
    },
}
CATEGORY_RELS = {"category-id", "category-short-title", "category-reference"}
RELATIONSHIPS = {
    "recommendations": {
        "main": CATEGORY_RELS | {"action-id", "action-reference", "indicator-id", "indicator-reference"},
        "nz": CATEGORY_RELS | {"action-id", "action-reference"},
        "scotland": CATEGORY_RELS,
    },
    "actions": {
        "main": CATEGORY_RELS
        | {"recommendation-id", "recommendation-reference", "indicator-id", "indicator-reference"},
        "nz": CATEGORY_RELS | {"recommendation-id", "recommendation-reference", "indicator-id", "indicator-reference"},
    },
    "indicators": {
        "main": {"action-id", "action-reference", "recommendation-id", "recommendation-reference"},
        "nz": {"action-id", "action-reference"},
    },
}
DATES = {"target_date", "start_date", "end_date"}
DATE_FORMAT = {"main": "%d/%m/%Y", "nz": "%Y-%m-%d", "scotland": "%d/%m/%Y"}
OPTIONS = {"support_level": {"", "0", "1", "2"}, "frequency_months": {"", "1", "3", "6", "12"}, "framework_id": {"1"}}
_HEADER = re.compile(r"^[^\[\]]*\[(?P<kind>database|rel):(?P<field>[A-Za-z0-9_-]+)(?:\|[^\[\]]+)?\]$")


@dataclass
class Imported:
    """What a line's import would create from one file: references, and the problems found."""

    references: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check(
    path: Path,
    entity: str,
    line: str,
    *,
    categories: set[str],
    references: dict[str, set[str]],
) -> Imported:
    """Run ``path`` through ``line``'s import of ``entity`` (recommendations, actions, indicators).

    ``categories``: the short titles (and, for nz, titles) of the categories the receiving
    IMPACT holds; ``references``: the references of records imported before, by entity.
    """
    out = Imported()
    text = path.read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=","))
    header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]  # skipEmptyLines
    if len(set(header)) != len(header):
        out.problems.append("duplicate column names: papaparse keeps only the last")
    columns: dict[str, int] = {}
    rels: dict[str, int] = {}
    for index, name in enumerate(header):
        if "[" not in name and "]" not in name:
            continue  # no field: every line ignores the column
        match = _HEADER.match(name.lstrip("\ufeff"))
        if not match:
            out.problems.append(f"header {name!r}: the field is not read as written (brackets in the label or after)")
            continue
        if match["kind"] == "database":
            if match["field"] == "framework_id" and line == "nz":
                out.problems.append("framework_id: nz-production's validateType finds no field and throws")
            elif match["field"] not in ATTRIBUTES[entity][line]:
                out.problems.append(f"{match['field']}: not imported by {line}, dropped without a warning")
            columns[match["field"]] = index
        elif match["field"] not in RELATIONSHIPS[entity][line]:
            out.problems.append(f"[rel:{match['field']}]: not a relationship {line} imports for {entity}")
        else:
            rels[match["field"]] = index
    if entity == "recommendations" and line == "main" and "framework_id" not in columns:
        out.problems.append("framework_id: required by main")
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            out.problems.append(f"row {number}: {len(row)} fields for {len(header)} columns: the file is refused")
            continue
        values = {f: row[i] for f, i in columns.items()}
        ref = values.get("reference", "").strip()
        if not ref:
            out.problems.append(f"row {number}: no reference (required)")
        elif ref in out.references or ref in references.get(entity, set()):
            out.problems.append(f"row {number}: reference {ref!r} is taken: the server refuses the record")
        if not values.get("title", "").strip():
            out.problems.append(f"row {number}: no title (required by the server)")
        for name in DATES & set(values):
            value = values[name].strip()
            if value and not _is_date(value, DATE_FORMAT[line]):
                out.problems.append(f"row {number}: {name} {value!r} is dropped by {line} ({DATE_FORMAT[line]})")
        for name, allowed in OPTIONS.items():
            if name in values and values[name].strip() not in allowed:
                out.problems.append(f"row {number}: {name} {values[name]!r} is not one of {sorted(allowed)}")
        for rel, index in rels.items():
            for value in row[index].strip().split(",") if row[index].strip() else []:
                wanted = value.strip().split("|")[0].strip() if line == "main" else value.strip()
                if rel == "category-short-title":
                    known = wanted in categories
                elif rel.endswith("-reference"):
                    target = rel.removesuffix("-reference")
                    known = wanted in references.get({"action": "actions"}.get(target, target + "s"), set())
                else:
                    known = False
                if not known:
                    out.problems.append(f"row {number}: [rel:{rel}] {wanted!r} finds nothing")
        if ref:
            out.references.append(ref)
    return out


def _is_date(value: str, fmt: str) -> bool:
    if len(value) != 10:  # validateDateFormat compares the lengths first
        return False
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def read_categories(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


#: short titles of the categories impactoss-server's db/seeds.rb creates (SMART, bodies, agencies, issues,
#: affected persons; the 197 recommending states and the UPR cycle left out); the three "Progress status"
#: categories have a title and no short title, which only nz-production's title fallback finds
SEEDED_SHORT_TITLES = frozenset(
    [
        "S",
        "M",
        "A",
        "R",
        "T",
        "UPR",
        "ICCPR",
        "ICESCR",
        "CAT",
        "CERD",
        "CEDAW",
        "CRC",
        "CRPD",
        "MoJ",
        "MFAT",
        "MfW",
        "MSD",
        "Whaikaha",
        "TPK",
        "MBIE",
        "DIA",
        "Corrections",
        "Police",
        "CRU",
        "HUD",
        "MoH",
        "MoE",
        "MfE",
        "NEMA",
        "TPA",
        "PSC",
        "Equality",
        "Cooperation",
        "Environment",
        "Counter-terrorism",
        "ESC rights",
        "Standard of living",
        "Employment",
        "Health",
        "Education",
        "Women & girls",
        "Children (rights of)",
        "Disabilities (rights)",
        "Indigenous rights",
        "Migrants (rights of)",
        "Older persons",
        "NHRF",
        "Intl. instruments",
        "Criminal justice",
        "Business",
        "Intl. obligations",
        "Inter-State cooperation",
        "HR education",
        "Context",
        "Intl. law",
        "Self-determination",
        "Development",
        "Remedy",
        "Mercenaries (use of)",
        "Civil & political",
        "Integrity",
        "Liberty & security",
        "Freedom",
        "Justice",
        "Identity",
        "Participation",
        "Family",
        "Property",
        "Cultural rights",
        "Displaced",
        "HRD",
        "Intl. conventions",
        "Children",
        "Disappeared",
        "Indigenous",
        "LGBTI",
        "Migrants",
        "Minorities",
        "Poverty",
        "Disabilities",
        "Stateless",
        "Women",
        "Pacific",
        "Māori",
        "Older",
        "Homelessness",
        "Slavery",
        "Public officials",
        "Media",
        "Non-citizens",
        "Liberty",
        "Private security",
        "Mercenaries",
        "Rural",
    ]
)
PROGRESS_TITLES = frozenset({"In preparation", "In progress", "Completed"})


def receiving_categories(line: str, created: set[str]) -> set[str]:
    """What ``[rel:category-short-title]`` finds in a seeded IMPACT of ``line`` once ``created`` were added."""
    found = set(SEEDED_SHORT_TITLES) | created
    if line == "nz":
        found |= PROGRESS_TITLES  # nz-production also compares the title
    return found
