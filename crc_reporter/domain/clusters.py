"""The Committee's reporting clusters (treaty-specific guidelines CRC/C/58/Rev.3).

The keys are fixed by the product (CLI JSON, packages, reports). Titles and
article lists ship as reference data in ``resources/reference/clusters.json``.
"""

from __future__ import annotations

from enum import StrEnum


class Cluster(StrEnum):
    GENERAL_MEASURES = "general_measures"
    DEFINITION = "definition"
    GENERAL_PRINCIPLES = "general_principles"
    CIVIL_RIGHTS = "civil_rights"
    VIOLENCE = "violence"
    FAMILY_ENVIRONMENT = "family_environment"
    HEALTH_WELFARE = "health_welfare"
    EDUCATION = "education"
    SPECIAL_PROTECTION = "special_protection"
    OPTIONAL_PROTOCOLS = "optional_protocols"


#: The order of a State party report.
CLUSTER_ORDER: tuple[Cluster, ...] = tuple(Cluster)


def cluster_position(key: str | None) -> int:
    """Sort key: clusters in guideline order, paragraphs outside any cluster last."""
    try:
        return CLUSTER_ORDER.index(Cluster(key)) if key else len(CLUSTER_ORDER)
    except ValueError:
        return len(CLUSTER_ORDER)
