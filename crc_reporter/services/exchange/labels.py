"""Naming records for people: "paragraph 17 of CRC/C/KHM/CO/4-6", "action “Train judges”".

Conflicts are shown to a person who must choose between two versions; they
need to recognise the record and read both versions in words, with the
records it points at named rather than given as UUIDs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crc_reporter.i18n import _
from crc_reporter.services.exchange.schema import BY_NAME

Lookup = Callable[[str], tuple[str, dict[str, Any]] | None]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(table: str, data: dict[str, Any] | None, lookup: Lookup, depth: int = 0) -> str:
    if data is None:
        return _("a deleted record")

    def named(uuid: str | None) -> str:
        if uuid is None or depth > 2:
            return "?"
        found = lookup(uuid)
        return describe(found[0], found[1], lookup, depth + 1) if found else "?"

    if table == "document":
        return _("document {symbol}").format(symbol=data["symbol"])
    if table == "recommendation":
        found = lookup(data["document"])
        symbol = found[1]["symbol"] if found else "?"
        return _("paragraph {number} of {symbol}").format(number=data["number"], symbol=symbol)
    if table == "recommendation_part":
        return _("part ({label}) of {paragraph}").format(label=data["label"], paragraph=named(data["recommendation"]))
    if table == "actor":
        return _("actor {name}").format(name=data["name"])
    if table == "action":
        return _("action “{title}”").format(title=_short(data["title"]))
    if table == "source":
        return _("evidence “{title}” of {action}").format(title=_short(data["title"], 40), action=named(data["action"]))
    if table == "action_link":
        target = named(data["part"]) if data["part"] else named(data["recommendation"])
        return _("link from {action} to {target}").format(action=named(data["action"]), target=target)
    if table == "assessment":
        return _("assessment ({side}, {day}) of {paragraph}").format(
            side=data["side"], day=data["assessed_on"], paragraph=named(data["recommendation"])
        )
    if table == "indicator":
        return _("indicator “{name}”").format(name=_short(data["name"]))
    if table == "indicator_value":
        return _("value for {year} of {indicator}").format(year=data["year"], indicator=named(data["indicator"]))
    return table


def readable(table: str, data: dict[str, Any] | None, lookup: Lookup) -> dict[str, Any] | None:
    """The content with the records it points at named (for showing both versions side by side)."""
    if data is None:
        return None
    spec = BY_NAME[table]
    out = dict(data)
    for ref in spec.refs:
        if out[ref.field] is not None:
            found = lookup(out[ref.field])
            out[ref.field] = describe(found[0], found[1], lookup) if found else out[ref.field]
    for coll in spec.collections:
        if coll.kind == "uuids":
            names = []
            for uuid in out[coll.field]:
                found = lookup(uuid)
                names.append(describe(found[0], found[1], lookup) if found else uuid)
            out[coll.field] = names
    return out
