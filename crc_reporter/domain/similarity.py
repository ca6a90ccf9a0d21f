"""Which recommendations of different mechanisms say the same thing: TF-IDF cosine over normalised words.

The CRC, the UPR and the other treaty bodies raise the same issue in their own
words ("establish a juvenile justice system" / "adopt the draft law on juvenile
justice"). A person confirms each link; this module only proposes them, with a
score and the words the two texts share.

Words are lower-cased, accents folded on Latin letters ("élevé" = "eleve"),
English and French stop words and the mechanisms' boilerplate ("the Committee
recommends that the State party…", « le Comité recommande à l'État partie »)
dropped, plurals folded ("children" = "child"). Khmer, written without spaces,
is cut into character trigrams. Each text keeps its ``MAX_TERMS`` heaviest
words, and words found in more than half the texts of a large collection are
ignored: together they bound the cost of comparing every pair to a few
postings per word (2,000 recommendations compare in well under a second).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: words of each text kept for comparing (the rest weigh little and cost much)
MAX_TERMS = 25
#: a word found in more than this share of a collection of at least ``COMMON_FROM`` texts is ignored
COMMON_SHARE = 0.5
COMMON_FROM = 20


def _listed(text: str) -> list[str]:
    """Words typed as a paragraph, one list (easier to read and extend than a list literal)."""
    return text.split()


#: a Khmer run (consonants, vowels and signs; not its digits or punctuation), or a word of another script
_WORD = re.compile(r"[\u1780-\u17d3\u17dc\u17dd]+|[^\W\d_]+")
_KHMER = re.compile(r"[\u1780-\u17dd]")

_ENGLISH = _listed("""a about above after again against all also an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just may me might more most must my no nor
not now of off on once only or other our ours out over own same shall she should so some such than that the
their theirs them then there these they this those through to too under until up upon very was we were what
when where which while who whom why will with within without would you your yours whether well via per
including include includes inter alia namely particular particularly order regard regarding relevant
respect view therein thereof thereby""")

_FRENCH = _listed("""a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui
ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous y ete etre avoir sont est ont fait afin ainsi aussi autres autre comme dont entre
lors notamment plus sans selon sous tous tout toute toutes tres vers ceux celle celles celui cela ci la ladite
lequel laquelle lesquels lesquelles auxquels desquels egard compris""")

#: the mechanisms' own formulas: in every paragraph, so they say nothing about what it is about
_BOILERPLATE = _listed("""committee recommend recommends recommended recommendation recommendations urge urges urged
state party parties ensure ensures take takes measure measures step steps continue continues effort efforts
necessary further strengthen also encourage encourages encouraged call calls upon reiterate reiterates
concern concerned note notes noting welcome welcomes recall recalling previous para paras paragraph
comite recommande recommandations recommandation etat partie veiller prendre mesures mesure poursuivre
efforts redoubler renforcer engage invite prie instamment demande rappelle preoccupe note paragraphe""")


def _fold(word: str) -> str:
    """Accents off a Latin word ("protégé" -> "protege"); other scripts keep theirs (Khmer vowel signs are marks)."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _singular(word: str) -> str:
    """A crude plural fold, the same in English and French: "children"/"child", "families"/"family", "droits"."""
    if word == "children":
        return "child"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


STOP_WORDS: frozenset[str] = frozenset(_singular(_fold(w)) for w in _ENGLISH + _FRENCH + _BOILERPLATE)


@lru_cache(maxsize=65536)
def _normal_word(word: str) -> str:
    """The word normalised, or "" for a stop word or a single letter."""
    normal = _singular(_fold(word))
    return normal if len(normal) > 1 and normal not in STOP_WORDS else ""


def words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about, normalised (see the module's notes), in order."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)  # "é" typed as e + combining accent is one letter
    tokens = _WORD.findall(text.lower())
    if not _KHMER.search(text):
        return [w for t in tokens if (w := _normal_word(t))]
    out: list[str] = []
    for token in tokens:
        if _KHMER.match(token):  # no spaces between Khmer words: its character trigrams stand for them
            out.extend(token[i : i + 3] for i in range(max(1, len(token) - 2)))
        elif word := _normal_word(token):
            out.append(word)
    return out


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Two texts that say much the same: ``score`` is their cosine (0–1); ``shared`` their heaviest common words."""

    left: Hashable
    right: Hashable
    score: float
    shared: tuple[str, ...]


class SimilarityIndex:
    """TF-IDF vectors of a collection of texts, each in a group (its mechanism), and an inverted index over them.

    ``items`` are ``(key, group, text)``; only texts of different groups are compared when ``across_groups``.
    """

    def __init__(self, items: Iterable[tuple[Hashable, str, str]]) -> None:
        self.keys: list[Hashable] = []
        self.groups: list[str] = []
        counts: list[Counter[str]] = []
        for key, group, text in items:
            self.keys.append(key)
            self.groups.append(group)
            counts.append(Counter(words(text)))
        self.position = {key: i for i, key in enumerate(self.keys)}
        total = len(counts)
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        limit = COMMON_SHARE * total if total >= COMMON_FROM else total + 1
        idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in df.items() if n <= limit}
        self.vectors: list[dict[str, float]] = []
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        #: where each text sits in the postings of its words: the texts after it follow it there
        self._at: list[dict[str, int]] = []
        for i, c in enumerate(counts):
            weights = {w: (1.0 + math.log(n)) * idf[w] for w, n in c.items() if w in idf}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
            vector = {w: v / norm for w, v in top}
            self.vectors.append(vector)
            at: dict[str, int] = {}
            for w, v in vector.items():
                at[w] = len(self.postings[w])
                self.postings[w].append((i, v))
            self._at.append(at)

    def __len__(self) -> int:
        return len(self.keys)

    def _scores(self, i: int, *, across_groups: bool, only_after: bool) -> dict[int, float]:
        acc: dict[int, float] = {}
        get = acc.get
        at = self._at[i]
        for w, v in self.vectors[i].items():
            postings = self.postings[w]
            for j, u in postings[at[w] + 1 :] if only_after else postings:
                acc[j] = get(j, 0.0) + v * u
        acc.pop(i, None)
        if across_groups:
            groups, group = self.groups, self.groups[i]
            return {j: s for j, s in acc.items() if groups[j] != group}
        return acc

    def shared_words(self, a: int, b: int, limit: int = 5) -> tuple[str, ...]:
        va, vb = self.vectors[a], self.vectors[b]
        common = sorted(((va[w] * vb[w], w) for w in va.keys() & vb.keys()), reverse=True)
        return tuple(w for _s, w in common[:limit])

    def neighbours(
        self, key: Hashable, *, limit: int = 5, min_score: float = 0.0, across_groups: bool = True
    ) -> list[SimilarPair]:
        """The texts most like ``key``'s, best first."""
        i = self.position.get(key)
        if i is None:
            return []
        scores = self._scores(i, across_groups=across_groups, only_after=False)
        best = sorted(((s, j) for j, s in scores.items() if s >= min_score), key=lambda sj: (-sj[0], sj[1]))
        return [SimilarPair(key, self.keys[j], round(min(s, 1.0), 4), self.shared_words(i, j)) for s, j in best[:limit]]

    def pairs(
        self, *, min_score: float = 0.3, per_item: int = 5, across_groups: bool = True, only: Sequence[Hashable] = ()
    ) -> list[SimilarPair]:
        """Every pair scoring at least ``min_score``, best first; each text keeps at most ``per_item`` partners.

        ``only``: pairs that involve one of these keys (the others are still compared with them)."""
        wanted = {self.position[k] for k in only if k in self.position} if only else None
        found: dict[tuple[int, int], float] = {}
        for i in range(len(self.keys)):
            if wanted is not None and i not in wanted:
                continue
            scores = self._scores(i, across_groups=across_groups, only_after=wanted is None)
            best = sorted(((s, j) for j, s in scores.items() if s >= min_score), key=lambda sj: (-sj[0], sj[1]))
            for s, j in best[:per_item]:
                found[(min(i, j), max(i, j))] = s
        ordered = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            SimilarPair(self.keys[a], self.keys[b], round(min(s, 1.0), 4), self.shared_words(a, b))
            for (a, b), s in ordered
        ]
