"""Issue 19, item 8: the Committee's sub-headings in French and Khmer drafts come from a glossary."""

from __future__ import annotations

import json
from pathlib import Path

from docx.oxml.ns import qn

from crc_reporter.paths import resource_path
from crc_reporter.reports.language import ReportLanguage
from crc_reporter.reports.subheadings import STANDARD, standard
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import CO, open_docx, write


def _demo_subheadings() -> set[str]:
    data = json.loads(resource_path("demo", "xamplia.json").read_text("utf-8"))
    return {p["subheading"] for d in data["documents"] for p in d["paragraphs"] if p.get("subheading")}


def _paragraphs(path: Path) -> list[str]:
    body = open_docx(path).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def test_every_demo_subheading_is_in_the_glossary() -> None:
    missing = sorted(s for s in _demo_subheadings() if standard(s) is None)
    assert not missing
    fr, km = ReportLanguage("fr"), ReportLanguage("km")
    assert fr.subheading("Administration of child justice") == "Administration de la justice pour mineurs"
    assert fr.subheading("Children’s rights and the business sector") == "Droits de l’enfant et entreprises"
    assert fr.subheading("  data COLLECTION ") == "Collecte de données"  # as imported from another document
    assert km.subheading("Data collection") == "ការប្រមូលទិន្នន័យ"
    assert fr.subheading("Access to justice for girls") == "Access to justice for girls"  # not a standard one
    assert all(fr.subheading(s) != s or s in ("Coordination", "Adoption", "Non-discrimination") for s in STANDARD)


def test_french_drafts_show_no_english_subheading(loipr_store: Store, tmp_path: Path) -> None:
    english = _demo_subheadings() - {"Coordination", "Adoption", "Non-discrimination"}  # the same in French
    for kind, document in (
        ("state", CO),
        ("alternative", CO),
        ("matrix", CO),
        ("loipr", "CRC/C/XMP/QPR/7"),
        ("loipr", "CRC/C/XMP/Q/5-6"),
    ):
        path = write(
            loipr_store, tmp_path, kind, name=f"{kind}-{len(document)}.docx", document=document, lang="fr"
        ).path
        paragraphs = _paragraphs(path)  # type: ignore[arg-type]
        shown = [
            p for p in paragraphs if p in english or any(p.endswith(f": {s}") or p.endswith(f"({s})") for s in english)
        ]
        assert not shown, (kind, shown[:5])
    state = _paragraphs(write(loipr_store, tmp_path, "state", name="fr.docx", lang="fr").path)  # type: ignore[arg-type]
    assert "Administration de la justice pour mineurs" in state and "Législation" in state
    khmer = _paragraphs(write(loipr_store, tmp_path, "state", name="km.docx", lang="km").path)  # type: ignore[arg-type]
    assert "ការប្រមូលទិន្នន័យ" in khmer and "Data collection" not in khmer
