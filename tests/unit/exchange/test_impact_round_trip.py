"""IMPACT OSS files coming in: our own export of the demo into a fresh store, and IMPACT's own "Download CSV"."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from crc_reporter.domain.records import ActionInfo
from crc_reporter.importers import ReadOptions, load_source
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.importing import apply_import
from crc_reporter.services.interchange.impact import ImpactActions
from crc_reporter.services.interchange.impact_actions import apply_impact_actions
from crc_reporter.services.interchange.impact_export import export_impact
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Document, Recommendation, RecommendationPart


def _facts(actions: list[ActionInfo]) -> list[tuple[object, ...]]:
    return sorted(
        (
            a.title,
            a.status,
            a.actor,
            a.actor_type,
            a.type,
            a.start_date,
            a.end_date,
            a.description,
            a.outcome,
            tuple((s.title, s.url, s.file_ref) for s in a.sources),
            tuple(sorted((link.document, link.paragraph, link.part or "") for link in a.links)),
        )
        for a in actions
    )


def _import(store: Store, recommendations: Path, actions: Path) -> None:
    with store.session() as session:
        apply_import(session, load_source(recommendations))
    payload = load_source(actions).payload
    assert isinstance(payload, ImpactActions)
    with store.session() as session:
        report = apply_impact_actions(session, payload)
    assert not report.problems, report.problems


def test_the_demo_comes_back_with_statuses_actors_dates_types_sources_and_part_links(
    demo_store: Store, store: Store, tmp_path: Path
) -> None:
    with demo_store.session() as session:
        result = export_impact(session, tmp_path / "impact.csv", include_concerns=True, include_confidential=True)
        before = _facts(list_actions(session, ActionFilter(include_confidential=True)))
        parts = sorted(
            session.execute(
                select(Document.symbol, Recommendation.number, RecommendationPart.label)
                .join(Recommendation, Recommendation.document_id == Document.id)
                .join(RecommendationPart)
            ).all()
        )
    assert result.actions is not None and result.action_rows == len(before) == 50  # 3 confidential
    _import(store, result.recommendations, result.actions)
    with store.session() as session:
        after = _facts(list_actions(session, ActionFilter(include_confidential=True)))
        got_parts = sorted(
            session.execute(
                select(Document.symbol, Recommendation.number, RecommendationPart.label)
                .join(Recommendation, Recommendation.document_id == Document.id)
                .join(RecommendationPart)
            ).all()
        )
    assert got_parts == parts
    assert len({f[1] for f in before}) > 1 and all(f[2] for f in before)  # statuses vary, every action has an actor
    assert after == before


def _download(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    """A file as IMPACT's EntityListDownload writes it: text cells quoted by hand, dates as yyyy-MM-dd."""

    def cell(value: str) -> str:
        return value if value == "" or value.replace("-", "").isdigit() else '"' + value.replace('"', '""') + '"'

    lines = [sep.join(header)] + [sep.join(cell(v) for v in row) for row in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_an_impact_download_of_recommendations_and_actions_imports_into_a_fresh_store(
    store: Store, tmp_path: Path
) -> None:
    symbol = "CRC/C/XMP/CO/5-6"
    recs = _download(
        tmp_path / "objectives.csv",
        [
            "id",
            "draft",
            "framework_id",
            "reference",
            "title",
            "description",
            "response",
            "support_level",
            "human_rights_bodies",
            "connected_actions",
        ],
        [
            [
                "11",
                "false",
                "1",
                "CRC-2023-18",
                "Juvenile justice",
                "The Committee urges the State party to: (a) Raise the age; (b) Ensure legal aid.",
                "",
                "",
                "Committee on the Rights of the Child [CRC]",
                "Diversion [M-7]",
            ],
            [
                "12",
                "true",
                "1",
                "CRC-2023-18(a)",
                "Age",
                "Raise the minimum age of criminal responsibility.",
                "",
                "",
                "Committee on the Rights of the Child [CRC]",
                "",
            ],
            [
                "13",
                "true",
                "1",
                "para 18(b)",
                "Legal aid",
                "Ensure free legal aid for children.",
                "",
                "",
                "Committee on the Rights of the Child [CRC]",
                "",
            ],
            [
                "14",
                "false",
                "1",
                "CRC-2023-19",
                "Birth registration",
                "+Ensure free birth registration.",
                "",
                "",
                "- Committee on the Rights of the Child [CRC]",
                "",
            ],
        ],
        sep=";",  # as a French-locale Excel saves it
    )
    recs.write_text(recs.read_text("utf-8").replace('"+Ensure', "\"'+Ensure"), encoding="utf-8")  # IMPACT's guard
    source = load_source(recs, options=ReadOptions(symbol=symbol))
    assert source.format == "impact-csv"
    (doc,) = source.documents
    paragraphs = {p.number: p for p in doc.paragraphs}
    assert sorted(paragraphs) == [18, 19]
    assert [(p.label, p.text) for p in paragraphs[18].parts] == [
        ("a", "Raise the minimum age of criminal responsibility."),
        ("b", "Ensure free legal aid for children."),
    ]
    assert paragraphs[19].text == "+Ensure free birth registration."
    with store.session() as session:
        apply_import(session, source)

    actions = _download(
        tmp_path / "actions.csv",
        [
            "id",
            "draft",
            "reference",
            "title",
            "description",
            "outcome",
            "target_date",
            "target_date_comment",
            "government_agencies",
            "progress_statuses",
            "connected_recommendations",
        ],
        [
            [
                "7",
                "false",
                "M-7",
                "Diversion",
                "Diversion for first offenders.",
                "Fewer children detained",
                "2027-06-30",
                "",
                "Ministry of Justice [MoJ]",
                "In progress",
                "- Juvenile justice [CRC-2023-18]\n- Age [CRC-2023-18(a)] [draft]",
            ],
            [
                "8",
                "true",
                "M-8",
                "Legal aid desks",
                "",
                "",
                "2026-12-31",
                "",
                "",
                "Completed",
                "Legal aid [para 18(b)] [draft]",
            ],
        ],
    )
    read = load_source(actions, options=ReadOptions(symbol=symbol))
    assert isinstance(read.payload, ImpactActions)
    with store.session() as session:
        report = apply_impact_actions(session, read.payload)
        assert (report.created, report.links_added, report.problems) == (2, 3, ())
        got = {a.title: a for a in list_actions(session)}
    assert got["Diversion"].status == "ongoing" and got["Diversion"].actor == "Ministry of Justice"
    assert str(got["Diversion"].end_date) == "2027-06-30"
    assert {(x.paragraph, x.part) for x in got["Diversion"].links} == {(18, None), (18, "a")}
    assert got["Legal aid desks"].status == "completed"
    assert [(x.paragraph, x.part) for x in got["Legal aid desks"].links] == [(18, "b")]


def test_an_indicators_file_is_refused_not_read_as_actions(demo_store: Store, tmp_path: Path) -> None:
    import pytest

    from crc_reporter.untrusted import SourceError

    with demo_store.session() as session:
        result = export_impact(session, tmp_path / "impact.csv")
    assert result.indicators is not None
    with pytest.raises(SourceError, match="indicators file"):
        load_source(result.indicators)


def test_action_references_in_a_recommendations_file_become_links(demo_store: Store, tmp_path: Path) -> None:
    from crc_reporter.services.interchange.impact import action_reference

    with demo_store.session() as session:
        action = list_actions(session)[0]
    header = "Reference [database:reference],Title [database:title],Description [database:description],"
    header += "action-reference [rel:action-reference]"
    ref = action_reference(action.uuid)
    (tmp_path / "recs.csv").write_text(
        f"{header}\n"
        f'CRC/C/XMP/CO/5-6 para 99,New,"The Committee recommends: (a) One; (b) Two.",\n'
        f"CRC/C/XMP/CO/5-6 para 99(b),Two,Two.,{ref}|x\n"
        f'CRC/C/XMP/CO/5-6 para 99(a),One,One.,"{ref},A-000000000000"\n',
        encoding="utf-8",
    )
    source = load_source(tmp_path / "recs.csv")
    assert isinstance(source.payload, ImpactActions) and source.payload.documents is not None
    with demo_store.session() as session:
        report = apply_impact_actions(session, source.payload)
        (after,) = [a for a in list_actions(session) if a.uuid == action.uuid]
    assert report.links_added == 2 and report.created == 0
    assert any("row 4" in p and "A-000000000000" in p for p in report.problems)
    assert {(x.paragraph, x.part) for x in after.links} - {(x.paragraph, x.part) for x in action.links} == {
        (99, "a"),
        (99, "b"),
    }


def test_hostile_cells_of_an_impact_download_are_read_quickly_or_refused(store: Store, tmp_path: Path) -> None:
    """Long cells full of brackets and digits (the patterns' worst case), broken JSON, odd separators."""
    import random
    import time

    from crc_reporter.untrusted import SourceError

    rng = random.Random(20)
    header = (
        "id;reference;title;description;target_date;progress_statuses;connected_recommendations;CRC Reporter sources"
    )
    for attempt in range(12):
        cells = [
            str(attempt),
            "1" * 5000 + "-" + "2(" * 3000,
            "[" * 4000 + "x",
            "".join(rng.choice('[]()-, \n0123456789aé"') for _ in range(3000)),
            rng.choice(["31/02/2026", "2026-13-01", "", "x" * 50]),
            "- " + "[" * 20000 + "In progress",
            "- T [" + "a" * 50000,
            rng.choice(['[{"title": 1}]', "{not json", '[{"title": "x", "url": {"a": 1}}]', "[1, 2]"]),
        ]
        text = header + "\n" + ";".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"
        (tmp_path / "actions.csv").write_text(text, encoding="utf-8")
        start = time.monotonic()
        try:
            source = load_source(tmp_path / "actions.csv", options=ReadOptions(symbol="CRC/C/XMP/CO/5-6"))
        except SourceError:
            pass
        else:
            assert isinstance(source.payload, ImpactActions)
            with store.session() as session:  # applied: each row done or reported, nothing else
                report = apply_impact_actions(session, source.payload, dry_run=True)
            assert report.created + len(report.problems) >= 1
        assert time.monotonic() - start < 2
