"""Another treaty body's concluding observations in the UN's layout, written for the tests (our own words).

CEDAW's on Cambodia's sixth report (CEDAW/C/KHM/CO/6) as the layout goes: the
masthead with the symbol, the title, "I. Introduction", "C. Principal areas of
concern and recommendations" with the Committee's own sub-headings (its themes,
not CRC clusters), numbered paragraphs, lettered parts and a previous
recommendation cited with its paragraph. The wording is ours.
"""

from __future__ import annotations

SYMBOL = "CEDAW/C/KHM/CO/6"


def cedaw_paragraphs() -> list[str]:
    return [
        "United Nations",
        SYMBOL,
        "Convention on the Elimination of All Forms of Discrimination against Women",
        "Distr.: General",
        "12 November 2024",
        "Original: English",
        "Committee on the Elimination of Discrimination against Women",
        "Concluding observations on the sixth periodic report of Cambodia*",
        "I. Introduction",
        "1. The Committee considered the sixth periodic report of Cambodia (CEDAW/C/KHM/6) at its 2090th and "
        "2091st meetings, on 23 October 2024.",
        "II. Positive aspects",
        "2. The Committee welcomes the progress achieved since the previous review in legislative reforms.",
        "III. Principal areas of concern and recommendations",
        "Access to justice",
        "3. The Committee is concerned that women and girls in rural areas face barriers in gaining access to "
        "justice, including costs and distance.",
        "4. Recalling its previous recommendations (CEDAW/C/KHM/CO/4-5, para. 13), the Committee recommends that "
        "the State party:",
        "(a) Provide free legal aid to women and girls in rural provinces;",
        "(b) Train judges and police officers on gender-sensitive procedures.",
        "Child marriage",
        "5. The Committee recommends that the State party enforce the minimum age of marriage of 18 years for "
        "girls and boys.",
        "Education",
        "6. The Committee recommends that the State party reduce the dropout rate of girls from secondary school.",
    ]


def write_text(path, paragraphs: list[str]):  # type: ignore[no-untyped-def]
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
