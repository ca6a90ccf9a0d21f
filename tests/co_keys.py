"""Answer keys of the concluding-observation fixtures, one JSON file per language under tests/fixtures/co/.

A key says what the importer must find in the document, whatever its form
(Word with typed numbers, Word's automatic numbering, PDF, text pasted from
the PDF): each paragraph's number, text, parts, cluster, kind, articles,
urgency and earlier-cycle references, and the document's symbol, language,
date, due date and word limit. The keys are written from the fixtures'
specifications (``python -m tests.co_keys``); a test checks that they are
current, another that every import matches them field by field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.co_content import Spec, co_2014, expected_text
from tests.co_languages import co_es, co_fr

KEYS_DIR = Path(__file__).parent / "fixtures" / "co"
SPECS = {"en": co_2014, "fr": co_fr, "es": co_es}


def expected_part_text(raw: str) -> str:
    """A part's own text: without the "; and" (« ; et », "; y") that joins it to the next, nor its last stop."""
    text = " ".join(raw.split())
    text = re.sub(r"\s*[;,]\s*(?:and|or|et|ou|y|o)$", "", text)
    return text.rstrip(" ;,").rstrip(".").strip()


def answer_key(spec: Spec) -> dict[str, Any]:
    return {
        "symbol": spec.symbol,
        "language": spec.language,
        "date": spec.iso_date,
        "next_report_due": spec.next_due,
        "word_limit": spec.word_limit,
        "paragraphs": [
            {
                "number": p.number,
                "text": expected_text(p, spec.language),
                "kind": p.kind,
                "cluster": p.cluster,
                "articles": list(p.articles),
                "urgent": p.urgent,
                "parts": [
                    {"label": chr(ord("a") + i), "text": expected_part_text("".join(t for t, _b in runs))}
                    for i, runs in enumerate(p.parts)
                ],
                "previous": [list(ref) for ref in p.previous],
                "sdg_targets": list(p.sdg),
            }
            for p in spec.paragraphs
        ],
    }


def key_path(language: str) -> Path:
    return KEYS_DIR / f"co-2014-{language}.json"


def load_key(language: str) -> dict[str, Any]:
    return json.loads(key_path(language).read_text(encoding="utf-8"))


def found(doc: Any) -> dict[str, Any]:  # noqa: ANN401 - a ParsedDocument
    """What an import found, in the key's shape."""
    return {
        "symbol": doc.symbol,
        "language": doc.language,
        "date": doc.date.isoformat() if doc.date else None,
        "next_report_due": doc.next_report_due.isoformat() if doc.next_report_due else None,
        "word_limit": doc.word_limit,
        "paragraphs": [
            {
                "number": p.number,
                "text": p.text,
                "kind": p.kind,
                "cluster": p.cluster,
                "articles": list(p.articles),
                "urgent": p.urgent,
                "parts": [{"label": part.label, "text": part.text} for part in p.parts],
                "previous": sorted([list(ref) for ref in p.previous]),
                "sdg_targets": sorted(p.sdg_targets),
            }
            for p in doc.paragraphs
        ],
    }


def compare(doc: Any, key: dict[str, Any]) -> list[str]:  # noqa: ANN401 - a ParsedDocument
    """Every difference between an import and its key, one line each (empty when they agree)."""
    got = found(doc)
    problems = [
        f"{field}: {got[field]!r} instead of {key[field]!r}"
        for field in ("symbol", "language", "date", "next_report_due", "word_limit")
        if got[field] != key[field]
    ]
    got_numbers = [p["number"] for p in got["paragraphs"]]
    want_numbers = [p["number"] for p in key["paragraphs"]]
    if got_numbers != want_numbers:
        problems.append(f"paragraph numbers {got_numbers} instead of {want_numbers}")
    by_number = {p["number"]: p for p in got["paragraphs"]}
    for want in key["paragraphs"]:
        have = by_number.get(want["number"])
        if have is None:
            continue
        want = {**want, "previous": sorted(want["previous"]), "sdg_targets": sorted(want["sdg_targets"])}
        for field, value in want.items():
            if have[field] != value:
                problems.append(f"paragraph {want['number']} {field}: {have[field]!r} instead of {value!r}")
    return problems


def main() -> None:
    KEYS_DIR.mkdir(parents=True, exist_ok=True)
    for language, factory in SPECS.items():
        text = json.dumps(answer_key(factory()), ensure_ascii=False, indent=1) + "\n"
        key_path(language).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
