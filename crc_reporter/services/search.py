"""Full-text search over recommendations (text and translation) and actions.

Every word typed must match. A word of a spaced script (Latin letters, digits)
is a prefix match on the word index, so results appear while the user is still
typing. Any other word (Khmer, which writes no spaces between words) is a
substring match, so a word is found inside a longer sentence:

- SQLite: FTS5 word indexes (``unicode61``, migrations 0002 and 0007) and trigram
  indexes (``tokenize='trigram'``, migration 0007); a trigram needs three
  characters, so one- and two-character words fall back to a LIKE scan.
- PostgreSQL: text search (GIN over ``to_tsvector('simple', …)``) and ``pg_trgm``
  indexes for ILIKE.
- Any other database: a LIKE scan.

Khmer is typed two ways for one sound (subscript ដ "្ដ" or ត "្ត", e.g. ស្ដី/ស្តី);
a word is looked up in both spellings. Zero-width spaces, which some Khmer
typists put between words, are dropped from what is searched for, and so are
control characters (a NUL is not text to PostgreSQL). Repeated words count once,
and a pasted page is cut to its first words (:data:`MAX_TERMS`), so that no
query costs seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, column, func, literal_column, or_, select, table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crc_reporter.store.models import Action, Recommendation

# spaces, control characters (NUL included), punctuation, Khmer punctuation (។ ៕ ៖) and zero-width
# spaces separate words
_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f\"'()*:^.,;!?\[\]{}<>/\\|+=&%$#@~`\u17d4-\u17d6\u200b\ufeff]+")
_LATIN_WORD = re.compile(r"^[0-9A-Za-z\u00C0-\u024F]+$")
_COENG_DA, _COENG_TA = "\u17d2\u178a", "\u17d2\u178f"
_TRIGRAM = 3
_ASCII_LETTER = re.compile(r"[A-Za-z]")


#: What a search looks at: a pasted page must not cost seconds per keystroke. Beyond these, the rest
#: of the query is ignored (every word must match, so more words would only narrow the results).
MAX_QUERY_CHARS = 10_000
MAX_TERMS = 16
MAX_TERM_CHARS = 64


def query_terms(query: str) -> list[str]:
    """The distinct words of ``query`` (case ignored), at most :data:`MAX_TERMS` of them."""
    out: list[str] = []
    seen: set[str] = set()
    tokens = _SEPARATORS.split(query[:MAX_QUERY_CHARS])
    if len(query) > MAX_QUERY_CHARS and not _SEPARATORS.match(query[MAX_QUERY_CHARS]):
        tokens = tokens[:-1]  # a word cut in two by the limit is not searched for
    for term in tokens:
        term = term[:MAX_TERM_CHARS]
        key = term.casefold()
        if not term or key in seen or term.upper() in ("AND", "OR", "NOT", "NEAR"):
            continue
        seen.add(key)
        out.append(term)
        if len(out) == MAX_TERMS:
            break
    return out


def is_spaced_word(term: str) -> bool:
    """A word of a script that separates words with spaces (the word index finds it)."""
    return bool(_LATIN_WORD.match(term))


def spellings(term: str) -> list[str]:
    """The ways ``term`` may be written: Khmer subscript da and ta are interchangeable in practice."""
    out = [term]
    for variant in (term.replace(_COENG_DA, _COENG_TA), term.replace(_COENG_TA, _COENG_DA)):
        if variant not in out:
            out.append(variant)
    return out


def _fts5_prefixes(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', "") + '"*' for t in terms)


def _fts5_substring(term: str) -> str:
    return " OR ".join('"' + v.replace('"', '""') + '"' for v in spellings(term))


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"


def _sqlite_match(terms: list[str], id_column: Any, words: str, trigrams: str, columns: Sequence[Any]) -> Select[Any]:
    """Ids matching every term: spaced words on the word index, other words on the trigram index."""
    conditions = []
    spaced = [t for t in terms if is_spaced_word(t)]
    if spaced:
        index = table(words, column("rowid"))
        found = select(index.c.rowid).where(literal_column(words).op("MATCH")(_fts5_prefixes(spaced)))
        conditions.append(id_column.in_(found))
    for term in (t for t in terms if not is_spaced_word(t)):
        if len(term) >= _TRIGRAM:
            index = table(trigrams, column("rowid"))
            found = select(index.c.rowid).where(literal_column(trigrams).op("MATCH")(_fts5_substring(term)))
            conditions.append(id_column.in_(found))
        else:  # shorter than a trigram: a scan, still cheap next to a person's typing
            conditions.append(or_(*(c.like(_like(v), escape="\\") for c in columns for v in spellings(term))))
    return select(id_column).where(and_(*conditions))


def _pg_words(column_expr: Any, term: str) -> Any:
    return func.to_tsvector(literal_column("'simple'"), column_expr).op("@@")(
        func.to_tsquery(literal_column("'simple'"), term + ":*")
    )


def _pg_term(columns: Sequence[Any], term: str) -> Any:
    """A spaced word: text-search prefix match; anything else (Khmer): substring, trigram-indexed ILIKE."""
    if is_spaced_word(term):
        return or_(*(_pg_words(c, term) for c in columns))
    return or_(*(c.ilike(_like(v)) for c in columns for v in spellings(term)))  # PostgreSQL's escape is \\


def _recommendation_columns_pg() -> list[Any]:
    # literals, not bind parameters, so that the expression indexes of migrations 0002, 0005 and 0007 apply
    return [Recommendation.text, func.coalesce(Recommendation.translation, literal_column("''"))]


def recommendation_match(session: Session, query: str) -> Select[Any] | None:
    """A SELECT of matching recommendation ids, or None when the query has no words."""
    terms = query_terms(query)
    if not terms:
        return None
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        columns = (Recommendation.text, Recommendation.translation)
        return _sqlite_match(terms, Recommendation.id, "recommendation_fts", "recommendation_trgm_fts", columns)
    if dialect == "postgresql":
        text_columns = _recommendation_columns_pg()
        conditions = []
        for term in terms:
            if is_spaced_word(term):
                conditions.append(_pg_term(text_columns, term))
            else:  # the trigram indexes are on the bare columns
                conditions.append(_pg_term([Recommendation.text, Recommendation.translation], term))
        return select(Recommendation.id).where(and_(*conditions))
    fields = (Recommendation.text, Recommendation.translation)
    return select(Recommendation.id).where(
        and_(*(or_(*(f.ilike(_like(v), escape="\\") for f in fields for v in spellings(t))) for t in terms))
    )


def _sqlite_ids_sql(
    terms: list[str], words: str, trigrams: str, table_name: str, columns: Sequence[str]
) -> tuple[str, list[str]]:
    """One SQL statement giving the ids that match every term, read straight from the indexes.

    The same test as :func:`_sqlite_match`, written out as text: no statement is built and compiled per
    keystroke, and the full-text indexes' rowids are the ids (external content, kept in step by triggers),
    so a spaced-words query is exactly the bare FTS5 query, without a join back to the table.
    """
    parts: list[str] = []
    params: list[str] = []
    spaced = [t for t in terms if is_spaced_word(t)]
    if spaced:
        parts.append(f"SELECT rowid FROM {words} WHERE {words} MATCH ?")
        params.append(_fts5_prefixes(spaced))
    for term in (t for t in terms if not is_spaced_word(t)):
        if len(term) >= _TRIGRAM:
            parts.append(f"SELECT rowid FROM {trigrams} WHERE {trigrams} MATCH ?")
            params.append(_fts5_substring(term))
        else:  # shorter than a trigram: a scan, still cheap next to a person's typing
            pairs = [(c, v) for c in columns for v in spellings(term)]
            if _ASCII_LETTER.search(term):  # LIKE ignores the case of ASCII letters (and only theirs)
                tests, values = [f"{c} LIKE ? ESCAPE '\\'" for c, _v in pairs], [_like(v) for _c, v in pairs]
            else:  # a caseless script (Khmer): the same test as LIKE's, several times faster
                tests, values = [f"instr({c}, ?) > 0" for c, _v in pairs], [v for _c, v in pairs]
            parts.append(f"SELECT id FROM {table_name} WHERE " + " OR ".join(tests))
            params += values
    if len(parts) == 1:
        return parts[0], params
    return " INTERSECT ".join(parts) + " ORDER BY 1", params


def search_recommendation_ids(session: Session, query: str) -> list[int]:
    """The ids of the recommendations matching ``query``, in id order (search as you type calls this per key).

    On SQLite one statement on the driver, in the session's own connection: SQLAlchemy's statement
    building, compiling and per-row work were most of the time of a search (see :func:`_sqlite_ids_sql`).
    """
    terms = query_terms(query)
    if not terms:
        return []
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        stmt = recommendation_match(session, query)
        return [] if stmt is None else list(session.scalars(stmt))
    sql, params = _sqlite_ids_sql(
        terms, "recommendation_fts", "recommendation_trgm_fts", "recommendation", ("text", "translation")
    )
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    driver_error = bind.dialect.loaded_dbapi.Error
    try:
        return [row[0] for row in raw.execute(sql, params).fetchall()]
    except driver_error as exc:  # wrapped as SQLAlchemy would, so the store explains it (a damaged index, say)
        raise DBAPIError.instance(sql, params, exc, driver_error) from exc


def action_match(session: Session, query: str) -> Select[Any] | None:
    terms = query_terms(query)
    if not terms:
        return None
    dialect = session.get_bind().dialect.name
    fields = (Action.title, Action.description, Action.outcome)
    if dialect == "sqlite":
        return _sqlite_match(terms, Action.id, "action_fts", "action_trgm_fts", fields)
    if dialect == "postgresql":
        sep: Any = literal_column("' '")  # a literal, not a bind parameter, so the expression index applies
        combined = Action.title + sep + Action.description + sep + Action.outcome
        return select(Action.id).where(and_(*(_pg_term([combined], t) for t in terms)))
    return select(Action.id).where(
        and_(*(or_(*(f.ilike(_like(v), escape="\\") for f in fields for v in spellings(t))) for t in terms))
    )


def search_action_ids(session: Session, query: str) -> list[int]:
    stmt = action_match(session, query)
    return [] if stmt is None else list(session.scalars(stmt))


def fold(text: str) -> str:
    """``text`` as the index compares it: case ignored, subscript da written as ta, zero-width spaces gone.

    The published website's search folds its index and the reader's query the same way
    (``crc_reporter.publish``), so it finds what this module finds.
    """
    return text.casefold().replace(_COENG_DA, _COENG_TA).replace("\u200b", "").replace("\ufeff", "")


def words_of(text: str) -> list[str]:
    """The distinct folded words of ``text`` split as a query is split (a Khmer run stays one word)."""
    return list(dict.fromkeys(w for w in _SEPARATORS.split(fold(text)) if w))


#: The characters that separate words, as a JavaScript-compatible character class (the website's search).
SEPARATOR_CLASS = _SEPARATORS.pattern
#: A word of a spaced script (matched by prefix), as a JavaScript-compatible pattern.
SPACED_WORD_PATTERN = _LATIN_WORD.pattern
