"""Issue 19, item 3: the word budget goes to the report, not to quotations and repetitions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from docx.oxml.ns import qn

from crc_reporter.cli.report_commands import budget_lines
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, headings, open_docx, write

QUOTED = "Recalling its previous recommendations (CRC/C/XMP/CO/3-4, para. 9)"  # paragraph 6 as the Committee wrote it


def _bold_paragraph_starts(path: Path) -> list[str]:
    """The first bold run of each body paragraph outside tables: an action's title opens its block."""
    doc = open_docx(path)
    starts = []
    for p in doc.element.body.iterchildren(qn("w:p")):
        run = p.find(qn("w:r"))
        if run is not None and run.find(qn("w:rPr")) is not None and run.find(qn("w:rPr")).find(qn("w:b")) is not None:
            starts.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return starts


def test_demo_state_draft_starts_under_5000_words(demo_store: Store, tmp_path: Path) -> None:
    cited = write(demo_store, tmp_path, "state")
    quoted = write(demo_store, tmp_path, "state", name="quoted.docx", quote_recommendations=True)
    assert cited.words < 5_000 < quoted.words

    def quotes(path: Path) -> list[str]:
        return [p.text for p in open_docx(path).paragraphs if p.style is not None and p.style.name == "Quote"]

    assert not quotes(cited.path) and any(q.startswith(QUOTED) for q in quotes(quoted.path))
    assert all(len(h.split()) <= 5 for h in headings(open_docx(cited.path), 3))  # "Paragraph 56 (symbol)"


def test_each_action_and_table_written_once(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    text = body_text(open_docx(result.path))
    assert "See the reply to paragraph" in text  # an action answering several paragraphs is referred to
    doc = open_docx(result.path)
    captions = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.lower() == "caption"]
    names = Counter(c.split(". ", 1)[1].split(" (")[0] for c in captions if c.startswith("Table "))
    assert names and max(names.values()) == 1
    blocks = Counter(_bold_paragraph_starts(result.path))
    full = [t for t, n in blocks.items() if n > 1 and t not in ("Measures taken",)]
    # a title may open its full block once and its "see…" line again, never two full blocks
    for title in full:
        assert text.count(title + ". See the reply to paragraph") >= blocks[title] - 1, title


def test_budget_per_chapter(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    assert result.word_limit == 21_200
    assert len(result.budget) >= 10 and result.budget[0].title.startswith("General measures of implementation")
    assert sum(b.words for b in result.budget) <= result.words
    shares = [b.share for b in result.budget]
    assert all(s is not None and s > 0 for s in shares)
    assert sum(s for s in shares if s) <= result.word_limit
    lines = budget_lines(result)
    assert lines[0] == "By chapter:" and "left of its share of" in lines[1]
