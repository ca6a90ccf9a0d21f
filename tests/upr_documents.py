"""A UPR working group report and its addendum in the UN's layout, written for the tests (our own words).

Cambodia's fourth cycle as the layout goes: the masthead (A/HRC/56/17, Human
Rights Council, fifty-sixth session, agenda item 6), the title "Report of the
Working Group on the Universal Periodic Review" and the State under review,
the introduction naming the working group's forty-sixth session, and chapter
II "Conclusions and/or recommendations": paragraph 110 introduces 40
recommendations numbered 110.1–110.40, each ending with the recommending
State(s) in brackets, then paragraph 111 (the usual disclaimer) and the annex.
The addendum (A/HRC/56/17/Add.1) gives the positions as sentences with lists
and ranges, or (``table=True``) as a table of number and position.
The recommendations' wording is ours; no UN text is copied.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

SYMBOL = "A/HRC/56/17"
COUNT = 40

_ACTIONS = [
    ("Raise the minimum age of criminal responsibility to at least 14 years", ["Chile", "Mexico"]),
    ("Ensure free and universal birth registration, including in remote provinces", ["Brazil"]),
    ("Adopt a national action plan to end the worst forms of child labour", ["Germany"]),
    ("Establish specialized juvenile courts and diversion programmes", ["Iran (Islamic Republic of)"]),
    ("Prohibit corporal punishment of children in all settings", ["Sweden", "Uruguay"]),
    ("Guarantee access to justice for women in rural areas", ["Canada"]),
    ("Strengthen the independence of the judiciary", ["Netherlands (Kingdom of the)"]),
    ("Protect human rights defenders and journalists from harassment", ["Ireland"]),
    ("Increase the budget allocated to inclusive education for children with disabilities", ["Thailand"]),
    ("Combat the trafficking of women and children across borders", ["Philippines", "Viet Nam"]),
]


def recommendation(n: int) -> tuple[str, list[str]]:
    """The text (without its States) and the States of recommendation 110.n."""
    action, states = _ACTIONS[(n - 1) % len(_ACTIONS)]
    round_ = (n - 1) // len(_ACTIONS)
    text = action if round_ == 0 else f"{action}, and report on progress by {2025 + round_}"
    return text, states


def _brackets(states: list[str], n: int) -> str:
    if len(states) > 1 and n % 2 == 0:
        return " ".join(f"({s})" for s in states)  # "(Chile) (Mexico)"
    return f"({', '.join(states)})"  # "(Chile, Mexico)"


def report_paragraphs(count: int = COUNT) -> list[str]:
    lines = [
        "United Nations",
        SYMBOL,
        "General Assembly",
        "Distr.: General",
        "4 April 2024",
        "Original: English",
        "Human Rights Council",
        "Fifty-sixth session",
        "18 June–12 July 2024",
        "Agenda item 6",
        "Universal periodic review",
        "Report of the Working Group on the Universal Periodic Review*",
        "Cambodia",
        "Introduction",
        "1. The Working Group on the Universal Periodic Review, established in accordance with Human Rights "
        "Council resolution 5/1, held its forty-sixth session from 29 April to 10 May 2024. The review of Cambodia "
        "was held at the 9th meeting, on 3 May 2024.",
        "2. The troika chosen by the Council to facilitate the review was made up of three States.",
        "I. Summary of the proceedings of the review process",
        "A. Presentation by the State under review",
        "5. The delegation described the reforms of the juvenile justice system since the third cycle.",
        "B. Interactive dialogue and responses by the State under review",
        "20. During the interactive dialogue, 85 delegations made statements; recommendations appear in section II.",
        "II. Conclusions and/or recommendations",
        "110. The following recommendations will be examined by Cambodia, which will provide responses in due "
        "time, but no later than the fifty-sixth session of the Human Rights Council:",
    ]
    for n in range(1, count + 1):
        text, states = recommendation(n)
        end = "." if n == count else ";"
        lines.append(f"110.{n} {text} {_brackets(states, n)}{end}")
    lines += [
        "111. All conclusions and/or recommendations contained in the present report reflect the position of the "
        "submitting State(s) and/or the State under review. They should not be construed as endorsed by the "
        "Working Group as a whole.",
        "Annex",
        "Composition of the delegation",
        "The delegation of Cambodia was headed by the chair of its human rights committee.",
    ]
    return lines


#: the positions the addendum gives: 110.1–110.20 supported, 110.21–110.22 in part, the rest noted
SUPPORTED_IN_PART = (21, 22)
NOTED = (*range(23, 31), *range(31, COUNT + 1))


def position(n: int) -> str:
    if n in SUPPORTED_IN_PART:
        return "supported_in_part"
    return "noted" if n in NOTED else "supported"


def addendum_paragraphs() -> list[str]:
    return [
        "United Nations",
        f"{SYMBOL}/Add.1",
        "General Assembly",
        "Distr.: General",
        "18 June 2024",
        "Human Rights Council",
        "Fifty-sixth session",
        "Agenda item 6",
        "Universal periodic review",
        "Report of the Working Group on the Universal Periodic Review",
        "Cambodia",
        "Addendum",
        "Views on conclusions and/or recommendations, voluntary commitments and replies presented by the State "
        "under review",
        "1. Cambodia examined the 40 recommendations it received during its fourth review with the ministries "
        "concerned and civil society.",
        "2. Cambodia supports the following recommendations: 110.1–110.20.",
        "3. Cambodia supports in part recommendations 110.21 and 110.22: it accepts the raising of the age and "
        "takes note of the rest.",
        "4. Cambodia notes the following recommendations: 110.23, 110.24 to 110.30,",
        "110.31–110.40.",
    ]


def addendum_table_rows() -> list[tuple[str, str]]:
    words = {"supported": "Supported", "supported_in_part": "Supported in part", "noted": "Noted"}
    return [(f"110.{n}", words[position(n)]) for n in range(1, COUNT + 1)]


def build_docx(path: Path, paragraphs: list[str], table: list[tuple[str, str]] | None = None) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        grid = doc.add_table(rows=1, cols=3)
        for cell, head in zip(grid.rows[0].cells, ("Recommendation", "Text", "Position"), strict=True):
            cell.text = head
        for number, word in table:
            cells = grid.add_row().cells
            n = int(number.split(".")[1])
            cells[0].text, cells[1].text, cells[2].text = number, recommendation(n)[0], word
    doc.save(str(path))
    return path


def write_text(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
