"""SQL the progress repositories share: an upsert-capable INSERT and GREATEST for the
database in use (PostgreSQL, or SQLite >= 3.35 for ``RETURNING``)."""

from typing import Any

from sqlalchemy import ColumnElement, CursorResult, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

Upsert = postgresql.Insert | sqlite.Insert


def _is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def upsert(session: AsyncSession, table: Any) -> Upsert:
    """An ``INSERT`` into ``table`` that takes ``ON CONFLICT`` clauses on this database."""
    return postgresql.insert(table) if _is_postgres(session) else sqlite.insert(table)


def greatest(session: AsyncSession, a: Any, b: Any) -> ColumnElement[Any]:
    """The larger of two values: ``GREATEST`` on PostgreSQL, two-argument ``MAX`` on SQLite."""
    return func.greatest(a, b) if _is_postgres(session) else func.max(a, b)


def rowcount(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0
