"""Other mechanisms' recommendations added to the demo (issue 22): a UPR working group report and CEDAW observations.

Built in code: UPR recommendations 110.40–110.52 to the Republic of Xamplia on
juvenile justice, birth registration and child labour, with recommending
States and positions, and two CEDAW paragraphs; nothing placed or linked yet.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from crc_reporter.services.documents import create_document
from crc_reporter.services.recommendations import create_recommendation

UPR = "A/HRC/56/12"
CEDAW = "CEDAW/C/XMP/CO/8"
CO = "CRC/C/XMP/CO/5-6"

JUSTICE = [
    "Adopt the draft juvenile justice law and raise the minimum age of criminal responsibility",
    "Ensure that detention of children in conflict with the law is a measure of last resort",
    "Develop diversion and restorative justice programmes for children in conflict with the law",
    "Establish specialized juvenile courts and train judges on child justice",
    "Reduce pretrial detention of children and ensure legal aid for children in conflict with the law",
]
STATES = ["Brazil", "Chile", "France", "Ghana", "Japan", "Mexico", "Thailand", "Uruguay"]


def upr_recommendations() -> list[tuple[str, str, str | None, list[str]]]:
    """(label, text, position, recommending States) of the UPR report's paragraph 110."""
    out: list[tuple[str, str, str | None, list[str]]] = []
    for i in range(40, 45):
        out.append((f"110.{i}", f"Ensure free and universal birth registration for all children, including in rural "
                    f"areas ({STATES[i % 8]})", "supported", [STATES[i % 8]]))  # fmt: skip
    for i, text in enumerate(JUSTICE):
        state = STATES[(i + 3) % 8]
        out.append((f"110.{45 + i}", f"{text} ({state})", "supported", [state]))
    out.append(
        ("110.50", "Raise the minimum age of criminal responsibility to 14 years (Uruguay)", "noted", ["Uruguay"])
    )
    out.append(("110.51", "Eliminate the worst forms of child labour, including in agriculture (Japan)", "supported_in_part", ["Japan"]))  # fmt: skip
    out.append(("110.52", "Cooperate fully with the special procedures of the Human Rights Council (Chile)", None, ["Chile"]))  # fmt: skip
    return out


def add_other_mechanisms(session: Session) -> None:
    create_document(session, UPR, country="XMP", date=dt.date(2024, 7, 10), title="Report of the Working Group")
    for number, (label, text, position, states) in enumerate(upr_recommendations(), 1):
        create_recommendation(
            session,
            UPR,
            number,
            text,
            label=label,
            recommending_states=states,
            position=position,
            upr_session="46",
            upr_cycle=4,
            cluster_confirmed=False,
            themes=["Juvenile justice"] if "justice" in text or "detention" in text else [],
        )
    create_document(session, CEDAW, country="XMP", date=dt.date(2023, 11, 1))
    create_recommendation(
        session,
        CEDAW,
        38,
        "The Committee recommends that the State party raise the minimum age of marriage to 18 years for girls "
        "and boys and prevent child marriage.",
        cluster_confirmed=False,
    )
    create_recommendation(
        session,
        CEDAW,
        39,
        "The Committee recommends that the State party ensure that girls in conflict with the law benefit from "
        "diversion and restorative justice and are detained only as a last resort.",
        cluster_confirmed=False,
    )
