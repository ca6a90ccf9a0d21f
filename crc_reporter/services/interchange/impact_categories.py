"""Categories of an IMPACT OSS export: which short title says what, in which of IMPACT's taxonomies.

IMPACT's import links a record to a category through ``[rel:category-short-title]``:
the cell's values are split on commas (and on ``|`` by ``main``), each trimmed and
looked up among the short titles of *all* categories. So a value must hold no
comma, and it must exist in the receiving IMPACT before the import: the seeded
ones (``impactoss-server`` ``db/seeds.rb`` at 6a7a5270, transcribed below as data)
or ones an administrator creates from the list this export writes next to the files.
"""

from __future__ import annotations

import datetime as dt
import re

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import ActionStatus

BODY, CYCLE, ISSUE, PERSONS, AGENCIES, PROGRESS, CLUSTER, SDGS = (
    "Human rights body",
    "Cycle",
    "Human rights issue",
    "Affected persons",
    "Government agencies",
    "Progress status",
    "Thematic cluster",
    "SDGs",
)

#: IMPACT's seeded categories a CRC export can use: taxonomy -> {short title: title}.
SEEDED: dict[str, dict[str, str]] = {
    BODY: {
        "UPR": "Human rights council (UPR)",
        "ICCPR": "International Covenant on Civil and Political Rights",
        "ICESCR": "International Covenant on Economic Social and Cultural Rights",
        "CAT": "Committee Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
        "CERD": "Committee for the Elimination of All Forms of Racial Discrimination",
        "CEDAW": "Committee for the Elimination of All Forms of Discrimination Against Women",
        "CRC": "Committee on the Rights of the Child",
        "CRPD": "Committee on the Rights of Persons with Disabilities",
    },
    ISSUE: {
        "Equality": "Equality and non-discrimination",
        "Health": "Right to health",
        "Education": "Right to education",
        "Standard of living": "Right to an adequate standard of living",
        "Women & girls": "Rights of women and girls",
        "Children (rights of)": "Rights of children and young people",
        "Disabilities (rights)": "Rights of persons with disabilities",
        "Migrants (rights of)": "Rights of refugees, migrants and asylum seekers",
        "Criminal justice": "Human rights and criminal justice",
        "Business": "Human trafficking, modern slavery and business and human rights",
        "HR education": "Human rights education, trainings and awareness raising",
        "Context": "Context, statistics, budget, civil society",
        "Integrity": "Right to physical and moral integrity",
        "Justice": "Administration of justice",
        "Identity": "Rights related to name, identity, nationality",
        "Family": "Rights related to marriage and family",
        "Intl. instruments": "International instruments",
    },
    PERSONS: {
        "Children": "Children and young people",
        "Indigenous": "Indigenous peoples",
        "LGBTI": "Lesbian, gay, bisexual, transgender and intersex persons",
        "Migrants": "Migrants, refugees and asylum seekers",
        "Minorities": "Minorities / racial, ethnic, linguistic, religious or descent-based groups",
        "Poverty": "Persons living in poverty",
        "Disabilities": "Persons with disabilities",
        "Stateless": "Stateless persons",
        "Women": "Women and girls",
        "Homelessness": "Persons experiencing homelessness",
        "Slavery": "Persons in slavery/trafficked persons",
        "Liberty": "Persons deprived of their liberty",
        "Rural": "Persons living in rural areas",
    },
    # seeded with a title and a reference but no short title: nz-production finds them by title,
    # main and sg-dev only once an administrator gives each its title as short title
    PROGRESS: {"In preparation": "In preparation", "In progress": "In progress", "Completed": "Completed"},
}
#: Our action statuses as IMPACT's "Progress status" (cancelled has none there).
PROGRESS_OF: dict[str, str] = {
    ActionStatus.PLANNED.value: "In preparation",
    ActionStatus.ONGOING.value: "In progress",
    ActionStatus.COMPLETED.value: "Completed",
}
STATUS_OF_PROGRESS: dict[str, str] = {v.casefold(): k for k, v in PROGRESS_OF.items()}

CLUSTER_SHORT: dict[str, str] = {
    Cluster.GENERAL_MEASURES: "General measures of implementation",
    Cluster.DEFINITION: "Definition of the child",
    Cluster.GENERAL_PRINCIPLES: "General principles",
    Cluster.CIVIL_RIGHTS: "Civil rights and freedoms",
    Cluster.VIOLENCE: "Violence against children",
    Cluster.FAMILY_ENVIRONMENT: "Family environment and alternative care",
    Cluster.HEALTH_WELFARE: "Disability - basic health and welfare",
    Cluster.EDUCATION: "Education - leisure and cultural activities",
    Cluster.SPECIAL_PROTECTION: "Special protection measures",
    Cluster.OPTIONAL_PROTOCOLS: "Follow-up to the Optional Protocols",
}


def short(value: str) -> str:
    """A value IMPACT can look up: no comma or bar (its separators), one line, trimmed."""
    return " ".join(re.sub(r"\s*[,|]\s*", " - ", value).split())[:200]


def seeded(taxonomy: str, value: str) -> str:
    """Our value as the seeded category of ``taxonomy`` with that title or short title, else as it is."""
    folded = value.strip().casefold()
    for short_title, title in SEEDED.get(taxonomy, {}).items():
        if folded in (short_title.casefold(), title.strip().casefold()):
            return short_title
    return short(value)


#: A mechanism (issue 22) as IMPACT's "Human rights body" short title: the seeded ones where IMPACT
#: has one (the Covenants as ICCPR and ICESCR), our code otherwise (listed for the administrator to create).
BODY_OF: dict[str, str] = {
    "CRC": "CRC",
    "OPSC": "CRC",
    "OPAC": "CRC",
    "OPIC": "CRC",
    "CCPR": "ICCPR",
    "CESCR": "ICESCR",
}
BODY_TITLES: dict[str, str] = {
    "CMW": "Committee on Migrant Workers",
    "CED": "Committee on Enforced Disappearances",
    "SP": "Special procedures of the Human Rights Council",
}
#: Our UPR positions as IMPACT's ``support_level`` (its client's SUPPORT_LEVELS: noted 0, in part 1, supported 2).
SUPPORT_LEVEL: dict[str, str] = {"supported": "2", "supported_in_part": "1", "noted": "0"}


def body(mechanism: str) -> str:
    return BODY_OF.get(mechanism, mechanism)


def body_title(short_title: str) -> str:
    return SEEDED[BODY].get(short_title) or BODY_TITLES.get(short_title, short_title)


def cycle(symbol: str, date: dt.date | None, body_short: str = "CRC") -> str:
    """The reporting cycle, named like IMPACT's seeded ``UPR-2024``: ``CRC-2022`` (the symbol without a date)."""
    return f"{body_short}-{date.year}" if date else short(symbol)


def sdg(target: str) -> str:
    return f"SDG {target}"


class CategoryList:
    """The categories an export uses, by taxonomy, to be written as the administrator's list."""

    def __init__(self) -> None:
        self.used: dict[tuple[str, str], str] = {}  # (taxonomy, short title) -> title

    def add(self, taxonomy: str, short_title: str, title: str | None = None) -> str:
        if short_title:
            self.used.setdefault((taxonomy, short_title), title or short_title)
        return short_title

    def rows(self) -> list[list[str]]:
        out = []
        for (taxonomy, short_title), title in sorted(self.used.items()):
            known = short_title in SEEDED.get(taxonomy, {}) and taxonomy != PROGRESS
            out.append([taxonomy, short_title, title, "seeded" if known else "to create"])
        return out
