"""Generating a report: the one entry point for the GUI and the CLI.

``generate_report(session, options, progress, cancelled)`` reads the store,
builds the draft in memory, writes it atomically and returns the path, the
word count and the limit. Without ``options.out`` nothing is written: the
result's outline and word count serve as a preview.
"""

from __future__ import annotations

import dataclasses
from types import ModuleType

from sqlalchemy.orm import Session

from crc_reporter.i18n import LANGUAGES, _
from crc_reporter.reports import abbreviations, alternative_report, loipr_replies, matrix, state_report
from crc_reporter.reports import progress as progress_report
from crc_reporter.reports.builder import Builder
from crc_reporter.reports.contents_pages import fill_contents_pages
from crc_reporter.reports.context import (
    BudgetLine,
    CancelCheck,
    OutlineEntry,
    Progress,
    ReportContext,
    ReportKind,
    ReportOptions,
    ReportResult,
)
from crc_reporter.reports.digit_font import use_khmer_digits
from crc_reporter.reports.docx_base import apply_language, open_clean_template, resolve_styles, set_properties
from crc_reporter.reports.drawing_ids import make_drawing_ids_unique
from crc_reporter.reports.errors import ReportCancelledError, ReportError
from crc_reporter.reports.language import ReportLanguage, french_typography
from crc_reporter.reports.numbering import paragraph_numbering
from crc_reporter.reports.ooxml import ITALIC
from crc_reporter.reports.page import add_marking, ensure_page_numbers
from crc_reporter.reports.selection import select
from crc_reporter.reports.toc import request_field_update
from crc_reporter.reports.writer import check_target, write_atomic
from crc_reporter.services.actors import list_actors
from crc_reporter.services.subheading_translations import subheading_translations

MODULES: dict[ReportKind, ModuleType] = {
    ReportKind.STATE: state_report,
    ReportKind.LOIPR: loipr_replies,
    ReportKind.ALTERNATIVE: alternative_report,
    ReportKind.MATRIX: matrix,
    ReportKind.PROGRESS: progress_report,
}


def _kind(value: ReportKind | str) -> ReportKind:
    try:
        return ReportKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in ReportKind)
        raise ReportError(
            _("unknown report kind {kind} (choose from {choices})").format(kind=value, choices=choices)
        ) from None


def generate_report(
    session: Session,
    options: ReportOptions,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ReportResult:
    """Write the draft ``options`` describe; ``progress(done, total)`` is called as work advances.

    Raises :class:`ReportError` (one line for the user) for a bad template or
    path and :class:`ReportCancelledError` when ``cancelled()`` turns true; in both
    cases an existing file at ``options.out`` is left untouched.
    """
    kind = _kind(options.kind)
    if options.lang not in LANGUAGES:
        raise ReportError(
            _("unknown report language {lang} (choose from {choices})").format(
                lang=options.lang, choices=", ".join(LANGUAGES)
            )
        )
    if options.out is not None:
        check_target(options.out)  # fail before the work, not after it
    module = MODULES[kind]
    if kind == ReportKind.PROGRESS:
        options = progress_report.prepare(session, options)  # the body's stored name: only its own actions
    tx = ReportLanguage(options.lang, khmer_digits=options.khmer_digits)
    if options.lang != "en":
        tx.custom_subheadings = subheading_translations(session, options.lang)

    data = module.gather(session, options)
    data = select(
        data,
        clusters=options.clusters,
        paragraphs=options.paragraphs,
        actors=options.actors,
        start=options.period_from,
        end=options.period_to,
    )
    state_name = tx.state_name(data.state_name, data.document.country, options.state_name)
    if state_name != data.state_name:
        data = dataclasses.replace(data, state_name=state_name)
    if cancelled is not None and cancelled():
        raise ReportCancelledError(_("report cancelled; nothing was written"))
    document, removed = open_clean_template(options.template)
    styles = resolve_styles(document)
    apply_language(document, options.lang)
    ensure_page_numbers(document, styles)
    if kind == ReportKind.ALTERNATIVE and options.confidential_marking:
        add_marking(document, styles, tx._("Confidential: not for publication"))
    builder = Builder(document, styles)
    if options.lang == "km":
        builder.flag_mask = ~ITALIC
    if kind not in (ReportKind.MATRIX, ReportKind.PROGRESS):
        builder.numbering = paragraph_numbering(document)
    if options.lang == "fr":
        builder.typeset = french_typography  # the data typed in French as well as the fixed strings
    ctx = ReportContext(
        builder, data, tx, options, total_steps=module.steps(data) + 2, progress=progress, cancelled=cancelled
    )
    ctx.tick()
    module.build(ctx)
    if ctx.abbreviations is not None:
        named = {a.action.actor or "" for i in data.items for a in i.actions}
        named |= {r for i in data.items for r in i.recommendation.responsible}
        named |= {m.name for m in data.coalition_members} | ({data.coalition.name} if data.coalition else set())
        entries = abbreviations.used(list_actors(session), abbreviations.body_text(builder), named)
        abbreviations.write_list(builder, ctx.abbreviations, tx._("Abbreviations"), entries)
    builder.finish(
        tx._("Update the table of contents to see it (in Word: right-click, Update Field)."), tx.paragraph_range
    )
    request_field_update(document)
    make_drawing_ids_unique(document)
    if tx.khmer_digits:
        use_khmer_digits(document, builder.numbering)
    if options.out is not None and options.contents_pages:
        fill_contents_pages(document, builder.toc.entries, tx.digits)
    set_properties(
        document,
        title=progress_report.title(data, tx, progress_report.body_of(options))
        if kind == ReportKind.PROGRESS
        else module.title(data, tx),
        lang=options.lang,
        subject=data.document.symbol,
        author=options.author,
    )
    path = write_atomic(document, options.out, cancelled) if options.out is not None else None
    ctx.tick()
    limit = module.word_limit(data)
    return ReportResult(
        path=path,
        words=builder.words,
        word_limit=limit,
        budget=budget(ctx.chapters, builder.words, limit),
        outline=tuple(OutlineEntry(h.level, h.text) for h in builder.outline),
        footnotes=builder.footnotes.count,
        confidential_left_out=data.confidential_left_out,
        template_removed=tuple(removed),
    )


def budget(chapters: list[tuple[str, int, int]], words: int, limit: int | None) -> tuple[BudgetLine, ...]:
    """Words per chapter, and each chapter's share of what the rest of the report leaves of the limit,
    in proportion to the recommendations (or questions) it answers."""
    answered = sum(n for _t, _w, n in chapters)
    if not limit or not answered:
        return tuple(BudgetLine(title, used) for title, used, _n in chapters)
    available = max(limit - (words - sum(w for _t, w, _n in chapters)), 0)
    return tuple(BudgetLine(title, used, available * n // answered) for title, used, n in chapters)


def preview_report(session: Session, options: ReportOptions) -> ReportResult:
    """The outline and word count of the draft, without writing anything."""
    return generate_report(session, dataclasses.replace(options, out=None))
