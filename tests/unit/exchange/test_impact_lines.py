"""Our IMPACT OSS export, run through the import rules of each line of IMPACT in use (tests/impact_rules.py)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from crc_reporter.services import actions as action_svc
from crc_reporter.services.interchange.impact_export import ImpactExport, export_impact
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Indicator, Recommendation, RecommendationPart
from tests.impact_rules import RELATIONSHIPS, SEEDED_SHORT_TITLES, check, read_categories, receiving_categories


def _run(result: ImpactExport, line: str, before: dict[str, set[str]] | None = None) -> dict[str, list[str]]:
    """Import the files in order into an IMPACT of ``line`` that holds ``before``; the problems, per file."""
    rows = read_categories(result.categories)
    for row in rows:
        if row["in IMPACT"] == "seeded":  # what we call seeded is seeded there
            assert row["short_title"] in SEEDED_SHORT_TITLES, row
    categories = receiving_categories(line, {r["short_title"] for r in rows if r["in IMPACT"] == "to create"})
    references = {k: set(v) for k, v in (before or {}).items()}
    problems: dict[str, list[str]] = {}
    for entity, path in (
        ("recommendations", result.recommendations),
        ("actions", result.actions),
        ("indicators", result.indicators),
    ):
        if path is None or line not in RELATIONSHIPS[entity]:
            continue
        done = check(path, entity, line, categories=categories, references=references)
        problems[entity] = done.problems
        references.setdefault(entity, set()).update(done.references)
    return problems


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("line", ["main", "nz", "scotland"])
def test_each_line_imports_our_files_without_a_problem(demo_store: Store, tmp_path: Path, line: str) -> None:
    with demo_store.session() as session:
        result = export_impact(session, tmp_path / "impact.csv", line=line)
    assert _run(result, line) == {k: [] for k in _run(result, line)}
    recs = _rows(result.recommendations)
    framework = "Framework: 1 - HR; 2 - SDGs; 3 - NDP [database:framework_id]"
    assert (framework in recs[0]) == (line == "main")
    assert ("Response comment [database:response]" in recs[0]) == (line != "scotland")
    assert all("CRC" in r["category-short-title [rel:category-short-title]"].split(",") for r in recs)
    if line == "scotland":
        assert result.actions is None and result.indicators is None  # sg-dev imports neither
        return
    assert result.actions is not None and result.indicators is not None
    targets = [r["Target date [database:target_date]"] for r in _rows(result.actions)]
    day = next(t for t in targets if t)
    assert dt.datetime.strptime(day, "%d/%m/%Y" if line == "main" else "%Y-%m-%d")


def test_the_checker_catches_what_breaks_each_line(demo_store: Store, tmp_path: Path) -> None:
    """Our main file given to New Zealand: the framework column throws, every target date is dropped."""
    with demo_store.session() as session:
        result = export_impact(session, tmp_path / "impact.csv", line="main")
    problems = _run(result, "nz")
    assert any("framework_id" in p and "throws" in p for p in problems["recommendations"])
    assert any("target_date" in p and "dropped" in p for p in problems["actions"])
    scottish = _run(result, "scotland")
    assert any("response" in p for p in scottish["recommendations"])
    (tmp_path / "bad.csv").write_text(
        'Title [database:title] ,Reference [database:reference],x [rel:category-short-title]\n"T",A-1,Nowhere\n,A-1,\n',
        encoding="utf-8",
    )
    bad = check(tmp_path / "bad.csv", "actions", "main", categories=set(SEEDED_SHORT_TITLES), references={})
    assert any("not read as written" in p for p in bad.problems)  # a space after the bracket
    assert any("'Nowhere' finds nothing" in p for p in bad.problems)
    assert any("taken" in p for p in bad.problems) and any("no title" in p for p in bad.problems)


def test_only_recommendations_go_by_default_and_parts_travel_as_their_own_references(
    demo_store: Store, tmp_path: Path
) -> None:
    with demo_store.session() as session:
        kinds = {i: k for i, k in session.execute(select(Recommendation.id, Recommendation.kind))}
        parts = session.execute(
            select(RecommendationPart.label, Recommendation.number)
            .join(Recommendation)
            .where(Recommendation.kind == "recommendation")
        ).all()
        default = export_impact(session, tmp_path / "default.csv", line="nz")
        everything = export_impact(session, tmp_path / "all.csv", line="nz", include_concerns=True)
    paragraphs = sum(1 for k in kinds.values() if k == "recommendation")
    assert default.recommendation_rows == paragraphs + len(parts)
    assert everything.recommendation_rows > default.recommendation_rows and default.links_left_out > 0
    refs = [r["Reference [database:reference]"] for r in _rows(default.recommendations)]
    label, number = parts[0]
    part_ref = next(r for r in refs if r.endswith(f" para {number}({label})"))
    row = next(r for r in _rows(default.recommendations) if r["Reference [database:reference]"] == part_ref)
    assert row["Title [database:title]"].startswith(part_ref.removesuffix(f"({label})") + ":")  # named after it
    assert _run(everything, "nz") == {"recommendations": [], "actions": [], "indicators": []}


def test_since_sends_only_what_was_added(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        first = export_impact(session, tmp_path / "first.csv", line="main")
        before = {
            "recommendations": {r["Reference [database:reference]"] for r in _rows(first.recommendations)},
            "actions": {r["Reference [database:reference]"] for r in _rows(first.actions)},  # type: ignore[arg-type]
        }
        old = dt.datetime(2020, 1, 1)
        for model in (Recommendation, RecommendationPart, Action, Indicator):
            session.execute(update(model).values(created_at=old).execution_options(synchronize_session=False))
        rec_id = session.scalars(select(Recommendation.id).where(Recommendation.kind == "recommendation")).first()
        action = action_svc.create_action(session, "Draft the juvenile justice regulations", status="ongoing")
        action_svc.link_action(session, action.id, rec_id)
    with demo_store.session() as session:
        later = export_impact(session, tmp_path / "later.csv", line="main", since=dt.date.today())
    assert (later.recommendation_rows, later.action_rows, later.indicator_rows) == (0, 1, 0)
    assert _run(later, "main", before) == {"recommendations": [], "actions": [], "indicators": []}
    (row,) = _rows(later.actions)  # type: ignore[arg-type]
    assert "In progress" in row["category-short-title [rel:category-short-title]"]
    assert row["recommendation-reference [rel:recommendation-reference]"] in before["recommendations"]


@pytest.mark.parametrize("line", ["main", "nz", "scotland"])
def test_other_mechanisms_go_with_their_body_and_the_upr_support_level(
    demo_store: Store, tmp_path: Path, line: str
) -> None:
    """Issue 22: the body's short title (UPR, CEDAW, ICCPR…) and support_level 2 / 1 / 0 / blank for the UPR."""
    from crc_reporter.services import documents as doc_svc
    from crc_reporter.services import recommendations as rec_svc

    with demo_store.session() as s:
        doc_svc.create_document(s, "A/HRC/56/17", country="KHM", date="2024-04-04")
        for n, position in ((1, "supported"), (2, "supported_in_part"), (3, "noted"), (4, None)):
            rec_svc.create_recommendation(
                s, "A/HRC/56/17", n, f"Recommendation {n} on juvenile justice.", label=f"110.{n}", position=position
            )
        doc_svc.create_document(s, "CCPR/C/KHM/CO/3")
        rec_svc.create_recommendation(s, "CCPR/C/KHM/CO/3", 9, "The State party should end child detention.")
        result = export_impact(s, tmp_path / "impact.csv", line=line)
    assert _run(result, line) == {k: [] for k in _run(result, line)}
    rows = {r["Reference [database:reference]"]: r for r in _rows(result.recommendations)}
    categories = "category-short-title [rel:category-short-title]"
    upr = [rows[f"A/HRC/56/17 para {n}"] for n in range(1, 5)]
    assert all({"UPR", "UPR-2024"} <= set(r[categories].split(",")) for r in upr)
    assert "ICCPR" in rows["CCPR/C/KHM/CO/3 para 9"][categories].split(",")
    support = next((h for h in upr[0] if "[database:support_level]" in h), None)
    if line == "scotland":
        assert support is None  # sg-dev takes no support level
        return
    assert support is not None
    assert [r[support] for r in upr] == ["2", "1", "0", ""]
    assert rows["CCPR/C/KHM/CO/3 para 9"][support] == ""
    assert all(r[support] == "" for ref, r in rows.items() if ref.startswith("CRC/"))
