"""Word (.docx) as the UN publishes it.

Read straight from the package with lxml (safely: see
:mod:`crc_reporter.untrusted`), which is several times faster than
building python-docx objects and lets us see what python-docx hides: numbers
and letters from automatic numbering (:mod:`~crc_reporter.importers.docx_numbering`),
footnote references, bold inherited from styles, text in hyperlinks, content
controls and tracked insertions (deletions are skipped), the running headers
and footers that carry the symbol and the date.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from crc_reporter import untrusted
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_, _
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.blocks import CHAPTER, SECTION, SUBHEADING, Block, SourceText, note_marker
from crc_reporter.importers.docx_numbering import MAX_LEVEL, Numbering, bounded_int
from crc_reporter.importers.structure import parse_document
from crc_reporter.untrusted import SourceError

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTAINERS = {"hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo", "bdo", "dir"}
_FALSE = {"0", "false", "off", "none"}


@dataclass
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    num: tuple[str, int | None] | None  # numId, ilvl
    outline: int | None


def _heading_level(style_name: str, outline: int | None) -> int:
    name = style_name.lower().replace(" ", "")
    m = re.match(r"heading(\d)", name)
    if m:
        return min(int(m.group(1)), 3)
    if name.startswith("_h_ch") or name.startswith("_hch") or name in ("title",):
        return CHAPTER
    if name.startswith("_h_1") or name.startswith("_h1"):
        return SECTION
    if re.match(r"_h_?[2-5]", name):
        return SUBHEADING
    if outline is not None and outline < 9:
        return min(outline + 1, 3)
    return 0


class _Package:
    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.zf: zipfile.ZipFile = untrusted.open_zip(data, name)
        self.members = set(self.zf.namelist())
        self.main = self._main_part()
        root = self.xml(self.main)
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else W_MAIN
        if ns not in (W_MAIN, W_STRICT):
            raise SourceError(
                _("{name} is not a Word document (its main part is not WordprocessingML)").format(name=name)
            )
        self.w = "{" + ns + "}"
        self.root = root
        self.rels = self._rels(self.main)

    def _main_part(self) -> str:
        if "_rels/.rels" in self.members:
            root = self.xml("_rels/.rels")
            for rel in root.iter(f"{{{REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if target in self.members:
                        return target
        if "word/document.xml" in self.members:
            return "word/document.xml"
        raise SourceError(_("{name} is not a Word document (no word/document.xml inside)").format(name=self.name))

    def xml(self, member: str) -> etree._Element:
        return untrusted.parse_xml(untrusted.read_member(self.zf, member, self.name), f"{self.name} ({member})")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.members:
            return {}
        out = {}
        for rel in self.xml(rels_name).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return out

    def part_of_type(self, kind: str) -> list[str]:
        return [target for rel_type, target in self.rels.values() if rel_type == kind and target in self.members]


class _Reader:
    def __init__(self, pkg: _Package, options: ReadOptions) -> None:
        self.pkg, self.options, self.w = pkg, options, pkg.w
        self.styles: dict[str, _Style] = {}
        self.char_bold: dict[str, bool] = {}
        self.default_style: str | None = None
        styles = pkg.part_of_type("styles")
        if styles:
            self._read_styles(pkg.xml(styles[0]))
        numbering = pkg.part_of_type("numbering")
        style_num = {sid: (s.num[0], s.num[1] or 0) for sid, s in self.styles.items() if s.num}
        self.numbering = Numbering(pkg.xml(numbering[0]) if numbering else None, self.w, style_num)
        self.out = SourceText()

    # --- styles --------------------------------------------------------------------------------------
    def _on(self, el: etree._Element | None) -> bool | None:
        if el is None:
            return None
        return el.get(self.w + "val", "1").lower() not in _FALSE

    def _read_styles(self, root: etree._Element) -> None:
        w = self.w
        for el in root.iterfind(w + "style"):
            sid = el.get(w + "styleId", "")
            rpr = el.find(w + "rPr")
            bold = self._on(rpr.find(w + "b")) if rpr is not None else None
            if el.get(w + "type") == "character":
                if bold is not None:
                    self.char_bold[sid] = bold
                continue
            if el.get(w + "type") not in ("paragraph", "numbering"):
                continue
            ppr = el.find(w + "pPr")
            num = None
            outline = None
            if ppr is not None:
                numpr = ppr.find(w + "numPr")
                if numpr is not None:
                    num_id = numpr.find(w + "numId")
                    ilvl = numpr.find(w + "ilvl")
                    if num_id is not None:
                        lvl_val = ilvl.get(w + "val", "0") if ilvl is not None else None
                        num = (num_id.get(w + "val", "0"), bounded_int(lvl_val, 0, MAX_LEVEL))
                outline_el = ppr.find(w + "outlineLvl")
                if outline_el is not None:
                    outline = bounded_int(outline_el.get(w + "val"), 0, 9)
            name_el = el.find(w + "name")
            based = el.find(w + "basedOn")
            self.styles[sid] = _Style(
                name_el.get(w + "val", sid) if name_el is not None else sid,
                based.get(w + "val") if based is not None else None,
                bold,
                num,
                outline,
            )
            if el.get(w + "default") in ("1", "true") and el.get(w + "type") == "paragraph":
                self.default_style = sid

    def _style_chain(self, sid: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(chain) < 20:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return chain

    # --- text ------------------------------------------------------------------------------------------
    def _runs(self, parent: etree._Element):  # noqa: ANN202 - a generator of run elements
        w = self.w
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag[len(w) :] if tag.startswith(w) else ""
            if local == "r":
                yield child
            elif local in _CONTAINERS:
                yield from self._runs(child)

    def paragraph(self, p: etree._Element) -> Block | None:
        w = self.w
        ppr = p.find(w + "pPr")
        style_id = self.default_style
        numpr = None
        outline = None
        if ppr is not None:
            ps = ppr.find(w + "pStyle")
            if ps is not None:
                style_id = ps.get(w + "val", style_id)
            numpr = ppr.find(w + "numPr")
            ol = ppr.find(w + "outlineLvl")
            if ol is not None:
                outline = bounded_int(ol.get(w + "val"), 0, 9)
        chain = self._style_chain(style_id)
        style_bold = next((s.bold for s in chain if s.bold is not None), False)
        pieces: list[str] = []
        bold_pieces: list[str] = []
        letters = bold_letters = 0
        for run in self._runs(p):
            rpr = run.find(w + "rPr")
            bold = style_bold
            if rpr is not None:
                if rpr.find(w + "vanish") is not None and self._on(rpr.find(w + "vanish")):
                    continue
                rstyle = rpr.find(w + "rStyle")
                if rstyle is not None and rstyle.get(w + "val") in self.char_bold:
                    bold = self.char_bold[rstyle.get(w + "val", "")]
                explicit = self._on(rpr.find(w + "b"))
                if explicit is not None:
                    bold = explicit
            text = self._run_text(run)
            if not text:
                continue
            pieces.append(text)
            n = sum(ch.isalpha() for ch in text)
            letters += n
            if bold and n:
                bold_letters += n
                bold_pieces.append(text)
        text = "".join(pieces)
        if not text.strip():
            return None
        label, auto = self._label(numpr, chain)
        if label:
            text = f"{label}\t{text}"
        level = _heading_level("", outline) if outline is not None else 0
        for style in chain if not level else ():
            level = _heading_level(style.name, style.outline)
            if level:
                break
        return Block(text, bold_letters / letters if letters else -1.0, "".join(bold_pieces), level, auto)

    def _run_text(self, run: etree._Element) -> str:
        w = self.w
        out: list[str] = []
        for child in run:
            tag = child.tag
            if not isinstance(tag, str) or not tag.startswith(w):
                continue
            local = tag[len(w) :]
            if local == "t":
                out.append(child.text or "")
            elif local in ("tab", "ptab"):
                out.append("\t")
            elif local in ("br", "cr"):
                out.append(" ")
            elif local == "noBreakHyphen":
                out.append("-")
            elif local == "footnoteReference":
                out.append(note_marker("d" + child.get(w + "id", "")))
            elif local == "endnoteReference":
                out.append(note_marker("e" + child.get(w + "id", "")))
        return "".join(out)

    def _label(self, numpr: etree._Element | None, chain: list[_Style]) -> tuple[str | None, bool]:
        w = self.w
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            nid = numpr.find(w + "numId")
            lvl = numpr.find(w + "ilvl")
            num_id = nid.get(w + "val") if nid is not None else None
            if lvl is not None:
                ilvl = bounded_int(lvl.get(w + "val"), 0, MAX_LEVEL)
        if num_id is None:
            for style in chain:
                if style.num:
                    num_id = style.num[0]
                    ilvl = style.num[1] if ilvl is None else ilvl
                    break
        if ilvl is None:
            ilvl = next((s.num[1] for s in chain if s.num and s.num[1] is not None), 0)
        if not num_id or num_id == "0":
            return None, False
        label = self.numbering.label(num_id, ilvl)
        return label, label is not None

    # --- parts -----------------------------------------------------------------------------------------
    def body(self) -> None:
        body = self.pkg.root.find(self.w + "body")
        if body is None:
            raise SourceError(_("{name} has no body text").format(name=self.pkg.name))
        paragraphs = [p for p in self._block_elements(body)]
        total = len(paragraphs)
        for index, p in enumerate(paragraphs):
            if index % 200 == 0:
                self.options.checkpoint(
                    index, total, _("Reading paragraph {n} of {total}").format(n=index, total=total)
                )
            else:
                self.options.tick()
            block = self.paragraph(p)
            if block is not None:
                self.out.blocks.append(block)

    def _block_elements(self, parent: etree._Element):  # noqa: ANN202 - a generator of w:p
        w = self.w
        for child in parent:
            tag = child.tag
            if tag == w + "p":
                yield child
            elif tag == w + "tbl":
                yield from child.iter(w + "p")
            elif tag in (w + "sdt", w + "sdtContent", w + "customXml", w + "ins"):
                yield from self._block_elements(child)

    def notes(self) -> None:
        for kind, prefix, tag in (("footnotes", "d", "footnote"), ("endnotes", "e", "endnote")):
            for member in self.pkg.part_of_type(kind):
                for note in self.pkg.xml(member).iterfind(self.w + tag):
                    self.options.tick()
                    if note.get(self.w + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    texts = [self._plain(p) for p in note.iter(self.w + "p")]
                    text = " ".join(t for t in texts if t).strip()
                    self.out.notes[prefix + note.get(self.w + "id", "")] = re.sub(r"^\*+\s*", "", text)

    def _plain(self, p: etree._Element) -> str:
        return " ".join("".join(self._run_text(r) for r in self._runs(p)).split())

    def furniture(self) -> None:
        for kind in ("header", "footer"):
            for member in self.pkg.part_of_type(kind):
                for p in self.pkg.xml(member).iter(self.w + "p"):
                    self.options.tick()
                    for line in self._plain(p).split("\t"):
                        if line.strip():
                            self.out.furniture.append(line.strip())


class DocxImporter:
    format = "docx"
    label = N_("Word document (.docx)")
    extensions = (".docx", ".docm", ".dotx")

    def sniff(self, probe: Probe) -> int:
        if any(m.endswith("document.xml") and m.startswith("word/") for m in probe.zip_members):
            return 100
        if probe.suffix in self.extensions and probe.head.startswith((untrusted.ZIP_MAGIC, untrusted.EMPTY_ZIP_MAGIC)):
            return 60  # a damaged package: let this importer say what is wrong with it
        return 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        pkg = _Package(data, probe.name)
        reader = _Reader(pkg, options)
        reader.furniture()
        reader.notes()
        reader.body()
        options.checkpoint(1, 1, _("Finding paragraphs"))
        doc = parse_document(reader.out, symbol=options.symbol, treaty=options.treaty)
        return ParsedSource(format=self.format, name=probe.name, documents=[doc])
