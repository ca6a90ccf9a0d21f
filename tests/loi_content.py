"""Lists of issues written for the tests, in the UN's layout (issue 18, item 3).

A list of issues prior to reporting in the layout the Committee uses since 2019
(chapters "I. New developments", "II. Rights under the Convention and the
Optional Protocols thereto" with one section per cluster, "III. Data, statistics
and other information"), for the fictional Kingdom of Lumeria (XLM), built into
Word, PDF and pasted text like the concluding observations in
:mod:`tests.co_content`. The symbol stands in the masthead's header line. Each
question carries what the importer must find (cluster, parts, the paragraphs of
the earlier concluding observations it cites); ``SUBHEADINGS`` the part or
section each question belongs to, ``INSTRUCTIONS`` what is kept apart.
"""

from __future__ import annotations

from tests.co_content import Heading, Para, Spec, Text, plain

CO = "CRC/C/XLM/CO/4-6"
INSTRUCTIONS = (
    "The Committee requests the State party to reply to the questions below in a single document of no more "
    "than 21,200 words, which will constitute its combined fifth and sixth periodic reports.",
)


def _q(number: int, text: str, cluster: str | None, parts: list[str] | None = None, **kw: object) -> Para:
    return Para(number, plain(text), [plain(p) for p in parts or []], kind="other", cluster=cluster, **kw)  # type: ignore[arg-type]


def loipr() -> Spec:
    items: list[Heading | Para | Text] = [
        Heading("chapter", "I.", "New developments"),
        _q(
            1,
            "The Committee invites the State party to provide information on:",
            None,
            [
                "Any bills or laws adopted since the previous concluding observations, and their regulations;",
                "New institutions for children and their mandates, and institutional reforms;",
                "Recent policies, programmes and action plans, with their scope and financing.",
            ],
        ),
        Heading("chapter", "II.", "Rights under the Convention and the Optional Protocols thereto"),
        Text(INSTRUCTIONS[0]),
        Heading("section", "A.", "General measures of implementation (arts. 4, 42 and 44 (6))"),
        _q(
            2,
            "Please describe the measures taken to:",
            "general_measures",
            [
                f"Adopt the draft Children's Code and bring it into force ({CO}, para. 7);",
                f"Strengthen the coordinating role of the National Council for Children ({CO}, paras. 9\u201310).",
            ],
            previous=((CO, 7), (CO, 9), (CO, 10)),
        ),
        _q(
            3,
            "Please explain what has been done to give the national human rights institution a mandate to "
            f"receive complaints from children in a child-sensitive manner ({CO}, para 12).",
            "general_measures",
            previous=((CO, 12),),
        ),
        Heading("section", "B.", "Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)"),
        _q(
            4,
            "Please indicate whether corporal punishment is now prohibited in all settings, including in the "
            f"home, and how the prohibition is enforced ({CO}, paras 25-26).",
            "violence",
            previous=((CO, 25), (CO, 26)),
        ),
        Heading(
            "section",
            "C.",
            "Special protection measures (arts. 22, 30, 32\u201333, 35\u201336, 37 (b)\u2013(d) and 38\u201340)",
        ),
        _q(
            5,
            "With regard to the administration of child justice, please provide information on:",
            "special_protection",
            [
                "The adoption of the Juvenile Justice Law;",
                "The use of diversion and of non-custodial measures;",
                f"The length of pretrial detention of children ({CO}, para. 48 (c)).",
            ],
            previous=((CO, 48),),
        ),
        Heading("chapter", "III.", "Data, statistics and other information"),
        _q(
            6,
            "Please provide consolidated information for the past three years on the budget lines regarding "
            "children and the social sectors, indicating the share of each in the national budget.",
            None,
        ),
        _q(
            7,
            "Please provide, if available, updated statistical data for the past three years, disaggregated by "
            "age, sex, disability and geographical location, on:",
            None,
            ["Children in detention, pretrial detention included;", "Children placed in alternative care."],
        ),
    ]
    return Spec(
        symbol="CRC/C/XLM/QPR/5-6",
        date="4 March 2025",
        iso_date="2025-03-04",
        title="List of issues prior to submission of the combined fifth and sixth periodic reports of Lumeria",
        title_note="Adopted by the pre-sessional working group at its ninety-eighth session (3\u20137 February 2025).",
        job="GE.25-03456(E)",
        treaty="CRC",
        items=items,
        word_limit=21_200,
    )


#: The part or section each question belongs to (its subheading once imported).
SUBHEADINGS = {
    1: "New developments",
    2: "General measures of implementation",
    3: "General measures of implementation",
    4: "Violence against children",
    5: "Special protection measures",
    6: "Data, statistics and other information",
    7: "Data, statistics and other information",
}
