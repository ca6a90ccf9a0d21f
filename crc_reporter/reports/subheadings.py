"""The Committee's standard sub-headings, translated from a glossary.

Concluding observations group their paragraphs under short sub-headings
("Legislation", "Data collection", "Administration of child justice"); the
Committee's French documents use fixed wordings for them (« Législation »,
« Collecte de données », « Administration de la justice pour mineurs »). The
English wordings are messages of the catalogs, so a French or Khmer draft
writes the Committee's own French and the Khmer of ``translations/GLOSSARY.md``
(section "The Committee's sub-headings"). A sub-heading outside this list is
written as the store has it.
"""

from __future__ import annotations

import unicodedata

from crc_reporter.i18n import N_

STANDARD: tuple[str, ...] = (
    # general measures of implementation
    N_("Reservations"),
    N_("Legislation"),
    N_("Comprehensive policy and strategy"),
    N_("Coordination"),
    N_("Allocation of resources"),
    N_("Data collection"),
    N_("Independent monitoring"),
    N_("Dissemination, awareness-raising and training"),
    N_("Cooperation with civil society"),
    N_("Children's rights and the business sector"),
    # definition of the child, general principles
    N_("Definition of the child"),
    N_("Non-discrimination"),
    N_("Best interests of the child"),
    N_("Right to life, survival and development"),
    N_("Respect for the views of the child"),
    # civil rights and freedoms
    N_("Birth registration"),
    N_("Birth registration and nationality"),
    N_("Freedom of expression, association and peaceful assembly"),
    N_("Right to privacy and access to appropriate information"),
    # violence against children
    N_("Abuse and neglect"),
    N_("Torture and other cruel, inhuman or degrading treatment or punishment"),
    N_("Corporal punishment"),
    N_("Sexual exploitation and abuse"),
    N_("Harmful practices"),
    N_("Helplines and complaint mechanisms"),
    # family environment and alternative care
    N_("Family environment"),
    N_("Children deprived of a family environment"),
    N_("Adoption"),
    N_("Children of incarcerated parents"),
    # disability, basic health and welfare
    N_("Children with disabilities"),
    N_("Basic health and welfare"),
    N_("Mental health"),
    N_("Adolescent health"),
    N_("Standard of living"),
    N_("Impact of climate change on the rights of the child"),
    # education, leisure and cultural activities
    N_("Education, including vocational training and guidance"),
    N_("Early childhood development"),
    N_("Rest, leisure, recreation and cultural and artistic activities"),
    # special protection measures
    N_("Asylum-seeking, refugee and migrant children"),
    N_("Economic exploitation, including child labour"),
    N_("Sale, trafficking and abduction"),
    N_("Children in street situations"),
    N_("Administration of child justice"),
    N_("Administration of juvenile justice"),
    N_("Children victims and witnesses of crimes"),
    # Optional Protocols, ratification, implementation and reporting
    N_("Follow-up to the previous concluding observations and recommendations on the Optional Protocols"),
    N_("Optional Protocol on the sale of children, child prostitution and child pornography"),
    N_("Optional Protocol on the involvement of children in armed conflict"),
    N_("Ratification of the Optional Protocol on a communications procedure"),
    N_("Ratification of international human rights instruments"),
    N_("Cooperation with regional bodies"),
    N_("Follow-up and dissemination"),
    N_("National mechanism for implementation, reporting and follow-up"),
    N_("Next report"),
    N_("Common core document"),
    # the Optional Protocols' own concluding observations
    N_("Data"),
    N_("Coordination and evaluation"),
    N_("Military schools"),
    N_("Human rights and peace education"),
    N_("Criminalization"),
    N_("Extraterritorial jurisdiction and extradition"),
    N_("Jurisdiction and extradition"),
    N_("Measures adopted to protect the rights of child victims"),
    N_("Protection of the rights of child victims"),
    N_("International assistance and cooperation"),
    N_("Child sex tourism"),
    N_("Criminal and penal laws and regulations"),
    # lists of issues
    N_("New developments"),
    N_("Data, statistics and other information"),
)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").strip().rstrip(".:")
    return " ".join(text.split()).casefold()


_BY_KEY = {_key(s): s for s in STANDARD}


def standard(text: str) -> str | None:
    """The glossary's English wording of a sub-heading (any case, spacing or apostrophe), or None."""
    return _BY_KEY.get(_key(text))
