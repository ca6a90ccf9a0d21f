"""Full-text search over recommendations and actions.

SQLite uses the FTS5 tables of migration 0002; PostgreSQL its own text search;
any other database falls back to a LIKE scan. Every word typed must match
(a prefix match, so results appear while the user is still typing).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from crc_reporter.store.models import Action, Recommendation

_SEPARATORS = re.compile(r"[\s\"'()*:^.,;!?\[\]{}<>/\\|+=&%$#@~`]+")


def query_terms(query: str) -> list[str]:
    return [t for t in _SEPARATORS.split(query) if t and t.upper() not in ("AND", "OR", "NOT", "NEAR")]


def _fts5_expression(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', "") + '"*' for t in terms)


_LATIN_WORD = re.compile(r"^[0-9A-Za-z\u00C0-\u024F]+$")


def _pg_term(column: Any, term: str) -> Any:
    """A word of a spaced script: text-search prefix match; anything else (Khmer): substring, trigram-indexed."""
    if _LATIN_WORD.match(term):
        return func.to_tsvector(literal_column("'simple'"), column).op("@@")(
            func.to_tsquery(literal_column("'simple'"), term + ":*")
        )
    return column.ilike("%" + term.replace("%", r"\%").replace("_", r"\_") + "%")


def recommendation_match(session: Session, query: str) -> Select[Any] | None:
    """A SELECT of matching recommendation ids, or None when the query has no words."""
    terms = query_terms(query)
    if not terms:
        return None
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return (
            select(literal_column("rowid"))
            .select_from(text("recommendation_fts"))
            .where(text("recommendation_fts MATCH :q").bindparams(q=_fts5_expression(terms)))
        )
    if dialect == "postgresql":
        return select(Recommendation.id).where(and_(*(_pg_term(Recommendation.text, t) for t in terms)))
    return select(Recommendation.id).where(and_(*(Recommendation.text.ilike(f"%{t}%") for t in terms)))


def search_recommendation_ids(session: Session, query: str) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        terms = query_terms(query)
        if not terms:
            return []
        # A keystroke can match thousands of paragraphs: read the ids straight from the driver, in the
        # session's own connection (SQLAlchemy's per-row work was most of the time of a search).
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        sql = "SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH ?"
        return [row[0] for row in raw.execute(sql, (_fts5_expression(terms),)).fetchall()]
    stmt = recommendation_match(session, query)
    return [] if stmt is None else list(session.scalars(stmt))


def action_match(session: Session, query: str) -> Select[Any] | None:
    terms = query_terms(query)
    if not terms:
        return None
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return (
            select(literal_column("rowid"))
            .select_from(text("action_fts"))
            .where(text("action_fts MATCH :q").bindparams(q=_fts5_expression(terms)))
        )
    if dialect == "postgresql":
        sep: Any = literal_column("' '")  # a literal, not a bind parameter, so the expression index applies
        combined = Action.title + sep + Action.description + sep + Action.outcome
        return select(Action.id).where(and_(*(_pg_term(combined, t) for t in terms)))
    fields = (Action.title, Action.description, Action.outcome)
    return select(Action.id).where(and_(*(or_(*(f.ilike(f"%{t}%") for f in fields)) for t in terms)))


def search_action_ids(session: Session, query: str) -> list[int]:
    stmt = action_match(session, query)
    return [] if stmt is None else list(session.scalars(stmt))
