"""A UHRI export as OHCHR writes it ("Export to Excel"), built with openpyxl, and the same as CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]


def excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


CO_DATE = dt.date(2022, 6, 27)
OPAC_DATE = dt.date(2015, 2, 4)

ROWS: list[dict[str, object]] = [
    {
        "Text": "Birth registration and nationality\n17. Taking note of target 16.9 of the Sustainable Development "
        "Goals, the Committee urges the State party to:\n(a) Ensure free birth registration for all children;\n"
        "(b) Strengthen mobile birth registration units in rural areas.",
        "Reccomending Body": "- CRC",
        "Document Symbol": "CRC/C/XLM/CO/4-6",
        "Themes": "- Birth registration\n- Right to a name & nationality",
        "Affected Persons": "- Children\n- Persons living in rural areas",
        "Sdgs": "- 16.9 - Provide legal identity for all, including birth registration",
        "Type": "- Recommendations",
    },
    {
        "Text": "Abuse and neglect 22.The Committee is concerned about the high prevalence of violence against children.",
        "Reccomending Body": "- CRC",
        "Document Symbol": "CRC/C/XLM/CO/4-6",
        "Themes": "- Violence against children",
        "Affected Persons": "- Children",
        "Sdgs": "- 16.2 - End abuse, exploitation, trafficking and all forms of "
        "violence against and torture of children",
        "Type": "- Concerns/Observations",
    },
    {
        "Text": "23. Recalling its previous recommendations (CRC/C/XLM/CO/2-3, para. 38), the Committee recommends that "
        "the State party prohibit corporal punishment in all settings.",
        "Reccomending Body": "- CRC",
        "Document Symbol": "CRC/C/XLM/CO/4-6",
        "Themes": "- Violence against children\n- Corporal punishment",
        "Affected Persons": "- Children",
        "Sdgs": "",
        "Type": "- Recommendations",
    },
    {
        "Text": "Military schools\n11. The Committee recommends that the State party ensure that students of military "
        "schools are not subjected to military training involving the use of weapons.",
        "Reccomending Body": "- CRC-OP-AC",
        "Document Symbol": "CRC/C/OPAC/XLM/CO/1",
        "Themes": "- Children in armed conflict",
        "Affected Persons": "- Children",
        "Type": "- Recommendations",
        "date": OPAC_DATE,
    },
    {
        "Text": "112.45 Ensure free birth registration for all children (Freedonia);",
        "Reccomending Body": "- UPR",
        "Document Symbol": "A/HRC/41/17",
        "Themes": "- Birth registration",
        "Affected Persons": "- Children",
        "UPR Reccomending States": "- Freedonia",
        "UPR Position": "- Supported",
        "UPR Session": "32",
        "Type": "- Recommendations",
    },
    {
        "Text": "112.46 Guarantee access to justice for rural women (Utopia, Iran (Islamic Republic of));",
        "Reccomending Body": "- Universal Periodic Review",
        "Document Symbol": "A/HRC/41/17",
        "Themes": "- Access to justice",
        "Affected Persons": "- Women & girls",
        "UPR Reccomending States": "- Utopia\n- Iran (Islamic Republic of)",
        "UPR Position": "- Noted",
        "UPR Session": "32",
        "Type": "- Recommendations",
    },
    {
        "Text": "30. The Committee recommends that the State party ensure access to justice for rural women.",
        "Reccomending Body": "- CEDAW",
        "Document Symbol": "CEDAW/C/XLM/CO/6",
        "Themes": "- Access to justice",
        "Affected Persons": "- Women & girls",
        "Type": "- Recommendations",
    },
    {
        "Text": "31. The Committee recommends that the State party end child marriage.",
        "Reccomending Body": "- Committee on the Elimination of Discrimination against Women",
        "Document Symbol": "CEDAW/C/XLM/CO/6",
        "Themes": "- Harmful practices",
        "Affected Persons": "- Women & girls",
        "Type": "- Recommendations",
    },
    {
        "Text": "Improve conditions in places of detention.",
        "Reccomending Body": "- Regional Forum",
        "Document Symbol": "",
        "Themes": "- Detention",
        "Type": "- Recommendations",
    },
]


def _row(spec: dict[str, object], serial_dates: bool) -> list[object]:
    day = spec.get("date", CO_DATE)
    assert isinstance(day, dt.date)
    cells = {
        "Countries Concerned": "- Lumeria",
        "Regions Concerned": "- Asia-Pacific",
        "OHCHR Annotation Id": f"id-{abs(hash(spec['Text'])) % 10**8}",
        "Document Publication Date": excel_serial(day) if serial_dates else day.isoformat(),
        "Date of publication on UHRI": f"{excel_serial(day) + 30}.4996282407",
    }
    cells.update({k: v for k, v in spec.items() if k != "date"})
    return [cells.get(h, "") for h in HEADERS]


def build_uhri_xlsx(path: Path, headers: list[str] | None = None, rows: list[dict[str, object]] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers or HEADERS)
    for spec in ROWS if rows is None else rows:
        sheet.append(_row(spec, serial_dates=True))
    book.save(path)
    return path


def build_uhri_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for spec in ROWS:
            writer.writerow(_row(spec, serial_dates=True))
    return path


def rows_with_bodies(bodies: dict[str, str]) -> list[dict[str, object]]:
    """The fixture's rows with their "Reccomending Body" cells rewritten (old value -> new value)."""
    return [
        {**spec, "Reccomending Body": bodies.get(str(spec["Reccomending Body"]), spec["Reccomending Body"])}
        for spec in ROWS
    ]
