"""Concluding observations written for the tests, in the UN's layout.

The State party is fictional (the Kingdom of Lumeria, code XLM); the wording
follows the Committee's usual phrasing so that the importers meet what real
documents contain: typed and automatic numbers, lettered parts, bold
recommendations, plain concerns, footnotes, both heading styles, an Optional
Protocol document. Each paragraph carries what the importer must find, so the
tests compare against the specification instead of hard-coded numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Run = tuple[str, bool]  # text, bold


@dataclass
class Heading:
    level: str  # "chapter" (I.), "section" (A.), "sub" (unnumbered)
    label: str | None
    title: str


@dataclass
class Text:
    """An unnumbered paragraph that is not a heading: the instructions of a list of issues."""

    text: str


@dataclass
class Para:
    number: int
    runs: list[Run]
    parts: list[list[Run]] = field(default_factory=list)
    footnote: str | None = None  # placed after the first run
    kind: str = "other"
    cluster: str | None = None
    urgent: bool = False
    sdg: tuple[str, ...] = ()
    previous: tuple[tuple[str, int], ...] = ()
    articles: tuple[str, ...] = ()  # of the section heading above it, as the importer expands them


@dataclass
class Spec:
    symbol: str
    date: str  # as printed, e.g. "27 June 2022"
    iso_date: str
    title: str
    title_note: str
    job: str
    treaty: str
    items: list[Heading | Para | Text]
    masthead_in_header: bool = True
    next_due: str | None = None
    word_limit: int | None = None
    language: str = "en"

    @property
    def paragraphs(self) -> list[Para]:
        return [i for i in self.items if isinstance(i, Para)]


def plain(text: str) -> list[Run]:
    return [(text, False)]


def bold(text: str) -> list[Run]:
    return [(text, True)]


class _Writer:
    """Numbers paragraphs in order and keeps track of the current cluster."""

    def __init__(self) -> None:
        self.items: list[Heading | Para] = []
        self.n = 0
        self.cluster: str | None = None
        self.articles: tuple[str, ...] = ()

    def chapter(self, label: str, title: str) -> None:
        self.items.append(Heading("chapter", label, title))
        self.cluster = None
        self.articles = ()

    def section(self, label: str, title: str, cluster: str | None, articles: tuple[str, ...] = ()) -> None:
        self.items.append(Heading("section", label, title))
        self.cluster = cluster
        self.articles = articles

    def sub(self, title: str) -> None:
        self.items.append(Heading("sub", None, title))

    def para(
        self, runs: list[Run], kind: str, parts: list[str] | None = None, *, part_bold: bool | None = None, **kw: object
    ) -> Para:
        self.n += 1
        is_bold = runs[-1][1] if part_bold is None else part_bold
        para = Para(
            self.n,
            runs,
            [[(p, is_bold)] for p in (parts or [])],
            kind=kind,
            cluster=self.cluster,
            articles=self.articles,
            **kw,  # type: ignore[arg-type]
        )
        self.items.append(para)
        return para


#: The articles each cluster heading of the 2014 layout names, expanded as the Committee means them
#: (the same in the three languages: "13–17", « 13 à 17 », "13 a 17").
ARTS: dict[str, tuple[str, ...]] = {
    "A": ("4", "42", "44(6)"),
    "B": ("1",),
    "C": ("2", "3", "6", "12"),
    "D": ("7", "8", "13", "14", "15", "16", "17"),
    "E": ("19", "24(3)", "28(2)", "34", "37(a)", "39"),
    "F": ("5", "9", "10", "11", "18(1)", "18(2)", "20", "21", "25", "27(4)"),
    "G": ("23",),
    "H": ("6", "18(3)", "24", "26", "27(1)", "27(2)", "27(3)", "33"),
    "I": ("28", "29", "30", "31"),
    "J": ("22", "30", "32", "33", "35", "36", "37(b)", "37(c)", "37(d)", "38", "39", "40"),
}

REC = "recommendation"
CON = "concern"
OTH = "other"


def co_2014(country: str = "Lumeria", code: str = "XLM", extra_rounds: int = 0) -> Spec:
    """The 2014+ layout (clusters A–N, urgent measures, SDG paragraph, section IV).

    ``extra_rounds`` repeats the cluster sections with more paragraphs, to make a long document.
    """
    w = _Writer()
    prev = f"CRC/C/{code}/CO/2-3"
    w.chapter("I.", "Introduction")
    w.para(
        plain(
            f"The Committee considered the combined fourth to sixth periodic reports of {country} "
            f"(CRC/C/{code}/4-6) at its 2588th and 2589th meetings, held on 5 and 6 May 2022, and adopted the "
            "present concluding observations at its 2630th meeting, held on 3 June 2022."
        ),
        OTH,
    )
    w.para(
        plain(
            "The Committee welcomes the submission of the combined fourth to sixth periodic reports of the State "
            f"party and the written replies to the list of issues (CRC/C/{code}/RQ/4-6), which allowed for a better "
            "understanding of the situation of children's rights in the State party. The Committee expresses its "
            "appreciation for the constructive dialogue held with the multisectoral delegation of the State party."
        ),
        OTH,
    )
    w.chapter("II.", "Follow-up measures taken and progress achieved by the State party")
    w.para(
        plain(
            "The Committee welcomes the various legislative, institutional and policy measures taken by the State "
            "party to implement the Convention, including the adoption of the Law on Juvenile Justice and of the "
            "action plan to prevent and respond to violence against children."
        ),
        OTH,
    )
    w.chapter("III.", "Main areas of concern and recommendations")
    urgent_para = w.para(plain("placeholder"), OTH)
    w.para(
        bold(
            "The Committee recommends that the State party ensure the realization of children's rights in "
            "accordance with the Convention throughout the process of implementing the 2030 Agenda for Sustainable "
            "Development. It urges the State party to ensure the meaningful participation of children in the design "
            "and implementation of policies and programmes aimed at achieving all 17 Sustainable Development Goals "
            "as far as they concern children."
        ),
        REC,
    )
    urgent: dict[str, int] = {}
    rounds = [""] + [f" (continued {i})" for i in range(1, extra_rounds + 1)]
    for suffix in rounds:
        _clusters(w, prev, urgent, suffix)
    w.section(
        "K.",
        "Follow-up to the Committee's previous concluding observations and recommendations on the "
        "Optional Protocols to the Convention",
        "optional_protocols",
    )
    w.para(
        bold(
            "The Committee urges the State party to implement the recommendations made in its concluding "
            "observations on the State party's reports submitted under the Optional Protocol on the sale of "
            f"children, child prostitution and child pornography (CRC/C/OPSC/{code}/CO/1) and the Optional Protocol "
            f"on the involvement of children in armed conflict (CRC/C/OPAC/{code}/CO/1)."
        ),
        REC,
    )
    w.section("L.", "Ratification of the Optional Protocol on a communications procedure", None)
    w.para(
        bold(
            "The Committee recommends that the State party, in order to further strengthen the fulfilment of "
            "children's rights, ratify the Optional Protocol to the Convention on the Rights of the Child on a "
            "communications procedure."
        ),
        REC,
    )
    w.section("M.", "Ratification of international human rights instruments", None)
    w.para(
        bold(
            "The Committee recommends that the State party, in order to further strengthen the fulfilment of "
            "children's rights, consider ratifying the International Convention on the Protection of the Rights "
            "of All Migrant Workers and Members of Their Families."
        ),
        REC,
    )
    w.chapter("IV.", "Implementation and reporting")
    w.section("A.", "Follow-up and dissemination", None)
    w.para(
        bold(
            "The Committee recommends that the State party take all appropriate measures to ensure that the "
            "recommendations contained in the present concluding observations are fully implemented. The "
            "Committee also recommends that the combined fourth to sixth periodic reports, the written replies "
            "to the list of issues and the present concluding observations be made widely available in the "
            "languages of the country."
        ),
        REC,
    )
    w.section("B.", "National mechanism for implementation, reporting and follow-up", None)
    w.para(
        bold(
            "The Committee recommends that the State party strengthen the National Council for Children as a "
            "standing government structure mandated to coordinate and prepare reports to international and "
            "regional human rights mechanisms."
        ),
        REC,
    )
    w.section("C.", "Next report", None)
    w.para(
        bold(
            "The Committee invites the State party to submit its combined seventh and eighth periodic reports "
            "by 14 November 2027 and to include therein information on the follow-up to the present concluding "
            "observations. The report should be prepared in accordance with the Committee's harmonized "
            "treaty-specific reporting guidelines adopted on 31 January 2014 (CRC/C/58/Rev.3) and should not "
            "exceed 21,200 words (see General Assembly resolution 68/268, para. 16)."
        ),
        REC,
    )
    w.section("D.", "Common core document", None)
    w.para(
        bold(
            "The Committee invites the State party to submit an updated common core document, not exceeding "
            "42,400 words, in accordance with the requirements for the common core document in the harmonized "
            "guidelines on reporting under the international human rights treaties (HRI/GEN/2/Rev.6, chap. I)."
        ),
        REC,
    )

    listed = ", ".join(f"{topic} ({ref})" for topic, ref in _urgent_refs(urgent))
    urgent_para.runs = plain(
        "The Committee reminds the State party of the indivisibility and interdependence of all the rights enshrined "
        "in the Convention and emphasizes the importance of all the recommendations contained in the present "
        "concluding observations. The Committee would like to draw the State party's attention to the "
        f"recommendations concerning the following areas, in respect of which urgent measures must be taken: {listed}."
    )
    for p in w.items:
        if isinstance(p, Para) and p.number in set(urgent.values()) | {urgent.get("violence2", -1)}:
            p.urgent = True
    return Spec(
        symbol=f"CRC/C/{code}/CO/4-6",
        date="27 June 2022",
        iso_date="2022-06-27",
        title=f"Concluding observations on the combined fourth to sixth periodic reports of {country}",
        title_note="Adopted by the Committee at its ninetieth session (3 May–3 June 2022).",
        job="GE.22-09876(E)",
        treaty="CRC",
        items=w.items,
        next_due="2027-11-14",
        word_limit=21200,
    )


def _urgent_refs(urgent: dict[str, int]) -> list[tuple[str, str]]:
    return [
        ("non-discrimination", f"para. {urgent['nondiscrimination']}"),
        ("birth registration and nationality", f"para. {urgent['birth']}"),
        ("violence against children", f"paras. {urgent['violence']} and {urgent['violence2']}"),
        ("children with disabilities", f"para. {urgent['disability']}"),
        ("administration of child justice", f"para. {urgent['justice']}"),
    ]


def _clusters(w: _Writer, prev: str, urgent: dict[str, int], suffix: str) -> None:
    first = not suffix
    w.section("A.", "General measures of implementation (arts. 4, 42 and 44 (6))", "general_measures", ARTS["A"])
    w.sub("Legislation" + suffix)
    w.para(
        plain(
            "The Committee welcomes the ongoing review of domestic legislation, but is concerned that the draft "
            "Law on the Protection of the Rights of the Child has been pending since 2017 and that customary "
            "norms continue to prevail over statutory provisions in some provinces."
        ),
        CON,
    )
    w.para(
        bold(
            f"Recalling its previous recommendations ({prev}, para. 9), the Committee recommends that the State party:"
        ),
        REC,
        [
            "Expedite the adoption of a comprehensive law on the rights of the child that fully incorporates the "
            "principles and provisions of the Convention;",
            "Conduct child rights impact assessments of all draft legislation and policies relevant to children; and",
            "Allocate sufficient human, technical and financial resources for the enforcement of legislation concerning "
            "children.",
        ],
        previous=((prev, 9),),
    )
    w.sub("Coordination")
    w.para(
        [
            (
                "The Committee notes the role of the National Council for Children, but is concerned about its limited "
                "authority to coordinate the implementation of the Convention across ministries. ",
                False,
            ),
            (
                "The Committee recommends that the State party strengthen the mandate of the National Council for "
                "Children and provide it with the resources necessary for its effective operation.",
                True,
            ),
        ],
        REC,
    )
    w.sub("Allocation of resources")
    w.para(
        bold(
            "With reference to its general comment No. 19 (2016) on public budgeting for the realization of "
            "children's rights, and taking note of targets 16.5 and 16.6 of the Sustainable Development Goals, the "
            "Committee recommends that the State party:"
        ),
        REC,
        [
            "Conduct a comprehensive assessment of the budgetary needs of children and allocate adequate resources;",
            "Establish a budget tracking system for the allocation and use of resources for children;",
            "Reduce the reliance of child protection services on external funding; and",
            "Take immediate measures to combat corruption and strengthen institutional capacities to investigate it.",
        ],
        sdg=("16.5", "16.6"),
    )
    w.sub("Data collection")
    w.para(
        bold(
            "Taking note of target 17.18 of the Sustainable Development Goals, the Committee recommends that the "
            "State party:"
        ),
        REC,
        [
            "Improve its data collection system, with data disaggregated by age, sex, disability, geographical location, "
            "ethnic origin and socioeconomic background;",
            "Develop an integrated information management system on children in contact with the justice system.",
        ],
        sdg=("17.18",),
    )
    w.sub("Independent monitoring")
    w.para(
        bold(
            "The Committee recommends that the State party take measures to establish an independent national "
            "human rights institution in accordance with the Paris Principles, with a specific mechanism for "
            "monitoring children's rights."
        ),
        REC,
        footnote="See the Committee's general comment No. 2 (2002).",
    )
    w.sub("Cooperation with civil society")
    w.para(
        bold(
            "Recalling its previous recommendations, the Committee urges the State party to ensure that human "
            "rights defenders and civil society organizations working on children's rights can work freely and "
            "safely."
        ),
        REC,
        footnote=f"{prev}, para. 25.",
        previous=((prev, 25),),
    )

    w.section("B.", "Definition of the child (art. 1)", "definition", ARTS["B"])
    w.para(
        bold(
            "The Committee recommends that the State party remove all exceptions that allow marriage under the "
            "age of 18 years and conduct awareness-raising programmes on the harmful effects of child marriage."
        ),
        REC,
    )

    w.section("C.", "General principles (arts. 2, 3, 6 and 12)", "general_principles", ARTS["C"])
    w.sub("Non-discrimination")
    p = w.para(
        bold(
            "Taking note of target 10.3 of the Sustainable Development Goals, the Committee recommends that "
            "the State party:"
        ),
        REC,
        [
            "Ensure that children in disadvantaged situations, including children belonging to ethnic minorities, enjoy "
            "their rights without discrimination;",
            "Strengthen awareness-raising programmes to eliminate discriminatory attitudes towards lesbian, gay, bisexual, "
            "transgender and intersex children.",
        ],
        sdg=("10.3",),
    )
    if first:
        urgent["nondiscrimination"] = p.number
    w.sub("Respect for the views of the child")
    w.para(
        bold(
            "The Committee recommends that the State party ensure the effective implementation of legislation "
            "recognizing the right of the child to be heard in relevant legal proceedings."
        ),
        REC,
    )

    w.section("D.", "Civil rights and freedoms (arts. 7, 8 and 13–17)", "civil_rights", ARTS["D"])
    w.sub("Birth registration and nationality")
    p = w.para(
        bold(
            f"Taking note of target 16.9 of the Sustainable Development Goals, and recalling its previous "
            f"recommendations ({prev}, paras. 35 and 36), the Committee urges the State party to:"
        ),
        REC,
        [
            "Ensure free birth registration for all children, regardless of the legal status of their parents;",
            "Strengthen mobile birth registration units in rural and remote areas.",
        ],
        sdg=("16.9",),
        previous=((prev, 35), (prev, 36)),
    )
    if first:
        urgent["birth"] = p.number

    w.section("E.", "Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)", "violence", ARTS["E"])
    w.sub("Abuse, neglect and sexual exploitation")
    w.para(
        plain("The Committee is concerned about:"),
        CON,
        [
            "The high prevalence of violence against children, including sexual abuse, in the home and in schools;",
            "The low number of reported cases that lead to prosecution and the lack of child-friendly complaint "
            "mechanisms.",
        ],
    )
    p = w.para(
        bold(
            "Recalling its general comment No. 13 (2011), and taking note of targets 5.2, 16.1 and 16.2 of "
            "the Sustainable Development Goals, the Committee recommends that the State party:"
        ),
        REC,
        [
            "Develop a national database on all cases of violence against children;",
            "Ensure that cases of violence against children are promptly investigated and perpetrators prosecuted.",
        ],
        sdg=("5.2", "16.1", "16.2"),
    )
    w.sub("Corporal punishment")
    p2 = w.para(
        bold(
            "The Committee urges the State party to explicitly prohibit corporal punishment in all settings "
            "and to promote positive, non-violent and participatory forms of child-rearing."
        ),
        REC,
    )
    if first:
        urgent["violence"], urgent["violence2"] = p.number, p2.number

    w.section(
        "F.",
        "Family environment and alternative care (arts. 5, 9–11, 18 (1) and (2), 20, 21, 25 and 27 (4))",
        "family_environment",
        ARTS["F"],
    )
    w.sub("Children deprived of a family environment")
    w.para(
        plain(
            "The Committee is concerned about the large number of children living in residential care "
            "institutions, many of whom have at least one living parent."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee recommends that the State party adopt a time-bound strategy for the "
            "deinstitutionalization of children and strengthen family-based care."
        ),
        REC,
    )

    w.section("G.", "Children with disabilities (art. 23)", "health_welfare", ARTS["G"])
    p = w.para(
        bold(
            "Recalling its general comment No. 9 (2006), the Committee recommends that the State party adopt a "
            "human rights-based approach to disability and ensure inclusive education for all children with "
            "disabilities."
        ),
        REC,
    )
    if first:
        urgent["disability"] = p.number

    w.section(
        "H.", "Basic health and welfare (arts. 6, 18 (3), 24, 26, 27 (1)–(3) and 33)", "health_welfare", ARTS["H"]
    )
    w.sub("Health and health services")
    w.para(
        bold(
            "Taking note of targets 3.1 and 3.2 of the Sustainable Development Goals, the Committee recommends "
            "that the State party strengthen primary health care and reduce neonatal mortality."
        ),
        REC,
        sdg=("3.1", "3.2"),
    )
    w.sub("Impact of climate change on the rights of the child")
    w.para(
        bold(
            "The Committee recommends that the State party ensure that the special vulnerabilities and needs of "
            "children are taken into account in policies addressing climate change."
        ),
        REC,
    )

    w.section("I.", "Education, leisure and cultural activities (arts. 28–31)", "education", ARTS["I"])
    w.para(
        plain(
            "The Committee notes the increase in enrolment rates, but is concerned about the high dropout rates "
            "in lower secondary education."
        ),
        CON,
    )
    w.para(
        bold(
            "Taking note of target 4.1 of the Sustainable Development Goals, the Committee recommends that the "
            "State party address the root causes of dropout and ensure free secondary education."
        ),
        REC,
        sdg=("4.1",),
    )

    w.section(
        "J.",
        "Special protection measures (arts. 22, 30, 32–33, 35–36, 37 (b)–(d) and 38–40)",
        "special_protection",
        ARTS["J"],
    )
    w.sub("Economic exploitation, including child labour")
    w.para(
        bold(
            "Taking note of target 8.7 of the Sustainable Development Goals, the Committee recommends that the "
            "State party strengthen labour inspections in the brick kilns and in agriculture."
        ),
        REC,
        sdg=("8.7",),
    )
    w.sub("Administration of child justice")
    w.para(
        plain(
            "The Committee welcomes the adoption of the Law on Juvenile Justice, but is concerned that children "
            "are held in pretrial detention beyond the legal limit of two months."
        ),
        CON,
    )
    p = w.para(
        bold(
            "The Committee urges the State party to bring its child justice system fully into line with the "
            "Convention. In particular, it urges the State party to:"
        ),
        REC,
        [
            "Promote non-judicial measures, such as diversion, mediation and counselling, for children accused of "
            "criminal offences;",
            "Ensure that detention is used as a measure of last resort and for the shortest possible period of time;",
            "Ensure that children are separated from adults in all places of detention.",
        ],
    )
    if first:
        urgent["justice"] = p.number


def co_2011(country: str = "Lumeria", code: str = "XLM") -> Spec:
    """The older layout: violence within civil rights, "Basic health and welfare" including disability."""
    w = _Writer()
    prev = f"CRC/C/{code}/CO/1"
    w.para(
        plain(
            f"The Committee considered the combined second and third periodic report of {country} "
            f"(CRC/C/{code}/2-3) at its 1620th and 1621st meetings (see CRC/C/SR.1620 and 1621), held on 3 June "
            "2011, and adopted, at its 1639th meeting (see CRC/C/SR.1639), held on 17 June 2011, the following "
            "concluding observations."
        ),
        OTH,
    )
    w.chapter("I.", "Introduction")
    w.para(
        plain(
            "The Committee welcomes the submission of the combined second and third report as well as the "
            f"written replies to its list of issues (CRC/C/{code}/Q/2-3/Add.1)."
        ),
        OTH,
    )
    w.chapter("II.", "Follow-up measures and progress achieved by the State party")
    w.para(
        plain("The Committee notes with appreciation the adoption of:"),
        OTH,
        [
            "The Law on Intercountry Adoption, in December 2009;",
            "The Law on the Prevention of Domestic Violence, in October 2005.",
        ],
        part_bold=False,
    )
    w.chapter("III.", "Main areas of concern and recommendations")
    w.section(
        "A.", "General measures of implementation (arts. 4, 42 and 44, para. 6, of the Convention)", "general_measures"
    )
    w.sub("Legislation")
    w.para(
        plain(
            "The Committee is concerned that the provisions of the Convention are rarely invoked by the courts "
            "and that implementation of child-related legislation remains weak."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee urges the State party to take all appropriate measures to ensure the full "
            f"applicability of the provisions of the Convention in its domestic legal order ({prev}, para. 11)."
        ),
        REC,
        previous=((prev, 11),),
    )
    w.section("B.", "Definition of the child (art. 1 of the Convention)", "definition")
    w.para(
        bold(
            "The Committee recommends that the State party establish a minimum age of marriage of 18 years for "
            "both girls and boys."
        ),
        REC,
    )
    w.section("C.", "General principles (arts. 2, 3, 6 and 12 of the Convention)", "general_principles")
    w.sub("Non-discrimination")
    w.para(
        plain(
            "The Committee is concerned at the persistent discrimination against children with disabilities "
            "and children belonging to ethnic minorities."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee recommends that the State party strengthen its efforts to eliminate discrimination "
            "against children in vulnerable situations."
        ),
        REC,
    )
    w.section("D.", "Civil rights and freedoms (arts. 7, 8, 13-17, 19 and 37 (a) of the Convention)", "civil_rights")
    w.sub("Birth registration")
    w.para(
        bold(
            "In light of article 7 of the Convention, the Committee urges the State party to guarantee free "
            "birth registration for all, regardless of their parents' legal status and origins."
        ),
        REC,
    )
    w.sub("Corporal punishment")
    w.para(
        plain(
            "The Committee expresses deep concern that corporal punishment is widely practised in the home, in "
            "schools and in institutions."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee urges the State party to prohibit explicitly all forms of corporal punishment in all "
            "settings."
        ),
        REC,
    )
    w.section(
        "E.",
        "Family environment and alternative care (arts. 5, 18 (paras. 1-2), 9-11, 19-21, 25, 27 (para. 4) "
        "and 39 of the Convention)",
        "family_environment",
    )
    w.sub("Children deprived of a family environment")
    w.para(
        bold(
            "The Committee recommends that the State party develop and implement a national policy on alternative care."
        ),
        REC,
    )
    w.section(
        "F.",
        "Basic health and welfare (arts. 6, 18 (para. 3), 23, 24, 26 and 27 (paras. 1-3) of the Convention)",
        "health_welfare",
    )
    w.sub("Children with disabilities")
    w.para(
        plain(
            "The Committee is concerned that most services for children with disabilities are provided by "
            "non-governmental organizations."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee urges the State party to ensure effective implementation of the Law on the Rights of "
            "Persons with Disabilities. The Committee also recommends that the State party:"
        ),
        REC,
        [
            "Collect comprehensive data on children with disabilities;",
            "Adopt a policy for early screening and intervention;",
            "Ratify the Convention on the Rights of Persons with Disabilities.",
        ],
    )
    w.sub("Health and health services")
    w.para(bold("The Committee recommends that the State party increase the budget allocated to health care."), REC)
    w.section("G.", "Education, leisure and cultural activities (arts. 28, 29 and 31 of the Convention)", "education")
    w.para(bold("The Committee recommends that the State party ensure free and compulsory primary education."), REC)
    w.section(
        "H.",
        "Special protection measures (arts. 22, 30, 38, 39, 40, 37 (b)-(d), 32-36 of the Convention)",
        "special_protection",
    )
    w.sub("Juvenile justice")
    w.para(bold("The Committee urges the State party to expedite the adoption of the draft juvenile justice law."), REC)
    w.section("I.", "Follow-up and dissemination", None)
    w.para(
        bold(
            "The Committee recommends that the State party take all appropriate measures to ensure full "
            "implementation of the present recommendations."
        ),
        REC,
    )
    w.section("J.", "Next report", None)
    w.para(
        bold(
            "The Committee invites the State party to submit its fourth, fifth and sixth periodic reports in a "
            "consolidated report by 13 November 2016 and to include in it information on the implementation of "
            "the present concluding observations. The report should not exceed 120 pages."
        ),
        REC,
    )
    return Spec(
        symbol=f"CRC/C/{code}/CO/2-3",
        date="3 August 2011",
        iso_date="2011-08-03",
        title=f"Concluding observations: {country}",
        title_note="",
        job="GE.11-44844",
        treaty="CRC",
        items=w.items,
        masthead_in_header=False,
        next_due="2016-11-13",
        word_limit=None,
    )


def co_opac(country: str = "Lumeria", code: str = "XLM") -> Spec:
    """Concluding observations on an initial report under the Optional Protocol on children in armed conflict."""
    w = _Writer()
    op = "optional_protocols"
    w.chapter("I.", "Introduction")
    w.para(
        plain(
            f"The Committee considered the initial report of {country} (CRC/C/OPAC/{code}/1) at its 1979th "
            "meeting, held on 21 January 2015, and adopted the following concluding observations at its 1983rd "
            "meeting, held on 30 January 2015."
        ),
        OTH,
    )
    w.chapter("II.", "General observations")
    w.para(
        plain(
            "The Committee welcomes the ratification by the State party of the Optional Protocol on the sale of "
            "children, child prostitution and child pornography."
        ),
        OTH,
    )
    w.chapter("III.", "General measures of implementation")
    w.cluster = op
    w.sub("Legislation")
    w.para(
        plain(
            "The Committee is concerned that the State party has not adopted legislation explicitly prohibiting "
            "the recruitment of children under 18 years of age."
        ),
        CON,
    )
    w.para(
        bold(
            "The Committee recommends that the State party amend its legislation to explicitly criminalize the "
            "recruitment and use of children in hostilities."
        ),
        REC,
    )
    w.sub("Dissemination, awareness-raising and training")
    w.para(
        bold("The Committee recommends that the State party:"),
        REC,
        [
            "Disseminate the Optional Protocol widely among the public, in particular among children;",
            "Provide systematic training on the Optional Protocol to members of the armed forces.",
        ],
    )
    w.chapter("IV.", "Prevention")
    w.cluster = op
    w.sub("Military schools")
    w.para(
        bold(
            "The Committee recommends that the State party ensure that students of military schools are not "
            "subjected to military training involving the use of weapons."
        ),
        REC,
    )
    w.chapter("V.", "Prohibition and related matters")
    w.cluster = op
    w.sub("Extraterritorial jurisdiction")
    w.para(
        bold(
            "The Committee recommends that the State party establish extraterritorial jurisdiction over the "
            "crimes of conscription and enlistment of children."
        ),
        REC,
    )
    w.chapter("VI.", "International assistance and cooperation")
    w.cluster = op
    w.para(
        bold(
            "The Committee recommends that the State party continue to cooperate with the United Nations "
            "Children's Fund in implementing the Optional Protocol."
        ),
        REC,
    )
    w.chapter("VII.", "Follow-up and dissemination")
    w.para(
        bold(
            "The Committee recommends that the State party take all appropriate measures to ensure that the "
            "present recommendations are fully implemented."
        ),
        REC,
    )
    w.chapter("VIII.", "Next report")
    w.para(
        bold(
            "In accordance with article 8 (2) of the Optional Protocol, the Committee requests the State party "
            "to include further information on the implementation of the Optional Protocol in its next periodic "
            "report under the Convention."
        ),
        REC,
    )
    return Spec(
        symbol=f"CRC/C/OPAC/{code}/CO/1",
        date="4 February 2015",
        iso_date="2015-02-04",
        title=f"Concluding observations on the report submitted by {country} under article 8, paragraph 1, of the "
        "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in "
        "armed conflict",
        title_note="Adopted by the Committee at its sixty-eighth session (12–30 January 2015).",
        job="GE.15-01789(E)",
        treaty="OPAC",
        items=w.items,
    )


def part_label(letter: str, language: str = "en") -> str:
    """A part's label as the document's language writes it: "(a)" in English, "a)" in French and Spanish."""
    return f"({letter})" if language == "en" else f"{letter})"


def expected_text(para: Para, language: str = "en") -> str:
    """The paragraph as the importers give it: intro, then "(a) …" (or "a) …") for each part, spaces normalised."""
    pieces = ["".join(text for text, _b in para.runs)]
    pieces += [
        part_label(chr(ord("a") + i), language) + " " + "".join(t for t, _b in runs)
        for i, runs in enumerate(para.parts)
    ]
    return " ".join(" ".join(pieces).split())


def check_against_spec(doc, spec: Spec, *, kinds: bool = True) -> None:  # noqa: ANN001 - a ParsedDocument
    """Everything the specification says the importer must find."""
    import datetime as dt

    assert doc.symbol == spec.symbol
    assert doc.treaty == spec.treaty
    assert doc.date == dt.date.fromisoformat(spec.iso_date)
    assert doc.title == spec.title
    assert doc.country == "XLM"
    if spec.next_due:
        assert doc.next_report_due == dt.date.fromisoformat(spec.next_due)
    assert doc.word_limit == spec.word_limit
    assert [p.number for p in doc.paragraphs] == [p.number for p in spec.paragraphs]
    for got, want in zip(doc.paragraphs, spec.paragraphs, strict=True):
        where = f"paragraph {want.number}"
        assert got.text == expected_text(want, spec.language), where
        if kinds:
            assert got.kind == want.kind, where
        assert got.cluster == want.cluster, where
        assert got.urgent == want.urgent, where
        assert [p.label for p in got.parts] == [chr(ord("a") + i) for i in range(len(want.parts))], where
        for part, runs in zip(got.parts, want.parts, strict=True):
            raw = "".join(t for t, _b in runs)
            assert raw.startswith(part.text) and not part.text.endswith((";", ".")), where
        assert sorted(got.sdg_targets) == sorted(want.sdg), where
        assert sorted(got.previous) == sorted(want.previous), where
        if want.footnote:
            assert want.footnote in got.notes, where
