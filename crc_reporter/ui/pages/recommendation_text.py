"""The Text tab of a recommendation, as HTML for a QTextBrowser (links follow earlier recommendations)."""

from __future__ import annotations

from crc_reporter.domain.records import IndicatorInfo, RecommendationInfo
from crc_reporter.i18n import LANGUAGES, _, current_language
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import esc, integer
from crc_reporter.ui.style import theme

_CHIP = '<span style="background:{bg}; color:{fg}; border-radius:8px;">&nbsp;{text}&nbsp;</span>'


def _chips(values: tuple[str, ...] | list[str], colours: tuple[str, str] | None = None) -> str:
    """``values`` as chips in the theme's ``colours`` (background, text; blue if not given)."""
    bg, fg = colours or theme().chip_blue
    return " &nbsp;".join(_CHIP.format(bg=bg, fg=fg, text=esc(v)) for v in values)


def _article(value: str) -> str:
    """ "37(b)" as the Committee writes it: "37 (b)"."""
    return value.replace("(", " (", 1) if "(" in value and " (" not in value else value


def lead_in(info: RecommendationInfo) -> str:
    """The paragraph's text before its first lettered part (the parts are listed on their own)."""
    if not info.parts:
        return info.text
    first = info.parts[0]
    marker = f"({first.label})"
    at = info.text.find(f"{marker} {first.text[:25]}")
    return info.text[:at].rstrip() if at > 0 else info.text


def recommendation_html(
    info: RecommendationInfo, indicators: list[IndicatorInfo], previous_ids: list[int | None]
) -> str:
    muted = theme().muted  # the colours of the scheme shown now (the pane is drawn again for the next one)
    out = ['<div style="line-height:140%;">']
    meta = [label(info.kind)]
    if info.cluster:
        meta.append(label(info.cluster))
    if info.subheading:
        meta.append(info.subheading)
    out.append('<p style="color:{};">{}</p>'.format(muted, " · ".join(esc(m) for m in meta)))
    # a translation into the interface's language comes first: that is what this reader reads
    translation_first = bool(info.translation) and info.translation_lang == current_language()
    if translation_first:
        out.append(_translation_html(info))
        adopted = esc(_("As adopted by the Committee"))  # (outside the f-string, where the catalogs find it)
        out.append(f'<p style="color:{muted}; margin-top:10px;">{adopted}</p>')
    intro = lead_in(info)
    out.append(f"<p>{esc(intro)}</p>")
    if info.parts and intro != info.text:
        out.append('<table cellspacing="0" cellpadding="3">')
        for part in info.parts:
            out.append(
                f'<tr><td valign="top" style="padding-right:6px;"><b>({esc(part.label)})</b></td>'
                f"<td>{esc(part.text)}</td></tr>"
            )
        out.append("</table>")
    elif info.parts:
        out.append("<p><b>{}</b> {}</p>".format(esc(_("Parts:")), " ".join(f"({esc(p.label)})" for p in info.parts)))

    facts: list[tuple[str, str]] = []
    if info.articles:
        facts.append((_("Articles"), esc(", ".join(_article(a) for a in info.articles))))
    if info.responsible:
        facts.append((_("Responsible"), _chips(info.responsible, theme().chip_green)))
    if info.sdg_targets:
        facts.append((_("SDG targets"), _chips(info.sdg_targets, theme().chip_amber)))
    if info.themes:
        facts.append((_("Themes"), _chips(info.themes)))
    if info.affected_groups:
        facts.append((_("Affected groups"), _chips(info.affected_groups, theme().chip_violet)))
    if info.previous:
        links = []
        for ref, rec_id in zip(info.previous, previous_ids, strict=False):
            text = esc(_("{document}, para. {number}").format(document=ref.document, number=integer(ref.paragraph)))
            links.append(f'<a href="rec:{rec_id}">{text}</a>' if rec_id else text)
        facts.append((_("Earlier recommendations"), ", ".join(links)))
    if indicators:
        facts.append((_("Indicators"), esc(", ".join(i.name for i in indicators))))
    if facts:
        out.append('<table cellspacing="0" cellpadding="4" style="margin-top:8px;">')
        for name, value in facts:
            out.append(
                f'<tr><td valign="top" style="color:{muted}; padding-right:12px; white-space:nowrap;">{esc(name)}</td>'
                f"<td>{value}</td></tr>"
            )
        out.append("</table>")
    if info.translation and not translation_first:
        out.append(_translation_html(info))
    out.append("</div>")
    return "".join(out)


def _translation_html(info: RecommendationInfo) -> str:
    language = LANGUAGES.get(info.translation_lang or "", info.translation_lang or "")
    heading = esc(_("Translation ({language})").format(language=language))
    body = esc(info.translation).replace("\n", "<br>")
    return f'<p style="color:{theme().muted}; margin-top:10px;">{heading}</p><p>{body}</p>'
