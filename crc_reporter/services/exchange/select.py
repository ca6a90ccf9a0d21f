"""What a package carries: everything, or a selection (one document, one cluster, one actor's actions).

A selection is closed over references, so that the receiver can place every
record it gets: an actor's actions bring the paragraphs they answer (with
their documents and lettered parts) and the actors they name; a document
brings its paragraphs, their assessments and the actions linked to them.
Indicators travel only in full packages (they point at records all over the
store). Confidential actions, with their evidence and links, stay out unless
the person includes them; an indicator that points at a confidential action
then stays out too, rather than arriving without that link.
"""

from __future__ import annotations

from dataclasses import dataclass

from crc_reporter.domain.symbols import SymbolError, normalise_symbol
from crc_reporter.i18n import _
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.exchange.schema import ORDER
from crc_reporter.services.exchange.snapshot import Snapshot


@dataclass(frozen=True)
class Selection:
    document: str | None = None  # a symbol, e.g. CRC/C/KHM/CO/4-6
    cluster: str | None = None  # a cluster key, e.g. violence
    actor: str | None = None  # an actor's name (or short name)

    @property
    def is_full(self) -> bool:
        return not (self.document or self.cluster or self.actor)

    def as_dict(self) -> dict[str, str | None]:
        return {"document": self.document, "cluster": self.cluster, "actor": self.actor}


@dataclass(frozen=True)
class Chosen:
    uuids: dict[str, set[str]]  # table -> uuids to send
    left_out_confidential: int  # confidential actions not sent
    left_out_indicators: int  # indicators not sent because they point at confidential actions
    confidential_sent: int


def _find_actor(snap: Snapshot, name: str) -> str:
    wanted = name.strip().casefold()
    for uuid, data in snap.tables["actor"].data.items():
        if data["name"].casefold() == wanted or (data["short_name"] or "").casefold() == wanted:
            return uuid
    raise NotFoundError(_("no actor named {name} in this store").format(name=name))


def _find_document(snap: Snapshot, symbol: str) -> str:
    try:
        wanted = normalise_symbol(symbol)
    except SymbolError:
        wanted = symbol.strip()
    for uuid, data in snap.tables["document"].data.items():
        if data["symbol"] == wanted:
            return uuid
    raise NotFoundError(_("no document with symbol {symbol} in this store").format(symbol=symbol))


def choose(snap: Snapshot, selection: Selection, include_confidential: bool) -> Chosen:
    t = snap.tables
    secret = {u for u, d in t["action"].data.items() if d["confidential"]}
    chosen = {name: set(t[name].data) for name in ORDER} if selection.is_full else _closure(snap, selection)
    if not include_confidential:
        left_actions = chosen["action"] & secret
        chosen["action"] -= secret
        chosen["source"] = {u for u in chosen["source"] if t["source"].data[u]["action"] not in secret}
        chosen["action_link"] = {u for u in chosen["action_link"] if t["action_link"].data[u]["action"] not in secret}
        pointing = {u for u in chosen["indicator"] if secret & set(t["indicator"].data[u]["actions"])}
        chosen["indicator"] -= pointing
        chosen["indicator_value"] = {
            u for u in chosen["indicator_value"] if t["indicator_value"].data[u]["indicator"] not in pointing
        }
        return Chosen(chosen, len(left_actions), len(pointing), 0)
    return Chosen(chosen, 0, 0, len(chosen["action"] & secret))


def _closure(snap: Snapshot, selection: Selection) -> dict[str, set[str]]:
    t = snap.tables
    recs = set(t["recommendation"].data)
    if selection.document:
        doc = _find_document(snap, selection.document)
        recs = {u for u in recs if t["recommendation"].data[u]["document"] == doc}
    if selection.cluster:
        cluster = selection.cluster.strip().lower()
        known = {d["cluster"] for d in t["recommendation"].data.values()}
        if cluster not in known:
            raise ValidationError(
                _("no paragraph of this store is in the cluster '{cluster}'").format(cluster=selection.cluster)
            )
        recs = {u for u in recs if t["recommendation"].data[u]["cluster"] == cluster}
    links = t["action_link"].data
    if selection.actor:
        actor = _find_actor(snap, selection.actor)
        actions = {u for u, d in t["action"].data.items() if d["actor"] == actor}
        if selection.document or selection.cluster:
            actions = {
                links[u]["action"]
                for u in links
                if links[u]["action"] in actions and links[u]["recommendation"] in recs
            }
        chosen_links = {u for u, d in links.items() if d["action"] in actions}
        if not (selection.document or selection.cluster):
            recs = {links[u]["recommendation"] for u in chosen_links}
        chosen_links = {u for u in chosen_links if links[u]["recommendation"] in recs}
        assessments: set[str] = set()
    else:
        chosen_links = {u for u, d in links.items() if d["recommendation"] in recs}
        actions = {links[u]["action"] for u in chosen_links}
        assessments = {u for u, d in t["assessment"].data.items() if d["recommendation"] in recs}
    out: dict[str, set[str]] = {name: set() for name in ORDER}
    out["recommendation"] = recs
    out["document"] = {t["recommendation"].data[u]["document"] for u in recs}
    out["recommendation_part"] = {u for u, d in t["recommendation_part"].data.items() if d["recommendation"] in recs}
    out["action"] = actions
    out["source"] = {u for u, d in t["source"].data.items() if d["action"] in actions}
    out["action_link"] = chosen_links
    out["assessment"] = assessments
    actors = {t["action"].data[u]["actor"] for u in actions}
    actors |= {t["assessment"].data[u]["assessor"] for u in assessments}
    for u in recs:
        actors |= set(t["recommendation"].data[u]["responsible"])
    actors.discard(None)
    pending = list(actors)
    while pending:  # coalitions bring their members
        for member in t["actor"].data[pending.pop()]["members"]:
            if member not in actors:
                actors.add(member)
                pending.append(member)
    out["actor"] = {a for a in actors if a is not None}
    return out
