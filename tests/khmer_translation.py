"""A Khmer translation of the demo's concluding observations, written in code (issue 18, item 2).

Paragraph numbers in Khmer digits (១. ២. …) and parts labelled (ក), (ខ)… as
ministries' translations number them; the wording is ours and says which
paragraph and part it stands for, so a test can tell every match apart.
"""

from __future__ import annotations

from pathlib import Path

import docx

from crc_reporter.services.demo import load_demo_data

SYMBOL = "CRC/C/XMP/CO/5-6"
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
KHMER_LETTERS = "កខគឃងចឆជឈញ"


def khmer_number(n: int) -> str:
    return str(n).translate(KHMER_DIGITS)


def paragraph_text(number: int, has_parts: bool) -> str:
    n = khmer_number(number)
    if has_parts:
        return f"គណៈកម្មាធិការ​ផ្តល់​អនុសាសន៍​ក្នុង​កថាខណ្ឌ​ទី {n} ដល់​រដ្ឋភាគី​ឱ្យ៖"
    return f"គណៈកម្មាធិការ​លើកឡើង​ក្នុង​កថាខណ្ឌ​ទី {n} អំពី​សិទ្ធិ​កុមារ​នៅ​ក្នុង​រដ្ឋភាគី។"


def part_text(number: int, index: int) -> str:
    return f"ចាត់វិធានការ​ទី {khmer_number(index + 1)} នៃ​កថាខណ្ឌ {khmer_number(number)} ដើម្បី​ការពារ​កុមារ"


def demo_paragraphs() -> list[dict]:
    data = load_demo_data()
    return next(d for d in data["documents"] if d["symbol"] == SYMBOL)["paragraphs"]


def translation_lines(missing: int) -> list[tuple[str, str]]:
    """(label, text) in order, the paragraph ``missing`` left out: label "១." for paragraphs, "(ក)" for parts."""
    out: list[tuple[str, str]] = []
    for para in demo_paragraphs():
        number, parts = para["number"], para.get("parts", [])
        if number == missing:
            continue
        out.append((f"{khmer_number(number)}.", paragraph_text(number, bool(parts))))
        for i, _part in enumerate(parts):
            end = "។" if i == len(parts) - 1 else ";"
            out.append((f"({KHMER_LETTERS[i]})", part_text(number, i) + end))
    return out


HEAD = ["ការសង្កេត​បញ្ចប់​លើ​របាយការណ៍​តាមកាលកំណត់​លើក​ទី​៥ និង​ទី​៦ របស់​សាធារណរដ្ឋ​សាមប្លៀ", "សេចក្តីផ្តើម"]


def as_text(missing: int) -> str:
    return "\n".join([*HEAD, *(f"{label} {text}" for label, text in translation_lines(missing))]) + "\n"


def as_docx(path: Path, missing: int) -> Path:
    document = docx.Document()
    for line in HEAD:
        document.add_paragraph(line)
    for label, text in translation_lines(missing):
        document.add_paragraph(f"{label}\t{text}")
    document.save(str(path))
    return path
