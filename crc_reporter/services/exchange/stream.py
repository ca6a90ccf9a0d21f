"""Reading a package's members a record at a time: memory follows the records kept, not the file.

A ``records/<table>.json`` member is ``{"fields": [...], "records": [[...], ...]}``
and ``tombstones.json`` a list; both are read in chunks from the zip, decoded
one value at a time (:meth:`json.JSONDecoder.raw_decode`) and checked in
batches, so that the member's text, its parsed lists and the records made from
them never all exist at once. The member's SHA-256 is computed on the way; a
member whose bytes do not match the manifest is refused, whatever its content.

Each table holds at most what a real store holds (:data:`MAX_RECORDS`, well above
the largest store measured), one record at most :data:`MAX_VALUE` characters,
and a package at most :data:`MAX_PACKAGE_RECORDS` records: a package built to
exhaust memory is refused with one line that says so.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable
from typing import IO, Any

from crc_reporter.i18n import _
from crc_reporter.services.exchange.validate import IncomingRecord, PackageError, check_records, check_tombstones

CHUNK = 1 << 20
BATCH = 5_000
MAX_VALUE = 16 * 1024 * 1024  # characters of one record; a paragraph's text is at most 1,000,000
MAX_RECORDS = {  # the benchmark store of issue 7 (1,200 documents, 50,000 actions) holds about a quarter
    "document": 10_000,
    "actor": 20_000,
    "recommendation": 100_000,
    "recommendation_part": 200_000,
    "action": 200_000,
    "source": 200_000,
    "action_link": 250_000,
    "assessment": 100_000,
    "coalition_input": 100_000,  # a few per paragraph at most
    "subheading_translation": 10_000,
    "recommendation_relation": 200_000,  # a few related recommendations per paragraph
    "indicator": 10_000,
    "indicator_value": 100_000,
}
MAX_TOMBSTONES = 1_000_000
MAX_PACKAGE_RECORDS = 400_000
# What reading a package may keep, estimated as the bytes of its members plus RECORD_COST per record:
# under 300 MB of memory for any package. The benchmark store's package (255,000 records, 93 MB of
# JSON) costs 221 MB of the 240 and needs 208 MB at its peak.
RECORD_COST = 500
MAX_PACKAGE_COST = 240 * 1024 * 1024
_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"

Refuse = Callable[[str], PackageError]


class _Member:
    """The text of one member, read on demand and hashed as it is read."""

    def __init__(self, fh: IO[bytes], where: str, refuse: Refuse, budget: Budget) -> None:
        self.fh = fh
        self.budget = budget
        self.where = where
        self.refuse = refuse
        self.digest = hashlib.sha256()
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def malformed(self) -> PackageError:
        return self.refuse(_("{member} is not valid JSON").format(member=self.where))

    def more(self, size: int = CHUNK) -> bool:
        if self.eof:
            return False
        raw = self.fh.read(size)
        try:
            text = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError:
            raise self.malformed() from None
        self.digest.update(raw)
        self.budget.spend(len(raw))
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        if not raw:
            self.eof = True
        return bool(raw) or bool(text)

    def drain(self) -> str:
        """Read what is left (only hashed) and return the member's SHA-256."""
        while raw := self.fh.read(CHUNK):
            self.digest.update(raw)
        return self.digest.hexdigest()

    def peek(self) -> str:
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _SPACE:
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.malformed()
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        size = CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:  # a number at the very end may go on in the next chunk
                    self.pos = end
                    return value
            except RecursionError:
                raise self.malformed() from None
            except ValueError:
                pass
            if len(self.buf) - self.pos > MAX_VALUE:
                raise self.refuse(_("{member} holds a record too large for a store").format(member=self.where))
            if not self.more(size):
                raise self.malformed()
            size *= 2  # a long record is read in growing chunks: decoding it again costs little overall

    def end(self) -> None:
        if self.peek() != "":
            raise self.malformed()


def too_many(what: str, limit: int) -> str:
    return _("it holds more records ({what}) than a real store does (at most {limit})").format(what=what, limit=limit)


def _too_many(refuse: Refuse, what: str, limit: int) -> PackageError:
    return refuse(too_many(what, limit))


class Budget:
    """Records and bytes read so far in one package, against :data:`MAX_PACKAGE_RECORDS` and the cost."""

    def __init__(self, refuse: Refuse) -> None:
        self.left = MAX_PACKAGE_RECORDS
        self.cost = 0
        self.refuse = refuse
        self.memo: dict[str, str] = {}  # strings kept so far, shared (see validate.check_records)

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _too_many(self.refuse, _("all kinds together"), MAX_PACKAGE_RECORDS)
        self.spend(n * RECORD_COST)

    def spend(self, cost: int) -> None:
        self.cost += cost
        if self.cost > MAX_PACKAGE_COST:
            raise self.refuse(
                _(
                    "it is larger than a package of any real store (more than {n} records with their text); "
                    "it was not read"
                ).format(n=MAX_PACKAGE_RECORDS)
            )


def _items(member: _Member, limit: int, what: str, refuse: Refuse, budget: Budget) -> Any:
    """The elements of the JSON list that starts here, one at a time, at most ``limit``."""
    member.expect("[")
    if member.peek() == "]":
        member.pos += 1
        return
    count = 0
    while True:
        yield member.value()
        count += 1
        budget.take(1)
        if count > limit:
            raise _too_many(refuse, what, limit)
        char = member.peek()
        member.pos += 1
        if char == "]":
            return
        if char != ",":
            raise member.malformed()


def _records(member: _Member, table: str, where: str, refuse: Refuse, budget: Budget) -> list[IncomingRecord]:
    out: list[IncomingRecord] = []
    fields: Any = None
    seen: set[str] = set()
    member.expect("{")
    while member.peek() != "}":
        key = member.value()
        if type(key) is not str or key in seen:
            raise member.malformed()
        seen.add(key)
        member.expect(":")
        if key != "records":
            value = member.value()  # anything else the member says is read and left alone
            fields = value if key == "fields" else fields
        else:
            head = {"fields": fields, "records": []}
            batch: list[Any] = []
            for row in _items(member, MAX_RECORDS[table], table, refuse, budget):
                batch.append(row)
                if len(batch) >= BATCH:
                    out.extend(
                        check_records(table, {**head, "records": batch}, where, start=len(out), memo=budget.memo)
                    )
                    batch = []
            out.extend(check_records(table, {**head, "records": batch}, where, start=len(out), memo=budget.memo))
        if member.peek() == ",":
            member.pos += 1
        elif member.peek() != "}":
            raise member.malformed()
    member.pos += 1
    member.end()
    if "records" not in seen:
        check_records(table, {"fields": fields}, where)  # says what is missing
    return out


def _tombstones(member: _Member, where: str, refuse: Refuse, budget: Budget) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    if member.peek() != "[":
        check_tombstones(None, where)
    batch: list[Any] = []
    for item in _items(member, MAX_TOMBSTONES, _("deletions"), refuse, budget):
        batch.append(item)
        if len(batch) >= BATCH:
            out.extend(check_tombstones(batch, where, start=len(out)))
            batch = []
    out.extend(check_tombstones(batch, where, start=len(out)))
    member.end()
    return out


def read_member(
    zf: zipfile.ZipFile, name: str, expected: Any, refuse: Refuse, budget: Budget
) -> list[IncomingRecord] | list[tuple[str, str, str]]:
    """The checked records (or deletions) of member ``name``, whose SHA-256 must be ``expected``."""
    table = None if name == "tombstones.json" else name[len("records/") : -len(".json")]
    try:
        return _read(zf, name, table, expected, refuse, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise refuse(_("{member} is damaged").format(member=name)) from None


def _read(
    zf: zipfile.ZipFile, name: str, table: str | None, expected: Any, refuse: Refuse, budget: Budget
) -> list[IncomingRecord] | list[tuple[str, str, str]]:
    with zf.open(name) as fh:
        member = _Member(fh, name, refuse, budget)
        try:
            if table is None:
                result: Any = _tombstones(member, name, refuse, budget)
            else:
                result = _records(member, table, name, refuse, budget)
        except PackageError:
            if member.drain() != expected:  # an altered member is said to be altered, not malformed
                raise refuse(_("{member} does not match its checksum").format(member=name)) from None
            raise
        if member.drain() != expected:
            raise refuse(_("{member} does not match its checksum").format(member=name))
    return result
