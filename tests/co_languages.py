"""Concluding observations in French and Spanish, written for the tests in the UN's layout.

The same fictional State party as :mod:`tests.co_content` (Lumeria, XLM), the
2014+ layout with every cluster, the Committee's usual turns of phrase in each
language (« Le Comité recommande à l'État partie », « prie instamment »,
« El Comité recomienda al Estado parte », « insta »), article lists as each
language writes them (« 13 à 17 », « 37 b) à d) », "13 a 17", "44, párr. 6"),
parts labelled a), b)…, earlier cycles cited with « par. » and "párr.", an
urgent-measures paragraph and the "next report" paragraph with its date and
word limit (« 21 200 mots », "21.200 palabras"). The text is our own.
"""

from __future__ import annotations

from tests.co_content import ARTS, CON, OTH, REC, Para, Spec, _Writer, bold, plain

NBSP = "\u00a0"

# One entry per language: headings first, then the paragraphs in order.
_HEADINGS = {
    "fr": {
        "ch1": "Introduction",
        "ch2": "Mesures de suivi adoptées et progrès réalisés par l\u2019État partie",
        "ch3": "Principaux sujets de préoccupation et recommandations",
        "A": "Mesures d\u2019application générales (art. 4, 42 et 44 (par. 6))",
        "A1": "Législation",
        "A2": "Allocation des ressources",
        "A3": "Coopération avec la société civile",
        "B": "Définition de l\u2019enfant (art. 1er)",
        "C": "Principes généraux (art. 2, 3, 6 et 12)",
        "C1": "Non-discrimination",
        "D": "Libertés et droits civils (art. 7, 8 et 13 à 17)",
        "D1": "Enregistrement des naissances et nationalité",
        "E": "Violence à l\u2019égard des enfants (art. 19, 24 (par. 3), 28 (par. 2), 34, 37 a) et 39)",
        "E1": "Châtiments corporels",
        "F": "Milieu familial et protection de remplacement (art. 5, 9 à 11, 18 (par. 1 et 2), 20, 21, 25 et "
        "27 (par. 4))",
        "G": "Enfants handicapés (art. 23)",
        "H": "Santé de base et bien-être (art. 6, 18 (par. 3), 24, 26, 27 (par. 1 à 3) et 33)",
        "I": "Éducation, loisirs et activités culturelles (art. 28 à 31)",
        "J": "Mesures de protection spéciales (art. 22, 30, 32, 33, 35, 36, 37 b) à d) et 38 à 40)",
        "J1": "Administration de la justice pour enfants",
        "K": "Suivi des précédentes observations finales et recommandations du Comité concernant les Protocoles "
        "facultatifs à la Convention",
        "L": "Ratification du Protocole facultatif établissant une procédure de présentation de communications",
        "ch4": "Mise en œuvre et soumission de rapports",
        "IVA": "Suivi et diffusion",
        "IVB": "Prochain rapport",
        "IVC": "Document de base commun",
    },
    "es": {
        "ch1": "Introducción",
        "ch2": "Medidas de seguimiento adoptadas y progresos realizados por el Estado parte",
        "ch3": "Principales motivos de preocupación y recomendaciones",
        "A": "Medidas generales de aplicación (arts. 4, 42 y 44, párr. 6)",
        "A1": "Legislación",
        "A2": "Asignación de recursos",
        "A3": "Cooperación con la sociedad civil",
        "B": "Definición de niño (art. 1)",
        "C": "Principios generales (arts. 2, 3, 6 y 12)",
        "C1": "No discriminación",
        "D": "Derechos y libertades civiles (arts. 7, 8 y 13 a 17)",
        "D1": "Inscripción de los nacimientos y nacionalidad",
        "E": "Violencia contra los niños (arts. 19, 24, párr. 3, 28, párr. 2, 34, 37 a) y 39)",
        "E1": "Castigos corporales",
        "F": "Entorno familiar y modalidades alternativas de cuidado (arts. 5, 9 a 11, 18, párrs. 1 y 2, 20, 21, "
        "25 y 27, párr. 4)",
        "G": "Niños con discapacidad (art. 23)",
        "H": "Salud básica y bienestar (arts. 6, 18, párr. 3, 24, 26, 27, párrs. 1 a 3, y 33)",
        "I": "Educación, esparcimiento y actividades culturales (arts. 28 a 31)",
        "J": "Medidas especiales de protección (arts. 22, 30, 32, 33, 35, 36, 37 b) a d), y 38 a 40)",
        "J1": "Administración de la justicia juvenil",
        "K": "Seguimiento de las anteriores observaciones finales y recomendaciones del Comité sobre los "
        "Protocolos Facultativos de la Convención",
        "L": "Ratificación del Protocolo Facultativo relativo a un procedimiento de comunicaciones",
        "ch4": "Aplicación y presentación de informes",
        "IVA": "Seguimiento y difusión",
        "IVB": "Próximo informe",
        "IVC": "Documento básico común",
    },
}

PREV = "CRC/C/XLM/CO/2-3"

# (key, kind, intro, parts) per language; the key ties the paragraph to the urgent list and its references.
_TEXTS: dict[str, dict[str, tuple[str, list[str]]]] = {
    "fr": {
        "intro1": (
            "Le Comité a examiné le rapport de la Lumérie valant quatrième à sixième rapports périodiques "
            "(CRC/C/XLM/4-6) à ses 2588e et 2589e séances, les 5 et 6 mai 2021, et a adopté les présentes "
            "observations finales à sa 2630e séance, le 3 juin 2021.",
            [],
        ),
        "intro2": (
            "Le Comité accueille avec satisfaction le rapport de l\u2019État partie ainsi que les réponses écrites "
            "à la liste de points (CRC/C/XLM/RQ/4-6), qui lui ont permis de mieux appréhender la situation des "
            "droits de l\u2019enfant dans l\u2019État partie.",
            [],
        ),
        "progress": (
            "Le Comité salue les mesures législatives et institutionnelles prises par l\u2019État partie, "
            "notamment l\u2019adoption de la loi sur la justice pour mineurs.",
            [],
        ),
        "sdg": (
            "Le Comité recommande à l\u2019État partie de garantir la réalisation des droits de l\u2019enfant tout "
            "au long du processus de mise en œuvre du Programme de développement durable à l\u2019horizon 2030.",
            [],
        ),
        "leg_concern": (
            "Le Comité prend note de la révision en cours de la législation, mais il est préoccupé par le fait "
            "que le projet de code de l\u2019enfant est en souffrance depuis 2016.",
            [],
        ),
        "leg_rec": (
            f"Rappelant ses précédentes recommandations ({PREV}, par. 9), le Comité recommande à l\u2019État "
            f"partie{NBSP}:",
            [
                "D\u2019accélérer l\u2019adoption du code de l\u2019enfant, qui devrait intégrer pleinement les "
                "principes de la Convention\u00a0;",
                "De procéder à une évaluation de l\u2019effet sur les droits de l\u2019enfant de tout projet de "
                "loi\u00a0; et",
                "D\u2019allouer des ressources suffisantes à l\u2019application des lois relatives aux enfants.",
            ],
        ),
        "budget": (
            "Prenant note des cibles 16.5 et 16.6 des objectifs de développement durable, le Comité recommande "
            f"à l\u2019État partie{NBSP}:",
            [
                "D\u2019évaluer les besoins budgétaires des enfants et d\u2019allouer des ressources adéquates\u00a0;",
                "De mettre en place un système de suivi budgétaire.",
            ],
        ),
        "civil": (
            "Rappelant ses précédentes recommandations, le Comité prie instamment l\u2019État partie de veiller à ce "
            "que les organisations de la société civile puissent travailler librement et en toute sécurité.",
            [],
        ),
        "definition": (
            "Le Comité recommande à l\u2019État partie de supprimer toutes les exceptions qui permettent le mariage "
            "avant l\u2019âge de 18 ans.",
            [],
        ),
        "nondiscrimination": (
            "Le Comité demande instamment à l\u2019État partie de veiller à ce que les enfants appartenant à des "
            "minorités ethniques jouissent de leurs droits sans discrimination.",
            [],
        ),
        "birth": (
            f"Rappelant ses précédentes recommandations ({PREV}, par. 35 et 36), le Comité prie instamment "
            f"l\u2019État partie{NBSP}:",
            [
                "De garantir l\u2019enregistrement gratuit des naissances de tous les enfants\u00a0;",
                "De renforcer les unités mobiles d\u2019enregistrement dans les zones rurales.",
            ],
        ),
        "violence_concern": (
            f"Le Comité est préoccupé par{NBSP}:",
            [
                "La forte prévalence de la violence à l\u2019égard des enfants, notamment à l\u2019école\u00a0;",
                "Le faible nombre de cas signalés qui donnent lieu à des poursuites.",
            ],
        ),
        "violence": (
            "Le Comité recommande à l\u2019État partie de créer une base de données nationale sur tous les cas de "
            "violence à l\u2019égard des enfants et de veiller à ce que les auteurs soient poursuivis.",
            [],
        ),
        "violence2": (
            "Le Comité prie instamment l\u2019État partie d\u2019interdire expressément les châtiments corporels "
            "dans tous les contextes.",
            [],
        ),
        "family_concern": (
            "Le Comité est préoccupé par le grand nombre d\u2019enfants placés en institution, dont beaucoup ont "
            "au moins un parent en vie.",
            [],
        ),
        "family": (
            "Le Comité recommande à l\u2019État partie d\u2019adopter une stratégie assortie d\u2019échéances pour "
            "la désinstitutionnalisation des enfants.",
            [],
        ),
        "disability": (
            "Le Comité recommande à l\u2019État partie d\u2019adopter une approche du handicap fondée sur les droits "
            "de l\u2019homme et de garantir une éducation inclusive à tous les enfants handicapés.",
            [],
        ),
        "health": (
            "Prenant note des cibles 3.1 et 3.2 des objectifs de développement durable, le Comité recommande à "
            "l\u2019État partie de renforcer les soins de santé primaires.",
            [],
        ),
        "education": (
            "Le Comité recommande à l\u2019État partie de s\u2019attaquer aux causes profondes de l\u2019abandon "
            "scolaire et de garantir la gratuité de l\u2019enseignement secondaire.",
            [],
        ),
        "justice_concern": (
            "Le Comité se félicite de l\u2019adoption de la loi sur la justice pour mineurs, mais il est préoccupé "
            "par le fait que des enfants sont placés en détention provisoire au-delà du délai légal.",
            [],
        ),
        "justice": (
            f"Le Comité prie instamment l\u2019État partie{NBSP}:",
            [
                "De promouvoir les mesures non judiciaires, telles que la déjudiciarisation et la médiation\u00a0;",
                "De veiller à ce que la détention ne soit qu\u2019une mesure de dernier ressort\u00a0; et",
                "De veiller à ce que les enfants soient séparés des adultes dans tous les lieux de détention.",
            ],
        ),
        "protocols": (
            "Le Comité prie instamment l\u2019État partie de donner suite aux recommandations formulées dans ses "
            "observations finales concernant les Protocoles facultatifs (CRC/C/OPSC/XLM/CO/1 et "
            "CRC/C/OPAC/XLM/CO/1).",
            [],
        ),
        "opic": (
            "Le Comité recommande à l\u2019État partie de ratifier le Protocole facultatif établissant une "
            "procédure de présentation de communications.",
            [],
        ),
        "dissemination": (
            "Le Comité recommande à l\u2019État partie de prendre toutes les mesures voulues pour que les "
            "présentes recommandations soient pleinement mises en œuvre et largement diffusées.",
            [],
        ),
        "next": (
            "Le Comité invite l\u2019État partie à soumettre son rapport valant septième et huitième rapports "
            "périodiques le 1er juin 2030 au plus tard et à y faire figurer des informations sur la suite donnée "
            "aux présentes observations finales. Ce rapport devrait être établi conformément aux directives "
            "spécifiques à l\u2019instrument (CRC/C/58/Rev.3) et ne devrait pas dépasser 21\u00a0200 mots (voir "
            "la résolution 68/268 de l\u2019Assemblée générale, par. 16).",
            [],
        ),
        "core": (
            "Le Comité invite l\u2019État partie à soumettre un document de base actualisé, qui ne devrait pas "
            "dépasser 42\u00a0400 mots.",
            [],
        ),
    },
    "es": {
        "intro1": (
            "El Comité examinó los informes periódicos cuarto a sexto combinados de Lumeria (CRC/C/XLM/4-6) en "
            "sus sesiones 2588ª y 2589ª, celebradas los días 5 y 6 de mayo de 2023, y aprobó en su 2630ª sesión, "
            "celebrada el 3 de junio de 2023, las presentes observaciones finales.",
            [],
        ),
        "intro2": (
            "El Comité acoge con satisfacción la presentación de los informes del Estado parte y las respuestas "
            "escritas a la lista de cuestiones (CRC/C/XLM/RQ/4-6), que permitieron comprender mejor la situación "
            "de los derechos del niño en el Estado parte.",
            [],
        ),
        "progress": (
            "El Comité celebra las medidas legislativas e institucionales adoptadas por el Estado parte, en "
            "particular la aprobación de la Ley de Justicia Juvenil.",
            [],
        ),
        "sdg": (
            "El Comité recomienda al Estado parte que garantice la efectividad de los derechos del niño durante "
            "todo el proceso de aplicación de la Agenda 2030 para el Desarrollo Sostenible.",
            [],
        ),
        "leg_concern": (
            "El Comité toma nota de la revisión en curso de la legislación, pero le preocupa que el proyecto de "
            "código de la niñez esté pendiente desde 2016.",
            [],
        ),
        "leg_rec": (
            f"Recordando sus recomendaciones anteriores ({PREV}, párr. 9), el Comité recomienda al Estado parte que:",
            [
                "Acelere la aprobación del código de la niñez, que debería incorporar plenamente los principios de "
                "la Convención;",
                "Evalúe los efectos en los derechos del niño de todo proyecto de ley; y",
                "Asigne recursos suficientes a la aplicación de las leyes relativas a los niños.",
            ],
        ),
        "budget": (
            "Teniendo en cuenta las metas 16.5 y 16.6 de los Objetivos de Desarrollo Sostenible, el Comité "
            "recomienda al Estado parte que:",
            [
                "Evalúe las necesidades presupuestarias de los niños y asigne recursos suficientes;",
                "Establezca un sistema de seguimiento presupuestario.",
            ],
        ),
        "civil": (
            "Recordando sus recomendaciones anteriores, el Comité insta al Estado parte a que vele por que las "
            "organizaciones de la sociedad civil puedan trabajar libremente y en condiciones de seguridad.",
            [],
        ),
        "definition": (
            "El Comité recomienda al Estado parte que elimine todas las excepciones que permiten el matrimonio "
            "antes de los 18 años.",
            [],
        ),
        "nondiscrimination": (
            "El Comité insta al Estado parte a que vele por que los niños pertenecientes a minorías étnicas "
            "disfruten de sus derechos sin discriminación.",
            [],
        ),
        "birth": (
            f"Recordando sus recomendaciones anteriores ({PREV}, párrs. 35 y 36), el Comité insta al Estado parte "
            "a que:",
            [
                "Garantice la inscripción gratuita de los nacimientos de todos los niños;",
                "Refuerce las unidades móviles de inscripción en las zonas rurales.",
            ],
        ),
        "violence_concern": (
            "Al Comité le preocupan:",
            [
                "La elevada prevalencia de la violencia contra los niños, en particular en la escuela;",
                "El escaso número de casos denunciados que dan lugar a enjuiciamiento.",
            ],
        ),
        "violence": (
            "El Comité recomienda al Estado parte que cree una base de datos nacional sobre todos los casos de "
            "violencia contra los niños y vele por que los autores sean enjuiciados.",
            [],
        ),
        "violence2": (
            "El Comité insta al Estado parte a que prohíba expresamente los castigos corporales en todos los entornos.",
            [],
        ),
        "family_concern": (
            "Preocupa al Comité el elevado número de niños que viven en instituciones, muchos de los cuales "
            "tienen al menos un progenitor vivo.",
            [],
        ),
        "family": (
            "El Comité recomienda al Estado parte que adopte una estrategia con plazos concretos para la "
            "desinstitucionalización de los niños.",
            [],
        ),
        "disability": (
            "El Comité recomienda al Estado parte que adopte un enfoque de la discapacidad basado en los derechos "
            "humanos y garantice una educación inclusiva a todos los niños con discapacidad.",
            [],
        ),
        "health": (
            "Teniendo en cuenta las metas 3.1 y 3.2 de los Objetivos de Desarrollo Sostenible, el Comité "
            "recomienda al Estado parte que refuerce la atención primaria de la salud.",
            [],
        ),
        "education": (
            "El Comité recomienda al Estado parte que aborde las causas profundas del abandono escolar y garantice "
            "la gratuidad de la enseñanza secundaria.",
            [],
        ),
        "justice_concern": (
            "El Comité celebra la aprobación de la Ley de Justicia Juvenil, pero le preocupa que haya niños en "
            "prisión preventiva más allá del plazo legal.",
            [],
        ),
        "justice": (
            "El Comité insta al Estado parte a que:",
            [
                "Promueva medidas extrajudiciales, como la remisión de casos y la mediación;",
                "Vele por que la privación de libertad se utilice como medida de último recurso; y",
                "Vele por que los niños estén separados de los adultos en todos los lugares de privación de libertad.",
            ],
        ),
        "protocols": (
            "El Comité insta al Estado parte a que aplique las recomendaciones formuladas en sus observaciones "
            "finales sobre los Protocolos Facultativos (CRC/C/OPSC/XLM/CO/1 y CRC/C/OPAC/XLM/CO/1).",
            [],
        ),
        "opic": (
            "El Comité recomienda al Estado parte que ratifique el Protocolo Facultativo relativo a un "
            "procedimiento de comunicaciones.",
            [],
        ),
        "dissemination": (
            "El Comité recomienda al Estado parte que adopte todas las medidas apropiadas para que las presentes "
            "recomendaciones se apliquen plenamente y se difundan ampliamente.",
            [],
        ),
        "next": (
            "El Comité invita al Estado parte a que presente sus informes periódicos séptimo y octavo combinados "
            "a más tardar el 1 de junio de 2028 e incluya en ellos información sobre el seguimiento de las "
            "presentes observaciones finales. El informe deberá ajustarse a las directivas del Comité "
            "(CRC/C/58/Rev.3) y no deberá exceder de 21.200 palabras (véase la resolución 68/268 de la Asamblea "
            "General, párr. 16).",
            [],
        ),
        "core": (
            "El Comité invita al Estado parte a que presente un documento básico actualizado, que no exceda de "
            "42.400 palabras.",
            [],
        ),
    },
}

_URGENT_INTRO = {
    "fr": (
        "Le Comité rappelle à l\u2019État partie que tous les droits consacrés par la Convention sont indivisibles "
        "et interdépendants et souligne l\u2019importance de toutes les recommandations formulées dans les présentes "
        "observations finales. Il appelle l\u2019attention de l\u2019État partie sur les recommandations concernant "
        f"les domaines ci-après, pour lesquels des mesures d\u2019urgence doivent être prises{NBSP}: "
    ),
    "es": (
        "El Comité recuerda al Estado parte la indivisibilidad e interdependencia de todos los derechos "
        "consagrados en la Convención y destaca la importancia de todas las recomendaciones que figuran en las "
        "presentes observaciones finales. Desea señalar a la atención del Estado parte las recomendaciones "
        "relativas a las esferas siguientes, respecto de las cuales deben adoptarse medidas urgentes: "
    ),
}
_URGENT_TOPICS = {
    "fr": (
        ("non-discrimination", "nondiscrimination"),
        ("enregistrement des naissances", "birth"),
        ("violence à l\u2019égard des enfants", "violence"),
        ("enfants handicapés", "disability"),
        ("administration de la justice pour enfants", "justice"),
    ),
    "es": (
        ("no discriminación", "nondiscrimination"),
        ("inscripción de los nacimientos", "birth"),
        ("violencia contra los niños", "violence"),
        ("niños con discapacidad", "disability"),
        ("administración de la justicia juvenil", "justice"),
    ),
}
_PARA_WORDS = {"fr": ("par.", "par.", "et"), "es": ("párr.", "párrs.", "y")}
_FOOTNOTE = {"fr": f"{PREV}, par. 25.", "es": f"{PREV}, párr. 25."}
_KINDS = {
    "intro1": OTH,
    "intro2": OTH,
    "progress": OTH,
    "sdg": REC,
    "leg_concern": CON,
    "violence_concern": CON,
    "family_concern": CON,
    "justice_concern": CON,
}
_PREVIOUS = {"leg_rec": ((PREV, 9),), "civil": ((PREV, 25),), "birth": ((PREV, 35), (PREV, 36))}
_SDGS = {"budget": ("16.5", "16.6"), "health": ("3.1", "3.2")}


def _co(language: str, extra_rounds: int = 0) -> Spec:
    h, texts = _HEADINGS[language], _TEXTS[language]
    w = _Writer()
    placed: dict[str, Para] = {}

    def para(key: str) -> Para:
        intro, parts = texts[key]
        kind = _KINDS.get(key, REC)
        runs = plain(intro) if kind != REC else bold(intro)
        p = w.para(
            runs,
            kind,
            parts,
            footnote=_FOOTNOTE[language] if key == "civil" else None,
            previous=_PREVIOUS.get(key, ()),
            sdg=_SDGS.get(key, ()),
        )
        placed.setdefault(key, p)  # the urgent list cites the first round's paragraphs
        return p

    w.chapter("I.", h["ch1"])
    para("intro1")
    para("intro2")
    w.chapter("II.", h["ch2"])
    para("progress")
    w.chapter("III.", h["ch3"])
    urgent = w.para(plain("placeholder"), OTH)
    para("sdg")
    clusters = (
        ("A", "general_measures", [("A1", "leg_concern"), (None, "leg_rec"), ("A2", "budget"), ("A3", "civil")]),
        ("B", "definition", [(None, "definition")]),
        ("C", "general_principles", [("C1", "nondiscrimination")]),
        ("D", "civil_rights", [("D1", "birth")]),
        ("E", "violence", [(None, "violence_concern"), (None, "violence"), ("E1", "violence2")]),
        ("F", "family_environment", [(None, "family_concern"), (None, "family")]),
        ("G", "health_welfare", [(None, "disability")]),
        ("H", "health_welfare", [(None, "health")]),
        ("I", "education", [(None, "education")]),
        ("J", "special_protection", [("J1", "justice_concern"), (None, "justice")]),
    )
    for _round in range(1 + extra_rounds):  # more rounds make a long document (the import benchmark)
        for letter, cluster, keys in clusters:
            w.section(f"{letter}.", h[letter], cluster, ARTS[letter])
            for sub, key in keys:
                if sub:
                    w.sub(h[sub])
                para(key)
    w.section("K.", h["K"], "optional_protocols")
    para("protocols")
    w.section("L.", h["L"], None)
    para("opic")
    w.chapter("IV.", h["ch4"])
    w.section("A.", h["IVA"], None)
    para("dissemination")
    w.section("B.", h["IVB"], None)
    para("next")
    w.section("C.", h["IVC"], None)
    para("core")

    one, many, conj = _PARA_WORDS[language]
    listed = []
    for topic, key in _URGENT_TOPICS[language]:
        if key == "violence":
            ref = f"{many} {placed['violence'].number} {conj} {placed['violence2'].number}"
        else:
            ref = f"{one} {placed[key].number}"
        listed.append(f"{topic} ({ref})")
    urgent.runs = plain(_URGENT_INTRO[language] + ", ".join(listed) + ".")
    for key in ("nondiscrimination", "birth", "violence", "violence2", "disability", "justice"):
        placed[key].urgent = True
    if language == "fr":
        return Spec(
            symbol="CRC/C/XLM/CO/4-6",
            date="1er novembre 2021",
            iso_date="2021-11-01",
            title="Observations finales concernant le rapport de la Lumérie valant quatrième à sixième rapports "
            "périodiques",
            title_note="Adoptées par le Comité à sa quatre-vingt-septième session (17 mai-4 juin 2021).",
            job="GE.21-15890\u00a0(F)",
            treaty="CRC",
            items=w.items,
            next_due="2030-06-01",
            word_limit=21200,
            language="fr",
        )
    return Spec(
        symbol="CRC/C/XLM/CO/4-6",
        date="3 de febrero de 2023",
        iso_date="2023-02-03",
        title="Observaciones finales sobre los informes periódicos cuarto a sexto combinados de Lumeria",
        title_note="Aprobadas por el Comité en su 93er período de sesiones (8 a 26 de mayo de 2023).",
        job="GE.23-01234\u00a0(S)",
        treaty="CRC",
        items=w.items,
        next_due="2028-06-01",
        word_limit=21200,
        language="es",
    )


def co_fr(extra_rounds: int = 0) -> Spec:
    """A French original in the 2014+ layout (``extra_rounds`` repeats the clusters: a long document)."""
    return _co("fr", extra_rounds)


def co_es(extra_rounds: int = 0) -> Spec:
    """A Spanish original in the 2014+ layout (``extra_rounds`` repeats the clusters: a long document)."""
    return _co("es", extra_rounds)
