"""Citing other mechanisms in a report (issue 22): "See also UPR recommendations 110.45–110.52, supported."

Under a paragraph answered, the recommendations of the UPR and the other treaty
bodies a person linked to it; at the end of a cluster chapter, those placed in
the cluster and linked to no paragraph. Each is cited compactly (consecutive
numbers as ranges, UPR recommendations grouped by the State's position), and
the actions answering them follow once, like every action of the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from crc_reporter.domain.related import compress_references
from crc_reporter.domain.report_records import LinkedAction, OtherRecommendation
from crc_reporter.i18n import N_
from crc_reporter.reports import parts
from crc_reporter.reports.context import ReportContext
from crc_reporter.reports.language import ReportLanguage

#: the State's position on UPR recommendations, in the matrix's cells
POSITIONS = {
    "supported": N_("supported"),
    "supported_in_part": N_("supported in part"),
    "noted": N_("noted"),
}
_POSITION_ORDER = (*POSITIONS, None)

#: the bodies whose recommendations a follow-up matrix may list beside the CRC's
MECHANISM_TITLES = {
    "UPR": N_("Universal Periodic Review"),
    "CEDAW": N_("Committee on the Elimination of Discrimination against Women"),
    "CRPD": N_("Committee on the Rights of Persons with Disabilities"),
    "CAT": N_("Committee against Torture"),
    "CCPR": N_("Human Rights Committee"),
    "CESCR": N_("Committee on Economic, Social and Cultural Rights"),
    "CERD": N_("Committee on the Elimination of Racial Discrimination"),
    "CMW": N_("Committee on Migrant Workers"),
    "CED": N_("Committee on Enforced Disappearances"),
    "SP": N_("Special procedures"),
}


def document_title(tx: ReportLanguage, treaty: str) -> str:
    """What a group of rows is: an Optional Protocol of the CRC, or another mechanism."""
    title = parts.PROTOCOL_TITLES.get(treaty) or MECHANISM_TITLES.get(treaty)
    return tx._(title) if title else treaty


def _upr(tx: ReportLanguage, position: str | None, refs: Sequence[str]) -> str:
    """ "UPR recommendations 110.45–110.52, supported": one message per position, so translations agree in number."""
    n, numbers = len(refs), _numbers(tx, refs)
    if position == "supported":
        text = tx.ngettext("UPR recommendation {numbers}, supported", "UPR recommendations {numbers}, supported", n)
    elif position == "supported_in_part":
        text = tx.ngettext(
            "UPR recommendation {numbers}, supported in part", "UPR recommendations {numbers}, supported in part", n
        )
    elif position == "noted":
        text = tx.ngettext("UPR recommendation {numbers}, noted", "UPR recommendations {numbers}, noted", n)
    else:
        text = tx.ngettext("UPR recommendation {numbers}", "UPR recommendations {numbers}", n)
    return text.format(numbers=numbers)


def _numbers(tx: ReportLanguage, references: Sequence[str]) -> str:
    return tx.digits(tx.join(compress_references(references)))


def citation(tx: ReportLanguage, others: Sequence[OtherRecommendation]) -> str:
    """ "UPR recommendations 110.45–110.52, supported; CEDAW/C/XMP/CO/6, paras. 38 and 39" (no final stop)."""
    by_document: dict[tuple[str, str], list[OtherRecommendation]] = defaultdict(list)
    for other in others:
        by_document[(other.rec.mechanism, other.rec.document)].append(other)
    phrases: list[str] = []
    for (mechanism, symbol), group in by_document.items():
        if mechanism != "UPR":
            refs = [o.rec.reference for o in group]
            phrases.append(
                tx.ngettext("{symbol}, para. {numbers}", "{symbol}, paras. {numbers}", len(refs)).format(
                    symbol=symbol, numbers=_numbers(tx, refs)
                )
            )
            continue
        by_position: dict[str | None, list[str]] = defaultdict(list)
        for other in group:
            by_position[other.rec.position if other.rec.position in POSITIONS else None].append(other.rec.reference)
        for position in _POSITION_ORDER:
            refs = by_position.get(position, [])
            if not refs:
                continue
            phrases.append(_upr(tx, position, refs))
    text = phrases[0] if phrases else ""
    for phrase in phrases[1:]:
        # Translators: citations of several documents in one sentence (French puts a no-break space before ";")
        text = tx._("{citations}; {citation}").format(citations=text, citation=phrase)
    return text


def _actions(
    others: Sequence[OtherRecommendation], shown: Sequence[LinkedAction], keep: Callable[[LinkedAction], bool]
) -> list[LinkedAction]:
    """The actions answering ``others`` that the reply does not list already, each once."""
    seen = {a.action.id for a in shown}
    out: list[LinkedAction] = []
    for other in others:
        for linked in other.actions:
            if linked.action.id not in seen and keep(linked):
                seen.add(linked.action.id)
                out.append(LinkedAction(linked.action))
    return out


def see_also(
    ctx: ReportContext,
    others: Sequence[OtherRecommendation],
    shown: Sequence[LinkedAction] = (),
    keep: Callable[[LinkedAction], bool] = lambda _a: True,
) -> None:
    """Under a reply: "See also UPR recommendations 110.45–110.52, supported." and what answers them."""
    if not others:
        return
    tx = ctx.tx
    ctx.builder.para(tx._("See also {recommendations}.").format(recommendations=citation(tx, others)))
    parts.actions_section(ctx, _actions(others, shown, keep), tx._("Measures taken in reply to these recommendations"))


def cluster_others(ctx: ReportContext, key: str, keep: Callable[[LinkedAction], bool] = lambda _a: True) -> None:
    """At the end of a cluster chapter: the other mechanisms' recommendations placed in it and cited nowhere."""
    data = ctx.data.other_mechanisms
    others = data.by_cluster.get(key, ()) if data is not None else ()
    if not others:
        return
    tx = ctx.tx
    ctx.builder.heading(2, tx._("Recommendations of other mechanisms"))
    ctx.answering = tx._("the reply to {recommendations}").format(recommendations=citation(tx, others))
    ctx.builder.para(
        tx._("This chapter also replies to {recommendations}.").format(recommendations=citation(tx, others))
    )
    parts.actions_section(ctx, _actions(others, (), keep), tx._("Measures taken in reply to these recommendations"))


def related_to(ctx: ReportContext, rec_id: int) -> tuple[OtherRecommendation, ...]:
    data = ctx.data.other_mechanisms
    return data.by_recommendation.get(rec_id, ()) if data is not None else ()
