"""What an IMPACT OSS export wrote and what to do next, as lines for the command line and the window."""

from __future__ import annotations

from pathlib import Path

from crc_reporter.i18n import _, ngettext
from crc_reporter.services.interchange.impact_export import ImpactExport


def impact_summary(result: ImpactExport, *, concerns_hint: str, since_hint: str, names_only: bool = False) -> list[str]:
    """What an IMPACT export wrote, and what to do with it, in lines; the hints name the option (CLI or window)."""

    def show(path: Path | None) -> str:
        return "" if path is None else path.name if names_only else str(path)

    out = [
        ngettext(
            "Wrote {path} ({n} recommendation).", "Wrote {path} ({n} recommendations).", result.recommendation_rows
        ).format(path=show(result.recommendations), n=result.recommendation_rows)
    ]
    if result.actions is not None:
        out.append(
            ngettext("Wrote {path} ({n} action).", "Wrote {path} ({n} actions).", result.action_rows).format(
                path=show(result.actions), n=result.action_rows
            )
        )
    else:
        out.append(_("This line of IMPACT OSS imports no actions or indicators; none were written."))
    if result.indicators is not None:
        out.append(
            ngettext("Wrote {path} ({n} indicator).", "Wrote {path} ({n} indicators).", result.indicator_rows).format(
                path=show(result.indicators), n=result.indicator_rows
            )
        )
    out.append(
        ngettext(
            "Wrote {path}: {n} category to create in IMPACT OSS before importing.",
            "Wrote {path}: {n} categories to create in IMPACT OSS before importing.",
            result.categories_to_create,
        ).format(path=show(result.categories), n=result.categories_to_create)
    )
    if result.links_left_out:
        out.append(
            ngettext(
                "{n} link to a paragraph that is not a recommendation was left out ({hint}).",
                "{n} links to paragraphs that are not recommendations were left out ({hint}).",
                result.links_left_out,
            ).format(n=result.links_left_out, hint=concerns_hint)
        )
    out.append(
        _(
            "IMPACT OSS creates records on import and never updates them: it refuses a reference it already "
            "has. Next time, send only what was added: {hint}."
        ).format(hint=since_hint)
    )
    return out
