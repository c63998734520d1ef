"""``INSERT … ON CONFLICT`` statements that SQLAlchemy compiles once per process.

SQLAlchemy 2.0 never caches the compiled SQL of the PostgreSQL and SQLite ``Insert``: their
``ON CONFLICT`` clauses have no cache key (``inherit_cache = False``), so every upsert is
compiled again on every call (0.3-0.7 ms of CPU for a row of a dozen columns; a multi-row
``VALUES`` list many times that). ``Upsert`` builds its statement once per dialect and gives
the ``ON CONFLICT`` clause a cache key: the SQL of its target, ``SET`` and ``WHERE`` with literal
values written out, so two clauses that differ in anything get different keys. The rest of the
statement keeps SQLAlchemy's own cache key. Rows are passed to ``execute`` as parameters (one
dict, or a list of them for ``executemany``).
"""

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Insert as Statement
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.visitors import InternalTraversal

from tutor_platform.shared.persistence.repository import dialect_insert

__all__ = ["Insert", "Statement", "Upsert", "cacheable"]

Insert = postgresql.Insert | sqlite.Insert
"""The dialect's ``INSERT`` that ``Upsert``'s builder gets (it takes ``ON CONFLICT``)."""


class _CachedPostgresInsert(postgresql.Insert):
    inherit_cache = True


class _CachedSqliteInsert(sqlite.Insert):
    inherit_cache = True


_CACHED_INSERTS: dict[type, type] = {
    postgresql.Insert: _CachedPostgresInsert,
    sqlite.Insert: _CachedSqliteInsert,
}
_KEYED_CLAUSES: dict[type, type] = {}


def _sql(element: Any) -> str:
    if element is None:
        return ""
    if isinstance(element, ClauseElement):
        return str(element.compile(compile_kwargs={"literal_binds": True}))
    return repr(element)


def _clause_text(clause: Any) -> str:
    """Everything the ``ON CONFLICT`` clause renders, as text."""
    parts = [
        type(clause).__name__,
        str(getattr(clause, "constraint_target", None)),
        ",".join(_sql(e) for e in getattr(clause, "inferred_target_elements", None) or ()),
        _sql(getattr(clause, "inferred_target_whereclause", None)),
        ",".join(
            f"{_sql(key)}={_sql(value)}"
            for key, value in getattr(clause, "update_values_to_set", None) or ()
        ),
        _sql(getattr(clause, "update_whereclause", None)),
    ]
    return "|".join(parts)


def _keyed_class(clause_class: type) -> type:
    keyed = _KEYED_CLAUSES.get(clause_class)
    if keyed is None:
        keyed = _KEYED_CLAUSES[clause_class] = type(
            f"Keyed{clause_class.__name__}",
            (clause_class,),
            {
                "inherit_cache": True,
                "_traverse_internals": [("_cache_text", InternalTraversal.dp_string)],
            },
        )
    return keyed


def _copy_as(instance: Any, cls: type) -> Any:
    copied: Any = object.__new__(cls)
    copied.__dict__.update(instance.__dict__)
    return copied


def cacheable(statement: Statement) -> Statement:
    """A dialect's ``statement`` with a cache key, so that SQLAlchemy compiles it once."""
    cached = _copy_as(statement, _CACHED_INSERTS[type(statement)])
    clause = statement._post_values_clause
    if clause is not None:
        keyed = _copy_as(clause, _keyed_class(type(clause)))
        keyed._cache_text = _clause_text(clause)
        cached._post_values_clause = keyed
    return cast(Statement, cached)


class Upsert:
    """An ``INSERT … ON CONFLICT`` on ``table``: ``build`` adds the conflict clause (and any
    ``RETURNING``) to the dialect's ``INSERT``; built once per dialect and compiled once."""

    def __init__(self, table: Table, build: Callable[[Insert], Statement]) -> None:
        self._table = table
        self._build = build
        self._built: dict[str, Statement] = {}

    def on(self, session: AsyncSession) -> Statement:
        """The statement for the session's database."""
        dialect = session.get_bind().dialect.name
        statement = self._built.get(dialect)
        if statement is None:
            statement = self._built[dialect] = cacheable(
                self._build(dialect_insert(dialect, self._table))
            )
        return statement
