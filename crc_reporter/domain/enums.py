"""Closed vocabularies of the domain.

Values are the stable keys written to the store, the CLI's JSON and exchange
packages; never change a value, only add new ones. Human labels live in
:mod:`crc_reporter.domain.labels` so that they can be translated.
"""

from __future__ import annotations

from enum import StrEnum


class Treaty(StrEnum):
    CRC = "CRC"
    OPSC = "OPSC"
    OPAC = "OPAC"
    OPIC = "OPIC"


class Mechanism(StrEnum):
    """The body whose document a recommendation comes from: the CRC (and its protocols) and the others.

    A document's mechanism is stored in its ``treaty_code`` (the four CRC instruments keep the codes
    they always had, so every store from before issue 22 is all CRC).
    """

    CRC = "CRC"
    OPSC = "OPSC"
    OPAC = "OPAC"
    OPIC = "OPIC"
    UPR = "UPR"  # Universal Periodic Review (Human Rights Council)
    CEDAW = "CEDAW"
    CRPD = "CRPD"
    CAT = "CAT"
    CCPR = "CCPR"  # Human Rights Committee (ICCPR)
    CESCR = "CESCR"
    CERD = "CERD"
    CMW = "CMW"
    CED = "CED"
    SP = "SP"  # special procedures (country visits)


#: The Committee on the Rights of the Child's own mechanisms (the Convention and its protocols).
CRC_MECHANISMS: frozenset[str] = frozenset({"CRC", "OPSC", "OPAC", "OPIC"})


class UprPosition(StrEnum):
    """The State under review's position on a UPR recommendation (the working group report's addendum)."""

    SUPPORTED = "supported"
    SUPPORTED_IN_PART = "supported_in_part"
    NOTED = "noted"


class DocumentType(StrEnum):
    STATE_REPORT = "state_report"
    LIST_OF_ISSUES = "list_of_issues"
    LOIPR = "loipr"  # list of issues prior to reporting (simplified procedure)
    REPLIES = "replies"
    CONCLUDING_OBSERVATIONS = "concluding_observations"
    ALTERNATIVE_REPORT = "alternative_report"
    UPR_REPORT = "upr_report"  # report of the Working Group on the Universal Periodic Review
    OTHER = "other"


class RecommendationKind(StrEnum):
    RECOMMENDATION = "recommendation"
    CONCERN = "concern"
    OTHER = "other"


class ActorType(StrEnum):
    GOVERNMENT = "government"
    NGO = "ngo"
    UN_AGENCY = "un_agency"
    COALITION = "coalition"
    NHRI = "nhri"  # national human rights institution
    OTHER = "other"


class ActionType(StrEnum):
    LAW = "law"
    POLICY = "policy"
    PROGRAMME = "programme"
    BUDGET = "budget"
    TRAINING = "training"
    DATA = "data"
    SERVICE = "service"
    ADVOCACY = "advocacy"
    RESEARCH = "research"
    OTHER = "other"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ImplementationStatus(StrEnum):
    NOT_ASSESSED = "not_assessed"
    NOT_IMPLEMENTED = "not_implemented"
    IN_PROGRESS = "in_progress"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    IMPLEMENTED = "implemented"
    SUPERSEDED = "superseded"


class AssessmentSide(StrEnum):
    """Whose view an assessment records. The two sides never overwrite each other."""

    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"


class TagKind(StrEnum):
    THEME = "theme"
    AFFECTED_GROUP = "affected_group"
    SDG = "sdg"
