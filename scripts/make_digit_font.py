"""Rebuild ``resources/fonts/CRCKhmerDigits-Regular.ttf`` from Noto Sans Khmer.

Word's file format has no number format for Khmer digits: a page number, an
automatic paragraph number or a page reference is always written with the
digits 0-9. The reports therefore show those fields in a small font of their
own, embedded in the .docx, whose glyphs for 0-9 are Noto Sans Khmer's Khmer
digits (០-៩); Word and LibreOffice both draw embedded fonts. The font also
keeps the Khmer digits themselves and the punctuation a number needs.

Noto Sans Khmer is under the SIL Open Font License 1.1 (resources/fonts/OFL.txt),
which allows modified versions under another name; this is one.

    .venv/bin/python scripts/make_digit_font.py     (fontTools: the dev extra)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "fonts" / "NotoSansKhmer-Regular.ttf"
TARGET = ROOT / "resources" / "fonts" / "CRCKhmerDigits-Regular.ttf"
FAMILY = "CRC Khmer Digits"
POSTSCRIPT = "CRCKhmerDigits-Regular"
KHMER_ZERO = 0x17E0
PUNCTUATION = " (),-./:"


def build(source: Path = SOURCE) -> TTFont:
    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every rebuild
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in PUNCTUATION] + list(range(KHMER_ZERO, KHMER_ZERO + 10)))
    subsetter.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for digit in range(10):
                table.cmap[ord("0") + digit] = table.cmap[KHMER_ZERO + digit]
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = POSTSCRIPT
        elif record.nameID == 3:
            record.string = f"{POSTSCRIPT};derived from Noto Sans Khmer"
    font["OS/2"].fsType = 0  # installable embedding: Word keeps an embedded font only when allowed
    return font


def main() -> int:
    build().save(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
